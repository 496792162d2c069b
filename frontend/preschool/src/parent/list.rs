//! «Мои заявления» (`/preschool`): the caller's applications in the queue, each with its
//! number, child, state and queue numbers, and the way to register a child.

use domain::api::List;
use domain::preschool::QueueState;
use domain::preschool::api::QueueApplication;
use frontend::hooks::{Remote, pending, use_get};
use frontend::state::{Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use super::child_line;
use crate::route::Route;

/// The main app's badge colours, by the meaning the states share with its statuses.
pub fn state_class(s: QueueState) -> &'static str {
    match s {
        QueueState::InQueue => "badge badge-in_review",
        QueueState::Directed => "badge badge-on_signing",
        QueueState::Enrolled => "badge badge-accepted",
        QueueState::Removed => "badge badge-withdrawn",
    }
}

#[function_component]
pub fn Applications() -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_get::<List<QueueApplication>>(Some("/api/preschool/applications".into()), 0);
    let register = html! {
        <Link<Route> to={Route::Register} classes="btn" >{app.t("pp_register_button")}</Link<Route>>
    };
    let row = |a: &QueueApplication| {
        let number = a
            .position
            .map(|p| p.number.to_string())
            .unwrap_or_else(|| "—".into());
        html! {
            <tr key={a.id.clone()} data-id={a.id.clone()}>
                <td data-label={app.t("pp_col_number")}>
                    <Link<Route> to={Route::Application { id: a.id.clone() }} classes="row-link">{a.number.clone()}</Link<Route>>
                </td>
                <td data-label={app.t("pp_col_child")}>{child_line(&a.child)}</td>
                <td data-label={app.t("pp_col_state")}>
                    <span class={state_class(a.state)} data-state={a.state.as_str()}>{a.state.title(lang)}</span>
                </td>
                <td data-label={app.t("pp_queue_number")} class="queue-number">{number}</td>
            </tr>
        }
    };
    html! {
        <section class="preschool-applications" aria-labelledby="pp-list-title">
            <div class="card-head">
                <h1 id="pp-list-title">{app.t("ps_applications_title")}</h1>
                {register.clone()}
            </div>
            <p class="lead">{app.t("pp_list_lead")}</p>
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! {
                    <div class="empty" data-testid="pp-empty">
                        <p>{app.t("pp_list_empty")}</p>
                        {register}
                    </div>
                },
                Remote::Ready(l) => html! {
                    <table class="stack pp-table">
                        <caption class="visually-hidden">{app.t("ps_applications_title")}</caption>
                        <thead><tr>
                            <th scope="col">{app.t("pp_col_number")}</th>
                            <th scope="col">{app.t("pp_col_child")}</th>
                            <th scope="col">{app.t("pp_col_state")}</th>
                            <th scope="col">{app.t("pp_queue_number")}</th>
                        </tr></thead>
                        <tbody>{ for l.items.iter().map(row) }</tbody>
                    </table>
                },
                other => pending(lang, other),
            } }
        </section>
    }
}
