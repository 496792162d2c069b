//! Kindergarten staff: the kindergarten's state-order places and the children directed to it.
//! Its pages work on the organisation chosen in the main app's role switch (`app.active_org()`)
//! when that is a kindergarten, else on the person's first kindergarten; what each person may
//! do there is `domain::permissions::permits` of their roles in it (the server checks alike).

mod directions;
mod paged;
mod places;

use domain::OrgKind;
use domain::api::Org;
use domain::permissions::{Permission, permits};
use frontend::components::{pick, value_of};
use frontend::hooks::{pending, use_get, use_org_names};
use frontend::state::{Action, Texts, use_app};
use yew::prelude::*;

pub(crate) use directions::{direction_cells, direction_head};
pub(crate) use paged::use_paged;

/// `/api/orgs/{org}{rest}`.
pub(crate) fn org_path(org: &str, rest: &str) -> String {
    format!("/api/orgs/{}{rest}", frontend::components::enc(org))
}

/// `/preschool/kindergarten`: places and directions of the kindergarten.
#[function_component]
pub fn Kindergarten() -> Html {
    let app = use_app();
    let orgs = app.staff_orgs();
    let names = use_org_names(&app, orgs.iter().map(|(id, _)| id.clone()).collect());
    let kindergartens: Vec<_> = names
        .iter()
        .filter(|o| o.kind == OrgKind::Kindergarten)
        .cloned()
        .collect();
    let active = app.active_org();
    let chosen = kindergartens
        .iter()
        .find(|o| Some(&o.id) == active.as_ref())
        .or(kindergartens.first())
        .map(|o| o.id.clone());
    let org = use_get::<Org>(chosen.as_deref().map(|id| org_path(id, "")), 0);
    let title = html! { <h1>{app.t("ps_kindergarten_title")}</h1> };
    let Some(id) = chosen else {
        // The names arrive after `/api/me`: until then nothing is known to be missing.
        let known = names.len() == orgs.len();
        return html! {
            <section class="staff-page">
                {title}
                if known && !orgs.is_empty() {
                    <p class="alert alert-info" data-testid="no-kindergarten">{app.t("pk_no_kindergarten")}</p>
                } else {
                    {frontend::components::loading(app.lang)}
                }
            </section>
        };
    };
    let roles = orgs
        .iter()
        .find(|(o, _)| *o == id)
        .map(|(_, r)| r.clone())
        .unwrap_or_default();
    let can = |p: Permission| permits(&roles, p);
    let switch = (kindergartens.len() > 1).then(|| {
        let app2 = app.clone();
        let onchange = Callback::from(move |e: Event| app2.dispatch(Action::Org(value_of(&e))));
        html! {
            <div class="field">
                <label for="kg-org">{app.t("pk_org")}</label>
                <select id="kg-org" {onchange}>
                    { for kindergartens.iter().map(|o| html! {
                        <option value={o.id.clone()} selected={o.id == id}>{pick(app.lang, &o.name)}</option>
                    }) }
                </select>
            </div>
        }
    });
    let Some(info) = org.ready() else {
        return html! { <section class="staff-page">{title}{pending(app.lang, &org)}</section> };
    };
    html! {
        <section class="staff-page kindergarten-page">
            {title}
            <p class="lead" data-testid="org-name">{pick(app.lang, &info.name)}</p>
            <p class="muted">{app.t("ps_kindergarten_lead")}</p>
            {switch.unwrap_or_default()}
            if !info.private {
                <p class="alert alert-info">{app.t("pk_not_private")}</p>
            }
            if can(Permission::ViewPlaces) {
                <section class="card" aria-labelledby="places-title">
                    <h2 id="places-title">{app.t("pk_places_title")}</h2>
                    <places::Places org={id.clone()} languages={info.languages.clone()}
                        manage={can(Permission::ManagePlaces)} />
                </section>
            }
            if can(Permission::ViewDirections) {
                <section class="card" aria-labelledby="directions-title">
                    <h2 id="directions-title">{app.t("pk_directions_title")}</h2>
                    <directions::Directions org={id.clone()} confirm={can(Permission::ConfirmArrival)} />
                </section>
            }
            if !can(Permission::ViewPlaces) && !can(Permission::ViewDirections) {
                <p class="alert alert-error" role="alert" data-testid="no-access">{app.t("pk_no_access")}</p>
            }
        </section>
    }
}
