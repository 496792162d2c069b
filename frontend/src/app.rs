//! The shell: state at the root, the header (language, theme, role switch, notices, sign-out),
//! the navigation the person's roles allow, and the page for the address.

use domain::MsgLang;
use domain::api::{AnswerConsent, Me};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{Api, spawn};
use crate::hooks::use_org_names;
use crate::pages;
use crate::route::Route;
use crate::state::{Action, App as AppHandle, State, Texts, use_app};
use crate::{i18n, parent, staff};

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(State::restore);

    // Reflect language and theme on <html> so CSS and screen readers follow them.
    {
        let (lang, dark) = (state.lang, state.dark);
        use_effect_with((lang, dark), move |(lang, dark)| {
            if let Some(root) = gloo_root() {
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
                    match i18n::load(lang).await {
                        Ok(()) => state.dispatch(Action::TextsLoaded),
                        Err(_) => texts_failed.set(true),
                    }
                });
            }
        });
    }
    // Who is signed in: `/api/me` for every new token; a refused token signs out.
    {
        let state = state.clone();
        use_effect_with(state.token.clone(), move |token| {
            if token.is_some() {
                let api = Api::of(&state);
                spawn(async move {
                    match api.get::<Me>("/api/me").await {
                        Ok(me) => state.dispatch(Action::Me(me)),
                        Err(e) if e.status == 401 => state.dispatch(Action::SignOut),
                        Err(_) => {}
                    }
                });
            }
        });
    }

    // After every hook: hooks run in the same order on every render.
    if !i18n::loaded(MsgLang::Ru) && !i18n::loaded(MsgLang::Kk) {
        // Nothing to say yet in either language; the one bilingual line of the app is for a
        // catalogue that cannot be fetched.
        return if *texts_failed {
            html! { <main id="main"><p class="alert alert-error" role="alert">
                {"Сервис временно недоступен, обновите страницу. / Қызмет уақытша қолжетімсіз, бетті жаңартыңыз."}
            </p></main> }
        } else {
            html! {}
        };
    }

    let skip = state.t("skip_to_content");
    html! {
        <ContextProvider<AppHandle> context={state}>
            <BrowserRouter>
                <a class="skip-link" href="#main">{skip}</a>
                <Header />
                <ConsentBanner />
                <main id="main" tabindex="-1">
                    <Switch<Route> render={switch} />
                </main>
            </BrowserRouter>
        </ContextProvider<AppHandle>>
    }
}

fn gloo_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn switch(route: Route) -> Html {
    // A staff page opens in the chosen organisation with its route's permission, the same one
    // that shows its link (`Route::permission`).
    if let Some(permission) = route.permission() {
        let page = match route {
            Route::Card { id } => html! { <staff::Card {id} /> },
            Route::Signing => html! { <staff::Signing /> },
            Route::Staff => html! { <staff::Personnel /> },
            Route::Limits => html! { <staff::Limits /> },
            Route::Microdistrict => html! { <staff::Microdistrict /> },
            _ => html! { <staff::Journal /> },
        };
        return html! {
            <pages::RequireStaff><staff::RoleGate {permission}>{page}</staff::RoleGate></pages::RequireStaff>
        };
    }
    let signed_in = |page: Html| html! { <pages::RequireAuth>{page}</pages::RequireAuth> };
    match route {
        Route::Home => html! { <parent::Landing /> },
        Route::Login => html! { <pages::Login /> },
        Route::Profile => signed_in(html! { <pages::Profile /> }),
        Route::Apply => signed_in(html! { <parent::Wizard /> }),
        Route::MyApplications => signed_in(html! { <parent::MyApplications /> }),
        Route::MyApplication { id } => signed_in(html! { <parent::ApplicationPage {id} /> }),
        Route::Notifications => signed_in(html! { <parent::Notifications /> }),
        _ => html! { <pages::NotFound /> },
    }
}

