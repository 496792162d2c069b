//! The kindergarten service (seed 004): the preschool queue of a locality, the state-order
//! places of private kindergartens, and the directions to them with their 5-working-day life,
//! the stop-list, the one extension and the 24-hour revocation.
//!
//! The vocabularies are here, the rules in [`rules`], the wire types in [`api`], the notices'
//! words in [`notices`]; the table model and the use cases ask these and nothing else.

pub mod api;
pub mod documents;
pub mod notices;
pub mod rules;

use crate::MsgLang;
use crate::wire::wire_enum;

pub use rules::*;

wire_enum! {
    /// «Тип льготы» of a queue application.
    PrivilegeCategory {
        /// «Без льготы».
        None => "none",
        /// Children of disabled parents, without parental care, orphans, of large families,
        /// with special educational needs.
        FirstPriority => "first_priority",
        /// Children of military and special-state-body staff.
        Extraordinary => "extraordinary",
    }
}

impl PrivilegeCategory {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            PrivilegeCategory::None => lang.pick("Без льготы", "Жеңілдіксіз"),
            PrivilegeCategory::FirstPriority => lang.pick("Первоочередная", "Бірінші кезектегі"),
            PrivilegeCategory::Extraordinary => lang.pick("Внеочередная", "Кезектен тыс"),
        }
    }

    /// Who the category is for, as the registration form explains it.
    pub fn who(self, lang: MsgLang) -> &'static str {
        match self {
            PrivilegeCategory::None => lang.pick("Льготы нет", "Жеңілдік жоқ"),
            PrivilegeCategory::FirstPriority => lang.pick(
                "Дети лиц с инвалидностью, дети, оставшиеся без попечения родителей, сироты, \
                 дети из многодетных семей, дети с особыми образовательными потребностями",
                "Мүгедектігі бар адамдардың балалары, ата-анасының қамқорлығынсыз қалған \
                 балалар, жетімдер, көп балалы отбасылардың балалары, ерекше білім беру \
                 қажеттіліктері бар балалар",
            ),
            PrivilegeCategory::Extraordinary => lang.pick(
                "Дети военнослужащих и сотрудников специальных государственных органов",
                "Әскери қызметшілер мен арнаулы мемлекеттік органдар қызметкерлерінің балалары",
            ),
        }
    }
}

wire_enum! {
    /// Where a claimed privilege stands: the region's education department confirms it.
    PrivilegeStatus {
        /// No privilege claimed.
        NotClaimed => "not_claimed",
        /// Claimed, waiting for the education department; the child queues without it.
        Pending => "pending",
        Confirmed => "confirmed",
        Refused => "refused",
    }
}

impl PrivilegeStatus {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            PrivilegeStatus::NotClaimed => lang.pick("Не заявлена", "Мәлімделмеген"),
            PrivilegeStatus::Pending => lang.pick("На подтверждении", "Растауда"),
            PrivilegeStatus::Confirmed => lang.pick("Подтверждена", "Расталды"),
            PrivilegeStatus::Refused => lang.pick("Не подтверждена", "Расталмады"),
        }
    }
}

wire_enum! {
    /// The state of a queue application («Текущее состояние»).
    QueueState {
        /// «В очереди».
        InQueue => "in_queue",
        /// A direction to a private kindergarten is issued and waits for the child.
        Directed => "directed",
        /// The kindergarten confirmed the child's arrival (final).
        Enrolled => "enrolled",
        /// «Снят с очереди» (final).
        Removed => "removed",
    }
}

impl QueueState {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            QueueState::InQueue => lang.pick("В очереди", "Кезекте"),
            QueueState::Directed => lang.pick("Выдано направление", "Жолдама берілді"),
            QueueState::Enrolled => lang.pick("Зачислен", "Қабылданды"),
            QueueState::Removed => lang.pick("Снят с очереди", "Кезектен алынды"),
        }
    }

    /// No further change is possible; the child may register again.
    pub const fn is_final(self) -> bool {
        matches!(self, QueueState::Enrolled | QueueState::Removed)
    }
}

