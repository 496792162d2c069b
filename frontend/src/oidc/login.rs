//! The sign-in page with an identity provider: the button that goes there, and the way back
//! (`/login?code=&state=`, or `?error=`) that finishes the sign-in.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{OidcConfig, Refusal, query_param, session};
use crate::api::spawn;
use crate::state::{Action, Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub config: OidcConfig,
}

fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

#[function_component]
pub fn OidcLogin(p: &Props) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let failure = use_state(|| None::<Refusal>);
    // On the way back the page finishes the sign-in before offering anything.
    let busy = use_state(|| query_param(&search(), "code").is_some());
    {
        let (app, config, failure, busy) =
            (app.clone(), p.config.clone(), failure.clone(), busy.clone());
        use_effect_with((), move |_| {
            let q = search();
            match (query_param(&q, "code"), query_param(&q, "state")) {
                (Some(code), Some(state)) => spawn(async move {
                    match session::complete(&config, &code, &state).await {
                        Ok((token, next)) => {
                            app.dispatch(Action::SignedIn(token));
                            crate::pages::go_next(navigator, next);
                        }
                        Err(r) => {
                            failure.set(Some(r));
                            busy.set(false);
                        }
                    }
                }),
                // `?error=access_denied` and the like: the provider said no.
                _ if query_param(&q, "error").is_some() => failure.set(Some(Refusal::Provider)),
                _ => {}
            }
        });
    }
    let onclick = {
        let (config, failure, busy) = (p.config.clone(), failure.clone(), busy.clone());
        Callback::from(move |_| {
            let (config, failure, busy) = (config.clone(), failure.clone(), busy.clone());
            busy.set(true);
            spawn(async move {
                if let Err(r) = session::begin(&config, query_param(&search(), "next")).await {
                    failure.set(Some(r));
                    busy.set(false);
                }
            });
        })
    };
    html! {
        <>
            if let Some(r) = *failure {
                <p class="alert alert-error" role="alert" data-testid="login-error">{app.t(r.key())}</p>
            }
            if *busy && failure.is_none() {
                {crate::components::loading(app.lang)}
            } else {
                <p>{app.t("login_oidc_text")}</p>
                <button type="button" class="btn" data-testid="login-oidc" {onclick}>{app.t("login_oidc")}</button>
            }
        </>
    }
}
