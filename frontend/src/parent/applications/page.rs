//! One application in full (`/my/{id}`): status and deadline, the decision with its reason,
//! the facts, documents, history, and withdrawing it while it is open.

use domain::api::{Application, Decision, DecisionKind, HistoryEvent, List, TransportDecision};
use domain::{MsgLang, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use super::history::history_text;
use super::{Withdraw, due, now_of};
use crate::api::Api;
use crate::components::{api_error, enc, fmt_time, open_document, status_badge};
use crate::facts::application_facts;
use crate::hooks::{Remote, pending, use_campaign, use_get, use_org_names, use_reload};
use crate::papers::papers;
use crate::route::Route;
use crate::state::{App, Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct ApplicationProps {
    pub id: String,
}

#[function_component]
pub fn ApplicationPage(p: &ApplicationProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let reload = use_reload();
    let id = enc(&p.id);
    let application =
        use_get::<Application>(Some(format!("/api/applications/{id}")), reload.value());
    let history = use_get::<List<HistoryEvent>>(
        Some(format!("/api/applications/{id}/history")),
        reload.value(),
    );
    let action_error = use_state(|| None::<crate::api::ApiError>);
    let paper_error = use_state(|| None::<String>);
    let campaign = use_campaign();
    let org_ids = application
        .ready()
        .map(|a| vec![a.org_id.clone()])
        .unwrap_or_default();
    let names = use_org_names(&app, org_ids);
    let a = match &*application {
        Remote::Ready(a) => a.clone(),
        Remote::Loading => return pending(lang, &application),
        Remote::Failed(_) => {
            return html! {
                <section class="card narrow">
                    {pending(lang, &application)}
                    <Link<Route> to={Route::MyApplications}>{app.t("my_back")}</Link<Route>>
                </section>
            };
        }
    };
    let now = now_of(&campaign);
    let open = |file_id: String| {
        let (api, id, action_error) = (Api::of(&app), a.id.clone(), action_error.clone());
        Callback::from(move |_| {
            action_error.set(None);
            let e = action_error.clone();
            let on_error = Callback::from(move |x| e.set(Some(x)));
            open_document(api.clone(), &id, &file_id, on_error, Callback::noop());
        })
    };
    let on_withdrawn = {
        let reload = reload.clone();
        Callback::from(move |_| reload.bump())
    };
    let school = super::org_name(lang, &names, &a.org_id);
    let final_decision = a
        .decision
        .as_ref()
        .filter(|_| matches!(a.status, Status::Accepted | Status::Rejected));
    let yes_no = |b: bool| if b { app.t("wiz_yes") } else { app.t("wiz_no") };

    html! {
        <div class="application-page">
            <p><Link<Route> to={Route::MyApplications}>{"← "}{app.t("my_back")}</Link<Route>></p>
            <section class="card" aria-labelledby="app-title">
                <div class="app-card-head">
                    <h1 id="app-title">{app.tf("my_card_title", &[("number", &a.number.to_string())])}</h1>
                    {status_badge(app.lang, a.status, a.overdue)}
                </div>
                <dl class="facts">
                    <dt>{app.t("my_school")}</dt>
                    <dd>{school.unwrap_or_else(|| app.t("loading").to_string())}</dd>
                    <dt>{app.t("my_year")}</dt><dd>{a.academic_year.to_string()}</dd>
                    <dt>{app.t("wiz_language")}</dt><dd>{a.language.title(lang)}</dd>
                    <dt>{app.t("my_admission")}</dt>
                    <dd>{a.admission_type.title(lang)}</dd>
                    if let Some(place) = a.queue_place {
                        <dt>{app.t("my_queue_place")}</dt>
                        <dd id="queue-place">{place}</dd>
                    }
                    <dt>{app.t("my_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                    <dt>{app.t("my_due")}</dt>
                    {due(&app, &a, now)}
                    <dt>{app.t("my_special_needs")}</dt><dd>{yes_no(a.special_needs)}</dd>
                    if a.transport_requested {
                        <dt>{app.t("land_col_transport")}</dt><dd>{app.t("my_transport_requested")}</dd>
                    }
                </dl>
                if a.status.is_open() {
                    <p class="hint">{app.t("my_open_hint")}</p>
                }
            </section>

            if let Some(d) = final_decision { {decision(&app, &a, d)} }

            {papers(&app, &a, history.ready().map(|h| h.items.as_slice()), {
                let e = paper_error.clone();
                Callback::from(move |x| e.set(Some(x)))
            })}
            if let Some(e) = &*paper_error {
                <div class="alert alert-error" role="alert">{e.clone()}</div>
            }

            <div class="grid-2">
                {application_facts(&app, &a)}
            </div>

            <section class="card" aria-labelledby="app-documents">
                <h2 id="app-documents">{app.t("wiz_step_documents")}</h2>
                <ul class="doc-links">
                    { for a.documents.iter().map(|doc| html! {
                        <li>
                            <span>{doc.kind.title(lang)}</span>
                            <button type="button" class="btn-secondary btn-small" onclick={open(doc.file_id.clone())}
                                aria-label={app.tf("my_open_document", &[("title", doc.kind.title(lang))])}>
                                {app.t("my_open_file")}
                            </button>
                        </li>
                    }) }
                </ul>
            </section>

            <section class="card" aria-labelledby="app-history">
                <h2 id="app-history">{app.t("my_history")}</h2>
                { match &*history {
                    Remote::Ready(events) => history_table(&app, &events.items),
                    other => pending(lang, other),
                } }
            </section>

            {api_error((*action_error).clone())}
            if a.status.is_open() {
                <Withdraw application={a.clone()} on_done={on_withdrawn} />
            }
        </div>
    }
}

/// The final decision: its status, the ground of a refusal, transport, the comment.
fn decision(app: &App, a: &Application, d: &Decision) -> Html {
    let lang: MsgLang = app.lang;
    html! {
        <section class={classes!("card", "decision", format!("decision-{}", a.status.as_str()))} aria-labelledby="decision-title">
            <h2 id="decision-title">{app.t("my_decision")}</h2>
            <p class="decision-status">
                {status_badge(app.lang, a.status, false)}
                <span class="muted">{" "}{fmt_time(&d.decided_at)}</span>
            </p>
            if d.decision == DecisionKind::Reject {
                if let Some(r) = d.reason {
                    <h3>{app.t("my_reason")}</h3>
                    <p class="reason" id="decision-reason">{r.text(lang)}</p>
                }
            }
            if let Some(t) = d.transport {
                <p>{match t {
                    TransportDecision::Approved => app.t("my_transport_approved"),
                    TransportDecision::Denied => app.t("my_transport_denied"),
                }}</p>
            }
            if let Some(comment) = d.comment.as_ref().filter(|c| !c.trim().is_empty()) {
                <h3>{app.t("my_comment")}</h3>
                <p class="comment">{comment.clone()}</p>
            }
        </section>
    }
}

fn history_table(app: &App, events: &[HistoryEvent]) -> Html {
    html! {
        <table class="stack history">
            <thead>
                <tr>
                    <th scope="col">{app.t("my_hist_time")}</th>
                    <th scope="col">{app.t("my_hist_action")}</th>
                    <th scope="col">{app.t("my_hist_comment")}</th>
                </tr>
            </thead>
            <tbody>
                { for events.iter().map(|e| {
                    let (action, comment) = history_text(app.lang, e);
                    html! {
                        <tr>
                            <td data-label={app.t("my_hist_time")}>{fmt_time(&e.at)}</td>
                            <td data-label={app.t("my_hist_action")}>{action}</td>
                            <td data-label={app.t("my_hist_comment")} class={classes!(comment.is_none().then_some("no-comment"))}>
                                {comment.unwrap_or_default()}
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
