//! The bodies of the staff's actions on an application and on their organisation, and the small
//! answers that go with them, re-exported from [`crate::api`]: the functions read and write them
//! and the site builds and reads them, so neither side spells a field by hand.

use serde::{Deserialize, Serialize};

use crate::review::MAX_COMMENT;
use crate::{DomainError, ErrorCode};

/// `PUT /api/orgs/{org}/applications/{id}/assignee`: the responsible executor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignExecutor {
    pub iin: String,
}

/// `POST /api/orgs/{org}/applications/{id}/sign`: the signature over the decision's payload by
/// the key of an X.509 certificate, and that certificate's chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignDecision {
    /// Base64 (standard or URL-safe): ECDSA P-256 as the 64-byte `r‖s` or DER, RSA PKCS#1 v1.5;
    /// both with SHA-256.
    pub signature: String,
    /// The leaf certificate first, then its intermediates; each PEM or base64 of DER.
    #[serde(default)]
    pub certificates: Vec<String>,
}

/// `POST /api/orgs/{org}/applications/{id}/return`: back to the executor with a reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReturnForRework {
    #[serde(default)]
    pub comment: Option<String>,
}

impl ReturnForRework {
    /// The trimmed comment. Seed 001: «Заполните причину, поле обязательно для заполнения».
    pub fn validate(&self) -> Result<String, DomainError> {
        let comment = self.comment.as_deref().map(str::trim).unwrap_or_default();
        if comment.is_empty() {
            return Err(DomainError::new(ErrorCode::CommentRequired).field("comment"));
        }
        if comment.chars().count() > MAX_COMMENT {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("comment"));
        }
        Ok(comment.to_string())
    }
}

/// A request without a body (`{}`): withdraw, mark a notice read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {}

/// `GET /api/orgs/{org}/applications/{id}/signing-payload`: the canonical text to sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SigningPayload {
    pub payload: String,
}

/// `GET /api/applications/{id}/documents/{file_id}`: a short-lived address of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentLink {
    pub url: String,
    pub content_type: String,
    /// The bytes are no longer those submitted (their SHA-256 differs): «документ изменён».
    #[serde(default)]
    pub changed: bool,
}

/// `DELETE /api/orgs/{org}/microdistrict/{address_id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detached {
    pub id: String,
    pub detached: bool,
}

/// `GET /api/orgs/{org}`: the public profile, the organisation and its class limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgProfile {
    #[serde(flatten)]
    pub org: crate::api::Org,
    pub limits: Vec<crate::api::Limit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_needs_a_reason_of_plausible_length() {
        let r = |c: Option<&str>| ReturnForRework {
            comment: c.map(String::from),
        };
        assert_eq!(
            r(None).validate().unwrap_err().code,
            ErrorCode::CommentRequired
        );
        assert_eq!(
            r(Some("  ")).validate().unwrap_err().code,
            ErrorCode::CommentRequired
        );
        assert_eq!(r(Some(" Нет справки ")).validate().unwrap(), "Нет справки");
        let long = "я".repeat(MAX_COMMENT + 1);
        assert_eq!(
            r(Some(&long)).validate().unwrap_err().field.as_deref(),
            Some("comment")
        );
        assert!(r(Some(&"я".repeat(MAX_COMMENT))).validate().is_ok());
    }

    #[test]
    fn bodies_have_the_contract_fields() {
        let body = serde_json::to_value(SignDecision {
            signature: "s".into(),
            certificates: vec!["c".into()],
        })
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"signature": "s", "certificates": ["c"]})
        );
        let body = serde_json::to_value(AssignExecutor { iin: "1".into() }).unwrap();
        assert_eq!(body, serde_json::json!({"iin": "1"}));
        assert_eq!(
            serde_json::to_value(Empty {}).unwrap(),
            serde_json::json!({})
        );
        let r: ReturnForRework = serde_json::from_str("{}").unwrap();
        assert_eq!(r.comment, None);
    }
}
