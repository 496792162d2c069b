//! The texts of notices (in-app and SMS), in Kazakh and Russian: pure functions of the facts,
//! so the notify consumer and the frontend render the same words.
//!
//! An in-app notice carries both languages ([`texts`]); an SMS is one message with the
//! Kazakh text first and the Russian second ([`sms`]), short (no reject-reason wording —
//! that is in the in-app notice), so one send reaches a parent whatever language they read.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::api::{Application, Decision, DecisionKind, Text, TransportDecision};
use crate::{MsgLang, RejectReason, Service, Status};

/// One in-app notice of a person, as stored and as `GET /api/me/notifications` lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub id: String,
    pub at: DateTime<FixedOffset>,
    pub text: Text,
    pub application_id: String,
    /// The service of the application (the site links to its page).
    #[serde(default = "grade1")]
    pub service: Service,
    pub read: bool,
}

fn grade1() -> Service {
    Service::Grade1
}

/// What the notice tells.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    /// The receipt of a submitted application (to the applicant).
    Submitted,
    /// The signed final decision (to the applicant).
    Decided {
        status: Status,
        reason: Option<RejectReason>,
        transport: Option<TransportDecision>,
    },
    /// The director returned a decision for rework (to the executor), with the comment.
    Returned { comment: String },
    /// The application passed its deadline (to the director).
    Overdue,
}

impl NoticeKind {
    /// The final decision as the application records it: the signed status when final, else
    /// the status the decision leads to.
    pub fn decided(application: &Application) -> NoticeKind {
        let decision: Option<&Decision> = application.decision.as_ref();
        let status = match (application.status, decision.map(|d| d.decision)) {
            (s @ (Status::Accepted | Status::Rejected), _) => s,
            (_, Some(DecisionKind::Reject)) => Status::Rejected,
            (_, Some(DecisionKind::Accept)) => Status::Accepted,
            (s, None) => s,
        };
        NoticeKind::Decided {
            status,
            reason: decision.and_then(|d| d.reason),
            transport: decision.and_then(|d| d.transport),
        }
    }
}

/// The facts every notice names.
#[derive(Clone, Debug, PartialEq)]
pub struct NoticeFacts {
    pub service: Service,
    pub number: u64,
    /// The child's full name as the application has it.
    pub child_name: String,
    pub school: Text,
}

impl NoticeFacts {
    pub fn of(application: &Application, school: &Text) -> NoticeFacts {
        NoticeFacts {
            service: application.service,
            number: application.number,
            child_name: application.child.full_name(),
            school: school.clone(),
        }
    }
}

/// The in-app text in both languages.
pub fn texts(kind: &NoticeKind, facts: &NoticeFacts) -> Text {
    Text {
        ru: text(kind, facts, MsgLang::Ru),
        kk: text(kind, facts, MsgLang::Kk),
    }
}

/// What the decision says about transport, in one language.
pub fn transport_text(t: TransportDecision, lang: MsgLang) -> &'static str {
    match t {
        TransportDecision::Approved => lang.pick(
            "Подвоз ребёнка предоставляется.",
            "Баланы тасымалдау ұсынылады.",
        ),
        TransportDecision::Denied => lang.pick(
            "Подвоз ребёнка не предоставляется.",
            "Баланы тасымалдау ұсынылмайды.",
        ),
    }
}

/// The in-app text in one language.
pub fn text(kind: &NoticeKind, facts: &NoticeFacts, lang: MsgLang) -> String {
    let n = facts.number;
    let child = &facts.child_name;
    let school = lang.pick(&facts.school.ru, &facts.school.kk);
    match kind {
        // What was applied for is the service's wording.
        NoticeKind::Submitted => crate::services::rules(facts.service).receipt(facts, lang),
        NoticeKind::Decided {
            status,
            reason,
            transport,
        } => {
            let mut out = match lang {
                MsgLang::Ru => format!(
                    "Решение по заявлению №{n} ({child}, «{school}»): {}.",
                    status.title(lang)
                ),
                MsgLang::Kk => format!(
                    "№{n} өтініш бойынша шешім ({child}, «{school}»): {}.",
                    status.title(lang)
                ),
            };
            if *status == Status::Rejected
                && let Some(r) = reason
            {
                out.push(' ');
                out.push_str(lang.pick("Причина: ", "Себебі: "));
                out.push_str(r.text(lang));
                out.push('.');
            }
            // Transport is answered with an acceptance only.
            if *status == Status::Accepted
                && let Some(t) = transport
            {
                out.push(' ');
                out.push_str(transport_text(*t, lang));
            }
            out
        }
        NoticeKind::Returned { comment } => match lang {
            MsgLang::Ru => format!(
                "Директор вернул на доработку решение по заявлению №{n} ({child}). \
                 Комментарий: {comment}"
            ),
            MsgLang::Kk => format!(
                "Директор №{n} өтініш ({child}) бойынша шешімді пысықтауға қайтарды. \
                 Түсініктеме: {comment}"
            ),
        },
        NoticeKind::Overdue => match lang {
            MsgLang::Ru => format!("Истёк срок рассмотрения заявления №{n} ({child}, «{school}»)."),
            MsgLang::Kk => format!("№{n} өтінішті ({child}, «{school}») қарау мерзімі өтті."),
        },
    }
}

