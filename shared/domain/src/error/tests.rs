use super::*;
use std::collections::HashSet;

#[test]
fn every_code_has_distinct_messages_in_both_languages() {
    let mut seen = HashSet::new();
    for code in ErrorCode::ALL {
        let (ru, kk) = (code.message(MsgLang::Ru), code.message(MsgLang::Kk));
        assert!(!ru.trim().is_empty() && !kk.trim().is_empty(), "{code}");
        assert_ne!(ru, kk, "{code}");
        assert!(seen.insert(ru), "{code}: Russian message repeats");
        assert!(seen.insert(kk), "{code}: Kazakh message repeats");
        // A Kazakh text has letters Russian lacks: a guard against pasting Russian twice.
        assert!(
            kk.chars().any(|c| "ӘәҒғҚқҢңӨөҰұҮүҺһІі".contains(c)),
            "{code}: {kk}"
        );
    }
}

#[test]
fn every_status_is_an_error_status() {
    for code in ErrorCode::ALL {
        assert!((400..600).contains(&code.status()), "{code}");
    }
    assert_eq!(ErrorCode::BadRequest.status(), 400);
    assert_eq!(ErrorCode::Unauthorized.status(), 401);
    assert_eq!(ErrorCode::QueueOrderViolated.status(), 409);
    assert_eq!(ErrorCode::InvalidIin.status(), 422);
    assert_eq!(ErrorCode::ServiceUnavailable.status(), 503);
    assert_eq!(ErrorCode::Internal.status(), 500);
    assert_eq!(ErrorCode::FileTypeMismatch.status(), 422);
    assert_eq!(ErrorCode::UploadUsed.status(), 409);
    assert_eq!(ErrorCode::UploadExpired.status(), 410);
    assert_eq!(ErrorCode::OutsideRegion.status(), 403);
}

#[test]
fn codes_are_unique_snake_case_and_complete() {
    let mut seen = HashSet::new();
    for code in ErrorCode::ALL {
        let s = code.as_str();
        assert!(seen.insert(s), "{s} twice");
        assert!(s.starts_with(|c: char| c.is_ascii_lowercase()));
        assert!(
            s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{s}"
        );
        assert!(!s.ends_with('_') && !s.contains("__"), "{s}");
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{s}\""));
        assert_eq!(s.parse::<ErrorCode>(), Ok(code));
    }
    assert_eq!(ErrorCode::ALL.len(), 61);
}

#[test]
fn the_queue_message_is_the_oqu_one() {
    assert_eq!(
        ErrorCode::QueueOrderViolated.message(MsgLang::Ru),
        "Нарушена очередность, есть более ранние заявки в статусе «На проверке»"
    );
}

#[test]
fn domain_error_names_its_field() {
    let e = DomainError::new(ErrorCode::MissingDocument).field("documents.photo");
    assert_eq!(e.field.as_deref(), Some("documents.photo"));
    assert_eq!(e.to_string(), "missing_document (documents.photo)");
    assert_eq!(e.status(), 422);
    assert_eq!(
        DomainError::from(ErrorCode::NotFound).to_string(),
        "not_found"
    );
    assert_eq!(
        DomainError::from(IinError::Checksum).code,
        ErrorCode::InvalidIin
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(!boxed.to_string().is_empty());
}
