//! Parents and legal representatives: their applications in the preschool queue, registering a
//! child in it, and one application (its place in the queue, its direction to a kindergarten).

use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::app::coming;

/// `/preschool/`: the person's applications in the queue.
#[function_component]
pub fn Applications() -> Html {
    let app = use_app();
    coming(
        &app,
        app.t("ps_applications_title"),
        app.t("ps_applications_lead").into(),
    )
}

/// `/preschool/new`: registering a child in the queue.
#[function_component]
pub fn Register() -> Html {
    let app = use_app();
    coming(
        &app,
        app.t("ps_register_title"),
        app.t("ps_register_lead").into(),
    )
}

#[derive(Properties, PartialEq)]
pub struct ApplicationProps {
    pub id: AttrValue,
}

/// `/preschool/applications/:id`: one application in the queue.
#[function_component]
pub fn Application(p: &ApplicationProps) -> Html {
    let app = use_app();
    coming(
        &app,
        app.t("ps_application_title"),
        app.tf("ps_application_lead", &[("id", p.id.as_str())]),
    )
}
