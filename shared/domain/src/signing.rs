//! The director's signature (seed 001, «Подписание»): the canonical text of a decision that the
//! director signs with ECDSA P-256 (ES256) and the server verifies against the director's
//! registered key.
//!
//! The text is a pure function of the application and the school's BIN: one `key=value` per
//! line, in a fixed order, each line ending in `\n`, so the same decision always gives the same
//! bytes — the client signs what the server recomputes at signing time. A decision changed in
//! between (returned and decided again) gives another text, and the old signature fails.

use chrono::SecondsFormat;

use crate::api::{Application, DecisionKind, TransportDecision};
use crate::to_almaty;

/// The first line of every payload: names the format, so a signature of this text can never
/// be mistaken for a signature of something else (and a later format can change the fields).
pub const FORMAT: &str = "qabyldau.decision.v1";

/// The canonical text of the application's decision as the director signs it. Fields the
/// decision does not have (no reason on an acceptance, no transport decision) are rendered
/// empty; an application without a decision renders every decision field empty (the use case
/// only asks for the payload of an application `on_signing`, which always has one). A college
/// application adds its score, lines and quota.
pub fn payload(application: &Application, org_bin: &str) -> String {
    let decision = application.decision.as_ref();
    let kind = decision.map(|d| match d.decision {
        DecisionKind::Accept => "accept",
        DecisionKind::Reject => "reject",
    });
    let transport = decision.and_then(|d| d.transport).map(|t| match t {
        TransportDecision::Approved => "approved",
        TransportDecision::Denied => "denied",
    });
    let decided_at = decision.map(|d| {
        // Always rendered in Almaty time with microseconds: one instant, one text.
        to_almaty(d.decided_at.to_utc()).to_rfc3339_opts(SecondsFormat::Micros, false)
    });
    let number = application.number.to_string();
    let year = application.academic_year.to_string();
    let lines: [(&str, Option<&str>); 12] = [
        ("format", Some(FORMAT)),
        ("application_id", Some(&application.id)),
        ("application_number", Some(&number)),
        ("service", Some(application.service.as_str())),
        ("academic_year", Some(&year)),
        ("child_iin", Some(&application.child.iin)),
        ("org_bin", Some(org_bin)),
        ("decision", kind),
        (
            "reason",
            decision.and_then(|d| d.reason).map(|r| r.as_str()),
        ),
        ("transport", transport),
        ("decided_by", decision.map(|d| d.decided_by.as_str())),
        ("decided_at", decided_at.as_deref()),
    ];
    // A college's acceptance is ranked by what the director signs: the score, the lines in
    // priority order and the quota claimed (1st-grade payloads are unchanged).
    let college = application.college.as_ref().map(|c| {
        let lines: Vec<String> = c.choices.iter().map(|ch| ch.offer(c.basis).id()).collect();
        [
            ("average_score", c.average_score.to_string()),
            ("choices", lines.join(",")),
            (
                "quota",
                c.quota.map(|q| q.as_str()).unwrap_or("").to_string(),
            ),
        ]
    });
    let college_lines = college
        .iter()
        .flatten()
        .map(|(k, v)| (*k, Some(v.as_str())));
    canonical(
        lines
            .into_iter()
            .chain(college_lines)
            .map(|(k, v)| (k, v.unwrap_or(""))),
    )
}

