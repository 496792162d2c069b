//! What every bundle of the site wraps its pages in: the state at the root (language, theme,
//! session, texts), the header (brand, language, theme, who is signed in, the sections) and the
//! consent banner. The main app (`app`) and the kindergarten service's app (`frontend/preschool`)
//! both use it, so they share the session, the language and the theme (one `state`).
//!
//! The header is a plain function over hooks its caller keeps (`use_menu`): each app fills in
//! its own brand link and sections without another component type in the main bundle.

use domain::MsgLang;
use domain::api::{AnswerConsent, Me};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{Api, spawn};
use crate::i18n;
use crate::session;
use crate::state::{Action, App as AppHandle, State, Texts, use_app};

/// The root's state: restored from the browser's storage, reflected on `<html>` (language, theme), with
/// the chosen language's texts of `areas` fetched once per language and `/api/me` asked for
/// every new token (a refused token signs out), a provider's token refreshed in time. The flag is up when no texts could be fetched.
#[hook]
pub fn use_root(areas: &'static [&'static str]) -> (AppHandle, bool) {
    let state = use_reducer(State::restore);

    // Reflect language and theme on <html> so CSS and screen readers follow them.
    {
        let (lang, dark) = (state.lang, state.dark);
        use_effect_with((lang, dark), move |(lang, dark)| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.as_str());
                let _ = root.set_attribute("data-theme", if *dark { "dark" } else { "light" });
            }
        });
    }

    // The chosen language's texts, fetched once per language.
    let texts_failed = use_state(|| false);
    {
        let (state, texts_failed) = (state.clone(), texts_failed.clone());
        use_effect_with(state.lang, move |lang| {
            let lang = *lang;
            if !i18n::loaded(lang) {
                spawn(async move {
                    match i18n::load(lang, areas).await {
                        Ok(()) => state.dispatch(Action::TextsLoaded),
                        Err(_) => texts_failed.set(true),
                    }
                });
            }
        });
    }
    // Who is signed in: `/api/me` for every new token. A provider's id token is refreshed
    // before it expires (a dev login's has no refresh token and lasts); a refused token of a
    // provider's session is refreshed once (it may have lapsed while the tab slept), else it
    // signs out. One effect for both: each hook is code of its own in every app's wasm.
    {
        let state = state.clone();
        let retried = use_mut_ref(|| false);
        use_effect_with(state.token.clone(), move |token| {
            let mut timer = None;
            if token.is_some() {
                timer = session::refresh_due_in().map(|secs| {
                    let (state, ms) = (state.clone(), secs.clamp(0, 86_400) as u32 * 1000);
                    gloo_timers::callback::Timeout::new(ms, move || renew(state, false))
                });
                let api = Api::of(&state);
                spawn(async move {
                    match api.get::<Me>("/api/me").await {
                        Ok(me) => {
                            *retried.borrow_mut() = false;
                            state.dispatch(Action::Me(me))
                        }
                        Err(e) if e.status == 401 => {
                            if retried.replace(true) {
                                state.dispatch(Action::SignOut)
                            } else {
                                renew(state, true)
                            }
                        }
                        Err(_) => {}
                    }
                });
            }
            move || drop(timer)
        });
    }
    (state, *texts_failed)
}

/// The session's id token refreshed (`session::refresh`); when that fails, signed out if
/// `or_sign_out` (the API refused the token). Not inlined: the refresh's code once in the wasm.
#[inline(never)]
fn renew(state: AppHandle, or_sign_out: bool) {
    spawn(async move {
        match session::refresh().await {
            Some(t) => state.dispatch(Action::Refreshed(t)),
            None if or_sign_out => state.dispatch(Action::SignOut),
            None => {}
        }
    })
}

/// What the root shows before any texts: nothing while they load; the one bilingual line of
/// the site when neither catalogue can be fetched. `None` once there is a language to speak.
pub fn before_texts(texts_failed: bool) -> Option<Html> {
    if i18n::loaded(MsgLang::Ru) || i18n::loaded(MsgLang::Kk) {
        return None;
    }
    Some(if texts_failed {
        html! { <main id="main"><p class="alert alert-error" role="alert">
            {"Сервис временно недоступен, обновите страницу. / Қызмет уақытша қолжетімсіз, бетті жаңартыңыз."}
        </p></main> }
    } else {
        html! {}
    })
}

