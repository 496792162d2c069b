//! Black-box tests of the review use case (seed 001 «Рассмотрение заявки», seed 002 «Журнал
//! заявлений»): the journal and its filters, assigning the responsible (one application or
//! several at once), decisions in strict queue order, the 3:1 quota, transport, and the races a
//! decision must survive. The shared helpers are here; the scenarios are in `assign`,
//! `decisions`, `journal`, `races` and `search`.
//!
//! Each scenario is instantiated for both stores by `scenarios!` (see main.rs).

use api_tests::*;

mod assign;
mod conflict;
mod decisions;
mod journal;
mod races;
mod search;

const ORDER_MESSAGE: &str =
    "Нарушена очередность, есть более ранние заявки в статусе «На проверке»";

// --------------------------------------------------------------------------------- helpers

/// Submits `n` applications of distinct children to the school, one after another (so their
/// queue order is their index), by one parent whose documents are uploaded once.
async fn submit_n(h: &Harness, org_id: &str, n: usize) -> (Person, Vec<Value>) {
    submit_as(h, org_id, "Сәуле Ахметова", n).await
}

/// [`submit_n`] by a new parent named `parent_name`.
async fn submit_as(h: &Harness, org_id: &str, parent_name: &str, n: usize) -> (Person, Vec<Value>) {
    let parent = h.person(parent_name).await;
    let docs = h.upload_documents(&parent.token).await;
    let mut apps = Vec::new();
    for _ in 0..n {
        let body = application(org_id, &new_child(), &docs);
        h.register_applicant(&body, &parent).await;
        let (s, app) = h.submit(Some(&parent.token), &body).await;
        assert_eq!(s, 201, "submit: {app}");
        apps.push(app);
    }
    (parent, apps)
}

/// The decision `body` on `app` (an application as answered) as `token`.
async fn decide(h: &Api, token: &str, org_id: &str, app: &Value, body: &Value) -> (u16, Value) {
    h.decide(token, org_id, &str_field(app, "id"), body).await
}

fn reject(reason: &str) -> Value {
    json!({"decision": "reject", "reason": reason, "comment": "Проверено"})
}

fn n(v: &Value, field: &str) -> u64 {
    v[field]
        .as_u64()
        .unwrap_or_else(|| panic!("no integer {field} in {v}"))
}

async fn journal(h: &Harness, who: &Person, org_id: &str, query: &str) -> (u16, Value) {
    h.get(
        &format!("/api/orgs/{org_id}/applications?{query}"),
        Some(&who.token),
    )
    .await
}

/// The ids of a journal answer, asserting 200.
#[track_caller]
fn ids(resp: &(u16, Value)) -> Vec<String> {
    assert_eq!(resp.0, 200, "journal: {}", resp.1);
    api_tests::ids(&resp.1)
}

/// The `(action, comment)` of each event in the application's history, as `who` reads it.
async fn history_actions(h: &Harness, who: &Person, app: &Value) -> Vec<(String, String)> {
    h.history(&who.token, &str_field(app, "id"))
        .await
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or("").to_string(),
                e["comment"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// `POST /api/orgs/{org}/applications/assign` as `who` (`lang`: `Accept-Language`).
async fn assign_many(
    h: &Harness,
    who: &Person,
    org_id: &str,
    body: &Value,
    lang: Option<&str>,
) -> (u16, Value) {
    h.request(
        Method::POST,
        &format!("/api/orgs/{org_id}/applications/assign"),
        Some(&who.token),
        Body::Json(body),
        lang,
    )
    .await
}

/// The `field` of an error answer.
fn error_field(resp: &(u16, Value)) -> String {
    resp.1["error"]["field"].as_str().unwrap_or("").to_string()
}

/// `GET /api/me` as `who`: what the site does at sign-in (and where a director the region
/// admin appointed gets their name).
async fn me_signs_in(h: &Harness, who: &Person) {
    let (s, me) = h.get("/api/me", Some(&who.token)).await;
    assert_eq!(s, 200, "{me}");
}