/// A signed text: one `key=value` line each, in the order given, each ending in `\n`. Values
/// are codes, numbers, IINs and names; a control character would only come from a corrupted
/// record and must not be able to forge another line, so it becomes a space.
pub fn canonical<'a>(lines: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (key, value) in lines {
        out.push_str(key);
        out.push('=');
        out.extend(value.chars().map(|c| if c.is_control() { ' ' } else { c }));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::api::{Applicant, Child, Decision};
    use crate::{AdmissionType, Lang, RejectReason, Relation, Role, Service, Sex, Status};

    fn application() -> Application {
        let at = DateTime::parse_from_rfc3339("2026-04-01T10:00:00+05:00").unwrap();
        Application {
            id: "0b7c6a4e-3f0e-4a51-9d0e-2a7c1f1b2c3d".into(),
            number: 17,
            service: Service::Grade1,
            org_id: "org".into(),
            region: "astana".into(),
            locality_id: "astana".into(),
            academic_year: "2026-2027".parse().unwrap(),
            grade: 1,
            language: Lang::Ru,
            status: Status::OnSigning,
            admission_type: AdmissionType::Outside,
            submitted_at: at,
            due_at: at,
            overdue: false,
            applicant_iin: "850101300015".into(),
            applicant_name: "Айгүл".into(),
            child: Child {
                iin: "190510500011".into(),
                last_name: "Абаев".into(),
                first_name: "Нурлан".into(),
                middle_name: None,
                birth_date: chrono::NaiveDate::from_ymd_opt(2019, 5, 10).unwrap(),
                sex: Sex::Male,
            },
            applicant: Applicant {
                phone: "+77011234567".into(),
                email: None,
                relation: Relation::Mother,
            },
            registered_address_id: None,
            actual_address: None,
            transport_requested: true,
            special_needs: false,
            documents: Vec::new(),
            assignee_iin: None,
            assignee_name: None,
            decision: Some(Decision {
                decision: DecisionKind::Accept,
                reason: None,
                comment: Some("всё верно".into()),
                transport: Some(TransportDecision::Approved),
                decided_by: "800101300012".into(),
                decided_by_name: None,
                decided_role: Role::Executor,
                // The same instant written in UTC: the payload renders it in Almaty time.
                decided_at: DateTime::parse_from_rfc3339("2026-04-02T04:30:00.25Z").unwrap(),
            }),
            signature: None,
            overdue_at: None,
            college: None,
            queue_seq: None,
            queue_place: None,
            registered_address: None,
        }
    }

    #[test]
    fn an_acceptance_renders_in_a_fixed_order() {
        assert_eq!(
            payload(&application(), "123456789012"),
            "format=qabyldau.decision.v1\n\
             application_id=0b7c6a4e-3f0e-4a51-9d0e-2a7c1f1b2c3d\n\
             application_number=17\n\
             service=grade1\n\
             academic_year=2026-2027\n\
             child_iin=190510500011\n\
             org_bin=123456789012\n\
             decision=accept\n\
             reason=\n\
             transport=approved\n\
             decided_by=800101300012\n\
             decided_at=2026-04-02T09:30:00.250000+05:00\n"
        );
    }

    #[test]
    fn a_refusal_names_its_reason() {
        let mut a = application();
        let d = a.decision.as_mut().unwrap();
        d.decision = DecisionKind::Reject;
        d.reason = Some(RejectReason::UnreliableDocuments);
        d.transport = None;
        let p = payload(&a, "123456789012");
        assert!(p.contains("\ndecision=reject\nreason=unreliable_documents\ntransport=\n"));
    }

    #[test]
    fn the_same_decision_gives_the_same_bytes_and_another_decision_other_bytes() {
        let a = application();
        assert_eq!(payload(&a, "1"), payload(&a.clone(), "1"));
        // Applicant details and the free-text comment are not part of what is signed.
        let mut b = a.clone();
        b.applicant_name = "Другое имя".into();
        b.decision.as_mut().unwrap().comment = None;
        assert_eq!(payload(&a, "1"), payload(&b, "1"));
        // A decision made again (another instant) or another transport answer is another text.
        let mut c = a.clone();
        c.decision.as_mut().unwrap().decided_at += chrono::Duration::microseconds(1);
        assert_ne!(payload(&a, "1"), payload(&c, "1"));
        let mut d = a.clone();
        d.decision.as_mut().unwrap().transport = Some(TransportDecision::Denied);
        assert_ne!(payload(&a, "1"), payload(&d, "1"));
        assert_ne!(payload(&a, "1"), payload(&a, "2"));
    }

    #[test]
    fn no_value_can_forge_a_line() {
        let mut a = application();
        a.child.iin = "1\ndecision=reject".into();
        let p = payload(&a, "1");
        assert_eq!(p.lines().count(), 12);
        assert_eq!(p.lines().filter(|l| l.starts_with("decision=")).count(), 1);
    }

    #[test]
    fn without_a_decision_its_fields_are_empty() {
        let mut a = application();
        a.decision = None;
        let p = payload(&a, "1");
        assert!(p.contains("\ndecision=\nreason=\ntransport=\ndecided_by=\ndecided_at=\n"));
    }
}
