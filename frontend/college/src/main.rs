//! The college service's site (seed 000, «Прием документов в организации технического и
//! профессионального, послесреднего образования»): applicants find a college, read its
//! specialty lines and apply, and follow their application and its rank; the admissions office
//! works in the shared journal, card and signing pages with the college's section, manages the
//! specialty lines and reads the ranked lists. A bundle of its own, loaded only on its pages
//! (`/college/...`), on the main app's library (`frontend`): the same shell, state, texts, API
//! client and staff pages, hence the same session, language and theme.
//!
//! `route` names the pages, `app` is the shell around them; `parent` holds the applicant's
//! pages, `staff` the office's, `details` what both read of an application.

mod app;
mod details;
mod parent;
mod ranking;
mod route;
mod staff;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
