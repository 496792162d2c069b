//! The education department's journal across organisations (`/api/monitoring/applications`),
//! read-only, by territory: a region's staff see its applications and none of another region's,
//! a district's staff only its localities, the ministry the region it names; the application
//! card answers them, decisions and signing do not; filters, search, paging; the `.xlsx`
//! exports of this journal and of an organisation's.

use api_tests::*;

mod export;
mod journal;

/// The demo seed's people (the dev runner loads the seed).
pub(crate) const KARAGANDA_ADMIN: &str = "790620300013";
pub(crate) const ASTANA_EDU: &str = "820411400100";
pub(crate) const KARAGANDA_EDU: &str = "780923300108";
pub(crate) const DISTRICT_EDU: &str = "830705400202";
pub(crate) const MINISTRY_EDU: &str = "751128300301";

pub(crate) const JOURNAL: &str = "/api/monitoring/applications";

/// A school of Karaganda region in `locality` (of the demo register), created by the region's
/// admin, with a limit created by its fresh director.
pub(crate) async fn karaganda_school(h: &Harness, locality: &str) -> School {
    let admin = h.login_as(KARAGANDA_ADMIN, "Жумабаева Алия").await;
    let director = h.person("Директор Қарағанды").await;
    let mut body = school_body(&director.iin);
    body["region"] = json!("karaganda");
    body["locality_id"] = json!(locality);
    let (s, org) = h.post("/api/admin/orgs", Some(&admin.token), &body).await;
    assert_eq!(s, 201, "create school: {org}");
    let org_id = str_field(&org, "id");
    let (s, limit) = h.create_limit(&director.token, &org_id, "ru", 40, 2).await;
    assert_eq!(s, 201, "create limit: {limit}");
    // Karaganda's own 1st-grade campaign, open whatever the date (as the harness opens Astana's).
    let (s, b) = h
        .put(
            &format!("/api/campaigns/grade1/{YEAR}"),
            Some(&admin.token),
            &json!({"opens": "2025-01-01", "closes": "2027-12-31"}),
        )
        .await;
    assert_eq!(s, 200, "open Karaganda's campaign: {b}");
    School {
        org_id,
        director,
        limit_id: str_field(&limit, "id"),
    }
}

/// The ids of a journal page as `who`, asserting 200.
pub(crate) async fn journal_ids(h: &Harness, who: &Person, query: &str) -> Vec<String> {
    let (s, page) = h.get(&format!("{JOURNAL}?{query}"), Some(&who.token)).await;
    assert_eq!(s, 200, "journal ?{query}: {page}");
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|r| str_field(r, "id"))
        .collect()
}
