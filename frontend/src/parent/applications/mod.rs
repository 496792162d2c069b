//! "Мои заявления" (`/my`) and one application in full (`/my/{id}`, in `page`): status,
//! deadline, decision with its reason, history, documents, withdraw.

mod history;
mod page;
mod withdraw;

pub use page::{ApplicationPage, ApplicationProps};
pub use withdraw::Withdraw;

use chrono::Utc;
use domain::api::{Application, List};
use yew::prelude::*;
use yew_router::prelude::*;

use super::org_name;
use crate::api::{Api, spawn};
use crate::components::{enc, fmt_time, status_badge, time_left};
use crate::hooks::{Remote, pending, use_campaign, use_get, use_org_names};
use crate::route::{Route, other_app_application};
use crate::state::{Texts, use_app};

/// The application's deadline and, while it is open, the time left to it.
fn due(app: &crate::state::App, a: &Application, now: chrono::DateTime<Utc>) -> Html {
    let left = a
        .status
        .is_open()
        .then(|| time_left(app.lang, &a.due_at, now))
        .flatten();
    html! {
        <dd>
            {fmt_time(&a.due_at)}
            if let Some(left) = left {
                <span class="muted">{" · "}{app.tf("my_time_left", &[("left", &left)])}</span>
            }
        </dd>
    }
}

/// The business "now" from the campaign, or the browser's clock until it answers.
fn now_of(campaign: &Remote<domain::api::Campaign>) -> chrono::DateTime<Utc> {
    campaign
        .ready()
        .map_or_else(crate::components::now, |c| c.now.with_timezone(&Utc))
}

#[function_component]
pub fn MyApplications() -> Html {
    let app = use_app();
    let lang = app.lang;
    let first = use_get::<List<Application>>(Some("/api/me/applications".into()), 0);
    // The pages read after the first: their items and the token of the next (`None` until
    // «Показать ещё» was pressed: the first page's then counts).
    let more = use_state(Vec::<Application>::new);
    let next = use_state(|| None::<Option<String>>);
    let more_busy = use_state(|| false);
    let campaign = use_campaign();
    let token = match &*next {
        Some(t) => t.clone(),
        None => first.ready().and_then(|l| l.next_page_token.clone()),
    };
    let items: Vec<Application> = first
        .ready()
        .map(|l| l.items.iter().chain(more.iter()).cloned().collect())
        .unwrap_or_default();
    let names = use_org_names(&app, items.iter().map(|a| a.org_id.clone()).collect());
    let load_more = {
        let (more, next, more_busy, api, token) = (
            more.clone(),
            next.clone(),
            more_busy.clone(),
            Api::of(&app),
            token.clone(),
        );
        Callback::from(move |_| {
            let Some(token) = token.clone() else { return };
            let (more, next, more_busy, api) =
                (more.clone(), next.clone(), more_busy.clone(), api.clone());
            more_busy.set(true);
            spawn(async move {
                let path = format!("/api/me/applications?page_token={}", enc(&token));
                if let Ok(l) = api.get::<List<Application>>(&path).await {
                    let mut items = (*more).clone();
                    items.extend(l.items);
                    more.set(items);
                    next.set(Some(l.next_page_token));
                }
                more_busy.set(false);
            });
        })
    };
    let now = now_of(&campaign);
    let body = match &*first {
        Remote::Ready(_) if items.is_empty() => html! {
            <div class="empty">
                <p>{app.t("my_empty")}</p>
                <Link<Route> to={Route::Apply} classes="btn">{app.t("land_apply")}</Link<Route>>
            </div>
        },
        Remote::Ready(_) => html! {
            <ul class="app-cards">
                { for items.iter().map(|a| {
                    let school = org_name(lang, &names, &a.org_id);
                    // A college application's page is the college app's (another bundle).
                    let open = |classes: &'static str, body: Html| match other_app_application(a.service, &a.id) {
                        Some(href) => html! { <a {href} class={classes}>{body}</a> },
                        None => html! {
                            <Link<Route> to={Route::MyApplication { id: a.id.clone() }} {classes}>{body}</Link<Route>>
                        },
                    };
                    html! {
                        <li class="card app-card" data-testid="application-card" data-status={a.status.as_str()}>
                            <div class="app-card-head">
                                <h2>{open("", html! { {app.tf("my_card_title", &[("number", &a.number.to_string())])} })}</h2>
                                {status_badge(app.lang, a.status, a.overdue)}
                            </div>
                            <dl class="facts">
                                <dt>{app.t("my_child")}</dt><dd>{a.child.full_name()}</dd>
                                <dt>{app.t("my_school")}</dt>
                                <dd>{school.unwrap_or_else(|| app.t("loading").to_string())}</dd>
                                <dt>{app.t("my_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                                if a.status.is_open() {
                                    <dt>{app.t("my_due")}</dt>
                                    {due(&app, a, now)}
                                }
                            </dl>
                            {open("btn-secondary btn-small", html! { {app.t("my_open")} })}
                        </li>
                    }
                }) }
            </ul>
        },
        other => pending(lang, other),
    };
    html! {
        <section class="my-applications" aria-labelledby="my-title">
            <div class="page-head">
                <h1 id="my-title">{app.t("my_title")}</h1>
                <Link<Route> to={Route::Apply} classes="btn btn-small">{app.t("my_new")}</Link<Route>>
            </div>
            {body}
            if token.is_some() {
                <button type="button" class="btn-secondary" onclick={load_more} disabled={*more_busy}>{app.t("my_more")}</button>
            }
        </section>
    }
}
