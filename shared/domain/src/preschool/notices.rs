//! What the applicant is told at each step of the kindergarten service, in Kazakh and Russian:
//! the in-app text in both languages and one SMS with Kazakh first (as `crate::notices`).
//! The use case renders them when it writes the outbox message, so the notify consumer only
//! delivers.

use chrono::{DateTime, Datelike, FixedOffset};

use crate::MsgLang;
use crate::api::Text;

use super::{PrivilegeCategory, QueueState, RemovalReason};

/// One event of a queue application the applicant hears about.
#[derive(Clone, Debug, PartialEq)]
pub enum QueueNotice {
    /// Registered in the queue («Принято решение (В очереди)»).
    Registered,
    PrivilegeConfirmed {
        category: PrivilegeCategory,
    },
    PrivilegeRefused {
        comment: String,
    },
    /// A direction to a private kindergarten was issued, valid until `until`.
    DirectionIssued {
        kindergarten: Text,
        until: DateTime<FixedOffset>,
    },
    DirectionExtended {
        until: DateTime<FixedOffset>,
    },
    /// Revoked by the applicant: back in the queue at its end.
    DirectionRevoked,
    /// Expired unused: back in the queue at its end, on the stop-list until `stop_until`.
    DirectionExpired {
        stop_until: DateTime<FixedOffset>,
    },
    /// The kindergarten confirmed the child's arrival.
    Enrolled {
        kindergarten: Text,
    },
    /// «Снят с очереди».
    Removed {
        reason: RemovalReason,
    },
}

/// The facts every queue notice names.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueFacts {
    /// `УО.2026.000024.1`.
    pub number: String,
    pub child_name: String,
}

/// The in-app text in both languages.
pub fn texts(notice: &QueueNotice, facts: &QueueFacts) -> Text {
    Text {
        ru: text(notice, facts, MsgLang::Ru),
        kk: text(notice, facts, MsgLang::Kk),
    }
}

/// The in-app text in one language.
pub fn text(notice: &QueueNotice, facts: &QueueFacts, lang: MsgLang) -> String {
    let (n, child) = (&facts.number, &facts.child_name);
    let head = match lang {
        MsgLang::Ru => format!("Заявление {n} ({child}): "),
        MsgLang::Kk => format!("{n} өтініш ({child}): "),
    };
    let body = match notice {
        QueueNotice::Registered => lang
            .pick(
                "ребёнок поставлен в очередь в детский сад (Принято решение (В очереди)).",
                "бала балабақшаға кезекке қойылды (Шешім қабылданды (Кезекте)).",
            )
            .to_string(),
        QueueNotice::PrivilegeConfirmed { category } => match lang {
            MsgLang::Ru => format!("льгота «{}» подтверждена.", category.title(lang)),
            MsgLang::Kk => format!("«{}» жеңілдігі расталды.", category.title(lang)),
        },
        QueueNotice::PrivilegeRefused { comment } => match lang {
            MsgLang::Ru => format!(
                "льгота не подтверждена, ребёнок в очереди без льготы. Комментарий: {comment}"
            ),
            MsgLang::Kk => format!(
                "жеңілдік расталмады, бала кезекте жеңілдіксіз тұр. Түсініктеме: {comment}"
            ),
        },
        QueueNotice::DirectionIssued {
            kindergarten,
            until,
        } => {
            let (kg, d) = (lang.pick(&kindergarten.ru, &kindergarten.kk), last_day(*until));
            match lang {
                MsgLang::Ru => format!(
                    "выдано направление в частный детский сад «{kg}». Приведите ребёнка до {d} \
                     включительно, иначе направление будет аннулировано."
                ),
                MsgLang::Kk => format!(
                    "«{kg}» жеке балабақшасына жолдама берілді. Баланы {d} қоса алғанда \
                     әкеліңіз, әйтпесе жолдама жойылады."
                ),
            }
        }
        QueueNotice::DirectionExtended { until } => match lang {
            MsgLang::Ru => format!("направление продлено до {} включительно.", last_day(*until)),
            MsgLang::Kk => format!("жолдама {} қоса алғанға дейін ұзартылды.", last_day(*until)),
        },
        QueueNotice::DirectionRevoked => lang
            .pick(
                "вы отказались от направления. Ребёнок снова в очереди, с новым номером в её конце.",
                "сіз жолдамадан бас тарттыңыз. Бала қайтадан кезекте, соңында жаңа нөмірмен.",
            )
            .to_string(),
        QueueNotice::DirectionExpired { stop_until } => {
            // «с …» names the first day off the stop-list, not its last one.
            let d = first_day(*stop_until);
            match lang {
                MsgLang::Ru => format!(
                    "направление аннулировано: ребёнок не пришёл в детский сад за 5 рабочих \
                     дней. Ребёнок снова в очереди, с новым номером в её конце; выбрать детский \
                     сад можно после стоп-листа, с {d}."
                ),
                MsgLang::Kk => format!(
                    "жолдама жойылды: бала 5 жұмыс күні ішінде балабақшаға келмеді. Бала \
                     қайтадан кезекте, соңында жаңа нөмірмен; балабақшаны стоп-тізімнен кейін, \
                     {d} бастап таңдауға болады."
                ),
            }
        }
        QueueNotice::Enrolled { kindergarten } => {
            let kg = lang.pick(&kindergarten.ru, &kindergarten.kk);
            match lang {
                MsgLang::Ru => format!("ребёнок зачислен в детский сад «{kg}»."),
                MsgLang::Kk => format!("бала «{kg}» балабақшасына қабылданды."),
            }
        }
        QueueNotice::Removed { reason } => format!(
            "{}: {}.",
            QueueState::Removed.title(lang).to_lowercase(),
            // A title, lower-cased after the colon.
            reason.title(lang).to_lowercase()
        ),
    };
    head + &body
}