/// An app's root (the kindergarten and college services' apps): the state of [`use_root`] with
/// the texts of `areas`, then [`root`] once there is a language to speak.
#[hook]
pub fn use_app_root<R: Routable + 'static>(
    areas: &'static [&'static str],
    header: Html,
    render: fn(R) -> Html,
) -> Html {
    let (state, texts_failed) = use_root(areas);
    before_texts(texts_failed).unwrap_or_else(|| root(state, header, render))
}

/// An app's page at the root: the state provided, the router, the skip link, `header`, the
/// consent banner and, in `<main>`, what `render` makes of the address.
pub fn root<R: Routable + 'static>(state: AppHandle, header: Html, render: fn(R) -> Html) -> Html {
    let skip = state.t("skip_to_content");
    html! {
        <ContextProvider<AppHandle> context={state}>
            <BrowserRouter>
                <a class="skip-link" href="#main">{skip}</a>
                {header}
                <ConsentBanner />
                <main id="main" tabindex="-1">
                    <Switch<R> {render} />
                </main>
            </BrowserRouter>
        </ContextProvider<AppHandle>>
    }
}

/// Whether the phone's menu is open; it closes when `page` changes.
#[hook]
pub fn use_menu<P: PartialEq + Clone + 'static>(page: P) -> UseStateHandle<bool> {
    let menu_open = use_state(|| false);
    {
        let menu_open = menu_open.clone();
        use_effect_with(page, move |_| menu_open.set(false));
    }
    menu_open
}

/// The header: `brand` (a link to the app's home), the phone's menu button, language, theme,
/// who is signed in with «Выйти» (`sign_out`) or, for a visitor, `sign_in`; under it the
/// sections of a signed-in person (`nav`, links), folded into the menu on a phone.
pub fn header(
    app: &AppHandle,
    menu_open: &UseStateHandle<bool>,
    brand: Html,
    sign_in: Html,
    sign_out: Callback<MouseEvent>,
    nav: Html,
) -> Html {
    let lang_btn = |l: MsgLang, label: &'static str| {
        let app = app.clone();
        let pressed = app.lang == l;
        html! {
            <button type="button" class="lang" aria-pressed={pressed.to_string()} data-lang={l.as_str()}
                onclick={Callback::from(move |_| app.dispatch(Action::Lang(l)))}>{label}</button>
        }
    };
    let toggle_dark = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Dark(!app.dark)))
    };
    let unread = app.me.as_ref().map_or(0, |m| m.notifications_unread);
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_| menu_open.set(!*menu_open))
    };
    html! {
        <header class="site-header">
            <div class="bar">
                {brand}
                <div class="bar-tools">
                    if app.token.is_some() {
                        <button type="button" class="menu-btn" aria-controls="site-nav"
                            aria-expanded={menu_open.to_string()} onclick={toggle_menu}>
                            {app.t("menu")}
                            if unread > 0 { <span class="count" aria-hidden="true">{unread}</span> }
                        </button>
                    }
                    <div class="langs" role="group" aria-label={app.t("language")}>
                        {lang_btn(MsgLang::Kk, "Қаз")}
                        {lang_btn(MsgLang::Ru, "Рус")}
                    </div>
                    <button type="button" class="icon-btn" onclick={toggle_dark}
                        aria-pressed={app.dark.to_string()} title={app.t("night_mode")}
                        aria-label={app.t("night_mode")}>{if app.dark { "☀" } else { "☾" }}</button>
                    if let Some(me) = &app.me {
                        <span class="who" data-testid="who">{me.name.clone()}</span>
                        <button type="button" class="link-btn" onclick={sign_out}>{app.t("sign_out")}</button>
                    } else if app.token.is_none() {
                        {sign_in}
                    }
                </div>
            </div>
            if app.token.is_some() {
                <nav id="site-nav" class={classes!("nav", menu_open.then_some("open"))} aria-label={app.t("navigation")}>
                    {nav}
                </nav>
            }
        </header>
    }
}

