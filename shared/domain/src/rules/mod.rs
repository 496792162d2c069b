//! The pure rules of 1st-grade enrolment, one module a concern: the 3-to-1 class limit and
//! free seats (`seats`), the age rule (`age`), required documents and accepted files
//! (`documents`), Almaty time (`time`), phone numbers (`phone`). The review deadline is in
//! `calendar`.

mod age;
mod documents;
mod phone;
mod seats;
mod time;

pub use age::*;
pub use documents::*;
pub use phone::*;
pub use seats::*;
pub use time::*;