#[function_component]
fn Header() -> Html {
    let app = use_app();
    let names = use_org_names(
        &app,
        app.staff_orgs().into_iter().map(|(id, _)| id).collect(),
    );
    let navigator = use_navigator();
    let route = use_route::<Route>();
    // On a phone the sections fold into a menu; it closes when the page changes.
    let menu_open = use_state(|| false);
    {
        let menu_open = menu_open.clone();
        use_effect_with(route.clone(), move |_| menu_open.set(false));
    }
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
    let sign_out = {
        let app = app.clone();
        let navigator = navigator.clone();
        Callback::from(move |_| {
            app.dispatch(Action::SignOut);
            if let Some(n) = &navigator {
                n.push(&Route::Home);
            }
        })
    };
    let on_org = {
        let app = app.clone();
        Callback::from(move |e: Event| app.dispatch(Action::Org(crate::components::value_of(&e))))
    };
    let staff_orgs = app.staff_orgs();
    let active = app.active_org();
    let link = |to: Route, key: &'static str| {
        if to.permission().is_some_and(|p| !app.can(p)) {
            return html! {};
        }
        let current = route.as_ref() == Some(&to);
        html! {
            <Link<Route> to={to} classes={classes!("nav-link", current.then_some("current"))}>
                {app.t(key)}
            </Link<Route>>
        }
    };
    let unread = app.me.as_ref().map_or(0, |m| m.notifications_unread);
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_| menu_open.set(!*menu_open))
    };
    html! {
        <header class="site-header">
            <div class="bar">
                <Link<Route> to={Route::Home} classes="brand">
                    <span class="brand-mark" aria-hidden="true">{"Q"}</span>
                    <span>{app.t("brand")}</span>
                </Link<Route>>
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
                        <Link<Route> to={Route::Login} classes="btn btn-small">{app.t("sign_in")}</Link<Route>>
                    }
                </div>
            </div>
            if app.token.is_some() {
                <nav id="site-nav" class={classes!("nav", menu_open.then_some("open"))} aria-label={app.t("navigation")}>
                    {link(Route::Apply, "nav_apply")}
                    {link(Route::MyApplications, "nav_my_applications")}
                    <Link<Route> to={Route::Notifications} classes={classes!("nav-link", (route.as_ref() == Some(&Route::Notifications)).then_some("current"))}>
                        {app.t("nav_notifications")}
                        if unread > 0 {
                            // A span has no name of its own: the count is read from hidden text.
                            <span class="count" data-testid="unread">
                                <span aria-hidden="true">{unread}</span>
                                <span class="visually-hidden">{app.tf("unread_count", &[("n", &unread.to_string())])}</span>
                            </span>
                        }
                    </Link<Route>>
                    if !staff_orgs.is_empty() {
                        <span class="nav-sep" aria-hidden="true"></span>
                        {link(Route::Journal, "nav_gov_services")}
                        {link(Route::Signing, "nav_signing")}
                        {link(Route::Staff, "nav_staff")}
                        {link(Route::Limits, "nav_limits")}
                        {link(Route::Microdistrict, "nav_microdistrict")}
                        <label class="org-switch">
                            <span class="visually-hidden">{app.t("role_switch")}</span>
                            <select onchange={on_org} aria-label={app.t("role_switch")} data-testid="org-switch">
                                { for staff_orgs.iter().map(|(id, roles)| {
                                    let name = names.iter().find(|(n, _)| n == id)
                                        .map(|(_, t)| app.lang.pick(&t.ru, &t.kk).to_string())
                                        .unwrap_or_else(|| id.chars().take(8).collect());
                                    let roles: Vec<_> = roles.iter().map(|r| r.title(app.lang)).collect();
                                    html! {
                                        <option value={id.clone()} selected={active.as_ref() == Some(id)}>
                                            {format!("{name} — {}", roles.join(", "))}
                                        </option>
                                    }
                                }) }
                            </select>
                        </label>
                    }
                    {link(Route::Profile, "nav_profile")}
                </nav>
            }
        </header>
    }
}

/// An invitation to work in an organisation waits for the person's consent.
#[function_component]
fn ConsentBanner() -> Html {
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
