//! The small vocabularies of the service, each with its wire code and, where people read it,
//! its Russian and Kazakh title in the words of the OQU instructions.

use crate::MsgLang;
use crate::wire::wire_enum;

wire_enum! {
    /// Language of instruction of a class (a "parallel" has one).
    Lang {
        Kk => "kk",
        Ru => "ru",
        En => "en",
    }
}

impl Lang {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            Lang::Kk => lang.pick("Казахский", "Қазақ тілі"),
            Lang::Ru => lang.pick("Русский", "Орыс тілі"),
            Lang::En => lang.pick("Английский", "Ағылшын тілі"),
        }
    }
}

wire_enum! {
    /// Sex as the IIN records it.
    Sex {
        Male => "male",
        Female => "female",
    }
}

impl Sex {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            Sex::Male => lang.pick("Мужской", "Ер"),
            Sex::Female => lang.pick("Женский", "Әйел"),
        }
    }
}

wire_enum! {
    /// Status of an application. `overdue` is a separate flag, not a status.
    Status {
        /// «На проверке»: waiting for the executor's decision, in queue order.
        InReview => "in_review",
        /// «На подписании»: decided, waiting for the director's signature.
        OnSigning => "on_signing",
        /// «Принято»: signed acceptance (final).
        Accepted => "accepted",
        /// «Отказано»: signed refusal (final).
        Rejected => "rejected",
        /// «Отозвано»: withdrawn by the applicant (final).
        Withdrawn => "withdrawn",
    }
}

impl Status {
    /// No further change is possible.
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            Status::Accepted | Status::Rejected | Status::Withdrawn
        )
    }

    /// Still being worked on; such an application blocks a duplicate for the same child.
    pub const fn is_open(self) -> bool {
        matches!(self, Status::InReview | Status::OnSigning)
    }

    /// The name users know from OQU.
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            Status::InReview => lang.pick("На проверке", "Тексеруде"),
            Status::OnSigning => lang.pick("На подписании", "Қол қоюда"),
            Status::Accepted => lang.pick("Принято", "Қабылданды"),
            Status::Rejected => lang.pick("Отказано", "Бас тартылды"),
            Status::Withdrawn => lang.pick("Отозвано", "Қайтарып алынды"),
        }
    }
}

wire_enum! {
    /// A document the applicant attaches (seed 001, «Документы»).
    DocumentKind {
        Photo => "photo",
        /// Form 065/у.
        VaccinationCard => "vaccination_card",
        /// Form 052-2/у.
        HealthPassport => "health_passport",
        /// Required only for children with special educational needs.
        PmpkConclusion => "pmpk_conclusion",
        /// The supporting document of a preschool queue privilege (seed 004).
        PrivilegeProof => "privilege_proof",
        /// College admission (seed 000): the certificate or diploma.
        EducationDocument => "education_document",
        /// Medical certificate form 075/у.
        MedicalCertificate => "medical_certificate",
        /// The medical-social expertise conclusion form 031/у.
        MseConclusion => "mse_conclusion",
        /// The supporting document of a quota category.
        QuotaProof => "quota_proof",
    }
}

impl DocumentKind {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            DocumentKind::Photo => lang.pick(
                "Фотография ребёнка формата 3×4",
                "Баланың 3×4 форматындағы фотосуреті",
            ),
            DocumentKind::VaccinationCard => lang.pick(
                "Карта профилактических прививок (форма 065/у)",
                "Профилактикалық екпелер картасы (065/у нысаны)",
            ),
            DocumentKind::HealthPassport => lang.pick(
                "Паспорт здоровья ребёнка (форма 052-2/у)",
                "Баланың денсаулық паспорты (052-2/у нысаны)",
            ),
            DocumentKind::PmpkConclusion => lang.pick(
                "Заключение психолого-медико-педагогической консультации (ПМПК)",
                "Психологиялық-медициналық-педагогикалық консультацияның (ПМПК) қорытындысы",
            ),
            DocumentKind::PrivilegeProof => lang.pick(
                "Документ, подтверждающий льготу",
                "Жеңілдікті растайтын құжат",
            ),
            DocumentKind::EducationDocument => lang.pick(
                "Аттестат или диплом об образовании",
                "Білімі туралы аттестат немесе диплом",
            ),
            DocumentKind::MedicalCertificate => lang.pick(
                "Медицинская справка (форма 075/у)",
                "Медициналық анықтама (075/у нысаны)",
            ),
            DocumentKind::MseConclusion => lang.pick(
                "Заключение медико-социальной экспертизы (форма 031/у)",
                "Медициналық-әлеуметтік сараптама қорытындысы (031/у нысаны)",
            ),
            DocumentKind::QuotaProof => lang.pick(
                "Документ, подтверждающий право на квоту",
                "Квотаға құқықты растайтын құжат",
            ),
        }
    }
}

