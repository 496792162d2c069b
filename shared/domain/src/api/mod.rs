//! API request/response types of `shared/API.md`, shared by the functions and the frontend,
//! and the validation of requests that needs no stored state. One module a concern; everything
//! is re-exported here, so a type is `domain::api::Name` wherever it lives.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

mod actions;
mod applications;
mod files;
mod identity;
mod orgs;

pub use crate::address::AttachAddress;
pub use crate::staff::AnswerConsent;
pub use actions::*;
pub use applications::*;
pub use files::*;
pub use identity::*;
pub use orgs::*;

/// `{"items": [...], "next_page_token": ...}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    pub items: Vec<T>,
    pub next_page_token: Option<String>,
}

/// `{"error": {"code", "message"}}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Whether an id a client made for a retryable request (a uuid, usually) is acceptable: 8 to
/// 64 ASCII letters, digits and dashes, so it can be part of a key.
pub fn is_client_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A text in both languages of the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub ru: String,
    pub kk: String,
}

impl Text {
    /// The text `f` writes in each language.
    pub fn of(f: impl Fn(crate::MsgLang) -> String) -> Text {
        Text {
            ru: f(crate::MsgLang::Ru),
            kk: f(crate::MsgLang::Kk),
        }
    }
}
