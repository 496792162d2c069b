//! "Мои заявления" (`/my`) and one application in full (`/my/{id}`): status, deadline,
//! decision with its reason, history, documents, withdraw.

use chrono::Utc;
use domain::api::{Application, DecisionKind, HistoryEvent, List, TransportDecision};
use domain::{MsgLang, RejectReason, Status};
use serde::Deserialize;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{Loaded, child_name, enc, org_name, pick, use_campaign, use_org_names};
use crate::api::{Api, ApiError, spawn};
use crate::components::{StatusBadge, fmt_date, fmt_time, time_left};
use crate::i18n::tr;
use crate::route::Route;
use crate::state::{Texts, use_app};

#[function_component]
pub fn MyApplications() -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_state(|| None::<Loaded<Vec<Application>>>);
    let next = use_state(|| None::<String>);
    let more_busy = use_state(|| false);
    let campaign = use_campaign(&app);
    {
        let (list, next, api) = (list.clone(), next.clone(), Api::of(&app));
        use_effect_with((), move |_| {
            spawn(async move {
                let r = api.get::<List<Application>>("/api/me/applications").await;
                match r {
                    Ok(l) => {
                        next.set(l.next_page_token);
                        list.set(Some(Some(Ok(l.items))));
                    }
                    Err(e) => list.set(Some(Some(Err(e)))),
                }
            });
        });
    }
    let items: Vec<Application> = match &*list {
        Some(Some(Ok(items))) => items.clone(),
        _ => Vec::new(),
    };
    let names = use_org_names(&app, items.iter().map(|a| a.org_id.clone()).collect());
    let load_more = {
        let (list, next, more_busy, api) =
            (list.clone(), next.clone(), more_busy.clone(), Api::of(&app));
        Callback::from(move |_| {
            let Some(token) = (*next).clone() else { return };
            let (list, next, more_busy, api) =
                (list.clone(), next.clone(), more_busy.clone(), api.clone());
            more_busy.set(true);
            spawn(async move {
                let path = format!("/api/me/applications?page_token={}", enc(&token));
                if let Ok(l) = api.get::<List<Application>>(&path).await {
                    let mut items = match &*list {
                        Some(Some(Ok(items))) => items.clone(),
                        _ => Vec::new(),
                    };
                    items.extend(l.items);
                    next.set(l.next_page_token);
                    list.set(Some(Some(Ok(items))));
                }
                more_busy.set(false);
            });
        })
    };
    let now = match &*campaign {
        Some(Ok(c)) => c.now.with_timezone(&Utc),
        _ => crate::components::now(),
    };
    let body = match &*list {
        None | Some(None) => html! { {crate::components::loading(app.lang)} },
        Some(Some(Err(e))) => html! { {crate::components::api_error(Some(e.clone()))} },
        Some(Some(Ok(items))) if items.is_empty() => html! {
            <div class="empty">
                <p>{app.t("my_empty")}</p>
                <Link<Route> to={Route::Apply} classes="btn">{app.t("land_apply")}</Link<Route>>
            </div>
        },
        Some(Some(Ok(items))) => html! {
            <ul class="app-cards">
                { for items.iter().map(|a| {
                    let school = org_name(lang, &names, &a.org_id);
                    let left = if a.status.is_open() { time_left(lang, &a.due_at, now) } else { None };
                    html! {
                        <li class="card app-card" data-testid="application-card" data-status={a.status.as_str()}>
                            <div class="app-card-head">
                                <h2>
                                    <Link<Route> to={Route::MyApplication { id: a.id.clone() }}>
                                        {app.tf("my_card_title", &[("number", &a.number.to_string())])}
                                    </Link<Route>>
                                </h2>
                                <StatusBadge status={a.status} overdue={a.overdue} />
                            </div>
                            <dl class="facts">
                                <dt>{app.t("my_child")}</dt><dd>{child_name(&a.child)}</dd>
                                <dt>{app.t("my_school")}</dt>
                                <dd>{school.unwrap_or_else(|| app.t("loading").to_string())}</dd>
                                <dt>{app.t("my_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                                if a.status.is_open() {
                                    <dt>{app.t("my_due")}</dt>
                                    <dd>
                                        {fmt_time(&a.due_at)}
                                        if let Some(left) = left {
                                            <span class="muted">{" · "}{app.tf("my_time_left", &[("left", &left)])}</span>
                                        }
                                    </dd>
                                }
                            </dl>
                            <Link<Route> to={Route::MyApplication { id: a.id.clone() }} classes="btn-secondary btn-small">
                                {app.t("my_open")}
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <section class="my-applications" aria-labelledby="my-title">
            <div class="page-head">
                <h1 id="my-title">{app.t("my_title")}</h1>
                <Link<Route> to={Route::Apply} classes="btn btn-small">{app.t("my_new")}</Link<Route>>
            </div>
            {body}
            if next.is_some() {
                <button type="button" class="btn-secondary" onclick={load_more} disabled={*more_busy}>{app.t("my_more")}</button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ApplicationProps {
    pub id: String,
}

/// `{"url"}` of `GET /api/applications/{id}/documents/{file_id}`.
#[derive(Deserialize)]
struct DocumentUrl {
    url: String,
}

/// How a history event reads: its action in words and, where it has one, its comment.
pub fn history_text(lang: MsgLang, e: &HistoryEvent) -> (String, Option<String>) {
    let action = match e.action.as_str() {
        "submitted" => tr(lang, "hist_submitted"),
        "assigned" => tr(lang, "hist_assigned"),
        "decided" => tr(lang, "hist_decided"),
        "signed" => tr(lang, "hist_signed"),
        "returned" => tr(lang, "hist_returned"),
        "withdrawn" => tr(lang, "hist_withdrawn"),
        "overdue" => tr(lang, "hist_overdue"),
        other => return (other.to_string(), e.comment.clone()),
    }
    .to_string();
    let comment = e
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let comment = match e.action.as_str() {
        // The executor's IIN: not the parent's concern.
        "assigned" => None,
        // The signed status.
        "signed" => comment
            .and_then(|c| c.parse::<Status>().ok())
            .map(|s| s.title(lang).to_string()),
        // "accept|reject; reason; transport: …; comment": the decision in words.
        "decided" => comment.map(|c| {
            c.split("; ")
                .map(|part| match part {
                    "accept" => tr(lang, "hist_accept").to_string(),
                    "reject" => tr(lang, "hist_reject").to_string(),
                    "transport: approved" => tr(lang, "my_transport_approved").to_string(),
                    "transport: denied" => tr(lang, "my_transport_denied").to_string(),
                    p => p
                        .parse::<RejectReason>()
                        .map(|r| r.text(lang).to_string())
                        .unwrap_or_else(|_| p.to_string()),
                })
                .map(|p| p.trim_end_matches('.').to_string())
                .collect::<Vec<_>>()
                .join("; ")
        }),
        _ => comment.map(str::to_string),
    };
    (action, comment)
}

#[function_component]
pub fn ApplicationPage(p: &ApplicationProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let application = use_state(|| None::<Result<Application, ApiError>>);
    let history = use_state(|| None::<Result<Vec<HistoryEvent>, ApiError>>);
    let reload = use_state(|| 0u32);
    let confirming = use_state(|| false);
    let withdraw_busy = use_state(|| false);
    let action_error = use_state(|| None::<ApiError>);
    let campaign = use_campaign(&app);
    // The confirmation takes the focus when it appears.
    use_effect_with(*confirming, |shown| {
        if *shown {
            super::focus("withdraw-confirm");
        }
    });
    {
        let (application, history, api) = (application.clone(), history.clone(), Api::of(&app));
        use_effect_with((p.id.clone(), *reload), move |(id, _)| {
            let id = enc(id);
            spawn(async move {
                application.set(Some(
                    api.get::<Application>(&format!("/api/applications/{id}"))
                        .await,
                ));
                history.set(Some(
                    api.get::<List<HistoryEvent>>(&format!("/api/applications/{id}/history"))
                        .await
                        .map(|l| l.items),
                ));
            });
        });
    }
    let org_ids = match &*application {
        Some(Ok(a)) => vec![a.org_id.clone()],
        _ => vec![],
    };
    let names = use_org_names(&app, org_ids);
    let a = match &*application {
        None => return html! { {crate::components::loading(app.lang)} },
        Some(Err(e)) => {
            return html! {
                <section class="card narrow">
                    {crate::components::api_error(Some(e.clone()))}
                    <Link<Route> to={Route::MyApplications}>{app.t("my_back")}</Link<Route>>
                </section>
            };
        }
        Some(Ok(a)) => a.clone(),
    };
    let now = match &*campaign {
        Some(Ok(c)) => c.now.with_timezone(&Utc),
        _ => crate::components::now(),
    };

    let open_document = |file_id: String| {
        let (api, id, action_error) = (Api::of(&app), a.id.clone(), action_error.clone());
        Callback::from(move |_| {
            // A window opened now, in the click, is not blocked; it gets the address when known.
            let window = web_sys::window();
            let tab = window
                .as_ref()
                .and_then(|w| w.open_with_url("").ok().flatten());
            let (api, id, file_id, action_error) = (
                api.clone(),
                id.clone(),
                file_id.clone(),
                action_error.clone(),
            );
            spawn(async move {
                let path = format!("/api/applications/{}/documents/{}", enc(&id), enc(&file_id));
                match api.get::<DocumentUrl>(&path).await {
                    Ok(d) => match &tab {
                        Some(t) => {
                            let _ = t.location().set_href(&d.url);
                        }
                        None => {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_href(&d.url);
                            }
                        }
                    },
                    Err(e) => {
                        if let Some(t) = tab {
                            let _ = t.close();
                        }
                        action_error.set(Some(e));
                    }
                }
            });
        })
    };
    let withdraw = {
        let (api, id, reload, busy, confirming, action_error) = (
            Api::of(&app),
            a.id.clone(),
            reload.clone(),
            withdraw_busy.clone(),
            confirming.clone(),
            action_error.clone(),
        );
        Callback::from(move |_| {
            let (api, id, reload, busy, confirming, action_error) = (
                api.clone(),
                id.clone(),
                reload.clone(),
                busy.clone(),
                confirming.clone(),
                action_error.clone(),
            );
            busy.set(true);
            spawn(async move {
                let path = format!("/api/applications/{}/withdraw", enc(&id));
                match api
                    .post::<_, serde_json::Value>(&path, &serde_json::json!({}))
                    .await
                {
                    Ok(_) => {
                        action_error.set(None);
                        confirming.set(false);
                        reload.set(*reload + 1);
                    }
                    Err(e) => action_error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };

    let school = org_name(lang, &names, &a.org_id);
    let final_decision = a
        .decision
        .as_ref()
        .filter(|_| matches!(a.status, Status::Accepted | Status::Rejected));
    let left = if a.status.is_open() {
        time_left(lang, &a.due_at, now)
    } else {
        None
    };
    let c = &a.child;
    let yes_no = |b: bool| if b { app.t("wiz_yes") } else { app.t("wiz_no") };

    html! {
        <div class="application-page">
            <p><Link<Route> to={Route::MyApplications}>{"← "}{app.t("my_back")}</Link<Route>></p>
            <section class="card" aria-labelledby="app-title">
                <div class="app-card-head">
                    <h1 id="app-title">{app.tf("my_card_title", &[("number", &a.number.to_string())])}</h1>
                    <StatusBadge status={a.status} overdue={a.overdue} />
                </div>
                <dl class="facts">
                    <dt>{app.t("my_school")}</dt>
                    <dd>{school.unwrap_or_else(|| app.t("loading").to_string())}</dd>
                    <dt>{app.t("my_year")}</dt><dd>{a.academic_year.to_string()}</dd>
                    <dt>{app.t("wiz_language")}</dt><dd>{a.language.title(lang)}</dd>
                    <dt>{app.t("my_admission")}</dt>
                    <dd>{a.admission_type.title(lang)}</dd>
                    <dt>{app.t("my_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                    <dt>{app.t("my_due")}</dt>
                    <dd>
                        {fmt_time(&a.due_at)}
                        if let Some(left) = left {
                            <span class="muted">{" · "}{app.tf("my_time_left", &[("left", &left)])}</span>
                        }
                    </dd>
                </dl>
                if a.status.is_open() {
                    <p class="hint">{app.t("my_open_hint")}</p>
                }
            </section>

            if let Some(d) = final_decision {
                <section class={classes!("card", "decision", format!("decision-{}", a.status.as_str()))} aria-labelledby="decision-title">
                    <h2 id="decision-title">{app.t("my_decision")}</h2>
                    <p class="decision-status">
                        <StatusBadge status={a.status} />
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

            <div class="grid-2">
                <section class="card" aria-labelledby="app-child">
                    <h2 id="app-child">{app.t("wiz_step_child")}</h2>
                    <dl class="facts">
                        <dt>{app.t("full_name")}</dt><dd>{child_name(c)}</dd>
                        <dt>{app.t("iin")}</dt><dd>{c.iin.clone()}</dd>
                        <dt>{app.t("wiz_birth_date")}</dt><dd>{fmt_date(&c.birth_date)}</dd>
                        <dt>{app.t("wiz_sex")}</dt><dd>{c.sex.title(lang)}</dd>
                        <dt>{app.t("my_special_needs")}</dt><dd>{yes_no(a.special_needs)}</dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="app-applicant">
                    <h2 id="app-applicant">{app.t("wiz_step_applicant")}</h2>
                    <dl class="facts">
                        <dt>{app.t("full_name")}</dt><dd>{a.applicant_name.clone()}</dd>
                        <dt>{app.t("my_relation")}</dt><dd>{a.applicant.relation.title(lang)}</dd>
                        <dt>{app.t("wiz_phone")}</dt><dd>{a.applicant.phone.clone()}</dd>
                        if let Some(email) = a.applicant.email.as_ref().filter(|e| !e.is_empty()) {
                            <dt>{app.t("wiz_email")}</dt><dd>{email.clone()}</dd>
                        }
                        <dt>{app.t("wiz_address")}</dt>
                        <dd>{a.registered_address.as_ref().map(|t| pick(lang, t))
                            .or_else(|| a.registered_address_id.clone())
                            .unwrap_or_else(|| app.t("wiz_not_given").to_string())}</dd>
                        if let Some(actual) = a.actual_address.as_ref().filter(|s| !s.is_empty()) {
                            <dt>{app.t("wiz_actual_address")}</dt><dd>{actual.clone()}</dd>
                        }
                        if a.transport_requested {
                            <dt>{app.t("land_col_transport")}</dt><dd>{app.t("my_transport_requested")}</dd>
                        }
                    </dl>
                </section>
            </div>

            <section class="card" aria-labelledby="app-documents">
                <h2 id="app-documents">{app.t("wiz_step_documents")}</h2>
                <ul class="doc-links">
                    { for a.documents.iter().map(|doc| html! {
                        <li>
                            <span>{doc.kind.title(lang)}</span>
                            <button type="button" class="btn-secondary btn-small" onclick={open_document(doc.file_id.clone())}
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
                    None => html! { {crate::components::loading(app.lang)} },
                    Some(Err(e)) => html! { {crate::components::api_error(Some(e.clone()))} },
                    Some(Ok(events)) => html! {
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
                                    let (action, comment) = history_text(lang, e);
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
                    },
                } }
            </section>

            {crate::components::api_error((*action_error).clone())}
            if a.status.is_open() {
                <section class="card withdraw" aria-labelledby="withdraw-title">
                    <h2 id="withdraw-title">{app.t("my_withdraw_title")}</h2>
                    if *confirming {
                        <div id="withdraw-confirm" class="alert alert-error" role="alertdialog" tabindex="-1"
                            aria-labelledby="withdraw-question">
                            <p id="withdraw-question">{app.tf("my_withdraw_question", &[("number", &a.number.to_string())])}</p>
                            <div class="row-actions">
                                <button type="button" class="btn-danger" id="withdraw-yes" onclick={withdraw} disabled={*withdraw_busy}>
                                    {app.t("my_withdraw_yes")}
                                </button>
                                <button type="button" class="btn-secondary" onclick={cancel}>{app.t("my_withdraw_no")}</button>
                            </div>
                        </div>
                    } else {
                        <p class="hint">{app.t("my_withdraw_hint")}</p>
                        <button type="button" class="btn-danger" id="withdraw" onclick={ask}>{app.t("my_withdraw")}</button>
                    }
                </section>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: &str, comment: Option<&str>) -> HistoryEvent {
        HistoryEvent {
            at: "2026-06-02T10:00:00+05:00".parse().unwrap(),
            actor: "880808300017".into(),
            role: "applicant".into(),
            action: action.into(),
            comment: comment.map(str::to_string),
        }
    }

    #[test]
    fn history_reads_in_words() {
        let ru = MsgLang::Ru;
        let (a, c) = history_text(ru, &event("submitted", None));
        assert_eq!(a, tr(ru, "hist_submitted"));
        assert_eq!(c, None);
        assert_eq!(
            history_text(ru, &event("assigned", Some("900202400012"))).1,
            None
        );
        assert_eq!(
            history_text(MsgLang::Kk, &event("signed", Some("rejected")))
                .1
                .as_deref(),
            Some(Status::Rejected.title(MsgLang::Kk))
        );
        let (_, c) = history_text(
            ru,
            &event(
                "decided",
                Some("reject; classes_overfilled; transport: denied"),
            ),
        );
        assert_eq!(
            c.unwrap(),
            format!(
                "{}; {}; {}",
                tr(ru, "hist_reject"),
                RejectReason::ClassesOverfilled.text(ru),
                tr(ru, "my_transport_denied").trim_end_matches('.')
            )
        );
        assert_eq!(
            history_text(ru, &event("returned", Some("Проверьте фото")))
                .1
                .as_deref(),
            Some("Проверьте фото")
        );
        // Unknown actions show as they are.
        assert_eq!(history_text(ru, &event("imported", None)).0, "imported");
    }
}
