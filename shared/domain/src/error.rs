//! Errors as data: a stable code, the HTTP status that fits it and a message in the caller's
//! language. Handlers turn a [`DomainError`] into `{"error": {"code", "message"}}`.

use std::fmt;

use crate::wire::wire_enum;
use crate::{AcademicYearError, IinError, MsgLang};

wire_enum! {
    /// Every error the API reports. The codes are part of the contract: never rename one.
    ErrorCode {
        BadRequest => "bad_request",
        ValidationFailed => "validation_failed",
        Unauthorized => "unauthorized",
        Forbidden => "forbidden",
        NotFound => "not_found",
        MethodNotAllowed => "method_not_allowed",
        InvalidIin => "invalid_iin",
        /// The birth date or sex given does not agree with the child's IIN.
        IinMismatch => "iin_mismatch",
        AgeNotEligible => "age_not_eligible",
        MissingDocument => "missing_document",
        /// An attached file does not exist, is not uploaded or belongs to someone else.
        DocumentNotFound => "document_not_found",
        FileTypeNotAllowed => "file_type_not_allowed",
        FileTooLarge => "file_too_large",
        InvalidAcademicYear => "invalid_academic_year",
        LanguageNotOffered => "language_not_offered",
        /// No class limit for that year and language: applications are not accepted.
        NoLimit => "no_limit",
        DuplicateApplication => "duplicate_application",
        /// The caller is not among the child's legal representatives in the population register.
        NotLegalRepresentative => "not_legal_representative",
        ConflictOfInterest => "conflict_of_interest",
        /// The population register did not answer (or answered nonsense): worth a retry.
        PopulationRegisterUnavailable => "population_register_unavailable",
        LimitExists => "limit_exists",
        SeatsBelowAccepted => "seats_below_accepted",
        /// An organisation with the same BIN exists.
        OrgExists => "org_exists",
        QueueOrderViolated => "queue_order_violated",
        LimitExhausted => "limit_exhausted",
        ReasonRequired => "reason_required",
        TransportDecisionRequired => "transport_decision_required",
        InvalidStatus => "invalid_status",
        SignatureInvalid => "signature_invalid",
        /// The signing certificate does not chain to a trusted CA.
        CertificateUntrusted => "certificate_untrusted",
        /// The signing certificate (or one of its issuers) is not valid at signing time.
        CertificateExpired => "certificate_expired",
        /// The certificate's key usage allows no signing (or its key is not RSA or P-256).
        CertificateNotForSigning => "certificate_not_for_signing",
        /// The certificate names another person or organisation than the signer's.
        CertificateSubjectMismatch => "certificate_subject_mismatch",
        CommentRequired => "comment_required",
        AddressOutsideLocality => "address_outside_locality",
        /// A document's bytes are not of the type it was declared as (a PNG sent as PDF).
        FileTypeMismatch => "file_type_mismatch",
        /// The upload target was used already: a file's bytes are sent once.
        UploadUsed => "upload_used",
        /// The upload target expired before the bytes came.
        UploadExpired => "upload_expired",
        /// The region admin acts on a locality of another region.
        OutsideRegion => "outside_region",
        /// Only children from birth to 6 full years are registered in the preschool queue.
        NotPreschoolAge => "not_preschool_age",
        /// The child already has an active preschool queue application.
        AlreadyInQueue => "already_in_queue",
        /// Choosing a kindergarten: the child is not in the queue (directed, enrolled, removed).
        NotInQueue => "not_in_queue",
        /// Choosing a kindergarten: the child is not 3 full years old yet.
        TooYoungToChoose => "too_young_to_choose",
        /// Choosing a kindergarten: the child is on the stop-list after an expired direction.
        StopListed => "stop_listed",
        /// Choosing a kindergarten: no free state-order place for the child's age group.
        NoFreePlaces => "no_free_places",
        /// The applicant did not confirm that the queue number is not kept.
        WarningNotAccepted => "warning_not_accepted",
        /// The state-order places cannot be fewer than the directions they carry.
        PlacesBelowOutstanding => "places_below_outstanding",
        /// A direction is extended once.
        AlreadyExtended => "already_extended",
        /// A direction is revoked by the applicant within 24 hours of its issue only.
        RevokeWindowPassed => "revoke_window_passed",
        /// The person is the region's education department staff already.
        AlreadyAppointed => "already_appointed",
        /// College admission: outside the campaign's admission period.
        CampaignClosed => "campaign_closed",
        /// College admission: the college offers no such specialty line on that basis.
        SpecialtyNotOffered => "specialty_not_offered",
        /// College admission: the applicant has an active application to this college this year.
        AlreadyApplied => "already_applied",
        /// The applicant is under 16 and applies through a legal representative.
        TooYoungToApplyAlone => "too_young_to_apply_alone",
        /// The organisation has a director already: the region appoints one.
        DirectorExists => "director_exists",
        /// A message or template without text in either language.
        TextRequired => "text_required",
        /// The organisation keeps as many response templates as allowed.
        TooManyTemplates => "too_many_templates",
        /// The order number is registered already in the organisation that year.
        OrderNumberTaken => "order_number_taken",
        /// An application that is not a signed acceptance of the organisation's year, or is in
        /// another order already.
        NotOrderable => "not_orderable",
        ServiceUnavailable => "service_unavailable",
        Internal => "internal",
    }
}

