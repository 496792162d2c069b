//! The shell of the kindergarten service's app: the main app's (`frontend::shell`: state at the
//! root, header, consent banner) with this app's brand and sections, each page behind the
//! guard of its section.

use domain::OrgKind;
use frontend::hooks::use_org_names;
use frontend::i18n;
use frontend::pages::{RequireAuth, RequireStaff};
use frontend::shell;
use frontend::state::use_app;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::{Route, Section};
use crate::{edu, parent, staff};

#[function_component]
pub fn App() -> Html {
    shell::use_app_root(&i18n::PRESCHOOL_AREAS, html! { <Header /> }, switch)
}

fn switch(route: Route) -> Html {
    let section = route.section();
    let page = match route {
        Route::Applications => html! { <parent::Applications /> },
        Route::Register => html! { <parent::Register /> },
        Route::Application { id } => html! { <parent::Application {id} /> },
        Route::Kindergarten => html! { <staff::Kindergarten /> },
        Route::Edu => html! { <edu::Department /> },
        Route::NotFound => html! { <NotFound /> },
    };
    // A signed-out visitor is offered the main app's sign-in, which sends back here.
    match section {
        None => page,
        Some(Section::Parent) => html! { <RequireAuth>{page}</RequireAuth> },
        Some(Section::Kindergarten) => html! { <RequireStaff>{page}</RequireStaff> },
        Some(Section::Edu) => html! { <RequireAuth><edu::Gate>{page}</edu::Gate></RequireAuth> },
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
    let link = |to: Route, key: &'static str| shell::nav_link(&app, route.as_ref(), to, key);
    let kindergarten = names.iter().any(|o| o.kind == OrgKind::Kindergarten);
    let edu = app.edu_regions().next().is_some();
    let sections = html! {
        <>
            {link(Route::Applications, "ps_nav_applications")}
            {link(Route::Register, "ps_nav_register")}
            if kindergarten || edu { <span class="nav-sep" aria-hidden="true"></span> }
            if kindergarten { {link(Route::Kindergarten, "nav_kindergarten")} }
            if edu { {link(Route::Edu, "nav_edu")} }
        </>
    };
    shell::use_service_header(Route::Applications, "ps_brand", "ps_nav_grade1", sections)
}

#[function_component]
fn NotFound() -> Html {
    shell::not_found(&use_app(), Route::Applications, "ps_to_home")
}