wire_enum! {
    /// Why an application left the queue for good.
    RemovalReason {
        /// «Снять с очереди» by the applicant.
        ByApplicant => "by_applicant",
        /// The second direction that expired unused (seed 004).
        SecondExpiry => "second_expiry",
    }
}

impl RemovalReason {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            RemovalReason::ByApplicant => {
                lang.pick("По заявлению заявителя", "Өтініш берушінің өтініші бойынша")
            }
            RemovalReason::SecondExpiry => lang.pick(
                "Дважды истёк срок направления",
                "Жолдаманың мерзімі екі рет өтіп кетті",
            ),
        }
    }
}

wire_enum! {
    /// The state of a direction to a private kindergarten.
    DirectionState {
        /// Issued, waiting for the child: the expiry job cancels it after its last day.
        Issued => "issued",
        /// The kindergarten confirmed the child's arrival («Зачислен»).
        Enrolled => "enrolled",
        /// Not used in time: cancelled by the expiry job.
        Expired => "expired",
        /// Revoked by the applicant within 24 hours of its issue.
        Revoked => "revoked",
    }
}

impl DirectionState {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            DirectionState::Issued => lang.pick("Действует", "Күшінде"),
            DirectionState::Enrolled => lang.pick("Зачислен", "Қабылданды"),
            DirectionState::Expired => {
                lang.pick("Аннулировано: истёк срок", "Жойылды: мерзімі өтті")
            }
            DirectionState::Revoked => {
                lang.pick("Отозвано заявителем", "Өтініш беруші қайтарып алды")
            }
        }
    }
}

wire_enum! {
    /// The documents of a queue application («Общие документы», seed 004 fig. 12).
    QueueDocumentKind {
        /// «Уведомление о регистрации».
        RegistrationNotice => "registration_notice",
        /// «Извещение о приеме документов».
        DocumentsReceipt => "documents_receipt",
        /// «Регистрация ребенка в книге учета».
        RegistryBook => "registry_book",
        /// «Карточка ребенка».
        ChildCard => "child_card",
        /// «Направление в частный ДДО»: once a direction was issued.
        Direction => "direction",
    }
}

impl QueueDocumentKind {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            QueueDocumentKind::RegistrationNotice => {
                lang.pick("Уведомление о регистрации", "Тіркеу туралы хабарлама")
            }
            QueueDocumentKind::DocumentsReceipt => lang.pick(
                "Извещение о приеме документов",
                "Құжаттарды қабылдау туралы хабарлама",
            ),
            QueueDocumentKind::RegistryBook => lang.pick(
                "Регистрация ребенка в книге учета",
                "Баланы есепке алу кітабында тіркеу",
            ),
            QueueDocumentKind::ChildCard => lang.pick("Карточка ребенка", "Баланың карточкасы"),
            QueueDocumentKind::Direction => {
                lang.pick("Направление в частный ДДО", "Жеке МДҰ-ға жолдама")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_both_languages_and_distinct() {
        for lang in MsgLang::ALL {
            let mut seen = std::collections::HashSet::new();
            for t in PrivilegeCategory::ALL.map(|c| c.title(lang)) {
                assert!(seen.insert(t));
            }
            for t in QueueState::ALL.map(|c| c.title(lang)) {
                assert!(seen.insert(t), "{t}");
            }
            for t in QueueDocumentKind::ALL.map(|c| c.title(lang)) {
                assert!(seen.insert(t), "{t}");
            }
        }
        assert_eq!(PrivilegeCategory::None.title(MsgLang::Ru), "Без льготы");
        assert_eq!(
            QueueDocumentKind::Direction.title(MsgLang::Ru),
            "Направление в частный ДДО"
        );
        assert!(QueueState::Removed.is_final() && !QueueState::Directed.is_final());
    }
}
