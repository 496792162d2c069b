//! Kindergarten staff: the kindergarten's places and the children directed to it. Its pages
//! work on the organisation chosen in the main app's role switch (`app.active_org()`).

use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::app::coming;

/// `/preschool/kindergarten`: places and directions of the kindergarten.
#[function_component]
pub fn Kindergarten() -> Html {
    let app = use_app();
    coming(
        &app,
        app.t("ps_kindergarten_title"),
        app.t("ps_kindergarten_lead").into(),
    )
}
