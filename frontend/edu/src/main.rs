//! The education department's site (seed 002, 5.2, 5.6, 5.7 and the «Сотрудник управления
//! образования» walkthrough): the journal of applications across the organisations of the
//! department's territory with a read-only card, the report «Мониторинг оказания
//! государственных услуг» as a table and a chart, the overdue dashboard and the campaign
//! settings. A bundle of its own, loaded only on its pages (`/edu/...`), on the main app's
//! library (`frontend`): the same shell, state, texts, API client and components, hence the
//! same session, language and theme.
//!
//! `route` names the pages, `app` is the shell around them, `hooks` is how pages load and
//! download, `state` the filters the pages share; one module per page.

mod app;
mod campaigns;
mod hooks;
mod journal;
mod overdue;
mod report;
mod route;
mod state;
mod text;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