impl ErrorCode {
    /// The HTTP status: 400 unreadable, 401 not signed in, 403 not allowed, 404 not found,
    /// 409 conflict with the current state, 422 a rule of the service says no, 5xx ours.
    pub const fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            BadRequest => 400,
            Unauthorized => 401,
            Forbidden | NotLegalRepresentative | ConflictOfInterest | OutsideRegion => 403,
            AlreadyInQueue
            | NotInQueue
            | NoFreePlaces
            | PlacesBelowOutstanding
            | AlreadyExtended => 409,
            NotFound => 404,
            MethodNotAllowed => 405,
            DuplicateApplication | LimitExists | SeatsBelowAccepted | OrgExists
            | QueueOrderViolated | LimitExhausted | InvalidStatus | UploadUsed
            | AlreadyAppointed | AlreadyApplied | DirectorExists | TooManyTemplates
            | OrderNumberTaken | NotOrderable => 409,
            UploadExpired => 410,
            ValidationFailed
            | InvalidIin
            | IinMismatch
            | AgeNotEligible
            | MissingDocument
            | DocumentNotFound
            | FileTypeNotAllowed
            | FileTooLarge
            | InvalidAcademicYear
            | LanguageNotOffered
            | NoLimit
            | ReasonRequired
            | TransportDecisionRequired
            | SignatureInvalid
            | CertificateUntrusted
            | CertificateExpired
            | CertificateNotForSigning
            | CertificateSubjectMismatch
            | CommentRequired
            | AddressOutsideLocality
            | FileTypeMismatch
            | NotPreschoolAge
            | TooYoungToChoose
            | StopListed
            | WarningNotAccepted
            | RevokeWindowPassed
            | CampaignClosed
            | SpecialtyNotOffered
            | TooYoungToApplyAlone
            | TextRequired => 422,
            Internal => 500,
            ServiceUnavailable | PopulationRegisterUnavailable => 503,
        }
    }

    /// What the person is told, in Russian or Kazakh.
    pub fn message(self, lang: MsgLang) -> &'static str {
        use ErrorCode::*;
        let (ru, kk) = match self {
            BadRequest => (
                "Не удалось прочитать запрос. Проверьте данные и повторите попытку.",
                "Сұранысты оқу мүмкін болмады. Деректерді тексеріп, қайталап көріңіз.",
            ),
            ValidationFailed => (
                "Поле заполнено неверно. Проверьте введённые данные.",
                "Өріс қате толтырылған. Енгізілген деректерді тексеріңіз.",
            ),
            Unauthorized => (
                "Требуется вход в систему. Войдите и повторите попытку.",
                "Жүйеге кіру қажет. Кіріп, әрекетті қайталаңыз.",
            ),
            Forbidden => (
                "У вас нет прав на это действие.",
                "Бұл әрекетті орындауға құқығыңыз жоқ.",
            ),
            NotFound => (
                "Запрашиваемые данные не найдены.",
                "Сұралған деректер табылмады.",
            ),
            MethodNotAllowed => (
                "Этот метод запроса не поддерживается.",
                "Сұраныстың бұл әдісіне қолдау көрсетілмейді.",
            ),
            InvalidIin => (
                "ИИН указан неверно. Проверьте все 12 цифр.",
                "ЖСН қате көрсетілген. Барлық 12 цифрды тексеріңіз.",
            ),
            IinMismatch => (
                "Дата рождения или пол не совпадают с ИИН ребёнка.",
                "Туған күні немесе жынысы баланың ЖСН-іне сәйкес келмейді.",
            ),
            AgeNotEligible => (
                "Возраст ребёнка не соответствует условиям приёма в 1 класс в этом учебном году.",
                "Баланың жасы осы оқу жылында 1-сыныпқа қабылдау шарттарына сәйкес келмейді.",
            ),
            MissingDocument => (
                "Не приложен обязательный документ.",
                "Міндетті құжат тіркелмеген.",
            ),
            DocumentNotFound => (
                "Приложенный файл не найден или не загружен.",
                "Тіркелген файл табылмады немесе жүктелмеген.",
            ),
            FileTypeNotAllowed => (
                "Допускаются только файлы PDF, JPEG и PNG.",
                "Тек PDF, JPEG және PNG файлдарына рұқсат етіледі.",
            ),
            FileTooLarge => (
                "Размер файла не должен превышать 5 МБ.",
                "Файл көлемі 5 МБ-тан аспауы тиіс.",
            ),
            InvalidAcademicYear => (
                "Учебный год указан неверно. Укажите его в виде 2026-2027.",
                "Оқу жылы қате көрсетілген. Оны 2026-2027 түрінде көрсетіңіз.",
            ),
            LanguageNotOffered => (
                "В этой организации нет обучения на выбранном языке.",
                "Бұл ұйымда таңдалған тілде оқыту жүргізілмейді.",
            ),
            NoLimit => (
                "Для этого учебного года и языка обучения не установлен лимит мест, заявки не принимаются.",
                "Осы оқу жылына және оқыту тіліне орын лимиті белгіленбеген, өтініштер қабылданбайды.",
            ),
            DuplicateApplication => (
                "На этого ребёнка в этом учебном году уже подана заявка, которая ещё рассматривается.",
                "Осы балаға осы оқу жылында берілген өтініш әлі қаралуда.",
            ),
            NotLegalRepresentative => (
                "Подать заявление может только законный представитель ребёнка. По данным регистра населения вы не являетесь законным представителем ребёнка с этим ИИН.",
                "Өтінішті тек баланың заңды өкілі бере алады. Халық тіркелімінің деректері бойынша сіз осы ЖСН-і бар баланың заңды өкілі емессіз.",
            ),
            ConflictOfInterest => (
                "Вы не можете рассматривать или подписывать заявление, в котором вы заявитель или законный представитель ребёнка. Его рассматривает другой сотрудник.",
                "Сіз өтініш беруші немесе баланың заңды өкілі болып табылатын өтінішті қарай немесе қол қоя алмайсыз. Оны басқа қызметкер қарайды.",
            ),
            PopulationRegisterUnavailable => (
                "Регистр населения временно недоступен. Повторите попытку позже.",
                "Халық тіркелімі уақытша қолжетімсіз. Кейінірек қайталап көріңіз.",
            ),
            LimitExists => (
                "Лимит для этого учебного года, класса и языка обучения уже существует.",
                "Осы оқу жылына, сыныпқа және оқыту тіліне арналған лимит бұрыннан бар.",
            ),
            SeatsBelowAccepted => (
                "Нельзя установить количество мест меньше числа уже принятых заявок.",
                "Орын санын қабылданған өтініштер санынан аз етіп белгілеуге болмайды.",
            ),
            OrgExists => (
                "Организация с таким БИН уже зарегистрирована.",
                "Мұндай БСН-і бар ұйым бұрыннан тіркелген.",
            ),
            QueueOrderViolated => (
                "Нарушена очередность, есть более ранние заявки в статусе «На проверке»",
                "Кезектілік бұзылды, «Тексеруде» мәртебесіндегі ертерек берілген өтініштер бар",
            ),
            LimitExhausted => (
                "Свободных мест нет: лимит исчерпан. По заявке можно только отказать.",
                "Бос орын жоқ: лимит таусылды. Өтініш бойынша тек бас тартуға болады.",
            ),
            ReasonRequired => ("Укажите причину отказа.", "Бас тарту себебін көрсетіңіз."),
            TransportDecisionRequired => (
                "Укажите решение по подвозу.",
                "Тасымалдау бойынша шешімді көрсетіңіз.",
            ),
            InvalidStatus => (
                "Это действие недоступно в текущем статусе заявки.",
                "Өтініштің қазіргі мәртебесінде бұл әрекет қолжетімсіз.",
            ),
            SignatureInvalid => ("Подпись не прошла проверку.", "Қолтаңба тексеруден өтпеді."),
            CertificateUntrusted => (
                "Сертификат подписи выдан не доверенным удостоверяющим центром. Нужна ЭЦП, выданная НУЦ РК.",
                "Қол қою сертификатын сенімді куәландырушы орталық бермеген. ҚР ҰКО берген ЭЦҚ қажет.",
            ),
            CertificateExpired => (
                "Срок действия сертификата подписи истёк или ещё не начался.",
                "Қол қою сертификатының әрекет ету мерзімі өтіп кеткен немесе әлі басталмаған.",
            ),
            CertificateNotForSigning => (
                "Этот сертификат не предназначен для подписи. Выберите ключ подписи (RSA или ECDSA P-256).",
                "Бұл сертификат қол қоюға арналмаған. Қол қою кілтін таңдаңыз (RSA немесе ECDSA P-256).",
            ),
            CertificateSubjectMismatch => (
                "Сертификат выдан другому лицу или другой организации. Нужна ЭЦП юридического лица этой организации на ваше имя.",
                "Сертификат басқа тұлғаға немесе басқа ұйымға берілген. Осы ұйымның заңды тұлғасының сіздің атыңызға берілген ЭЦҚ-сы қажет.",
            ),
            CommentRequired => (
                "Укажите причину в комментарии — поле обязательно для заполнения.",
                "Себебін түсініктемеде көрсетіңіз — бұл өрісті толтыру міндетті.",
            ),
            AddressOutsideLocality => (
                "Адрес находится вне населённого пункта организации.",
                "Мекенжай ұйымның елді мекенінен тыс орналасқан.",
            ),
            FileTypeMismatch => (
                "Содержимое файла не соответствует его типу.",
                "Файл мазмұны оның түріне сәйкес емес.",
            ),
            UploadUsed => (
                "Файл уже загружен, заменить его нельзя.",
                "Файл жүктелген, оны ауыстыруға болмайды.",
            ),
            UploadExpired => (
                "Время загрузки файла истекло, выберите его ещё раз.",
                "Файлды жүктеу уақыты өтті, оны қайта таңдаңыз.",
            ),
            OutsideRegion => (
                "Населённый пункт не относится к вашему региону.",
                "Елді мекен сіздің өңіріңізге жатпайды.",
            ),
            NotPreschoolAge => (
                "В очередь в детский сад ставят детей от рождения до 6 лет.",
                "Балабақшаға кезекке туғаннан 6 жасқа дейінгі балалар қойылады.",
            ),
            AlreadyInQueue => (
                "Ребёнок уже стоит в очереди в детский сад.",
                "Бала балабақшаға кезекте тұр.",
            ),
            NotInQueue => (
                "Ребёнок не стоит в очереди: выбрать детский сад нельзя.",
                "Бала кезекте тұрған жоқ: балабақшаны таңдау мүмкін емес.",
            ),
            TooYoungToChoose => (
                "Частный детский сад можно выбрать, когда ребёнку исполнится 3 года.",
                "Жеке балабақшаны бала 3 жасқа толғанда таңдауға болады.",
            ),
            StopListed => (
                "Ребёнок в стоп-листе после аннулированного направления: выбор временно \
                 недоступен.",
                "Бала жойылған жолдамадан кейін стоп-тізімде: таңдау уақытша қолжетімсіз.",
            ),
            NoFreePlaces => (
                "Свободных мест по государственному заказу для этой возрастной группы нет.",
                "Осы жас тобы үшін мемлекеттік тапсырыс бойынша бос орын жоқ.",
            ),
            WarningNotAccepted => (
                "Подтвердите, что ознакомились с предупреждением о номере очереди.",
                "Кезек нөмірі туралы ескертумен танысқаныңызды растаңыз.",
            ),
            PlacesBelowOutstanding => (
                "Мест не может быть меньше выданных направлений.",
                "Орын саны берілген жолдамалардан аз болмауы керек.",
            ),
            AlreadyExtended => (
                "Направление уже продлевали: продлить его можно только один раз.",
                "Жолдама ұзартылған: оны тек бір рет ұзартуға болады.",
            ),
            RevokeWindowPassed => (
                "Отказаться от направления можно только в течение суток после его выдачи.",
                "Жолдамадан тек берілгеннен кейін бір тәулік ішінде бас тартуға болады.",
            ),
            AlreadyAppointed => (
                "Этот человек уже назначен сотрудником отдела образования региона.",
                "Бұл адам өңірдің білім бөлімінің қызметкері болып бұрыннан тағайындалған.",
            ),
            CampaignClosed => (
                "Приём заявлений сейчас не ведётся: заявление можно подать только в сроки \
                 приёмной кампании.",
                "Өтініш қабылдау қазір жүргізілмейді: өтінішті тек қабылдау науқанының \
                 мерзімінде беруге болады.",
            ),
            SpecialtyNotOffered => (
                "Колледж не ведёт приём по этой специальности с выбранными языком, формой \
                 обучения и базой образования.",
                "Колледж бұл мамандыққа таңдалған тіл, оқу нысаны және білім негізі бойынша \
                 қабылдамайды.",
            ),
            AlreadyApplied => (
                "У абитуриента уже есть заявление в этот колледж в этом году.",
                "Талапкердің осы жылы бұл колледжге өтініші бар.",
            ),
            TooYoungToApplyAlone => (
                "Абитуриенты младше 16 лет подают заявление через законного представителя.",
                "16 жасқа толмаған талапкерлер өтінішті заңды өкілі арқылы береді.",
            ),
            DirectorExists => (
                "У организации уже есть директор.",
                "Ұйымның директоры бұрыннан тағайындалған.",
            ),
            TextRequired => (
                "Введите текст сообщения на русском или казахском языке.",
                "Хабарлама мәтінін қазақ немесе орыс тілінде енгізіңіз.",
            ),
            TooManyTemplates => (
                "Шаблонов ответов слишком много: удалите ненужные, чтобы добавить новый.",
                "Жауап үлгілері тым көп: жаңасын қосу үшін қажетсіздерін жойыңыз.",
            ),
            OrderNumberTaken => (
                "Приказ с таким номером в этом году уже зарегистрирован. Укажите другой номер.",
                "Осы жылы мұндай нөмірлі бұйрық тіркелген. Басқа нөмір көрсетіңіз.",
            ),
            NotOrderable => (
                "Заявление не может войти в приказ: оно не принято окончательно или уже есть в \
                 другом приказе.",
                "Өтінішті бұйрыққа енгізу мүмкін емес: ол түпкілікті қабылданбаған немесе басқа \
                 бұйрықта бар.",
            ),
            ServiceUnavailable => (
                "Сервис временно недоступен. Повторите попытку позже.",
                "Қызмет уақытша қолжетімсіз. Кейінірек қайталап көріңіз.",
            ),
            Internal => (
                "Произошла внутренняя ошибка. Повторите попытку позже.",
                "Ішкі қате орын алды. Кейінірек қайталап көріңіз.",
            ),
        };
        lang.pick(ru, kk)
    }
}

/// A rule of the service said no: the code, and the input field it is about, if any
/// (`"child.iin"`, `"documents.vaccination_card"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainError {
    pub code: ErrorCode,
    pub field: Option<String>,
}

impl DomainError {
    pub fn new(code: ErrorCode) -> DomainError {
        DomainError { code, field: None }
    }

    /// Names the offending input field.
    pub fn field(mut self, field: impl Into<String>) -> DomainError {
        self.field = Some(field.into());
        self
    }

    pub fn status(&self) -> u16 {
        self.code.status()
    }

    pub fn message(&self, lang: MsgLang) -> &'static str {
        self.code.message(lang)
    }
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{} ({field})", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}

impl std::error::Error for DomainError {}

impl From<ErrorCode> for DomainError {
    fn from(code: ErrorCode) -> DomainError {
        DomainError::new(code)
    }
}

impl From<IinError> for DomainError {
    fn from(_: IinError) -> DomainError {
        DomainError::new(ErrorCode::InvalidIin)
    }
}

impl From<AcademicYearError> for DomainError {
    fn from(_: AcademicYearError) -> DomainError {
        DomainError::new(ErrorCode::InvalidAcademicYear)
    }
}

#[cfg(test)]
mod tests;
