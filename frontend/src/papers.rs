//! The papers of an application to download («Скачать заявление», «Скачать расписку»,
//! «Скачать уведомление», seeds 001–003): PDFs the API makes from what is stored. The notice
//! exists once the decision is signed. One component for the parent's page and the staff card.

use domain::Service;
use domain::api::Application;
use yew::prelude::*;

use crate::api::{Api, download};
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct PapersProps {
    pub application: Application,
}

#[function_component]
pub fn Papers(p: &PapersProps) -> Html {
    let app = use_app();
    let error = use_state(|| None::<String>);
    let a = &p.application;
    // Only 1st grade has its papers so far (the API answers 404 for the others).
    if a.service != Service::Grade1 {
        return html! {};
    }
    let button = |paper: &'static str, key: &'static str| {
        let (api, error) = (Api::of(&app), error.clone());
        let path = format!(
            "/api/applications/{}/papers/{paper}",
            crate::components::enc(&a.id)
        );
        let filename = format!("{paper}-{}.pdf", a.number);
        let onclick = Callback::from(move |_| {
            error.set(None);
            let e = error.clone();
            let on_error = Callback::from(move |x: String| e.set(Some(x)));
            download(api.clone(), path.clone(), filename.clone(), on_error);
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
                {button("application", "papers_application")}
                {button("receipt", "papers_receipt")}
                if a.signature.is_some() {
                    {button("notice", "papers_notice")}
                }
            </ul>
            if let Some(e) = &*error {
                <div class="alert alert-error" role="alert">{e.clone()}</div>
            }
        </section>
    }
}
