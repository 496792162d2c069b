//! Errors as data: a stable code, a fitting status and a message in the caller's language.

use domain::{DomainError, ErrorCode};
use store::StoreError;

/// An error for the caller. `log` carries what operators need and callers must not see.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub log: Option<String>,
    /// A message that names this case's particulars (a campaign's dates) in place of the
    /// code's general text.
    pub detail: Option<domain::api::Text>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            code,
            field: None,
            log: None,
            detail: None,
        }
    }
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    /// The message in both languages, in place of the code's general text.
    pub fn detail(mut self, text: domain::api::Text) -> Self {
        self.detail = Some(text);
        self
    }
    pub fn log(mut self, log: impl Into<String>) -> Self {
        self.log = Some(log.into());
        self
    }
    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound)
    }
    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden)
    }
    pub fn unauthorized() -> Self {
        Self::new(ErrorCode::Unauthorized)
    }
    pub fn internal(log: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal).log(log)
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        ApiError {
            code: e.code,
            field: e.field,
            log: None,
            detail: None,
        }
    }
}

/// An event the application's state does not allow (decided again, signed, returned or
/// withdrawn meanwhile) → 409 `invalid_status`.
impl From<domain::lifecycle::InvalidTransition> for ApiError {
    fn from(e: domain::lifecycle::InvalidTransition) -> Self {
        ApiError::new(ErrorCode::InvalidStatus).log(format!("{:?} from {:?}", e.event, e.from))
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

/// A store failure that reaches a caller: unavailability is worth a retry (503); anything
/// else is our own mistake (500). Expected condition failures are mapped by the use case.
impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) | StoreError::Conflict => {
                ApiError::new(ErrorCode::ServiceUnavailable).log(e.to_string())
            }
            _ => ApiError::internal(e.to_string()),
        }
    }
}

impl From<queue::QueueError> for ApiError {
    fn from(e: queue::QueueError) -> Self {
        ApiError::new(ErrorCode::ServiceUnavailable).log(e.to_string())
    }
}
