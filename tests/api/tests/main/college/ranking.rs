//! The ranked list of a line: 30 signed acceptances for 10 state-order places under a
//! campaign with a 10% quota category (two applicants claim it) give the expected positions,
//! seats and cut-off; the applicant's own rank agrees; the public list masks IINs and names
//! nobody, the college's staff see names.

use super::*;

scenarios!(thirty_for_ten_places);

/// Applicant `i` of the 30: score 5.00 − 0.05·i (distinct, so position i + 1); 12 and 25 claim
/// the large-families quota.
fn score(i: usize) -> f64 {
    (500 - 5 * i) as f64 / 100.0
}

const QUOTA: [usize; 2] = [12, 25];

async fn thirty_for_ten_places(h: Harness) {
    h.set_clock(OPEN).await;
    let quotas = json!([{"category": "large_families", "basis_points": 1000}]);
    let campaign = set_campaign(&h, "2026-06-20", "2026-08-25", quotas).await;
    let college = college(&h).await;
    // The first choice: 10 places (the quota gives 1 seat); the second: 3 places (no quota
    // seat: 10% of 3 rounds down to 0).
    let (line, second) = (LINES[0], LINES[2]);
    put_line(&h, &college, second, 3).await;

    // Thirty apply, each alone, in order.
    let mut apps = Vec::new();
    for i in 0..30 {
        let (data, me) = student(&h, seventeen()).await;
        let quota = QUOTA.contains(&i);
        let docs = college_documents(&h, &me.token, quota).await;
        let mut body = college_application(&college.org_id, &data, &[line, second], score(i), docs);
        if quota {
            body["quota"] = json!("large_families");
        }
        let (s, app) = submit_college(&h, &me, &body).await;
        assert_eq!(s, 201, "applicant {i}: {app}");
        apps.push((me, str_field(&app, "id")));
    }
    let director = &college.director;
    let org = &college.org_id;

    // Before signing nobody is ranked: the applicant sees the split, no position.
    let rank_path = |id: &str| format!("/api/college/applications/{id}/rank");
    let (s, mine) = h.get(&rank_path(&apps[0].1), Some(&apps[0].0.token)).await;
    assert_eq!(s, 200, "rank: {mine}");
    assert_eq!(mine["lines"][0]["ranked"], 0, "{mine}");
    assert_eq!(mine["lines"][0]["position"], Value::Null, "{mine}");

    // Accepted and signed, from the last submitted to the first (the order does not matter).
    let key = h.director_key(&college, "ecdsa").await;
    for (_, id) in apps.iter().rev() {
        h.decided(&director.token, org, id, &accept()).await;
        h.signed(&college, id, &key).await;
    }

    // The public list: one row each in rank order, IINs masked, no names.
    let ranking = format!(
        "/api/public/colleges/{org}/specialties/{}/ranking?year={YEAR}",
        line.id()
    );
    let (s, list) = h.get(&ranking, None).await;
    assert_eq!(s, 200, "public ranking: {list}");
    let rows = list["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 30, "{list}");
    assert_eq!(list["split"]["state_places"], 10, "{list}");
    assert_eq!(list["split"]["general_seats"], 9, "{list}");
    assert_eq!(
        list["split"]["quota_seats"],
        json!([{"category": "large_families", "seats": 1, "taken": 1}]),
        "{list}"
    );
    // The cut-off: the ninth of the general competition, applicant 8.
    assert_eq!(list["split"]["cut_off"], 4.6, "{list}");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["position"], i + 1, "{row}");
        assert_eq!(row["score"], score(i), "{row}");
        assert_eq!(row["priority"], 1, "{row}");
        let seat = match i {
            0..=8 => json!({"kind": "general"}),
            12 => json!({"kind": "quota", "category": "large_families"}),
            _ => json!({"kind": "outside"}),
        };
        assert_eq!(row["seat"], seat, "applicant {i}: {row}");
        let masked = row["iin_masked"].as_str().expect("iin_masked");
        assert!(
            masked.starts_with("********") && masked.len() == 12,
            "{row}"
        );
        assert!(
            row.get("name").is_none() && row.get("application_id").is_none(),
            "{row}"
        );
    }
    // Signed in without the journal: the same public rows.
    let (s, seen) = h.get(&ranking, Some(&apps[3].0.token)).await;
    assert_eq!(s, 200, "{seen}");
    assert_eq!(seen["rows"], list["rows"]);
    // The college's staff: with names and applications.
    let (s, staff) = h.get(&ranking, Some(&director.token)).await;
    assert_eq!(s, 200, "staff ranking: {staff}");
    let first = &staff["rows"][0];
    assert_eq!(first["application_id"], apps[0].1.as_str(), "{first}");
    assert!(
        first["name"].as_str().is_some_and(|n| !n.is_empty()),
        "{first}"
    );
    assert_eq!(first["iin_masked"], rows[0]["iin_masked"]);

    // Each applicant's own rank agrees: 12 seated by the quota, 25 outside; on the second
    // line (3 places, no quota seat) only the first three are within.
    for i in [0, 8, 9, 12, 25] {
        let (me, id) = &apps[i];
        let (s, mine) = h.get(&rank_path(id), Some(&me.token)).await;
        assert_eq!(s, 200, "rank of {i}: {mine}");
        let lines = mine["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), 2, "{mine}");
        assert_eq!(lines[0]["priority"], 1);
        assert_eq!(lines[0]["specialty"]["id"], line.id().as_str());
        assert_eq!(lines[0]["position"], i + 1, "{mine}");
        assert_eq!(lines[0]["seat"], rows[i]["seat"], "{mine}");
        assert_eq!(lines[0]["ranked"], 30, "{mine}");
        assert_eq!(lines[0]["split"], list["split"], "{mine}");
        assert_eq!(lines[1]["specialty"]["id"], second.id().as_str());
        assert_eq!(lines[1]["position"], i + 1, "{mine}");
        let within = if i < 3 { "general" } else { "outside" };
        assert_eq!(lines[1]["seat"]["kind"], within, "{mine}");
    }
    // Someone else's rank is not disclosed; the staff read it.
    let (s, _) = h.get(&rank_path(&apps[0].1), Some(&apps[1].0.token)).await;
    assert_eq!(s, 404);
    let (s, _) = h.get(&rank_path(&apps[0].1), Some(&director.token)).await;
    assert_eq!(s, 200);

    // A line the college does not offer has no list.
    let none = format!(
        "/api/public/colleges/{org}/specialties/{}/ranking",
        Line::grade9("01140100", "ru").id()
    );
    let (s, _) = h.get(&none, None).await;
    assert_eq!(s, 404);

    // The locality's colleges list it; its page shows the lines and the campaign.
    let (s, found) = h.get("/api/public/colleges?locality_id=astana", None).await;
    assert_eq!(s, 200, "{found}");
    assert!(ids(&found).contains(org), "{found}");
    let (s, page) = h.get(&format!("/api/public/colleges/{org}"), None).await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(
        page["campaign"]["academic_year"], YEAR,
        "the default year: {page}"
    );
    assert_eq!(page["campaign"]["quotas"], campaign["quotas"], "{page}");
    assert_eq!(page["open_now"], true, "{page}");
}
