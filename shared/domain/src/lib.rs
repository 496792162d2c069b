//! Pure rules and types of Qabyldau: the IIN, the academic year, statuses, reject reasons,
//! error codes with ru/kk messages, the class-limit quota, the age rule, documents and files,
//! Almaty time, and the API request/response types.
//!
//! No I/O, no clock, no async: everything here is a function of its arguments, so the Lambdas,
//! the local runner and the wasm32 frontend share the same rules.

mod wire;

pub mod address;
pub mod api;
pub mod applicant_view;
pub mod calendar;
pub mod campaign;
pub mod classes;
pub mod college;
pub mod error;
pub mod iin;
pub mod intake;
pub mod journal;
pub mod lifecycle;
pub mod messages;
pub mod monitoring;
pub mod notices;
pub mod orders;
pub mod permissions;
pub mod population;
pub mod preschool;
pub mod profile;
pub mod queue_line;
pub mod region_staff;
pub mod replies;
pub mod review;
pub mod rules;
pub mod services;
pub mod signing;
pub mod staff;
pub mod territory;
pub mod types;
pub mod year;

pub use calendar::{due_at, is_day_off, is_working_time, next_working_start};
pub use error::*;
pub use iin::*;
pub use messages::*;
pub use rules::*;
pub use types::*;
pub use wire::UnknownCode;
pub use year::*;
