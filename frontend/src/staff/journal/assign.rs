//! «Назначить ответственного» for the selected rows (seed 002): one executor for all of them.
//! A plain function of the journal's state, not a component of its own: the site's wasm
//! budget is tight.

use domain::journal::{AssignMany, AssignResult};
use serde_json::Value;
use yew::prelude::*;

use super::super::org_path;
use crate::api::{Api, ApiError};
use crate::hooks::run;
use crate::state::{App as AppHandle, Texts};

/// Names `executor` the responsible of the applications `ids`; `on_done` gets what to tell.
pub(super) fn assign(
    app: &AppHandle,
    org: &str,
    ids: Vec<String>,
    executor: String,
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<ApiError>>,
    on_done: impl FnOnce(String) + 'static,
) {
    let asked = ids.len();
    let body = AssignMany {
        application_ids: ids,
        executor_iin: executor,
    };
    let (api, path, app) = (
        Api::of(app),
        org_path(org, "/applications/assign"),
        app.clone(),
    );
    // Read as a JSON value: a typed answer would add its own decoder to the wasm.
    run(
        busy,
        error,
        async move { api.post::<_, Value>(&path, &body).await },
        move |answer| on_done(summary(&app, asked, &answer)),
    );
}

/// How many of those asked were assigned. The others are past review by now (the journal
/// offers no other), which the reloaded rows show: the answer's reasons are not repeated here.
fn summary(app: &AppHandle, asked: usize, answer: &Value) -> String {
    let items = answer["items"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let assigned = items
        .iter()
        .filter(|o| o["result"] == AssignResult::Assigned.as_str())
        .count();
    let (n, of) = (assigned.to_string(), asked.to_string());
    let key = if assigned == asked {
        "st_assigned_many"
    } else {
        "st_assigned_some"
    };
    app.tf(key, &[("n", &n), ("of", &of)])
}