wire_enum! {
    /// Grounds for refusal, in the order of the OQU form «Причины отказа» (seed 001).
    RejectReason {
        UnreliableDocuments => "unreliable_documents",
        NonCompliance => "non_compliance",
        NegativeAuthorityResponse => "negative_authority_response",
        CourtActivityBan => "court_activity_ban",
        CourtRightDeprivation => "court_right_deprivation",
        NoPersonalDataConsent => "no_personal_data_consent",
        ClassesOverfilled => "classes_overfilled",
    }
}

impl RejectReason {
    /// The full legal wording, as the refusal shows it to the applicant.
    pub fn text(self, lang: MsgLang) -> &'static str {
        match self {
            RejectReason::UnreliableDocuments => lang.pick(
                "Установление недостоверности документов, представленных услугополучателем для \
                 получения государственной услуги, и (или) данных (сведений), содержащихся в них",
                "Көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алу үшін \
                 ұсынған құжаттарының және (немесе) олардағы деректердің (мәліметтердің) анық \
                 еместігінің анықталуы",
            ),
            RejectReason::NonCompliance => lang.pick(
                "Несоответствие услугополучателя и (или) представленных материалов, объектов, \
                 данных и сведений, необходимых для оказания государственной услуги, \
                 требованиям, установленным нормативными правовыми актами Республики Казахстан",
                "Көрсетілетін қызметті алушының және (немесе) мемлекеттік қызметті көрсету үшін \
                 қажетті ұсынылған материалдардың, объектілердің, деректер мен мәліметтердің \
                 Қазақстан Республикасының нормативтік құқықтық актілерінде белгіленген \
                 талаптарға сәйкес келмеуі",
            ),
            RejectReason::NegativeAuthorityResponse => lang.pick(
                "Отрицательный ответ уполномоченного государственного органа на запрос о \
                 согласовании, который требуется для оказания государственной услуги, а также \
                 отрицательное заключение экспертизы, исследования либо проверки",
                "Мемлекеттік қызметті көрсету үшін талап етілетін келісу туралы сұрау салуға \
                 уәкілетті мемлекеттік органның теріс жауабы, сондай-ақ сараптаманың, \
                 зерттеудің не тексерудің теріс қорытындысы",
            ),
            RejectReason::CourtActivityBan => lang.pick(
                "В отношении услугополучателя имеется вступившее в законную силу решение \
                 (приговор) суда о запрещении деятельности или отдельных видов деятельности, \
                 требующих получения определенной государственной услуги",
                "Көрсетілетін қызметті алушыға қатысты белгілі бір мемлекеттік көрсетілетін \
                 қызметті алуды талап ететін қызметке немесе қызметтің жекелеген түрлеріне тыйым \
                 салу туралы соттың заңды күшіне енген шешімі (үкімі) бар",
            ),
            RejectReason::CourtRightDeprivation => lang.pick(
                "В отношении услугополучателя имеется вступившее в законную силу решение суда, \
                 на основании которого услугополучатель лишен специального права, связанного с \
                 получением государственной услуги",
                "Көрсетілетін қызметті алушыға қатысты соттың заңды күшіне енген шешімі бар, оның \
                 негізінде көрсетілетін қызметті алушы мемлекеттік көрсетілетін қызметті алуға \
                 байланысты арнаулы құқығынан айырылған",
            ),
            RejectReason::NoPersonalDataConsent => lang.pick(
                "Отсутствие согласия услугополучателя, предоставляемого в соответствии со \
                 статьей 8 Закона Республики Казахстан \"О персональных данных и их защите\", на \
                 доступ к персональным данным ограниченного доступа",
                "\"Дербес деректер және оларды қорғау туралы\" Қазақстан Республикасы Заңының \
                 8-бабына сәйкес берілетін, қолжетімділігі шектеулі дербес деректерге қол \
                 жеткізуге көрсетілетін қызметті алушы келісімінің болмауы",
            ),
            RejectReason::ClassesOverfilled => lang.pick(
                "Переполненность класс-комплектов",
                "Сынып-жинақтардың толып кетуі",
            ),
        }
    }
}