/// The SMS to the applicant: Kazakh, then Russian, in one message; short (the details are
/// in the in-app notice). `None` for events that are not told by SMS (staff events).
pub fn sms(kind: &NoticeKind, facts: &NoticeFacts) -> Option<String> {
    let n = facts.number;
    let (kk, ru) = match kind {
        NoticeKind::Submitted => (
            format!("№{n} өтініш берілді, тексеруді күтуде."),
            format!("Заявление №{n} подано и ожидает проверки."),
        ),
        NoticeKind::Decided { status, .. } => (
            format!(
                "№{n} өтініш бойынша шешім: {}. Толығырақ жеке кабинетте.",
                status.title(MsgLang::Kk)
            ),
            format!(
                "Решение по заявлению №{n}: {}. Подробнее в личном кабинете.",
                status.title(MsgLang::Ru)
            ),
        ),
        NoticeKind::Returned { .. } | NoticeKind::Overdue => return None,
    };
    Some(format!("Qabyldau: {kk} / {ru}"))
}

/// The subject of a notice's e-mail, Kazakh first (as the SMS); `None` for a kind that is not
/// e-mailed (the staff's own notices).
pub fn email_subject(kind: &NoticeKind, facts: &NoticeFacts) -> Option<String> {
    let n = facts.number;
    match kind {
        NoticeKind::Submitted => Some(format!(
            "Qabyldau: №{n} өтініш берілді / заявление №{n} подано"
        )),
        NoticeKind::Decided { .. } => Some(format!(
            "Qabyldau: №{n} өтініш бойынша шешім / решение по заявлению №{n}"
        )),
        NoticeKind::Returned { .. } | NoticeKind::Overdue => None,
    }
}

/// The subject of the e-mail of a notice its use case rendered (a kindergarten direction, a
/// school's message).
pub const RENDERED_EMAIL_SUBJECT: &str = "Qabyldau: хабарлама / уведомление";

/// An e-mail's text: the notice in Kazakh, then in Russian.
pub fn email_text(text: &Text) -> String {
    format!(
        "{}\n\n{}\n\n— Qabyldau. Толығырақ жеке кабинетте / Подробнее в личном кабинете.",
        text.kk, text.ru
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> NoticeFacts {
        NoticeFacts {
            service: Service::Grade1,
            number: 42,
            child_name: "Ахметов Нурлан".into(),
            school: Text {
                ru: "Школа-лицей №1".into(),
                kk: "№1 мектеп-лицей".into(),
            },
        }
    }

    #[test]
    fn submitted_names_number_child_and_school_in_both_languages() {
        let t = texts(&NoticeKind::Submitted, &facts());
        for s in [&t.ru, &t.kk] {
            assert!(s.contains("№42"), "{s}");
            assert!(s.contains("Ахметов Нурлан"), "{s}");
        }
        assert!(t.ru.contains("Школа-лицей №1"));
        assert!(t.kk.contains("№1 мектеп-лицей"));
    }

    #[test]
    fn decided_names_status_title_reason_and_transport() {
        let kind = NoticeKind::Decided {
            status: Status::Rejected,
            reason: Some(RejectReason::ClassesOverfilled),
            transport: Some(TransportDecision::Denied),
        };
        let t = texts(&kind, &facts());
        assert!(t.kk.contains(Status::Rejected.title(MsgLang::Kk)));
        assert!(t.ru.contains(Status::Rejected.title(MsgLang::Ru)));
        assert!(
            t.ru.contains(RejectReason::ClassesOverfilled.text(MsgLang::Ru)),
            "{}",
            t.ru
        );
        assert!(t.kk.contains(RejectReason::ClassesOverfilled.text(MsgLang::Kk)));
        // A refusal says nothing of transport, even if an answer was stored with it.
        assert!(!t.ru.contains("не предоставляется"), "{}", t.ru);
        assert!(
            !t.kk
                .contains(transport_text(TransportDecision::Denied, MsgLang::Kk))
        );
        let accepted = NoticeKind::Decided {
            status: Status::Accepted,
            reason: None,
            transport: Some(TransportDecision::Denied),
        };
        let t = texts(&accepted, &facts());
        assert!(t.kk.contains("Қабылданды"));
        assert!(!t.ru.contains("Причина"));
        assert!(t.ru.contains("не предоставляется"));
    }

    #[test]
    fn returned_carries_the_comment_and_has_no_sms() {
        let kind = NoticeKind::Returned {
            comment: "Проверьте адрес".into(),
        };
        let t = texts(&kind, &facts());
        assert!(t.ru.contains("Проверьте адрес") && t.kk.contains("Проверьте адрес"));
        assert_eq!(sms(&kind, &facts()), None);
        assert_eq!(sms(&NoticeKind::Overdue, &facts()), None);
    }

    #[test]
    fn sms_holds_both_languages() {
        let s = sms(&NoticeKind::Submitted, &facts()).unwrap();
        assert!(s.contains("өтініш берілді") && s.contains("подано"), "{s}");
    }

    #[test]
    fn emails_go_to_the_applicant_in_both_languages() {
        let subject = email_subject(&NoticeKind::Submitted, &facts()).unwrap();
        assert!(
            subject.contains("№42") && subject.contains("подано"),
            "{subject}"
        );
        let returned = NoticeKind::Returned {
            comment: "x".into(),
        };
        assert_eq!(email_subject(&returned, &facts()), None);
        assert_eq!(email_subject(&NoticeKind::Overdue, &facts()), None);
        let t = texts(&NoticeKind::Submitted, &facts());
        let body = email_text(&t);
        let (kk, ru) = (body.find(&t.kk).unwrap(), body.find(&t.ru).unwrap());
        assert!(kk < ru, "Kazakh first: {body}");
    }
}