/// The date a period ends on as people say it: an expiry at 00:00 names the day before, the
/// last whole day.
fn last_day(end: DateTime<FixedOffset>) -> String {
    let d = (end - chrono::TimeDelta::seconds(1)).date_naive();
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// The first day of what begins at `start` (00:00 of that day).
fn first_day(start: DateTime<FixedOffset>) -> String {
    let d = start.date_naive();
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// The SMS: Kazakh, then Russian, short; the details are in the in-app notice.
pub fn sms(notice: &QueueNotice, facts: &QueueFacts) -> String {
    let n = &facts.number;
    let (kk, ru) = match notice {
        QueueNotice::Registered => (
            format!("{n} өтініш: бала балабақшаға кезекке қойылды."),
            format!("Заявление {n}: ребёнок поставлен в очередь в детский сад."),
        ),
        QueueNotice::PrivilegeConfirmed { .. } => (
            format!("{n} өтініш: жеңілдік расталды."),
            format!("Заявление {n}: льгота подтверждена."),
        ),
        QueueNotice::PrivilegeRefused { .. } => (
            format!("{n} өтініш: жеңілдік расталмады."),
            format!("Заявление {n}: льгота не подтверждена."),
        ),
        QueueNotice::DirectionIssued { until, .. } => (
            format!(
                "{n} өтініш: жеке балабақшаға жолдама берілді, {} дейін.",
                last_day(*until)
            ),
            format!(
                "Заявление {n}: выдано направление в частный детский сад, до {}.",
                last_day(*until)
            ),
        ),
        QueueNotice::DirectionExtended { until } => (
            format!("{n} өтініш: жолдама {} дейін ұзартылды.", last_day(*until)),
            format!(
                "Заявление {n}: направление продлено до {}.",
                last_day(*until)
            ),
        ),
        QueueNotice::DirectionRevoked => (
            format!("{n} өтініш: жолдамадан бас тартылды, бала кезекте."),
            format!("Заявление {n}: направление отозвано, ребёнок в очереди."),
        ),
        QueueNotice::DirectionExpired { .. } => (
            format!("{n} өтініш: жолдама жойылды, бала стоп-тізімде."),
            format!("Заявление {n}: направление аннулировано, ребёнок в стоп-листе."),
        ),
        QueueNotice::Enrolled { .. } => (
            format!("{n} өтініш: бала балабақшаға қабылданды."),
            format!("Заявление {n}: ребёнок зачислен в детский сад."),
        ),
        QueueNotice::Removed { .. } => (
            format!("{n} өтініш: бала кезектен алынды."),
            format!("Заявление {n}: ребёнок снят с очереди."),
        ),
    };
    format!("Qabyldau: {kk} / {ru}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> QueueFacts {
        QueueFacts {
            number: "УО.2026.000024.1".into(),
            child_name: "Ахметова Айша".into(),
        }
    }

    fn all() -> Vec<QueueNotice> {
        let kg = Text {
            ru: "Балапан".into(),
            kk: "Балапан бақшасы".into(),
        };
        let until = DateTime::parse_from_rfc3339("2026-05-14T00:00:00+05:00").unwrap();
        vec![
            QueueNotice::Registered,
            QueueNotice::PrivilegeConfirmed {
                category: PrivilegeCategory::FirstPriority,
            },
            QueueNotice::PrivilegeRefused {
                comment: "Нет документа".into(),
            },
            QueueNotice::DirectionIssued {
                kindergarten: kg.clone(),
                until,
            },
            QueueNotice::DirectionExtended { until },
            QueueNotice::DirectionRevoked,
            QueueNotice::DirectionExpired { stop_until: until },
            QueueNotice::Enrolled { kindergarten: kg },
            QueueNotice::Removed {
                reason: RemovalReason::SecondExpiry,
            },
        ]
    }

    #[test]
    fn every_notice_names_number_and_child_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for notice in all() {
            let t = texts(&notice, &facts());
            for s in [&t.ru, &t.kk] {
                assert!(
                    s.contains("УО.2026.000024.1") && s.contains("Ахметова Айша"),
                    "{s}"
                );
            }
            assert_ne!(t.ru, t.kk);
            assert!(seen.insert(t.ru.clone()), "{}", t.ru);
            let sms = sms(&notice, &facts());
            assert!(sms.contains(" / Заявление"), "{sms}");
        }
    }

    #[test]
    fn dates_name_the_last_whole_day() {
        let until = DateTime::parse_from_rfc3339("2026-05-14T00:00:00+05:00").unwrap();
        let t = texts(&QueueNotice::DirectionExtended { until }, &facts());
        assert!(t.ru.contains("13.05.2026"), "{}", t.ru);
        let t = texts(
            &QueueNotice::DirectionIssued {
                kindergarten: Text {
                    ru: "Балапан".into(),
                    kk: "Балапан бақшасы".into(),
                },
                until,
            },
            &facts(),
        );
        assert!(t.kk.contains("Балапан бақшасы") && t.kk.contains("13.05.2026"));
        // The stop-list ending at 00:00 on 14 May: a kindergarten may be chosen from the 14th.
        let t = texts(
            &QueueNotice::DirectionExpired { stop_until: until },
            &facts(),
        );
        assert!(t.ru.contains("с 14.05.2026"), "{}", t.ru);
        assert!(t.kk.contains("14.05.2026 бастап"), "{}", t.kk);
    }
}
