//! The journal's filters, search, tokens and the checks of assigning many.

use std::collections::BTreeMap;

use super::*;

fn parse(pairs: &[(&str, &str)]) -> Result<JournalFilter, DomainError> {
    let m: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    JournalFilter::parse(|k| m.get(k).map(String::as_str))
}

#[test]
fn journal_filters_parse() {
    let f = parse(&[]).unwrap();
    assert_eq!(f.limit, JOURNAL_PAGE);
    assert!(!f.filters_in_memory());
    let f = parse(&[
        ("status", "in_review"),
        ("admission_type", "outside"),
        ("overdue", "false"),
        ("q", "Ахметов"),
        ("limit", "3"),
        ("status", ""),
    ])
    .unwrap();
    assert_eq!(f.status, None);
    assert_eq!(f.admission_type, Some(AdmissionType::Outside));
    assert_eq!(f.overdue, Some(false));
    assert_eq!(f.q.as_deref(), Some("ахметов"));
    assert_eq!(f.limit, 3);
    for (k, v) in [
        ("status", "done"),
        ("admission_type", "x"),
        ("overdue", "yes"),
        ("from", "2026-13-01"),
        ("to", "yesterday"),
        ("limit", "0"),
        ("limit", "51"),
        ("page_token", "zz"),
        ("page_token", "abc"),
        ("decision", "maybe"),
    ] {
        let e = parse(&[(k, v)]).unwrap_err();
        assert_eq!(e.code, ErrorCode::ValidationFailed, "{k}={v}");
        assert_eq!(e.field.as_deref(), Some(k));
    }
}

#[test]
fn dates_are_almaty_days() {
    let f = parse(&[("from", "2026-04-01"), ("to", "2026-04-01")]).unwrap();
    assert_eq!(
        f.from.unwrap().to_rfc3339(),
        "2026-03-31T19:00:00+00:00",
        "midnight in Almaty"
    );
    assert_eq!(f.before.unwrap().to_rfc3339(), "2026-04-01T19:00:00+00:00");
    let f = parse(&[("to", "2026-04-01T10:00:00+05:00")]).unwrap();
    assert_eq!(
        f.before.unwrap().to_rfc3339(),
        "2026-04-01T05:00:00.000001+00:00"
    );
}

#[test]
fn tokens_round_trip() {
    let sk = "2026-04-01T04:00:00.000000Z#0000000012";
    let t = encode_token(sk);
    assert!(t.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(decode_token(&t).as_deref(), Some(sk));
    assert_eq!(decode_token(""), None);
}

fn application(number: u64) -> Application {
    serde_json::from_value(serde_json::json!({
        "id": format!("app-{number}"), "number": number, "service": "grade1", "org_id": "org",
        "academic_year": "2026-2027", "grade": 1, "language": "kk", "status": "in_review",
        "admission_type": "microdistrict",
        "submitted_at": "2026-04-01T10:00:00+05:00", "due_at": "2026-04-03T10:00:00+05:00",
        "overdue": false, "applicant_iin": "880808300004", "applicant_name": "Нурланов Асхат",
        "child": {"iin": "190315500101", "last_name": "Нурланов", "first_name": "Алихан",
                  "middle_name": "Асхатович", "birth_date": "2019-03-15", "sex": "male"},
        "applicant": {"phone": "+77011234567", "relation": "father"},
        "registered_address_id": null, "actual_address": null,
        "transport_requested": false, "special_needs": false, "documents": []
    }))
    .unwrap()
}

fn decided(kind: &str) -> Application {
    let mut app = application(2);
    app.status = Status::OnSigning;
    app.decision = Some(
        serde_json::from_value(serde_json::json!({
            "decision": kind, "decided_by": "850315400015", "decided_role": "director",
            "decided_at": "2026-04-02T10:00:00+05:00"
        }))
        .unwrap(),
    );
    app
}

#[test]
fn search_reads_like_the_seed() {
    let mut app = application(17);
    let hit = |app: &Application, q: &str| matches_text(app, &q.to_lowercase());
    assert!(hit(&app, "17"));
    assert!(hit(&app, "№17"));
    assert!(!hit(&app, "7"), "a number matches whole");
    // The applicant's IIN exactly, the child's by its start.
    assert!(hit(&app, "880808300004"));
    assert!(!hit(&app, "88080830000"));
    assert!(hit(&app, "190315"));
    assert!(!hit(&app, "000000000000"));
    // Names, any part, any case.
    assert!(hit(&app, "АСХАТ"));
    assert!(hit(&app, "алихан асхатович"));
    assert!(!hit(&app, "Сейтова"));
    app.assignee_name = Some("Сейтова Динара".into());
    assert!(hit(&app, "Сейтова"));
}

#[test]
fn assignee_and_decision_filter() {
    let f = parse(&[("assignee", "870505400001"), ("decision", "none")]).unwrap();
    assert!(f.filters_in_memory());
    let mut app = application(1);
    assert!(!f.matches(&app), "nobody assigned");
    app.assignee_iin = Some("870505400001".into());
    assert!(f.matches(&app));
    app.assignee_iin = Some("850315400015".into());
    assert!(!f.matches(&app));

    let accept = parse(&[("decision", "accept")]).unwrap();
    let reject = parse(&[("decision", "reject")]).unwrap();
    let none = parse(&[("decision", "none")]).unwrap();
    assert!(accept.matches(&decided("accept")));
    assert!(!accept.matches(&decided("reject")));
    assert!(reject.matches(&decided("reject")));
    assert!(none.matches(&application(3)));
    assert!(!none.matches(&decided("accept")));
    assert_eq!(
        DecisionFilter::of(&decided("reject")),
        DecisionFilter::Reject
    );

    let e = parse(&[("assignee", "123")]).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidIin, Some("assignee"))
    );
}

#[test]
fn assigning_many_is_checked() {
    let body = |ids: &[&str], iin: &str| AssignMany {
        application_ids: ids.iter().map(|s| s.to_string()).collect(),
        executor_iin: iin.into(),
    };
    let v = body(&["a", " b ", "a"], " 870505400001 ")
        .validate()
        .unwrap();
    assert_eq!(v.application_ids, vec!["a".to_string(), "b".to_string()]);
    assert_eq!(v.executor.as_str(), "870505400001");
    let field = |r: Result<ValidAssignMany, DomainError>| {
        let e = r.unwrap_err();
        (e.code, e.field.unwrap_or_default())
    };
    assert_eq!(
        field(body(&["a"], "870505400002").validate()),
        (ErrorCode::InvalidIin, "executor_iin".into())
    );
    let many: Vec<String> = (0..=MAX_ASSIGN).map(|n| n.to_string()).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    for ids in [&[][..], &["a", " "][..], &many[..]] {
        assert_eq!(
            field(body(ids, "870505400001").validate()),
            (ErrorCode::ValidationFailed, "application_ids".into())
        );
    }
    assert!(body(&many[..MAX_ASSIGN], "870505400001").validate().is_ok());
    let out = AssignOutcome {
        id: "a".into(),
        result: AssignResult::Refused,
        code: Some(ErrorCode::InvalidStatus),
        message: None,
    };
    assert_eq!(
        serde_json::to_value(&out).unwrap(),
        serde_json::json!({"id": "a", "result": "refused", "code": "invalid_status"})
    );
}
