//! Support for the black-box HTTP API tests: a harness that runs the local runner
//! (`qabyldau-local`) on one of the two stores ([`harness`]), the HTTP client ([`http`]),
//! fixtures (people, schools with a limit, documents, applications, dev-CA certificates and
//! signatures: [`fixtures`]), IIN generation ([`iin`]), a forged token ([`crypto`]) and assertions
//! ([`assert`]). Everything is re-exported here: scenarios `use api_tests::*`.
//!
//! Environment: `QABYLDAU_LOCAL_BIN` (the runner; default: `qabyldau-local` of the target dir
//! that built the tests, else `<workspace>/target/debug/qabyldau-local`), `MOTO_ENDPOINT`
//! (required by the DynamoDB runs; `scripts/with-moto` starts a moto that serialises DynamoDB
//! requests, as real DynamoDB is atomic per request), `QABYLDAU_LOG_DIR` (where the runners' logs
//! go, one file a test; default `tests/output/logs/api`). A log's tail is printed when a test
//! fails.
//!
//! Every request helper returns `(status, body)`: the status as a number and the body parsed as
//! JSON (`Value::Null` when empty, `Value::String` with the raw text when it is not JSON).

pub mod assert;
pub mod crypto;
pub mod fixtures;
pub mod harness;
pub mod http;
pub mod iin;

pub use assert::*;
pub use crypto::*;
pub use fixtures::applications::*;
pub use fixtures::files::*;
pub use fixtures::people::*;
pub use fixtures::schools::*;
pub use fixtures::signing::*;
pub use harness::*;
pub use http::*;
pub use iin::*;
pub use reqwest::Method;
pub use serde_json::{Value, json};

/// The academic year every scenario applies for.
pub const YEAR: &str = "2026-2027";
/// The region of the harness's admin and of every organisation the tests create.
pub const REGION: &str = "astana";
