//! Notices (`/notifications`): the person's in-app notices, unread ones marked; reading one
//! updates the header's unread count.

use domain::api::{List, Me};
use domain::notices::Notice;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{Loaded, enc, pick};
use crate::api::{Api, ApiError, spawn};
use crate::components::fmt_time;
use crate::route::Route;
use crate::state::{Action, Texts, use_app};

#[function_component]
pub fn Notifications() -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_state(|| None::<Loaded<Vec<Notice>>>);
    let reload = use_state(|| 0u32);
    let failure = use_state(|| None::<ApiError>);
    {
        let (list, api) = (list.clone(), Api::of(&app));
        use_effect_with(*reload, move |_| {
            spawn(async move {
                let r = api
                    .get::<List<Notice>>("/api/me/notifications")
                    .await
                    .map(|l| l.items);
                list.set(Some(Some(r)));
            });
        });
    }
    let mark_read = |id: String| {
        let (app, reload, failure) = (app.clone(), reload.clone(), failure.clone());
        Callback::from(move |_| {
            let (app, reload, failure, id) =
                (app.clone(), reload.clone(), failure.clone(), id.clone());
            spawn(async move {
                let api = Api::of(&app);
                let path = format!("/api/me/notifications/{}/read", enc(&id));
                match api
                    .post::<_, serde_json::Value>(&path, &serde_json::json!({}))
                    .await
                {
                    Ok(_) => {
                        failure.set(None);
                        reload.set(*reload + 1);
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
        None | Some(None) => html! { {crate::components::loading(app.lang)} },
        Some(Some(Err(e))) => html! { {crate::components::api_error(Some(e.clone()))} },
        Some(Some(Ok(items))) if items.is_empty() => {
            html! { <p class="card">{app.t("ntf_empty")}</p> }
        }
        Some(Some(Ok(items))) => html! {
            <ul class="notices">
                { for items.iter().map(|n| html! {
                    <li class={classes!("card", "notice", (!n.read).then_some("unread"))}
                        data-testid="notice" data-read={n.read.to_string()}>
                        <div class="notice-head">
                            if !n.read { <span class="pill pill-new">{app.t("ntf_new")}</span> }
                            <time datetime={n.at.to_rfc3339()} class="muted">{fmt_time(&n.at)}</time>
                        </div>
                        <p class="notice-text">{pick(lang, &n.text)}</p>
                        <div class="row-actions">
                            <Link<Route> to={Route::MyApplication { id: n.application_id.clone() }} classes="btn-secondary btn-small">
                                {app.t("ntf_open_application")}
                            </Link<Route>>
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
    };
    html! {
        <section class="notifications" aria-labelledby="ntf-title">
            <h1 id="ntf-title">{app.t("ntf_title")}</h1>
            {crate::components::api_error((*failure).clone())}
            {body}
        </section>
    }
}
