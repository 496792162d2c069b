//! The education department's overdue dashboard (`GET /api/monitoring/overdue`, seed 000): an
//! application the sweep marks overdue is listed for its region's department, grouped by its
//! school with how long it is overdue, until it closes; another region's department never
//! sees it.

use api_tests::*;

scenarios!(
    the_dashboard_lists_what_the_sweep_marked_until_it_closes,
    only_the_department_reads_the_dashboard,
);

const DASHBOARD: &str = "/api/monitoring/overdue";

/// The demo seed's education department staff of Astana and of Karaganda.
const ASTANA_EDU: &str = "820411400100";
const KARAGANDA_EDU: &str = "780923300108";

async fn dashboard(h: &Harness, who: &Person) -> Value {
    let (s, d) = h.get(DASHBOARD, Some(&who.token)).await;
    assert_eq!(s, 200, "dashboard: {d}");
    d
}

/// The ids of the dashboard's applications, group by group.
fn listed(d: &Value) -> Vec<String> {
    d["groups"]
        .as_array()
        .unwrap_or_else(|| panic!("no groups in {d}"))
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap().iter())
        .map(|i| str_field(i, "id"))
        .collect()
}

async fn sweep(h: &Harness) {
    let (s, out) = h
        .post("/api/dev/jobs/deadline-sweep", None, &json!({}))
        .await;
    assert_eq!(s, 200, "deadline-sweep: {out}");
}

async fn the_dashboard_lists_what_the_sweep_marked_until_it_closes(h: Harness) {
    let school = h.school().await;
    let astana = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let karaganda = h.login_as(KARAGANDA_EDU, "Омаров Бауыржан").await;
    let parent = h.person("Сәуле Мерзімова").await;
    // Thursday 12:30 in Almaty, in the 1st-grade campaign.
    h.set_clock("2026-06-11T12:30:00+05:00").await;
    let (s, other) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {other}");
    let (s, late) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {late}");
    let (late_id, other_id) = (str_field(&late, "id"), str_field(&other, "id"));
    // Decided and signed in time (first in the queue): never overdue.
    h.decided(&school.director.token, &school.org_id, &other_id, &accept())
        .await;
    let key = h.director_key(&school, "ecdsa").await;
    h.signed(&school, &other_id, &key).await;

    // Not yet due: not on the dashboard.
    assert!(!listed(&dashboard(&h, &astana).await).contains(&late_id));

    let due = time_plus5(&late, "due_at");
    let now = due + chrono::Duration::minutes(90);
    h.set_clock(&now.to_rfc3339()).await;
    sweep(&h).await;
    let d = dashboard(&h, &astana).await;
    let ids = listed(&d);
    assert!(ids.contains(&late_id), "{d}");
    assert!(!ids.contains(&other_id), "signed before its deadline: {d}");
    let group = d["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["org"]["id"] == school.org_id.as_str())
        .unwrap_or_else(|| panic!("no group of the school in {d}"));
    assert!(!str_field(&group["org"], "bin").is_empty(), "{group}");
    assert!(
        !str_field(&group["org"]["name"], "ru").is_empty(),
        "{group}"
    );
    let item = &group["items"][0];
    assert_eq!(item["id"], late_id.as_str(), "{group}");
    assert_eq!(item["status"], "in_review", "{item}");
    assert_eq!(item["service"], "grade1", "{item}");
    let minutes = item["overdue_minutes"].as_i64().unwrap();
    assert!(
        (90..92).contains(&minutes),
        "overdue since the deadline: {item}"
    );
    assert!(!str_field(item, "full_name").is_empty(), "{item}");

    // Another region's department does not see it.
    assert!(!listed(&dashboard(&h, &karaganda).await).contains(&late_id));

    // Decided, it is still open and overdue: still listed; signed, it leaves.
    h.decided(&school.director.token, &school.org_id, &late_id, &accept())
        .await;
    let d = dashboard(&h, &astana).await;
    assert!(listed(&d).contains(&late_id), "{d}");
    h.signed(&school, &late_id, &key).await;
    assert!(!listed(&dashboard(&h, &astana).await).contains(&late_id));
}

async fn only_the_department_reads_the_dashboard(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Сәуле Сұраушы").await;
    let resp = h.get(DASHBOARD, None).await;
    assert_error(&resp, 401, "unauthorized", Lang::Ru);
    for who in [&school.director, &parent] {
        let resp = h.get(DASHBOARD, Some(&who.token)).await;
        assert_error(&resp, 403, "forbidden", Lang::Ru);
    }
}
