//! What every function stands on: the context of ports ([`Ctx`]), authentication, errors in the
//! caller's language, HTTP helpers, the clock, the file store, the key layout of the one table,
//! and telemetry. Functions take a [`Ctx`] and a request and hold only their use case.

pub mod access;
pub mod audit;
pub mod auth;
pub mod blobs;
pub mod clock;
pub mod config;
pub mod ctx;
pub mod due;
pub mod error;
pub mod http;
pub mod keys;
pub mod lambda;
pub mod limits;
pub mod microdistrict;
pub mod outbox;
pub mod seats;
pub mod signing;
pub mod sms;
pub mod staff;
pub mod telemetry;

pub use ctx::Ctx;
pub use error::ApiError;
pub use http::{Request, Response};

/// The result of a use case: a response or an error for the caller.
pub type ApiResult = Result<Response, ApiError>;
