use super::*;
use crate::Sex;

fn registration() -> RegisterInQueue {
    RegisterInQueue {
        child: Child {
            iin: "230625600123".into(),
            last_name: "Ахметова".into(),
            first_name: "Айша".into(),
            middle_name: None,
            birth_date: NaiveDate::from_ymd_opt(2023, 6, 25).unwrap(),
            sex: Sex::Female,
        },
        locality_id: "astana".into(),
        language: Lang::Kk,
        privilege: PrivilegeCategory::None,
        privilege_document: None,
        phone: "8 701 123 45 67".into(),
        email: None,
    }
}

fn field(e: DomainError) -> (ErrorCode, String) {
    (e.code, e.field.unwrap_or_default())
}

#[test]
fn a_registration_is_checked_field_by_field() {
    let today = NaiveDate::from_ymd_opt(2026, 6, 2).unwrap();
    let r = registration();
    let (iin, phone) = r.validate(today).unwrap();
    assert_eq!(
        (iin.as_str(), phone.as_str()),
        ("230625600123", "+77011234567")
    );

    let mut old = r.clone();
    old.child.iin = "190315500101".into();
    old.child.birth_date = NaiveDate::from_ymd_opt(2019, 3, 15).unwrap();
    old.child.sex = Sex::Male;
    let e = old.validate(NaiveDate::from_ymd_opt(2026, 3, 15).unwrap());
    assert_eq!(
        field(e.unwrap_err()),
        (ErrorCode::NotPreschoolAge, "child.birth_date".into())
    );

    let mut bad = r.clone();
    bad.child.sex = Sex::Male;
    assert_eq!(
        field(bad.validate(today).unwrap_err()).0,
        ErrorCode::IinMismatch
    );
    let mut bad = r.clone();
    bad.phone = "12".into();
    assert_eq!(
        field(bad.validate(today).unwrap_err()),
        (ErrorCode::ValidationFailed, "phone".into())
    );
    let mut bad = r.clone();
    bad.privilege = PrivilegeCategory::Extraordinary;
    assert_eq!(
        field(bad.validate(today).unwrap_err()),
        (ErrorCode::MissingDocument, "privilege_document".into())
    );
    bad.privilege_document = Some(DocumentRef {
        kind: DocumentKind::Photo,
        file_id: "f".into(),
        sha256: None,
        pages: None,
    });
    assert_eq!(
        field(bad.validate(today).unwrap_err()),
        (
            ErrorCode::ValidationFailed,
            "privilege_document.kind".into()
        )
    );
    bad.privilege_document.as_mut().unwrap().kind = DocumentKind::PrivilegeProof;
    assert!(bad.validate(today).is_ok());
}

#[test]
fn a_refusal_needs_a_comment() {
    let d = |confirm, comment: Option<&str>| PrivilegeDecision {
        confirm,
        comment: comment.map(str::to_string),
    };
    assert_eq!(d(true, None).validate(), Ok(None));
    assert_eq!(d(true, Some("  ")).validate(), Ok(None));
    assert_eq!(
        d(false, Some(" Нет справки ")).validate(),
        Ok(Some("Нет справки".into()))
    );
    for c in [None, Some(" ")] {
        assert_eq!(
            field(d(false, c).validate().unwrap_err()),
            (ErrorCode::CommentRequired, "comment".into())
        );
    }
    let long = "я".repeat(crate::review::MAX_COMMENT + 1);
    assert_eq!(
        d(true, Some(&long)).validate().unwrap_err().code,
        ErrorCode::ValidationFailed
    );
    let change = ChangePrivilege {
        privilege: PrivilegeCategory::FirstPriority,
        privilege_document: None,
    };
    assert_eq!(
        field(change.validate().unwrap_err()),
        (ErrorCode::MissingDocument, "privilege_document".into())
    );
}
