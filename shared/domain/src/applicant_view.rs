//! What an applicant sees of their own application. Until the director signs, the status
//! alone: no decision, reason or comment and no staff member's IIN; of the history, the public
//! events only. After signing, the decision as signed, with its reason and the signature that
//! proves it (its payload names the signed decision whole). The school's staff see everything.
//! The API answers the applicant with this view, so the site never holds what it must not show.

use crate::Status;
use crate::api::{Application, HistoryEvent};

/// The history actions an applicant sees: submitted, sent for signing (`decided`, without the
/// decision), the signed final decision, the withdrawal and the messages the school wrote them
/// (`message`, with its text). Assignments, returns for rework (the
/// director's comment is for the executor) and deadline marks are the school's own. The
/// enrolment order's signature (`order_signed`, with its number) is the family's news too.
pub const PUBLIC_ACTIONS: [&str; 6] = [
    "submitted",
    "decided",
    "signed",
    "withdrawn",
    "message",
    "order_signed",
];

impl Application {
    /// The application as its applicant sees it.
    pub fn for_applicant(mut self) -> Application {
        self.assignee_iin = None;
        self.assignee_name = None;
        // Open, or withdrawn before signing: an unsigned decision is no decision yet.
        if !matches!(self.status, Status::Accepted | Status::Rejected) {
            self.decision = None;
            self.signature = None;
        }
        self
    }
}

