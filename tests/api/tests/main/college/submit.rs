//! Applying to a college: the cabinet that exists only once the region appoints a director,
//! who may apply (the student from 16, else a legal representative), one application per
//! student per college per year, the documents and the campaign's period.

use super::*;

scenarios!(
    no_director_no_cabinet,
    who_applies,
    one_application_per_college_a_year,
    the_medical_certificate_is_required,
    outside_the_campaign_nobody_applies,
);

/// `GET /api/orgs/{org}/applications` as `who`.
async fn journal(h: &Harness, org_id: &str, who: &Person) -> (u16, Value) {
    h.get(
        &format!("/api/orgs/{org_id}/applications"),
        Some(&who.token),
    )
    .await
}

async fn no_director_no_cabinet(h: Harness) {
    h.set_clock(OPEN).await;
    let admin = h.admin().await;
    let (s, org) = h
        .post("/api/admin/orgs", Some(&admin.token), &college_body(None))
        .await;
    assert_eq!(s, 201, "a college without a director: {org}");
    let org_id = str_field(&org, "id");
    let director = h.person("Директор Тағайындалған").await;

    // Nobody has its cabinet: neither the region admin, nor the future director, nor anyone.
    for who in [&admin, &director, &h.person("Бөгде Адам").await] {
        let r = journal(&h, &org_id, who).await;
        assert_error(&r, 403, "forbidden", Lang::Ru);
    }

    // The region admin appoints the director (once: a second appointment is refused).
    let path = format!("/api/admin/orgs/{org_id}/director");
    let (s, b) = h
        .put(&path, Some(&director.token), &json!({"iin": director.iin}))
        .await;
    assert_eq!(s, 403, "only the region admin appoints: {b}");
    let (s, m) = h
        .put(&path, Some(&admin.token), &json!({"iin": director.iin}))
        .await;
    assert_eq!(s, 201, "appoint the director: {m}");
    assert_eq!(m["roles"], json!(["director"]), "{m}");
    let other = h.person("Екінші Директор").await;
    let r = h
        .put(&path, Some(&admin.token), &json!({"iin": other.iin}))
        .await;
    assert_error(&r, 409, "director_exists", Lang::Ru);

    // The director offers a line; a student applies; the director sees the application.
    let college = School {
        org_id: org_id.clone(),
        director,
        limit_id: String::new(),
    };
    put_line(&h, &college, LINES[0], 10).await;
    let (_, app) = applied_alone(&h, &college, &LINES[..1], 4.5).await;
    let (s, list) = journal(&h, &org_id, &college.director).await;
    assert_eq!(s, 200, "the director's journal: {list}");
    assert_eq!(ids(&list), vec![str_field(&app, "id")], "{list}");
    // Still nobody else's.
    let r = journal(&h, &org_id, &admin).await;
    assert_error(&r, 403, "forbidden", Lang::Ru);
}

