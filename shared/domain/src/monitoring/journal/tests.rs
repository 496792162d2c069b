//! The territory filters of the journal across organisations.

use std::collections::BTreeMap;

use super::*;

fn parse(pairs: &[(&str, &str)]) -> Result<MonitoringFilter, DomainError> {
    let m: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    MonitoringFilter::parse(|k| m.get(k).map(String::as_str))
}

fn application() -> Application {
    serde_json::from_value(serde_json::json!({
        "id": "app-1", "number": 7, "service": "grade1", "org_id": "org-1",
        "region": "karaganda", "locality_id": "karaganda",
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

#[test]
fn the_territory_filters_parse_and_name_their_field() {
    let f = parse(&[
        ("service", "grade1"),
        ("org", "org-1"),
        ("locality", " karaganda "),
        ("region", "karaganda"),
        ("status", "in_review"),
    ])
    .unwrap();
    assert_eq!(f.service, Some(Service::Grade1));
    assert_eq!(f.org.as_deref(), Some("org-1"));
    assert_eq!(f.locality.as_deref(), Some("karaganda"));
    assert_eq!(f.region.as_deref(), Some("karaganda"));
    assert!(f.filters_in_memory());
    assert!(!parse(&[("region", "astana")]).unwrap().filters_in_memory());
    for (k, v) in [("service", "taxi"), ("region", "atlantis"), ("status", "x")] {
        let e = parse(&[(k, v)]).unwrap_err();
        assert_eq!(e.code, ErrorCode::ValidationFailed, "{k}={v}");
        assert_eq!(e.field.as_deref(), Some(k));
    }
}

#[test]
fn the_region_read_is_the_callers_own_or_the_ministrys_choice() {
    let region = Scope::Region {
        region: "astana".into(),
    };
    let district = Scope::District {
        region: "karaganda".into(),
        district: "karaganda-city".into(),
    };
    let none = parse(&[]).unwrap();
    let karaganda = parse(&[("region", "karaganda")]).unwrap();
    assert_eq!(none.region_for(&region).unwrap(), "astana");
    assert_eq!(karaganda.region_for(&district).unwrap(), "karaganda");
    assert_eq!(
        karaganda.region_for(&region).unwrap_err().code,
        ErrorCode::Forbidden
    );
    assert_eq!(karaganda.region_for(&Scope::Ministry).unwrap(), "karaganda");
    let e = none.region_for(&Scope::Ministry).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::ValidationFailed, Some("region"))
    );
}

#[test]
fn an_application_passes_every_filter_or_none() {
    let app = application();
    assert!(parse(&[]).unwrap().matches(&app, None));
    for pairs in [
        vec![("service", "grade1"), ("org", "org-1")],
        vec![("locality", "karaganda"), ("q", "нурланов")],
        vec![("q", "7"), ("decision", "none")],
    ] {
        assert!(parse(&pairs).unwrap().matches(&app, None), "{pairs:?}");
    }
    for pairs in [
        vec![("service", "college")],
        vec![("org", "org-2")],
        vec![("locality", "temirtau")],
        vec![("status", "accepted")],
        vec![("q", "иванов")],
    ] {
        assert!(!parse(&pairs).unwrap().matches(&app, None), "{pairs:?}");
    }
    // A district sees its own localities only.
    let mine: BTreeSet<String> = ["karaganda".to_string()].into();
    let other: BTreeSet<String> = ["temirtau".to_string()].into();
    assert!(parse(&[]).unwrap().matches(&app, Some(&mine)));
    assert!(!parse(&[]).unwrap().matches(&app, Some(&other)));
}
