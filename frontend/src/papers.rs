//! The papers of an application to download («Скачать заявление», «Скачать расписку»,
//! «Скачать уведомление», «Скачать приказ о зачислении», seeds 000–003): PDFs the API makes from
//! what is stored. The notice exists once the decision is signed, the order once the enrolment
//! order listing the child is (its history says so); a college application has its notice only.
//! One section for the parent's page, the college applicant's page and the staff card; a plain
//! function, not a component (each component type costs the wasm several KB), so the page
//! holding it shows a failed download.

use domain::Service;
use domain::api::{Application, HistoryEvent};
use yew::prelude::*;

use crate::api::{Api, download};
use crate::state::{App, Texts};

/// The section, or nothing for a service without papers yet (the API answers 404 for them).
/// `history`: the application's events, when loaded (an `order_signed` one offers the order).
pub fn papers(
    app: &App,
    a: &Application,
    history: Option<&[HistoryEvent]>,
    on_error: Callback<String>,
) -> Html {
    let grade1 = a.service == Service::Grade1;
    let signed = a.signature.is_some();
    let college_notice = a.service == Service::College && signed;
    if !(grade1 || college_notice) {
        return html! {};
    }
    let button = |paper: &'static str, key: &'static str| {
        let (api, on_error) = (Api::of(app), on_error.clone());
        let path = format!(
            "/api/applications/{}/papers/{paper}",
            crate::components::enc(&a.id)
        );
        let filename = format!("{paper}-{}.pdf", a.number);
        let onclick = Callback::from(move |_| {
            download(
                api.clone(),
                path.clone(),
                filename.clone(),
                on_error.clone(),
            );
        });
        html! {
            <li>
                <button type="button" class="btn btn-small btn-secondary" data-paper={paper} {onclick}>
                    {app.t(key)}
                </button>
            </li>
        }
    };
    html! {
        <section class="card papers" aria-labelledby="papers-title">
            <h2 id="papers-title">{app.t("papers_title")}</h2>
            <ul class="paper-links">
                if grade1 {
                    {button("application", "papers_application")}
                    {button("receipt", "papers_receipt")}
                }
                if signed {
                    {button("notice", "papers_notice")}
                }
                if grade1 && history.is_some_and(|h| h.iter().any(|e| e.action == "order_signed")) {
                    {button("order", "papers_order")}
                }
            </ul>
        </section>
    }
}
