//! Black-box tests of the preschool queue (seed 004): registration with its checks and the
//! one-active-application guard, also under a race (`register`); queue numbers and how they
//! move (`register`); privileges, changed by the applicant and decided by the region's
//! education department (`privilege`); the history, the documents and the notices
//! (`documents`). Each scenario on both stores, the runner's clock on 2 June 2026.

use std::time::Duration;

use api_tests::*;

mod documents;
mod privilege;
mod register;

/// Business time of every scenario: Tuesday 2 June 2026, 10:00 Almaty.
const NOW: &str = "2026-06-02T10:00:00+05:00";
const APPLICATIONS: &str = "/api/preschool/applications";
/// Every registration's phone, normalised.
const PHONE: &str = "+77011234567";

/// A fresh child born on `date` (`YYYY-MM-DD`), with a matching unique IIN.
fn child(date: &str, male: bool) -> ChildData {
    child_born(date.parse().expect("a date"), male)
}

/// A registration body in Astana, in Kazakh, without a privilege.
fn registration(child: &ChildData) -> Value {
    json!({
        "child": child.json(),
        "locality_id": "astana",
        "language": "kk",
        "privilege": "none",
        "phone": "8 701 123 45 67",
        "email": "ata@example.kz",
    })
}

/// The same with a privilege and its document.
fn with_privilege(child: &ChildData, category: &str, file_id: &str) -> Value {
    let mut body = registration(child);
    body["privilege"] = json!(category);
    body["privilege_document"] = json!({"kind": "privilege_proof", "file_id": file_id});
    body
}

fn app_path(id: &str, suffix: &str) -> String {
    format!("{APPLICATIONS}/{id}{suffix}")
}

/// `POST /api/preschool/applications` as `who` (in Kazakh when `kk`).
async fn register_as(h: &Api, who: &Person, body: &Value, kk: bool) -> (u16, Value) {
    let lang = kk.then_some("kk");
    h.request(
        Method::POST,
        APPLICATIONS,
        Some(&who.token),
        Body::Json(body),
        lang,
    )
    .await
}

/// Records `parent` as the child's mother and registers the child; asserts 201.
async fn registered(h: &Api, parent: &Person, body: &Value) -> Value {
    let iin = body["child"]["iin"].as_str().expect("child.iin");
    h.register_child(iin, &[parent], None).await;
    let (s, app) = register_as(h, parent, body, false).await;
    assert_eq!(s, 201, "register: {app}");
    app
}

/// The supporting document of a privilege, uploaded by `who`.
async fn privilege_proof(h: &Api, who: &Person) -> String {
    h.upload(
        &who.token,
        "privilege_proof",
        "application/pdf",
        &fake_pdf(3000),
    )
    .await
}

/// `GET` of an application (or one of its lists) as `who`.
async fn read(h: &Api, who: &Person, id: &str, suffix: &str) -> (u16, Value) {
    h.get(&app_path(id, suffix), Some(&who.token)).await
}

/// `(number, privileged)` of an application in the queue, as `who` reads it.
async fn position(h: &Api, who: &Person, id: &str) -> (u64, u64) {
    let (s, app) = read(h, who, id, "").await;
    assert_eq!(s, 200, "{app}");
    let p = &app["position"];
    (
        p["number"]
            .as_u64()
            .unwrap_or_else(|| panic!("no position in {app}")),
        p["privileged"].as_u64().expect("privileged"),
    )
}

/// The SMS the local channel sent to [`PHONE`] that name `needle`, polled until there are at least `n`
/// (the consumer stores the in-app notice first, then sends the SMS).
async fn sms_naming(h: &Api, needle: &str, n: usize) -> Vec<Value> {
    let mut sent = Vec::new();
    for _ in 0..50 {
        let (s, b) = h.get("/api/dev/sms", None).await;
        assert_eq!(s, 200, "dev sms: {b}");
        sent = b["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            // Numbers run per region: the phone tells this scenario's from the seed's.
            .filter(|m| m["to"] == PHONE)
            .filter(|m| m["text"].as_str().is_some_and(|t| t.contains(needle)))
            .collect();
        if sent.len() >= n {
            return sent;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("expected {n} SMS naming {needle} within 10 s, got {sent:?}");
}

fn text<'a>(notice: &'a Value, lang: &str) -> &'a str {
    notice["text"][lang]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} text in {notice}"))
}
