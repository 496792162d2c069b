//! The region's 1st-grade admission period and whether it is open today
//! (`GET /api/public/campaigns/{region}/{year}`), shown where a locality is chosen. Plain
//! functions for the pages that choose one (they call `use_get` with [`path`]), read as plain
//! JSON: the dates are shown as they come, no date types or component of its own in the wasm.

use domain::AcademicYear;
use domain::address::Locality;
use domain::api::List;
use serde_json::Value;
use yew::prelude::*;

use crate::hooks::Remote;
use crate::state::{App, Texts};

/// The periods' address for the region of the chosen locality, once the list is read.
pub(super) fn path(
    localities: &Remote<List<Locality>>,
    locality: &str,
    year: Option<AcademicYear>,
) -> Option<String> {
    let l = localities
        .ready()?
        .items
        .iter()
        .find(|l| l.id == locality)?;
    Some(format!("/api/public/campaigns/{}/{}", l.region, year?))
}

/// `2027-08-30` → `30.08.2027`.
fn date(v: &Value) -> String {
    let s = v.as_str().unwrap_or_default();
    match (s.get(0..4), s.get(5..7), s.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => s.to_string(),
    }
}

/// «Приём заявлений в 1 класс в этом регионе: с … по … — идёт / сейчас закрыт».
pub(super) fn note(app: &App, periods: &Remote<Value>) -> Html {
    let Some(c) = periods
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
