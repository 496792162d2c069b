//! The shell of the college service's app: the main app's (`frontend::shell`: state at the
//! root, header, consent banner) with this app's brand and sections, each page behind the
//! guard its route names.

use domain::OrgKind;
use frontend::components::enc;
use frontend::hooks::use_org_names;
use frontend::i18n;
use frontend::pages::{RequireAuth, RequireStaff};
use frontend::shell::{self, ConsentBanner};
use frontend::staff::RoleGate;
use frontend::state::{Action, App as AppHandle, Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::{Access, Route};
use crate::{parent, ranking, staff};

#[function_component]
pub fn App() -> Html {
    let (state, texts_failed) = shell::use_root(&i18n::COLLEGE_AREAS);
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
    let access = route.access();
    let page = match route {
        Route::Finder => html! { <parent::Finder /> },
        Route::College { org } => html! { <parent::CollegePage {org} /> },
        Route::Apply { org } => html! { <parent::Apply {org} /> },
        Route::Ranking { org, line } => html! { <ranking::Ranking {org} {line} /> },
        Route::MyApplications => html! { <parent::MyApplications /> },
        Route::MyApplication { id } => html! { <parent::Application {id} /> },
        // Keyed: the two journals are two pages, each with its own tab and filters.
        Route::Journal => html! { <frontend::staff::Journal<Route> key="journal" /> },
        Route::Processed => {
            html! { <frontend::staff::Journal<Route> key="processed" processed=true /> }
        }
        Route::Card { id } => html! { <frontend::staff::Card<Route> {id} /> },
        Route::Signing => html! { <frontend::staff::Signing<Route> /> },
        Route::Specialties => html! { <staff::Specialties /> },
        Route::NotFound => html! { <NotFound /> },
    };
    // A signed-out visitor is offered the main app's sign-in, which sends back here.
    match access {
        Access::Everyone => page,
        Access::SignedIn => html! { <RequireAuth>{page}</RequireAuth> },
        Access::Staff(permission) => html! {
            <RequireStaff><staff::CollegeOrg><RoleGate {permission}>{page}</RoleGate></staff::CollegeOrg></RequireStaff>
        },
    }
}

#[function_component]
fn Header() -> Html {
    let app = use_app();
    let route = use_route::<Route>();
    let menu_open = shell::use_menu(route.clone());
    let names = use_org_names(
        &app,
        app.staff_orgs().into_iter().map(|(id, _)| id).collect(),
    );
    let navigator = use_navigator();
    let sign_out = {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::SignOut);
            if let Some(n) = &navigator {
                n.push(&Route::Finder);
            }
        })
    };
    let link = |to: Route, key: &'static str| {
        if let Access::Staff(p) = to.access()
            && !app.can(p)
        {
            return html! {};
        }
        let current = route.as_ref() == Some(&to);
        html! {
            <Link<Route> to={to} classes={classes!("nav-link", current.then_some("current"))}>
                {app.t(key)}
            </Link<Route>>
        }
    };
    let office = names.iter().any(|o| o.kind == OrgKind::College);
    let brand = html! {
        <Link<Route> to={Route::Finder} classes="brand">
            <span class="brand-mark" aria-hidden="true">{"Q"}</span>
            <span>{app.t("co_brand")}</span>
        </Link<Route>>
    };
    // Sign-in is the main app's page (another bundle): a full page load there and back.
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let sign_in = html! {
        <a class="btn btn-small" href={format!("/login?next={}", enc(&here))}>{app.t("sign_in")}</a>
    };
    // The main app's pages (notices, profile, 1st grade) are plain links into its bundle.
    let nav = html! {
        <>
            {link(Route::Finder, "co_nav_colleges")}
            {link(Route::MyApplications, "nav_my_applications")}
            if office {
                <span class="nav-sep" aria-hidden="true"></span>
                {link(Route::Journal, "nav_gov_services")}
                {link(Route::Processed, "co_nav_processed")}
                {link(Route::Signing, "nav_signing")}
                {link(Route::Specialties, "co_nav_specialties")}
            }
            <span class="nav-sep" aria-hidden="true"></span>
            <a class="nav-link" href="/notifications">{app.t("nav_notifications")}{shell::unread(&app)}</a>
            <a class="nav-link" href="/">{app.t("co_nav_grade1")}</a>
            <a class="nav-link" href="/profile">{app.t("nav_profile")}</a>
        </>
    };
    shell::header(&app, &menu_open, brand, sign_in, sign_out, nav)
}

#[function_component]
fn NotFound() -> Html {
    let app = use_app();
    html! {
        <section class="card narrow">
            <h1>{app.t("not_found")}</h1>
            <Link<Route> to={Route::Finder}>{app.t("co_to_home")}</Link<Route>>
        </section>
    }
}
