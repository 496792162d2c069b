//! The main app: the parents' site and the staff cabinet. The shell (`shell`: state at the
//! root, the header, the consent banner) around the navigation the person's roles allow and the
//! page for the address.

use domain::OrgKind;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_org_names;
use crate::route::Route;
use crate::shell::{self, ConsentBanner};
use crate::state::{Action, App as AppHandle, Texts, use_app};
use crate::{i18n, pages, parent, staff};

#[function_component]
pub fn App() -> Html {
    let (state, texts_failed) = shell::use_root(&i18n::MAIN_AREAS);
    if let Some(page) = shell::before_texts(texts_failed) {
        return page;
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

fn switch(route: Route) -> Html {
    // A staff page opens in the chosen organisation with its route's permission, the same one
    // that shows its link (`Route::permission`).
    if let Some(permission) = route.permission() {
        let page = match route {
            Route::Card { id } => html! { <staff::Card<Route> {id} /> },
            Route::Signing => html! { <staff::Signing<Route> /> },
            Route::Staff => html! { <staff::Personnel /> },
            Route::Limits => html! { <staff::Limits /> },
            Route::Microdistrict => html! { <staff::Microdistrict /> },
            Route::Replies => html! { <staff::Replies /> },
            Route::Intake => html! { <staff::Intake /> },
            Route::Orders => html! { <staff::Orders /> },
            Route::Classes => html! { <staff::Classes /> },
            _ => html! { <staff::Journal<Route> /> },
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
        Route::Verify { id } => html! { <parent::VerifyPage {id} /> },
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
    let menu_open = shell::use_menu(route.clone());
    let sign_out = {
        let app = app.clone();
        let navigator = navigator.clone();
        // A provider's session also ends at the provider, which sends the browser home.
        Callback::from(move |_| {
            if !crate::session::sign_out(&app)
                && let Some(n) = &navigator
            {
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
    // The kindergarten and college services' pages are other bundles (frontend/preschool,
    // frontend/college): plain links, a full page load into them.
    let other = |href: &'static str, key: &'static str| {
        html! { <a class="nav-link" {href}>{app.t(key)}</a> }
    };
    let brand = html! {
        <Link<Route> to={Route::Home} classes="brand">
            <span class="brand-mark" aria-hidden="true">{"Q"}</span>
            <span>{app.t("brand")}</span>
        </Link<Route>>
    };
    let sign_in = html! {
        <Link<Route> to={Route::Login} classes="btn btn-small">{app.t("sign_in")}</Link<Route>>
    };
    let nav = html! {
        <>
            {link(Route::Apply, "nav_apply")}
            {link(Route::MyApplications, "nav_my_applications")}
            <Link<Route> to={Route::Notifications} classes={classes!("nav-link", (route.as_ref() == Some(&Route::Notifications)).then_some("current"))}>
                {app.t("nav_notifications")}
                {shell::unread(&app)}
            </Link<Route>>
            if !staff_orgs.is_empty() {
                <span class="nav-sep" aria-hidden="true"></span>
                {link(Route::Journal, "nav_gov_services")}
                {link(Route::Intake, "nav_intake")}
                {link(Route::Orders, "nav_orders")}
                {link(Route::Classes, "nav_classes")}
                {link(Route::Signing, "nav_signing")}
                {link(Route::Staff, "nav_staff")}
                {link(Route::Limits, "nav_limits")}
                {link(Route::Microdistrict, "nav_microdistrict")}
                {link(Route::Replies, "nav_replies")}
                if names.iter().any(|o| o.kind == OrgKind::Kindergarten) {
                    {other("/preschool/kindergarten", "nav_kindergarten")}
                }
                if names.iter().any(|o| o.kind == OrgKind::College) {
                    {other("/college/cabinet", "nav_college")}
                }
                <label class="org-switch">
                    <span class="visually-hidden">{app.t("role_switch")}</span>
                    <select onchange={on_org} aria-label={app.t("role_switch")} data-testid="org-switch">
                        { for staff_orgs.iter().map(|(id, roles)| {
                            let name = names.iter().find(|o| &o.id == id)
                                .map(|o| app.lang.pick(&o.name.ru, &o.name.kk).to_string())
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
            if app.edu_regions().next().is_some() {
                {other("/preschool/edu", "nav_edu")}
            }
            // The education department's site (frontend/edu): its journal, report, dashboard.
            if app.is_department() {
                {other("/edu", "nav_edu_monitoring")}
            }
            {link(Route::Profile, "nav_profile")}
        </>
    };
    shell::header(&app, &menu_open, brand, sign_in, sign_out, nav)
}