async fn who_applies(h: Harness) {
    h.set_clock(OPEN).await;
    let college = college(&h).await;

    // A 17-year-old applies for themselves with four specialties.
    let (data, me) = student(&h, seventeen()).await;
    let docs = college_documents(&h, &me.token, false).await;
    let body = college_application(&college.org_id, &data, &LINES, 4.25, docs);
    let (s, app) = submit_college(&h, &me, &body).await;
    assert_eq!(s, 201, "apply alone: {app}");
    assert_eq!(app["service"], "college", "{app}");
    assert_eq!(app["status"], "in_review", "{app}");
    assert_eq!(app["applicant"]["relation"], "student", "{app}");
    assert_eq!(app["applicant_iin"], me.iin.as_str(), "{app}");
    assert_eq!(app["child"]["iin"], data.iin.as_str(), "{app}");
    assert_eq!(app["language"], "ru", "the first choice's: {app}");
    assert_eq!(app["college"]["average_score"], 4.25, "{app}");
    assert_eq!(app["college"]["dormitory"], true, "{app}");
    let choices = app["college"]["choices"].as_array().expect("choices");
    assert_eq!(choices.len(), 4, "{app}");
    assert_eq!(
        choices[3]["code"], LINES[3].code,
        "in priority order: {app}"
    );
    assert!(time_plus5(&app, "due_at") > time_plus5(&app, "submitted_at"));
    // «Мои заявления» lists it with its college part.
    let (s, mine) = h.get("/api/me/applications", Some(&me.token)).await;
    assert_eq!(s, 200, "mine: {mine}");
    assert_eq!(ids(&mine), vec![str_field(&app, "id")], "{mine}");
    assert_eq!(
        mine["items"][0]["college"]["choices"],
        app["college"]["choices"]
    );

    // A representative applies for a 15-year-old; the relation is the register's.
    let parent = h.person("Ана Анасы").await;
    let (child, child_person) = student(&h, fifteen()).await;
    h.register_child(&child.iin, &[&parent], None).await;
    let docs = college_documents(&h, &parent.token, false).await;
    let body = college_application(&college.org_id, &child, &LINES[..2], 3.8, docs);
    let (s, app) = submit_college(&h, &parent, &body).await;
    assert_eq!(s, 201, "a representative applies: {app}");
    assert_eq!(app["applicant"]["relation"], "mother", "{app}");
    assert_eq!(app["applicant_iin"], parent.iin.as_str(), "{app}");

    // The 15-year-old alone: refused (checked on a college they have not applied to yet).
    let other = super::college(&h).await;
    let docs = college_documents(&h, &child_person.token, false).await;
    let body = college_application(&other.org_id, &child, &LINES[..1], 3.8, docs);
    let r = submit_college(&h, &child_person, &body).await;
    assert_error(&r, 422, "too_young_to_apply_alone", Lang::Ru);

    // A stranger for someone else's child: refused, as for 1st grade.
    let stranger = h.person("Бөгде Адам").await;
    let docs = college_documents(&h, &stranger.token, false).await;
    let body = college_application(&other.org_id, &child, &LINES[..1], 3.8, docs);
    let r = submit_college(&h, &stranger, &body).await;
    assert_error(&r, 403, "not_legal_representative", Lang::Ru);
    assert_eq!(r.1["error"]["field"], "student.iin", "{}", r.1);

    // A line the college does not offer names its choice; a school is no college.
    let docs = college_documents(&h, &me.token, false).await;
    let mut body = college_application(&other.org_id, &data, &LINES[..2], 4.0, docs);
    body["choices"][1] = Line::grade9("01140100", "ru").choice();
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "specialty_not_offered", Lang::Ru);
    assert_eq!(r.1["error"]["field"], "choices.1", "{}", r.1);
    let school = h.school().await;
    body["org_id"] = json!(school.org_id);
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "validation_failed", Lang::Ru);
    assert_eq!(r.1["error"]["field"], "org_id", "{}", r.1);
}

async fn one_application_per_college_a_year(h: Harness) {
    h.set_clock(OPEN).await;
    let college = college(&h).await;
    let other = super::college(&h).await;
    let (data, me) = student(&h, seventeen()).await;
    let docs = college_documents(&h, &me.token, false).await;
    let first = college_application(&college.org_id, &data, &LINES[..1], 4.0, docs);
    let (s, app) = submit_college(&h, &me, &first).await;
    assert_eq!(s, 201, "first: {app}");

    // The same college the same year, even for other lines: 409.
    let docs = college_documents(&h, &me.token, false).await;
    let again = college_application(&college.org_id, &data, &LINES[2..], 4.0, docs);
    let r = submit_college(&h, &me, &again).await;
    assert_error(&r, 409, "already_applied", Lang::Ru);
    let r = h
        .request(
            Method::POST,
            "/api/college/applications",
            Some(&me.token),
            Body::Json(&again),
            Some("kk"),
        )
        .await;
    assert_error(&r, 409, "already_applied", Lang::Kk);

    // Another college: fine, and numbered by that college.
    let docs = college_documents(&h, &me.token, false).await;
    let elsewhere = college_application(&other.org_id, &data, &LINES[..1], 4.0, docs);
    let (s, app2) = submit_college(&h, &me, &elsewhere).await;
    assert_eq!(s, 201, "another college: {app2}");
    assert_eq!(app2["number"], 1, "{app2}");
    let (s, mine) = h.get("/api/me/applications", Some(&me.token)).await;
    assert_eq!(s, 200, "mine: {mine}");
    assert_eq!(ids(&mine).len(), 2, "{mine}");

    // Withdrawn, the first one frees the college for another application.
    let (s, w) = h.withdraw(&me, &str_field(&app, "id")).await;
    assert_eq!(s, 200, "withdraw: {w}");
    let docs = college_documents(&h, &me.token, false).await;
    let again = college_application(&college.org_id, &data, &LINES[2..], 4.0, docs);
    let (s, b) = submit_college(&h, &me, &again).await;
    assert_eq!(s, 201, "after withdrawal: {b}");
}

