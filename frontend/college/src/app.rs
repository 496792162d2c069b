//! The shell of the college service's app: the main app's (`frontend::shell`: state at the
//! root, header, consent banner) with this app's brand and sections, each page behind the
//! guard its route names.

use domain::OrgKind;
use frontend::hooks::use_org_names;
use frontend::i18n;
use frontend::pages::{RequireAuth, RequireStaff};
use frontend::shell;
use frontend::staff::RoleGate;
use frontend::state::use_app;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::{Access, Route};
use crate::{parent, ranking, staff};

#[function_component]
pub fn App() -> Html {
    shell::use_app_root(&i18n::COLLEGE_AREAS, html! { <Header /> }, switch)
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
    let names = use_org_names(
        &app,
        app.staff_orgs().into_iter().map(|(id, _)| id).collect(),
    );
    // The office's pages only with their permission in the chosen organisation.
    let link = |to: Route, key: &'static str| match to.access() {
        Access::Staff(p) if !app.can(p) => html! {},
        _ => shell::nav_link(&app, route.as_ref(), to, key),
    };
    let office = names.iter().any(|o| o.kind == OrgKind::College);
    let sections = html! {
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
        </>
    };
    shell::use_service_header(Route::Finder, "co_brand", "co_nav_grade1", sections)
}

#[function_component]
fn NotFound() -> Html {
    shell::not_found(&use_app(), Route::Finder, "co_to_home")
}