/// The header of an app besides the main one (the kindergarten and college services' apps): its
/// brand (`brand`, a text key) links `home`, where «Выйти» goes too; sign-in is the main app's
/// page (another bundle: a full page load there and back); the app's `sections` come first,
/// then the main app's pages (notices, 1st grade under `grade1`, profile) as plain links.
#[hook]
pub fn use_service_header<R: Routable + Clone + PartialEq + 'static>(
    home: R,
    brand: &'static str,
    grade1: &'static str,
    sections: Html,
) -> Html {
    let app = use_app();
    let route = use_route::<R>();
    let menu_open = use_menu(route);
    let navigator = use_navigator();
    let sign_out = {
        let (app, home) = (app.clone(), home.clone());
        Callback::from(move |_| {
            if !session::sign_out(&app)
                && let Some(n) = &navigator
            {
                n.push(&home);
            }
        })
    };
    let brand = html! {
        <Link<R> to={home} classes="brand">
            <span class="brand-mark" aria-hidden="true">{"Q"}</span>
            <span>{app.t(brand)}</span>
        </Link<R>>
    };
    let sign_in = html! {
        <a class="btn btn-small" href={crate::pages::login_href()}>{app.t("sign_in")}</a>
    };
    let nav = html! {
        <>
            {sections}
            <span class="nav-sep" aria-hidden="true"></span>
            <a class="nav-link" href="/notifications">{app.t("nav_notifications")}{unread(&app)}</a>
            <a class="nav-link" href="/">{app.t(grade1)}</a>
            <a class="nav-link" href="/profile">{app.t("nav_profile")}</a>
        </>
    };
    header(&app, &menu_open, brand, sign_in, sign_out, nav)
}

/// A section's link in the header, marked when it is the page shown (`current`).
pub fn nav_link<R: Routable + Clone + PartialEq + 'static>(
    app: &AppHandle,
    current: Option<&R>,
    to: R,
    key: &'static str,
) -> Html {
    let here = current == Some(&to);
    html! {
        <Link<R> {to} classes={classes!("nav-link", here.then_some("current"))}>{app.t(key)}</Link<R>>
    }
}

/// «Страница не найдена», with a link to the app's `home` (its text under `home_key`).
pub fn not_found<R: Routable + 'static>(app: &AppHandle, home: R, home_key: &'static str) -> Html {
    html! {
        <section class="card narrow">
            <h1>{app.t("not_found")}</h1>
            <Link<R> to={home}>{app.t(home_key)}</Link<R>>
        </section>
    }
}

/// The unread notices' count beside the notices' link (nothing when none).
pub fn unread(app: &AppHandle) -> Html {
    let unread = app.me.as_ref().map_or(0, |m| m.notifications_unread);
    if unread == 0 {
        return html! {};
    }
    html! {
        // A span has no name of its own: the count is read from hidden text.
        <span class="count" data-testid="unread">
            <span aria-hidden="true">{unread}</span>
            <span class="visually-hidden">{app.tf("unread_count", &[("n", &unread.to_string())])}</span>
        </span>
    }
}

/// An invitation to work in an organisation waits for the person's consent.
#[function_component]
pub fn ConsentBanner() -> Html {
    let app = use_app();
    let Some(me) = &app.me else { return html! {} };
    let answer = |id: String, accept: bool| {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            let id = id.clone();
            spawn(async move {
                let api = Api::of(&app);
                let body = AnswerConsent { accept };
                if api
                    .post::<_, serde_json::Value>(&format!("/api/me/consents/{id}"), &body)
                    .await
                    .is_ok()
                    && let Ok(me) = api.get::<Me>("/api/me").await
                {
                    app.dispatch(Action::Me(me));
                }
            });
        })
    };
    html! {
        { for me.pending_consents.iter().map(|c| {
            let roles: Vec<_> = c.roles.iter().map(|r| r.title(app.lang)).collect();
            html! {
                <div class="banner" role="region" aria-label={app.t("consent_title")} data-testid="consent">
                    <p>{app.tf("consent_text", &[("roles", &roles.join(", "))])}</p>
                    <button class="btn" onclick={answer(c.id.clone(), true)}>{app.t("consent_accept")}</button>
                    <button class="btn btn-secondary" onclick={answer(c.id.clone(), false)}>{app.t("consent_decline")}</button>
                </div>
            }
        }) }
    }
}
