//! The monitoring report (`GET /api/monitoring/report`, seed 002 5.6) over a known set of
//! applications in mixed states: its rows come from the counters kept in the state changes'
//! transactions, and match hand-computed numbers, «Просрочено» included, with the period's
//! boundary at an hour inside a day. The department's own staff read it; a parent does not.

use api_tests::*;
use calamine::Data;

scenarios!(report_counts_each_application_once_in_its_current_column,);

/// The demo seed's education department staff of Astana (the dev runner loads the seed).
const ASTANA_EDU: &str = "820411400100";

async fn report(h: &Harness, who: &Person, query: &str) -> Value {
    let (s, r) = h
        .get(&format!("/api/monitoring/report?{query}"), Some(&who.token))
        .await;
    assert_eq!(s, 200, "report: {r}");
    r
}

/// The row of a locality: its counts and «Всего».
fn row(report: &Value, locality: &str) -> (Value, u64) {
    let rows = report["rows"].as_array().expect("rows");
    let r = rows
        .iter()
        .find(|r| r["territory"]["id"] == locality)
        .unwrap_or_else(|| panic!("no row {locality} in {report}"));
    (r["counts"].clone(), r["total"].as_u64().unwrap_or(0))
}

async fn report_counts_each_application_once_in_its_current_column(h: Harness) {
    let school = h.school().await;
    let dir = &school.director;
    let parent = h.person("Сәуле Есепова").await;
    // Thursday 09:30 in Almaty: five applications, each brought to another state.
    h.set_clock("2026-05-14T09:30:00+05:00").await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        let (s, app) = h.apply(&parent, &school.org_id, &new_child()).await;
        assert_eq!(s, 201, "submit: {app}");
        ids.push(str_field(&app, "id"));
    }
    // In the queue's order: [0] decided and signed (positive); [1] decided (on signing); [2]
    // withdrawn; [3] taken up (assigned); [4] stays received.
    let (s, b) = h
        .put(
            &app_path(&school.org_id, &ids[3], "assignee"),
            Some(&dir.token),
            &json!({"iin": dir.iin}),
        )
        .await;
    assert_eq!(s, 200, "assign: {b}");
    // Naming someone again moves nothing.
    let (s, b) = h
        .put(
            &app_path(&school.org_id, &ids[3], "assignee"),
            Some(&dir.token),
            &json!({"iin": dir.iin}),
        )
        .await;
    assert_eq!(s, 200, "assign again: {b}");
    h.decided(&dir.token, &school.org_id, &ids[0], &accept())
        .await;
    h.decided(&dir.token, &school.org_id, &ids[1], &accept())
        .await;
    let key = h.director_key(&school, "ecdsa").await;
    h.signed(&school, &ids[0], &key).await;
    let (s, b) = h.withdraw(&parent, &ids[2]).await;
    assert_eq!(s, 200, "withdraw: {b}");
    // One more at 11:30, after the period's end below.
    h.set_clock("2026-05-14T11:30:00+05:00").await;
    let (s, late) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {late}");

    // Past every deadline the sweep marks the open ones: received, assigned, on signing and
    // the late one (signed and withdrawn ones are closed).
    let due = time_plus5(&late, "due_at") + chrono::Duration::minutes(1);
    h.set_clock(&due.to_rfc3339()).await;
    let (s, swept) = h
        .post("/api/dev/jobs/deadline-sweep", None, &json!({}))
        .await;
    assert_eq!(s, 200, "sweep: {swept}");

    let edu = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let r = report(
        &h,
        &edu,
        "from=2026-05-14T09:00&to=2026-05-14T11:00&service=grade1",
    )
    .await;
    assert_eq!(r["rows_level"], "locality", "{r}");
    let (counts, total) = row(&r, "astana");
    assert_eq!(
        counts,
        json!({"received": 1, "processing": 1, "on_signing": 1, "positive": 1,
               "negative": 0, "withdrawn": 1, "overdue": 3}),
        "{r}"
    );
    assert_eq!(total, 5);
    // The total row sums the rows (one locality in the seed's Astana).
    assert_eq!(r["total"], counts, "{r}");
    assert_eq!(r["total_all"], 5, "{r}");

    // The whole day counts the late one too; an hour that ends before 09:30 counts nothing.
    let (day, total) = row(
        &report(&h, &edu, "from=2026-05-14&to=2026-05-14").await,
        "astana",
    );
    assert_eq!(
        (day["received"].as_u64(), day["overdue"].as_u64(), total),
        (Some(2), Some(4), 6)
    );
    let (early, total) = row(
        &report(&h, &edu, "from=2026-05-14T08:00&to=2026-05-14T09:00").await,
        "astana",
    );
    assert_eq!((early["overdue"].as_u64(), total), (Some(0), 0), "{early}");

    // The export is the same report as a spreadsheet: read back, its cells are the figures.
    let (s, content_type, bytes) = h
        .download(
            "/api/monitoring/report/export?from=2026-05-14&to=2026-05-14",
            Some(&edu.token),
        )
        .await;
    assert_eq!(s, 200);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    let sheet = xlsx_cells(bytes);
    let row = sheet.get(5).expect("the first row");
    assert_eq!(row[1], Data::String("г. Астана [710000000]".into()));
    let figures: Vec<f64> = row[2..10]
        .iter()
        .map(|c| match c {
            Data::Float(f) => *f,
            other => panic!("not a number cell: {other:?}"),
        })
        .collect();
    // Поступило … Отозвано, Всего, Просрочено.
    assert_eq!(figures, [2.0, 1.0, 1.0, 1.0, 0.0, 1.0, 6.0, 4.0]);
    let last = sheet.last().expect("the total row");
    assert_eq!(last[1], Data::String("Всего по статусу".into()));
    assert_eq!(last[8], Data::Float(6.0));

    // A parent has no report; a bad period names its field.
    let (s, _) = h.get("/api/monitoring/report", Some(&parent.token)).await;
    assert_eq!(s, 403);
    let (s, b) = h
        .get("/api/monitoring/report?from=вчера", Some(&edu.token))
        .await;
    assert_eq!(
        (s, b["error"]["field"].as_str()),
        (422, Some("from")),
        "{b}"
    );
}
