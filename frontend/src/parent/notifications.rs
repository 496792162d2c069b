//! Notices (`/notifications`): the person's in-app notices, unread ones marked; reading one
//! updates the header's unread count.

use domain::api::{Empty, List, Me};
use domain::notices::Notice;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{Api, ApiError, spawn};
use crate::components::{enc, fmt_time, pick};
use crate::hooks::{Remote, pending, use_get, use_reload};
use crate::route::{Route, other_app_application};
use crate::state::{Action, Texts, use_app};

#[function_component]
pub fn Notifications() -> Html {
    let app = use_app();
    let lang = app.lang;
    let reload = use_reload();
    let list = use_get::<List<Notice>>(Some("/api/me/notifications".into()), reload.value());
    let failure = use_state(|| None::<ApiError>);
    let mark_read = |id: String| {
        let (app, reload, failure) = (app.clone(), reload.clone(), failure.clone());
        Callback::from(move |_| {
            let (app, reload, failure, id) =
                (app.clone(), reload.clone(), failure.clone(), id.clone());
            spawn(async move {
                let api = Api::of(&app);
                let path = format!("/api/me/notifications/{}/read", enc(&id));
                match api.post::<_, serde_json::Value>(&path, &Empty {}).await {
                    Ok(_) => {
                        failure.set(None);
                        reload.bump();
                        if let Ok(me) = api.get::<Me>("/api/me").await {
                            app.dispatch(Action::Me(me));
                        }
                    }
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    let body = match &*list {
        Remote::Ready(l) if l.items.is_empty() => {
            html! { <p class="card">{app.t("ntf_empty")}</p> }
        }
        Remote::Ready(l) => html! {
            <ul class="notices">
                { for l.items.iter().map(|n| html! {
                    <li class={classes!("card", "notice", (!n.read).then_some("unread"))}
                        data-testid="notice" data-read={n.read.to_string()}>
                        <div class="notice-head">
                            if !n.read { <span class="pill pill-new">{app.t("ntf_new")}</span> }
                            <time datetime={n.at.to_rfc3339()} class="muted">{fmt_time(&n.at)}</time>
                        </div>
                        <p class="notice-text">{pick(lang, &n.text)}</p>
                        <div class="row-actions">
                            // The kindergarten and college services' pages are other bundles'.
                            if let Some(href) = other_app_application(n.service, &n.application_id) {
                                <a {href} class="btn-secondary btn-small">
                                    {app.t("ntf_open_application")}
                                </a>
                            } else {
                                <Link<Route> to={Route::MyApplication { id: n.application_id.clone() }} classes="btn-secondary btn-small">
                                    {app.t("ntf_open_application")}
                                </Link<Route>>
                            }
                            if !n.read {
                                <button type="button" class="link-btn" onclick={mark_read(n.id.clone())}>
                                    {app.t("ntf_mark_read")}
                                </button>
                            }
                        </div>
                    </li>
                }) }
            </ul>
        },
        other => pending(lang, other),
    };
    html! {
        <section class="notifications" aria-labelledby="ntf-title">
            <h1 id="ntf-title">{app.t("ntf_title")}</h1>
            {crate::components::api_error((*failure).clone())}
            {body}
        </section>
    }
}