/// An application's history as its applicant sees it: the public events, staff members' IINs
/// left out and a decision's codes (kind, reason, comment) dropped until it is signed.
pub fn history_for_applicant(events: Vec<HistoryEvent>, applicant_iin: &str) -> Vec<HistoryEvent> {
    events
        .into_iter()
        .filter(|e| PUBLIC_ACTIONS.contains(&e.action.as_str()))
        .map(|mut e| {
            if e.actor != applicant_iin {
                e.actor = String::new();
                e.actor_name = None;
            }
            if e.action == "decided" {
                e.comment = None;
            }
            // The school's queue is the school's business.
            e.queue_version = None;
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{
        Applicant, Child, Decision, DecisionKind, DocumentRef, SignatureRecord, TransportDecision,
    };
    use crate::{AdmissionType, DocumentKind, Lang, RejectReason, Relation, Role, Service, Sex};

    const PARENT: &str = "880808300004";
    const EXECUTOR: &str = "870505400001";
    const DIRECTOR: &str = "850315400015";

    fn at() -> chrono::DateTime<chrono::FixedOffset> {
        "2026-06-02T10:00:00+05:00".parse().unwrap()
    }

    fn application(status: Status) -> Application {
        Application {
            assignee_name: Some("Исполнитель".into()),
            id: "a".into(),
            number: 7,
            service: Service::Grade1,
            org_id: "org".into(),
            region: "astana".into(),
            locality_id: "astana".into(),
            academic_year: "2026-2027".parse().unwrap(),
            grade: 1,
            language: Lang::Ru,
            status,
            admission_type: AdmissionType::Microdistrict,
            submitted_at: at(),
            due_at: at(),
            overdue: false,
            applicant_iin: PARENT.into(),
            applicant_name: "Нурланов Асхат".into(),
            child: Child {
                iin: "190315500101".into(),
                last_name: "Нурланов".into(),
                first_name: "Алихан".into(),
                middle_name: None,
                birth_date: chrono::NaiveDate::from_ymd_opt(2019, 3, 15).unwrap(),
                sex: Sex::Male,
            },
            applicant: Applicant {
                phone: "+77015551234".into(),
                email: None,
                relation: Relation::Father,
            },
            registered_address_id: None,
            registered_address: None,
            actual_address: None,
            transport_requested: true,
            special_needs: false,
            documents: vec![DocumentRef {
                kind: DocumentKind::Photo,
                file_id: "f".into(),
                sha256: Some("ab".into()),
                pages: None,
            }],
            assignee_iin: Some(EXECUTOR.into()),
            decision: Some(Decision {
                decision: DecisionKind::Reject,
                reason: Some(RejectReason::ClassesOverfilled),
                comment: Some("Мест нет".into()),
                transport: Some(TransportDecision::Denied),
                decided_by: EXECUTOR.into(),
                decided_by_name: None,
                decided_role: Role::Executor,
                decided_at: at(),
            }),
            signature: Some(SignatureRecord {
                signature: "sig".into(),
                payload: "payload".into(),
                signer_iin: DIRECTOR.into(),
                signed_at: at(),
                algorithm: "ECDSA-SHA256".into(),
                certificates: vec![],
                certificate_serial: "01".into(),
                signer_name: "Директор".into(),
                bin: "050940001234".into(),
            }),
            overdue_at: None,
            college: None,
            queue_seq: None,
            queue_place: None,
        }
    }

    #[test]
    fn before_signing_the_applicant_sees_no_decision_and_no_staff() {
        for status in [Status::InReview, Status::OnSigning, Status::Withdrawn] {
            let seen = application(status).for_applicant();
            assert_eq!(seen.decision, None, "{status}");
            assert_eq!(seen.assignee_iin, None, "{status}");
            assert_eq!(seen.assignee_name, None, "{status}");
            assert_eq!(seen.signature, None, "{status}");
            let text = serde_json::to_string(&seen).unwrap();
            for hidden in [EXECUTOR, DIRECTOR, "Мест нет", "classes_overfilled"] {
                assert!(!text.contains(hidden), "{status}: {hidden} in {text}");
            }
            // The rest is the applicant's own.
            assert_eq!(seen.status, status);
            assert_eq!(seen.documents, application(status).documents);
            assert_eq!(seen.child, application(status).child);
        }
    }

    #[test]
    fn after_signing_the_decision_with_its_reason() {
        for status in [Status::Accepted, Status::Rejected] {
            let seen = application(status).for_applicant();
            let d = seen.decision.as_ref().unwrap();
            assert_eq!(d.reason, Some(RejectReason::ClassesOverfilled));
            assert_eq!(d.comment.as_deref(), Some("Мест нет"));
            assert_eq!(d.transport, Some(TransportDecision::Denied));
            assert_eq!(d.decided_by, EXECUTOR, "as signed");
            assert_eq!(seen.assignee_iin, None);
            assert!(
                seen.signature.is_some(),
                "the signed proof is the applicant's too"
            );
        }
    }

    fn event(actor: &str, role: &str, action: &str, comment: Option<&str>) -> HistoryEvent {
        HistoryEvent {
            at: at(),
            actor: actor.into(),
            actor_name: Some(format!("Name of {actor}")),
            role: role.into(),
            action: action.into(),
            comment: comment.map(String::from),
            queue_version: Some(7),
        }
    }

    #[test]
    fn the_history_keeps_public_events_without_staff_or_decision() {
        let full = vec![
            event(PARENT, "applicant", "submitted", None),
            event(DIRECTOR, "director", "assigned", Some(EXECUTOR)),
            event(
                EXECUTOR,
                "executor",
                "decided",
                Some("reject; classes_overfilled"),
            ),
            event(DIRECTOR, "director", "returned", Some("Проверьте адрес")),
            event("system", "system", "overdue", None),
            event(EXECUTOR, "executor", "decided", Some("accept")),
            event(DIRECTOR, "director", "signed", Some("accepted")),
            event(
                EXECUTOR,
                "executor",
                "message",
                Some("Приходите 1 сентября"),
            ),
        ];
        let seen = history_for_applicant(full, PARENT);
        let actions: Vec<&str> = seen.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["submitted", "decided", "decided", "signed", "message"]
        );
        assert_eq!(seen[0].actor, PARENT, "the applicant's own IIN stays");
        assert!(seen.iter().all(|e| e.queue_version.is_none()));
        assert!(
            seen[1..].iter().all(|e| e.actor_name.is_none()),
            "no staff names"
        );
        for e in &seen[1..] {
            assert_eq!(e.actor, "", "{e:?}");
        }
        assert_eq!(seen[1].comment, None);
        assert_eq!(seen[2].comment, None);
        assert_eq!(seen[3].comment.as_deref(), Some("accepted"));
        assert_eq!(seen[3].role, "director");
        // A message is written to the applicant: its text stays, its writer does not.
        assert_eq!(seen[4].comment.as_deref(), Some("Приходите 1 сентября"));
        let withdrawn =
            history_for_applicant(vec![event(PARENT, "applicant", "withdrawn", None)], PARENT);
        assert_eq!(withdrawn[0].actor, PARENT);
    }
}
