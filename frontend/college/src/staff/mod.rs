//! The admissions office: the main cabinet's journal, card and signing pages with the college's
//! part (`Cabinet for Route`), and «Специальности» (`specialties`). Every page works on the
//! college chosen in the role switch (`app.active_org()`); `CollegeOrg` chooses one of the
//! person's colleges when another kind of organisation is chosen.

mod specialties;

pub use specialties::Specialties;

use domain::OrgKind;
use domain::api::Application;
use frontend::hooks::use_org_names;
use frontend::staff::{Cabinet, JournalColumn};
use frontend::state::{Action, App, Texts, use_app};
use yew::prelude::*;

use crate::details::CollegeDetails;
use crate::route::Route;

impl Cabinet for Route {
    fn journal() -> Route {
        Route::Journal
    }

    fn card(id: String) -> Route {
        Route::Card { id }
    }

    fn card_section(a: &Application) -> Html {
        html! { <CollegeDetails application={a.clone()} /> }
    }

    /// The average score and the first choice, in place of 1st grade's admission type.
    fn journal_column(app: &App) -> Option<JournalColumn> {
        Some((app.t("co_col_score_choice"), score_and_choice))
    }
}

fn score_and_choice(app: &App, a: &Application) -> Html {
    let Some(c) = &a.college else {
        return html! { {"—"} };
    };
    let first = c.choices.first().map(|ch| {
        format!(
            "{} ({}, {})",
            ch.code,
            ch.language.title(app.lang),
            ch.form.title(app.lang)
        )
    });
    html! {
        <div>
            <span data-testid="score">{c.average_score.to_string()}</span>
            if let Some(first) = first { <span class="muted">{first}</span> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CollegeOrgProps {
    pub children: Html,
}

/// Shows the office's pages in a college of the person's: chooses the first one when the role
/// switch names an organisation of another kind, and says so when the person works in none.
#[function_component]
pub fn CollegeOrg(p: &CollegeOrgProps) -> Html {
    let app = use_app();
    let names = use_org_names(
        &app,
        app.staff_orgs().into_iter().map(|(id, _)| id).collect(),
    );
    let active = app.active_org();
    let college = names
        .iter()
        .find(|o| o.kind == OrgKind::College)
        .map(|o| o.id.clone());
    let chosen_is_college = names
        .iter()
        .any(|o| Some(&o.id) == active.as_ref() && o.kind == OrgKind::College);
    {
        let app = app.clone();
        let switch = college.clone().filter(|_| !chosen_is_college);
        use_effect_with(switch, move |switch| {
            if let Some(id) = switch {
                app.dispatch(Action::Org(id.clone()));
            }
        });
    }
    match (chosen_is_college, college, names.is_empty()) {
        (true, _, _) => p.children.clone(),
        (false, None, false) => html! {
            <section class="card narrow">
                <p class="alert alert-error" role="alert" data-testid="not-college">{app.t("co_not_college_staff")}</p>
            </section>
        },
        _ => frontend::components::loading(app.lang),
    }
}
