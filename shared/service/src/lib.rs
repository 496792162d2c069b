//! What a Lambda runs on: the context of ports ([`Ctx`]), authentication and access, errors in
//! the caller's language, HTTP helpers, the Lambda entry points, telemetry, the clock, files,
//! SMS, configuration, sending the outbox after commit, and numbering a submission. Functions
//! take a [`Ctx`] and a request and hold only their use case; how things are stored is the
//! `table` crate's.

pub mod access;
pub mod auth;
pub mod blobs;
pub mod clock;
pub mod config;
pub mod ctx;
pub mod deployed;
pub mod email;
pub mod error;
pub mod http;
pub mod lambda;
pub mod outbound;
pub mod outbox;
pub mod population;
pub mod preschool;
pub mod retry;
pub mod signature;
pub mod sms;
pub mod submission;
pub mod telemetry;

pub use ctx::Ctx;
pub use error::ApiError;
pub use http::{Request, Response};

/// The result of a use case: a response or an error for the caller.
pub type ApiResult = Result<Response, ApiError>;
