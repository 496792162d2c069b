//! Applicants and their legal representatives: finding a college and reading its page
//! (`college`), applying (`apply`), and their applications with the decision and the rank
//! (`mine`).

mod apply;
mod college;
mod mine;

pub use apply::Apply;
pub use college::{CollegePage, Finder};
pub use mine::{Application, MyApplications};