wire_enum! {
    /// A role a person holds in an organisation (or, for admin and edu_department, a region).
    Role {
        /// Education authority of a region: creates organisations, appoints directors.
        Admin => "admin",
        /// Sees every application of the school, signs the final decisions.
        Director => "director",
        /// Reviews applications and decides «Принять» / «Отказать».
        Executor => "executor",
        /// «Сотрудник ОСО»: class limits and the microdistrict.
        Oso => "oso",
        /// «Сотрудник канцелярии»: registers the orders and keeps their book (seed 003).
        Office => "office",
        /// Read-only monitoring of a region.
        EduDepartment => "edu_department",
    }
}

impl Role {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            Role::Admin => lang.pick("Администратор", "Әкімші"),
            Role::Director => lang.pick("Директор", "Директор"),
            Role::Executor => lang.pick("Исполнитель", "Орындаушы"),
            Role::Oso => lang.pick("Сотрудник ОСО", "ОСО қызметкері"),
            Role::Office => lang.pick("Сотрудник канцелярии", "Кеңсе қызметкері"),
            Role::EduDepartment => lang.pick("Отдел образования", "Білім бөлімі"),
        }
    }
}

wire_enum! {
    /// What kind of education organisation.
    OrgKind {
        School => "school",
        College => "college",
        Kindergarten => "kindergarten",
    }
}

impl OrgKind {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            OrgKind::School => lang.pick("Школа", "Мектеп"),
            OrgKind::College => lang.pick("Колледж", "Колледж"),
            OrgKind::Kindergarten => lang.pick("Детский сад", "Балабақша"),
        }
    }
}

wire_enum! {
    /// Whether the child's registered address is in the school's microdistrict; decides which
    /// quota of the class limit a seat comes from.
    AdmissionType {
        Microdistrict => "microdistrict",
        Outside => "outside",
    }
}

impl AdmissionType {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            AdmissionType::Microdistrict => lang.pick("По микроучастку", "Микроучаске бойынша"),
            AdmissionType::Outside => lang.pick("Вне микроучастка", "Микроучаскеден тыс"),
        }
    }
}

wire_enum! {
    /// The e-service an application belongs to.
    Service {
        Grade1 => "grade1",
        /// The preschool queue and the directions to private kindergartens (seed 004).
        Preschool => "preschool",
        /// Admission documents to colleges (seed 000).
        College => "college",
    }
}

wire_enum! {
    /// Who the applicant is to the child (a parent or a legal representative).
    Relation {
        Mother => "mother",
        Father => "father",
        /// «Опекун».
        Guardian => "guardian",
        /// «Попечитель».
        Trustee => "trustee",
        /// «Усыновитель».
        AdoptiveParent => "adoptive_parent",
        /// The student applies for themselves (college admission from 16).
        Student => "student",
    }
}

impl Relation {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            Relation::Mother => lang.pick("Мать", "Ана"),
            Relation::Father => lang.pick("Отец", "Әке"),
            Relation::Guardian => lang.pick("Опекун", "Қорғаншы"),
            Relation::Trustee => lang.pick("Попечитель", "Қамқоршы"),
            Relation::AdoptiveParent => lang.pick("Усыновитель", "Асырап алушы"),
            Relation::Student => lang.pick("Сам абитуриент", "Талапкердің өзі"),
        }
    }
}

#[cfg(test)]
mod tests;
