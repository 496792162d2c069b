//! The shell of the department's app: the main app's (`frontend::shell`: state at the root,
//! header, consent banner) with this app's brand and sections, inside the department's own
//! state (`state`), and each page behind the department's gate.

use domain::territory::TerritoryLevel;
use frontend::i18n;
use frontend::pages::RequireAuth;
use frontend::shell;
use frontend::state::{Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::{Remote, pending, use_department};
use crate::route::Route;
use crate::state::{Edu, EduAction, EduState, use_edu};
use crate::{campaigns, journal, overdue, report};

#[function_component]
pub fn App() -> Html {
    let edu = use_reducer(EduState::default);
    let root = shell::use_app_root(&i18n::EDU_AREAS, html! { <Header /> }, switch);
    html! { <ContextProvider<Edu> context={edu}>{root}</ContextProvider<Edu>> }
}

fn switch(route: Route) -> Html {
    let page = match route {
        Route::Journal => html! { <journal::Journal /> },
        // The main cabinet's card: a department member holds no role in the organisation, so
        // it shows no action.
        Route::Card { id } => html! { <frontend::staff::Card<Route> {id} /> },
        Route::Report => html! { <report::Report /> },
        Route::Overdue => html! { <overdue::Overdue /> },
        Route::Campaigns => html! { <campaigns::Campaigns /> },
        Route::NotFound => return html! { <NotFound /> },
    };
    html! { <RequireAuth><Gate>{page}</Gate></RequireAuth> }
}

#[derive(Properties, PartialEq)]
struct GateProps {
    children: Html,
}

/// Shows its page to staff of an education department (the server checks every request
/// alike); to others, whom the site is for.
#[function_component]
fn Gate(p: &GateProps) -> Html {
    let app = use_app();
    let edu = use_edu();
    match &edu.department {
        Remote::Ready(_) => p.children.clone(),
        Remote::Failed(e) if e.status == 403 => html! {
            <section class="card narrow">
                <h1>{app.t("ed_brand")}</h1>
                <p class="alert alert-error" role="alert" data-testid="no-access">{app.t("ed_only")}</p>
            </section>
        },
        other => pending(app.lang, other),
    }
}

#[function_component]
fn Header() -> Html {
    let app = use_app();
    let edu = use_edu();
    let route = use_route::<Route>();
    // The department, asked once per session and kept in the shared state.
    let department = use_department(app.token.is_some());
    {
        let edu = edu.clone();
        use_effect_with((*department).clone(), move |d| {
            edu.dispatch(EduAction::Department(d.clone()))
        });
    }
    let level = edu.department.ready().map(|d| d.scope.level());
    let link = |to: Route, key: &'static str| shell::nav_link(&app, route.as_ref(), to, key);
    let sections = html! {
        if level.is_some() {
            {link(Route::Journal, "ed_nav_journal")}
            {link(Route::Report, "ed_nav_report")}
            {link(Route::Overdue, "ed_nav_overdue")}
            // Campaign periods are the region's to set.
            if level == Some(TerritoryLevel::Region) {
                {link(Route::Campaigns, "ed_nav_campaigns")}
            }
        }
    };
    shell::use_service_header(Route::Journal, "ed_brand", "ed_nav_grade1", sections)
}

#[function_component]
fn NotFound() -> Html {
    shell::not_found(&use_app(), Route::Journal, "ed_to_journal")
}
