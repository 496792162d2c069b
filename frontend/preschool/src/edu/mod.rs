//! The education department of a region: privileges, the region's kindergarten places and the
//! directions to them. Its pages work on the regions of the person's `edu_department`
//! memberships (`app.edu_regions()`).

use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::app::coming;

/// `/preschool/edu`: the department's page.
#[function_component]
pub fn Department() -> Html {
    let app = use_app();
    coming(&app, app.t("ps_edu_title"), app.t("ps_edu_lead").into())
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
