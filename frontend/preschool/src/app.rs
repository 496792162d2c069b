//! The shell of the kindergarten service's app: the main app's (`frontend::shell`: state at the
//! root, header, consent banner) with this app's brand and sections, each page behind the
//! guard of its section.

use domain::OrgKind;
use frontend::components::enc;
use frontend::hooks::use_org_names;
use frontend::i18n;
use frontend::pages::{RequireAuth, RequireStaff};
use frontend::shell::{self, ConsentBanner};
use frontend::state::{Action, App as AppHandle, Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::{Route, Section};
use crate::{edu, parent, staff};

#[function_component]
pub fn App() -> Html {
    let (state, texts_failed) = shell::use_root(&i18n::PRESCHOOL_AREAS);
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
                n.push(&Route::Applications);
            }
        })
    };
    let link = |to: Route, key: &'static str| {
        let current = route.as_ref() == Some(&to);
        html! {
            <Link<Route> to={to} classes={classes!("nav-link", current.then_some("current"))}>
                {app.t(key)}
            </Link<Route>>
        }
    };
    let kindergarten = names.iter().any(|o| o.kind == OrgKind::Kindergarten);
    let edu = app.edu_regions().next().is_some();
    let brand = html! {
        <Link<Route> to={Route::Applications} classes="brand">
            <span class="brand-mark" aria-hidden="true">{"Q"}</span>
            <span>{app.t("ps_brand")}</span>
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
            {link(Route::Applications, "ps_nav_applications")}
            {link(Route::Register, "ps_nav_register")}
            if kindergarten || edu { <span class="nav-sep" aria-hidden="true"></span> }
            if kindergarten { {link(Route::Kindergarten, "nav_kindergarten")} }
            if edu { {link(Route::Edu, "nav_edu")} }
            <span class="nav-sep" aria-hidden="true"></span>
            <a class="nav-link" href="/notifications">{app.t("nav_notifications")}{shell::unread(&app)}</a>
            <a class="nav-link" href="/">{app.t("ps_nav_grade1")}</a>
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
            <Link<Route> to={Route::Applications}>{app.t("ps_to_home")}</Link<Route>>
        </section>
    }
}
