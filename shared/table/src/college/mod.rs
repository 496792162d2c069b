//! The college service's items (seed 000). Applications themselves are the shared pipeline's
//! ([`crate::application`]); here are what only a college has:
//!
//! | item | pk | sk | indexes |
//! |---|---|---|---|
//! | specialty line | `ORG#{org}` | `SPECIALTY#{line}` | |
//! | campaign of a year | `REGION#{region}` | `COLLEGE_CAMPAIGN#{year}` | |
//! | ranked list entry | `RANK#{org}#{year}#{line}` | `{500 - score}#{submitted}#{number}` | |
//!
//! A line's ranked list is one partition whose sort key is the rank order, so the list is read
//! in one query ([`rank::list`]); entries are written with the signed acceptance, in its
//! transaction ([`rank::enter`], from the application's transition).

pub mod campaign;
pub mod rank;
pub mod specialty;
