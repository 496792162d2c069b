//! Pages of everyone: sign-in, profile, not found, and the guards of signed-in and staff pages.

use domain::MsgLang;
use domain::api::{DevLogin, Token};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{Api, ApiError, spawn};
use crate::components::{Checkbox, Field, described_by, error_summary, value_of};
use crate::route::Route;
use crate::state::{Action, Texts, use_app};

/// The IIN as typed, checked with the domain's rule: `None` while fine or empty.
pub fn iin_error(lang: MsgLang, s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    domain::Iin::parse(s)
        .err()
        .map(|_| domain::ErrorCode::InvalidIin.message(lang).to_string())
}

/// How people sign in, from the site's `/config.json` (`{"auth":{"mode":…}}`): `dev`, or
/// `oidc`, whose other fields are the sign-in app's (`frontend/signin`). Read as a `Value`, as
/// `api::parse` reads others: no deserializer of its own in the wasm.
async fn sign_in_mode() -> Option<String> {
    let resp = gloo_net::http::Request::get("/config.json")
        .send()
        .await
        .ok()?;
    let config = crate::api::parse::<serde_json::Value>(MsgLang::Ru, &resp.text().await.ok()?);
    Some(config.ok()?.get("auth")?.get("mode")?.as_str()?.to_string())
}

/// `?next=` of the sign-in page's address: where to go once signed in.
fn next_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("next")
}

/// The sign-in page: the dev login's form; with an identity provider, the sign-in app
/// (`/signin/`, a bundle of its own) at once, which comes back to `next`.
#[function_component]
pub fn Login() -> Html {
    let app = use_app();
    let mode = use_state(|| None::<Option<String>>);
    {
        let mode = mode.clone();
        use_effect_with((), move |_| {
            spawn(async move {
                let got = sign_in_mode().await;
                if got.as_deref() == Some("oidc") {
                    let to = format!(
                        "/signin/?return={}",
                        crate::components::enc(&next_param().unwrap_or_default())
                    );
                    if let Some(w) = web_sys::window() {
                        // Replaced: the back button skips this page.
                        let _ = w.location().replace(&to);
                    }
                }
                mode.set(Some(got));
            })
        });
    }
    html! {
        <section class="card narrow">
            <h1>{app.t("login_title")}</h1>
            { match mode.as_ref().map(Option::as_deref) {
                None | Some(Some("oidc")) => crate::components::loading(app.lang),
                Some(Some("dev")) => html! { <DevLoginForm /> },
                Some(_) => html! { <p class="alert alert-error">{app.t("login_unconfigured")}</p> },
            } }
        </section>
    }
}