async fn the_medical_certificate_is_required(h: Harness) {
    h.set_clock(OPEN).await;
    let college = college(&h).await;
    let (data, me) = student(&h, seventeen()).await;
    let docs: Vec<Value> = college_documents(&h, &me.token, false)
        .await
        .into_iter()
        .filter(|d| d["kind"] != "medical_certificate")
        .collect();
    let body = college_application(&college.org_id, &data, &LINES[..1], 4.0, docs);
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "missing_document", Lang::Ru);
    assert_eq!(
        r.1["error"]["field"], "documents.medical_certificate",
        "{}",
        r.1
    );

    // A quota claimed without its supporting document: the same, naming it.
    let docs = college_documents(&h, &me.token, false).await;
    let mut body = college_application(&college.org_id, &data, &LINES[..1], 4.0, docs);
    body["quota"] = json!("orphans");
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "missing_document", Lang::Ru);
    assert_eq!(r.1["error"]["field"], "documents.quota_proof", "{}", r.1);
}

async fn outside_the_campaign_nobody_applies(h: Harness) {
    h.set_clock(OPEN).await;
    let college = college(&h).await;
    let (data, me) = student(&h, seventeen()).await;
    let docs = college_documents(&h, &me.token, false).await;
    let body = college_application(&college.org_id, &data, &LINES[..1], 4.0, docs);
    let page = format!("/api/public/colleges/{}?year={YEAR}", college.org_id);

    // The day after the default period (20 June – 25 August) closes.
    h.set_clock("2026-08-26T09:00:00+05:00").await;
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "campaign_closed", Lang::Ru);
    let (s, p) = h.get(&page, None).await;
    assert_eq!(s, 200, "page: {p}");
    assert_eq!(p["open_now"], false, "{p}");
    // The day before it opens.
    h.set_clock("2026-06-19T18:00:00+05:00").await;
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "campaign_closed", Lang::Ru);

    // The region sets another period: closed on a day the default would accept.
    let quotas = json!([{"category": "orphans", "basis_points": 100}]);
    set_campaign(&h, "2026-07-10", "2026-08-10", quotas).await;
    h.set_clock(OPEN).await;
    let r = submit_college(&h, &me, &body).await;
    assert_error(&r, 422, "campaign_closed", Lang::Ru);
    let (_, p) = h.get(&page, None).await;
    assert_eq!(p["campaign"]["opens"], "2026-07-10", "{p}");
    assert_eq!(p["open_now"], false, "{p}");

    // Within it: accepted.
    h.set_clock("2026-07-10T09:00:00+05:00").await;
    let (s, app) = submit_college(&h, &me, &body).await;
    assert_eq!(s, 201, "within the campaign: {app}");
    let (_, p) = h.get(&page, None).await;
    assert_eq!(p["open_now"], true, "{p}");
    assert_eq!(p["specialties"].as_array().map(Vec::len), Some(LINES.len()));
}
