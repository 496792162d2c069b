use super::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::fmt::Debug;
use std::str::FromStr;

/// serde, `as_str`, `FromStr` and `Display` agree, and the codes are distinct snake_case.
fn wire_agrees<T>(all: &[T])
where
    T: Copy + Debug + PartialEq + Serialize + DeserializeOwned + FromStr + ToString,
    <T as FromStr>::Err: Debug,
{
    let mut seen = HashSet::new();
    for &v in all {
        let code = v.to_string();
        assert!(seen.insert(code.clone()), "duplicate code {code}");
        assert!(!code.is_empty());
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code} is not snake_case"
        );
        assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{code}\""));
        assert_eq!(
            serde_json::from_str::<T>(&format!("\"{code}\"")).unwrap(),
            v
        );
        assert_eq!(code.parse::<T>().unwrap(), v);
        assert!(
            code.to_uppercase().parse::<T>().is_err(),
            "codes are case-sensitive"
        );
    }
}

#[test]
fn every_enum_has_consistent_wire_codes() {
    wire_agrees(&Lang::ALL);
    wire_agrees(&Sex::ALL);
    wire_agrees(&Status::ALL);
    wire_agrees(&DocumentKind::ALL);
    wire_agrees(&RejectReason::ALL);
    wire_agrees(&Role::ALL);
    wire_agrees(&OrgKind::ALL);
    wire_agrees(&AdmissionType::ALL);
    wire_agrees(&Service::ALL);
    wire_agrees(&Relation::ALL);
    wire_agrees(&MsgLang::ALL);
}

#[test]
fn wire_codes_of_the_contract() {
    assert_eq!(Service::Grade1.as_str(), "grade1");
    assert_eq!(Status::OnSigning.as_str(), "on_signing");
    assert_eq!(Role::EduDepartment.as_str(), "edu_department");
    assert_eq!(DocumentKind::PmpkConclusion.as_str(), "pmpk_conclusion");
    let reasons: Vec<&str> = RejectReason::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "unreliable_documents",
            "non_compliance",
            "negative_authority_response",
            "court_activity_ban",
            "court_right_deprivation",
            "no_personal_data_consent",
            "classes_overfilled",
        ]
    );
    let err = "nope".parse::<Status>().unwrap_err();
    assert_eq!(err.kind, "Status");
    assert!(serde_json::from_str::<Status>("\"nope\"").is_err());
}

#[test]
fn statuses_are_open_or_final() {
    for s in Status::ALL {
        assert_ne!(s.is_open(), s.is_final(), "{s}");
    }
    assert!(Status::InReview.is_open());
    assert!(Status::OnSigning.is_open());
    assert!(Status::Withdrawn.is_final());
    assert_eq!(Status::InReview.title(MsgLang::Ru), "На проверке");
    assert_eq!(Status::OnSigning.title(MsgLang::Ru), "На подписании");
    assert_eq!(Status::Rejected.title(MsgLang::Kk), "Бас тартылды");
}

/// Titles exist in both languages, differ between variants, and Kazakh is not a copy of
/// Russian (names that are the same word in both, like «Директор», are exempt).
fn titles_are_distinct<T: Copy + Debug>(all: &[T], title: impl Fn(T, MsgLang) -> &'static str) {
    for lang in MsgLang::ALL {
        let mut seen = HashSet::new();
        for &v in all {
            let t = title(v, lang);
            assert!(!t.trim().is_empty(), "{v:?} {lang}");
            assert!(seen.insert(t), "duplicate title {t}");
        }
    }
}

#[test]
fn titles_and_texts_are_complete() {
    titles_are_distinct(&Lang::ALL, Lang::title);
    titles_are_distinct(&Sex::ALL, Sex::title);
    titles_are_distinct(&Status::ALL, Status::title);
    titles_are_distinct(&DocumentKind::ALL, DocumentKind::title);
    titles_are_distinct(&RejectReason::ALL, RejectReason::text);
    titles_are_distinct(&Role::ALL, Role::title);
    titles_are_distinct(&OrgKind::ALL, OrgKind::title);
    titles_are_distinct(&Relation::ALL, Relation::title);
    for r in RejectReason::ALL {
        assert_ne!(r.text(MsgLang::Ru), r.text(MsgLang::Kk));
        assert!(
            !r.text(MsgLang::Ru).contains("  "),
            "line continuation left a gap"
        );
        assert!(!r.text(MsgLang::Kk).contains("  "));
    }
    assert!(
        DocumentKind::VaccinationCard
            .title(MsgLang::Ru)
            .contains("065/у")
    );
    assert!(
        DocumentKind::HealthPassport
            .title(MsgLang::Kk)
            .contains("052-2/у")
    );
}