#[function_component]
fn DevLoginForm() -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let iin = use_state(String::new);
    let name = use_state(String::new);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let iin_err = iin_error(app.lang, &iin);
    let onsubmit = {
        let (app, iin, name, errors, failure, busy) = (
            app.clone(),
            iin.clone(),
            name.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut errs = Vec::new();
            if domain::Iin::parse(&iin).is_err() {
                errs.push((
                    "login-iin".into(),
                    domain::ErrorCode::InvalidIin.message(app.lang).into(),
                ));
            }
            if name.trim().is_empty() {
                errs.push(("login-name".into(), app.t("login_name_required").into()));
            }
            errors.set(errs.clone());
            if !errs.is_empty() {
                return;
            }
            let body = DevLogin {
                iin: (*iin).clone(),
                name: name.trim().to_string(),
            };
            let (app, failure, busy, navigator) = (
                app.clone(),
                failure.clone(),
                busy.clone(),
                navigator.clone(),
            );
            busy.set(true);
            spawn(async move {
                match Api::of(&app)
                    .post::<_, Token>("/api/dev/login", &body)
                    .await
                {
                    Ok(t) => {
                        app.dispatch(Action::SignedIn(t.token));
                        go_next(navigator, next_param());
                    }
                    Err(e) => failure.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let field_err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    html! {
        <form onsubmit={onsubmit} novalidate=true>
            <p class="hint">{app.t("login_dev_text")}</p>
            {error_summary(app.lang, &errors)}
            {crate::components::api_error((*failure).clone())}
            <Field id="login-iin" label={app.t("iin")} required=true error={field_err("login-iin").or(iin_err)}>
                <input id="login-iin" name="iin" inputmode="numeric" autocomplete="username" maxlength={domain::Iin::LEN.to_string()}
                    aria-describedby={described_by("login-iin")} value={(*iin).clone()}
                    oninput={let iin = iin.clone(); Callback::from(move |e: InputEvent| iin.set(value_of(&e)))} />
            </Field>
            <Field id="login-name" label={app.t("full_name")} required=true error={field_err("login-name")}>
                <input id="login-name" name="name" autocomplete="name" aria-describedby={described_by("login-name")}
                    value={(*name).clone()}
                    oninput={let name = name.clone(); Callback::from(move |e: InputEvent| name.set(value_of(&e)))} />
            </Field>
            <button class="btn" type="submit" disabled={*busy}>{app.t("sign_in")}</button>
        </form>
    }
}

/// After signing in, goes to `next` (the sign-in page's `?next=/path`) if it is a page of the
/// site: one of this app's routes, or a page of another app of the site (`route::other_app`: a
/// full page load into its bundle); else home.
fn go_next(navigator: Option<Navigator>, next: Option<String>) {
    if let Some(path) = next.as_deref().filter(|p| crate::route::other_app(p)) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(path);
        }
        return;
    }
    let route = next
        .and_then(|p| Route::recognize(&p))
        .filter(|r| *r != Route::NotFound && *r != Route::Login)
        .unwrap_or(Route::Home);
    if let Some(n) = navigator {
        n.push(&route);
    }
}

#[derive(Properties, PartialEq)]
pub struct GuardProps {
    pub children: Html,
}

/// The sign-in page's address that comes back to the page shown (`/login?next=/path`).
pub fn login_href() -> String {
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("/login?next={}", crate::components::enc(&here))
}

/// Shows its page to a signed-in person; sends others to sign in and back.
#[function_component]
pub fn RequireAuth(p: &GuardProps) -> Html {
    let app = use_app();
    if app.token.is_none() {
        return html! {
            <section class="card narrow">
                <p>{app.t("login_required")}</p>
                <a class="btn" href={login_href()}>{app.t("sign_in")}</a>
            </section>
        };
    }
    if app.me.is_none() {
        return html! { {crate::components::loading(app.lang)} };
    }
    p.children.clone()
}

/// Shows its page to staff of some organisation.
#[function_component]
pub fn RequireStaff(p: &GuardProps) -> Html {
    let app = use_app();
    let inner = if app.me.is_some() && app.active_org().is_none() {
        html! { <section class="card narrow"><p class="alert alert-error">{app.t("staff_only")}</p></section> }
    } else {
        p.children.clone()
    };
    html! { <RequireAuth>{inner}</RequireAuth> }
}

#[function_component]
pub fn Profile() -> Html {
    let app = use_app();
    let details = crate::profile::use_profile();
    let Some(me) = &app.me else {
        return html! { {crate::components::loading(app.lang)} };
    };
    let set_lang = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let l = if value_of(&e) == "kk" {
                MsgLang::Kk
            } else {
                MsgLang::Ru
            };
            app.dispatch(Action::Lang(l))
        })
    };
    let set_dark = {
        let app = app.clone();
        Callback::from(move |dark: bool| app.dispatch(Action::Dark(dark)))
    };
    html! {
        <section class="card narrow">
            <h1>{app.t("profile_title")}</h1>
            <dl class="facts">
                <dt>{app.t("full_name")}</dt><dd>{me.name.clone()}</dd>
                <dt>{app.t("iin")}</dt><dd>{domain::mask_iin(&me.iin)}</dd>
            </dl>
            <Field id="profile-lang" label={app.t("language")}>
                <select id="profile-lang" onchange={set_lang}>
                    <option value="kk" selected={app.lang == MsgLang::Kk}>{"Қазақша"}</option>
                    <option value="ru" selected={app.lang == MsgLang::Ru}>{"Русский"}</option>
                </select>
            </Field>
            <Checkbox id="profile-dark" label={app.t("night_mode")} checked={app.dark} onchange={set_dark} />
            {crate::profile::form(&app, &details)}
        </section>
    }
}

#[function_component]
pub fn NotFound() -> Html {
    let app = use_app();
    html! {
        <section class="card narrow">
            <h1>{app.t("not_found")}</h1>
            <Link<Route> to={Route::Home}>{app.t("to_home")}</Link<Route>>
        </section>
    }
}
