//! What the direction scenarios need: private kindergartens with places, children in the
//! queue (registered by the parent through `POST /api/preschool/applications`), and the
//! parent's signed choice.

use api_tests::*;
use chrono::NaiveDate;
use domain::Lang as L;
use pki::keystore::KeyBundle;

/// A private kindergarten (kk and ru) with its director.
pub struct Kindergarten {
    pub org_id: String,
    pub director: Person,
}

/// A private kindergarten in astana, created by astana's admin.
pub async fn kindergarten(h: &Harness) -> Kindergarten {
    let admin = h.admin().await;
    kindergarten_in(h, &admin, "astana", "astana").await
}

/// A private kindergarten in `region`'s `locality`, created by that region's `admin`.
pub async fn kindergarten_in(
    h: &Harness,
    admin: &Person,
    region: &str,
    locality: &str,
) -> Kindergarten {
    let director = h.person("Директор Садиков").await;
    let mut body = school_body(&director.iin);
    body["kind"] = json!("kindergarten");
    body["private"] = json!(true);
    body["name"] = json!({"ru": "Детский сад «Балапан»", "kk": "«Балапан» балабақшасы"});
    body["region"] = json!(region);
    body["locality_id"] = json!(locality);
    let (s, org) = h.post("/api/admin/orgs", Some(&admin.token), &body).await;
    assert_eq!(s, 201, "create kindergarten: {org}");
    Kindergarten {
        org_id: str_field(&org, "id"),
        director,
    }
}

/// `PUT /api/orgs/{org}/places` as `who`.
pub async fn put_places(
    h: &Harness,
    kg: &Kindergarten,
    who: &Person,
    age_group: i32,
    language: &str,
    count: i64,
) -> (u16, Value) {
    let body = json!({"age_group": age_group, "language": language, "count": count});
    h.put(
        &format!("/api/orgs/{}/places", kg.org_id),
        Some(&who.token),
        &body,
    )
    .await
}

/// The kindergarten's places of the age group and language, as its director reads them.
pub async fn place(h: &Harness, kg: &Kindergarten, age_group: i32, language: &str) -> Value {
    let (s, b) = h
        .get(
            &format!("/api/orgs/{}/places", kg.org_id),
            Some(&kg.director.token),
        )
        .await;
    assert_eq!(s, 200, "places: {b}");
    b.as_array()
        .unwrap()
        .iter()
        .find(|p| p["age_group"] == age_group && p["language"] == language)
        .cloned()
        .unwrap_or_else(|| panic!("no {age_group} {language} in {b}"))
}

/// A parent with their child (born on `birth`) in astana's queue; returns the parent and the
/// application.
pub async fn in_queue(h: &Harness, birth: NaiveDate) -> (Person, Value) {
    in_queue_with_phone(h, birth, "+77010000000").await
}

/// The same, the registration giving `phone` (for the SMS a scenario looks for).
pub async fn in_queue_with_phone(h: &Harness, birth: NaiveDate, phone: &str) -> (Person, Value) {
    in_queue_of(h, birth, "astana", phone).await
}

/// A parent with their child (born on `birth`) in the queue of `locality`, the registration
/// giving `phone`.
pub async fn in_queue_of(
    h: &Harness,
    birth: NaiveDate,
    locality: &str,
    phone: &str,
) -> (Person, Value) {
    let parent = h.person("Айгүл Кезекова").await;
    let child = child_born(birth, true);
    // The register first: only a legal representative may register the child.
    h.register_child(&child.iin, &[&parent], None).await;
    let body = json!({
        "child": child.json(), "locality_id": locality, "language": "kk",
        "privilege": "none", "phone": phone,
    });
    let (s, app) = h
        .post("/api/preschool/applications", Some(&parent.token), &body)
        .await;
    assert_eq!(s, 201, "queue registration: {app}");
    (parent, app)
}

pub fn path(app: &Value, action: &str) -> String {
    format!(
        "/api/preschool/applications/{}/{action}",
        str_field(app, "id")
    )
}

/// The parent's personal certificate (no BIN).
pub async fn personal_key(h: &Harness, parent: &Person) -> KeyBundle {
    h.certificate_for(&parent.iin, None, "ecdsa").await
}

/// The body of a signed choice of `org_id` in `language`.
pub fn choice(app: &Value, key: &KeyBundle, org_id: &str, language: &str) -> Value {
    let lang = if language == "kk" { L::Kk } else { L::Ru };
    let birth: NaiveDate = app["child"]["birth_date"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let payload = domain::preschool::choice_payload(
        &str_field(app, "id"),
        &str_field(app, "number"),
        app["child"]["iin"].as_str().unwrap(),
        org_id,
        lang,
        chrono::Datelike::year(&birth),
    );
    json!({
        "org_id": org_id, "language": language, "warning_accepted": true,
        "signature": signature_of(key, &payload), "certificates": chain_of(key),
    })
}

/// `POST .../direction` with the parent's own signature.
pub async fn choose(
    h: &Harness,
    parent: &Person,
    app: &Value,
    kg: &Kindergarten,
    language: &str,
) -> (u16, Value) {
    let key = personal_key(h, parent).await;
    let body = choice(app, &key, &kg.org_id, language);
    h.post(&path(app, "direction"), Some(&parent.token), &body)
        .await
}

/// Runs the expiry job now; how many directions it cancelled.
pub async fn expiry(h: &Harness) -> u64 {
    let (s, out) = h
        .post("/api/dev/jobs/direction-expiry", None, &json!({}))
        .await;
    assert_eq!(s, 200, "direction-expiry: {out}");
    out["processed"].as_u64().unwrap()
}

/// The kindergarten's line in a list of free places, if there.
pub fn free_at<'a>(free: &'a Value, kg: &Kindergarten) -> Option<&'a Value> {
    free.as_array()?
        .iter()
        .find(|p| p["org_id"] == kg.org_id.as_str())
}

/// The error code of a refusal, asserting its status.
pub fn code(resp: &(u16, Value), status: u16) -> String {
    assert_eq!(resp.0, status, "{}", resp.1);
    resp.1["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
