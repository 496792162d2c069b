//! The education department of a region: privileges, the region's kindergarten places and the
//! directions to them. Its pages work on the regions of the person's `edu_department`
//! memberships (`app.edu_regions()`).

mod privileges;
mod region;

use frontend::state::{Texts, use_app};
use yew::prelude::*;

/// `/preschool/edu`: the department's page: privileges to confirm, then the region's places
/// and directions.
#[function_component]
pub fn Department() -> Html {
    let app = use_app();
    html! {
        <section class="staff-page edu-page">
            <h1>{app.t("ps_edu_title")}</h1>
            <p class="muted">{app.t("ps_edu_lead")}</p>
            <section class="card" aria-labelledby="privileges-title">
                <h2 id="privileges-title">{app.t("pe_privileges_title")}</h2>
                <privileges::Privileges />
            </section>
            <section class="card" aria-labelledby="region-places-title">
                <h2 id="region-places-title">{app.t("pe_places_title")}</h2>
                <region::RegionPlaces />
            </section>
            <section class="card" aria-labelledby="region-directions-title">
                <h2 id="region-directions-title">{app.t("pe_directions_title")}</h2>
                <region::RegionDirections />
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct GateProps {
    pub children: Html,
}

/// Shows its page to staff of an education department (the server checks every request
/// alike); to others, whom the section is for.
#[function_component]
pub fn Gate(p: &GateProps) -> Html {
    let app = use_app();
    if app.edu_regions().next().is_some() {
        return p.children.clone();
    }
    html! {
        <section class="card narrow">
            <h1>{app.t("ps_edu_title")}</h1>
            <p class="alert alert-error" role="alert" data-testid="no-access">{app.t("ps_edu_only")}</p>
        </section>
    }
}
