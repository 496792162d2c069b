//! The region's 1st-grade admission period and whether it is open today
//! (`GET /api/public/campaigns/{region}/{year}`), shown where a locality is chosen. Read as
//! plain JSON: the dates are shown as they come (`dd.mm.yyyy`), no date parsing in the app.

use domain::AcademicYear;
use serde_json::Value;
use yew::prelude::*;

use crate::hooks::use_get;
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct CampaignNoteProps {
    /// The region of the chosen locality (nothing shown without one).
    pub region: Option<String>,
    pub year: Option<AcademicYear>,
}

/// `2027-08-30` → `30.08.2027`.
fn date(v: &Value) -> String {
    let s = v.as_str().unwrap_or_default();
    match (s.get(0..4), s.get(5..7), s.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => s.to_string(),
    }
}

#[function_component]
pub fn CampaignNote(p: &CampaignNoteProps) -> Html {
    let app = use_app();
    let list = use_get::<Value>(
        p.region
            .as_ref()
            .zip(p.year)
            .map(|(r, y)| format!("/api/public/campaigns/{r}/{y}")),
        0,
    );
    let Some(c) = list
        .ready()
        .and_then(Value::as_array)
        .and_then(|l| l.iter().find(|c| c["service"] == "grade1"))
    else {
        return html! {};
    };
    let (key, class) = match c["open"] == true {
        true => ("camp_open", "alert alert-info"),
        false => ("camp_closed", "alert alert-error"),
    };
    html! {
        <p class={class} id="campaign-period" aria-live="polite">
            {app.tf(key, &[("from", &date(&c["opens"])), ("to", &date(&c["closes"]))])}
        </p>
    }
}
