//! Admission campaigns (seed 003, `/api/campaigns/{service}/{year}` and the public list): the
//! region's department or admin sets a service's period; a 1st-grade submission outside it is
//! 422 `campaign_closed` naming the dates; each region's own period applies.

use api_tests::*;

scenarios!(
    a_submission_after_the_period_is_refused_with_its_dates,
    the_region_sets_its_period_and_the_public_reads_it,
    only_the_regions_department_or_admin_sets_it,
);

/// The demo seed's education department staff of Astana and of Karaganda, and Karaganda's
/// admin.
const ASTANA_EDU: &str = "820411400100";
const KARAGANDA_EDU: &str = "780923300108";
const KARAGANDA_ADMIN: &str = "790620300013";

fn grade1() -> String {
    format!("/api/campaigns/grade1/{YEAR}")
}

async fn set(h: &Harness, who: &Person, path: &str, opens: &str, closes: &str) -> (u16, Value) {
    h.put(
        path,
        Some(&who.token),
        &json!({"opens": opens, "closes": closes}),
    )
    .await
}

/// A fresh child of `parent` applies to the school; the raw answer in `lang`.
async fn apply_in(h: &Harness, parent: &Person, org_id: &str, lang: &str) -> (u16, Value) {
    let child = new_child();
    h.register_child(&child.iin, &[parent], None).await;
    let docs = h.upload_documents(&parent.token).await;
    h.request(
        Method::POST,
        "/api/applications",
        Some(&parent.token),
        Body::Json(&application(org_id, &child, &docs)),
        Some(lang),
    )
    .await
}

async fn a_submission_after_the_period_is_refused_with_its_dates(h: Harness) {
    let school = h.school().await;
    let astana = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let karaganda = h.login_as(KARAGANDA_EDU, "Омаров Бауыржан").await;
    let parent = h.person("Айгүл Науқанова").await;
    // The department sets the seed's period: 1 June – 30 August.
    let (s, c) = set(&h, &astana, &grade1(), "2026-06-01", "2026-08-30").await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(
        (c["set_by_region"].clone(), c["region"].clone()),
        (json!(true), json!(REGION))
    );

    h.set_clock("2026-08-31T09:00:00+05:00").await;
    let closed = apply_in(&h, &parent, &school.org_id, "ru").await;
    let msg = assert_error(&closed, 422, "campaign_closed", Lang::Ru);
    assert_eq!(closed.1["error"]["field"], "academic_year", "{}", closed.1);
    assert!(msg.contains("с 1 июня по 30 августа 2026 г."), "{msg}");
    let closed = apply_in(&h, &parent, &school.org_id, "kk").await;
    let msg = assert_error(&closed, 422, "campaign_closed", Lang::Kk);
    assert!(msg.contains("1 маусым мен 30 тамыз"), "{msg}");

    h.set_clock("2026-08-30T17:00:00+05:00").await;
    let (s, app) = apply_in(&h, &parent, &school.org_id, "ru").await;
    assert_eq!(s, 201, "the last day of the period: {app}");

    // Another region's period is its own: Karaganda's longer one does not open Astana's.
    let (s, c) = set(&h, &karaganda, &grade1(), "2026-06-01", "2026-09-15").await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["region"], "karaganda", "{c}");
    h.set_clock("2026-08-31T09:00:00+05:00").await;
    let closed = apply_in(&h, &parent, &school.org_id, "ru").await;
    assert_error(&closed, 422, "campaign_closed", Lang::Ru);
    // Astana's own later period applies.
    let (s, c) = set(&h, &astana, &grade1(), "2026-08-31", "2026-09-10").await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["open"], true, "{c}");
    let (s, app) = apply_in(&h, &parent, &school.org_id, "ru").await;
    assert_eq!(s, 201, "in the region's own period: {app}");
}

async fn the_region_sets_its_period_and_the_public_reads_it(h: Harness) {
    let admin = h.login_as(KARAGANDA_ADMIN, "Жумабаева Алия").await;
    h.set_clock("2027-03-01T10:00:00+05:00").await;
    let public = "/api/public/campaigns/karaganda/2027-2028";
    let (s, list) = h.get(public, None).await;
    assert_eq!(s, 200, "{list}");
    let services: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["service"].as_str().unwrap())
        .collect();
    assert_eq!(
        services,
        ["grade1", "college"],
        "no period for the queue: {list}"
    );
    let g = &list[0];
    assert_eq!(
        (&g["opens"], &g["closes"], &g["set_by_region"], &g["open"]),
        (
            &json!("2027-06-01"),
            &json!("2027-08-30"),
            &json!(false),
            &json!(false)
        ),
        "the default: {list}"
    );
    // The demo seed opened Astana's early.
    let (s, astana) = h.get("/api/public/campaigns/astana/2027-2028", None).await;
    assert_eq!(s, 200, "{astana}");
    assert_eq!(
        (&astana[0]["opens"], &astana[0]["open"]),
        (&json!("2026-11-01"), &json!(true))
    );

    // The admin opens 1st grade early; the college's period is its campaign's (quotas kept).
    let grade1 = "/api/campaigns/grade1/2027-2028";
    let (s, c) = set(&h, &admin, grade1, "2027-02-01", "2027-08-30").await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["open"], true, "{c}");
    let college = "/api/campaigns/college/2027-2028";
    let (s, c) = set(&h, &admin, college, "2027-05-01", "2027-08-20").await;
    assert_eq!(s, 200, "{c}");
    let (s, campaign) = h
        .get("/api/admin/college-campaign/2027-2028", Some(&admin.token))
        .await;
    assert_eq!(s, 200, "{campaign}");
    assert_eq!(
        (&campaign["opens"], &campaign["closes"]),
        (&json!("2027-05-01"), &json!("2027-08-20"))
    );
    assert!(
        !campaign["quotas"].as_array().unwrap().is_empty(),
        "{campaign}"
    );
    let (s, list) = h.get(public, None).await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(
        (&list[0]["open"], &list[0]["set_by_region"]),
        (&json!(true), &json!(true))
    );
    assert_eq!(
        (&list[1]["opens"], &list[1]["open"]),
        (&json!("2027-05-01"), &json!(false))
    );

    // The department reads what was set.
    let edu = h.login_as(KARAGANDA_EDU, "Омаров Бауыржан").await;
    let (s, c) = h.get(grade1, Some(&edu.token)).await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(
        (&c["opens"], &c["region"]),
        (&json!("2027-02-01"), &json!("karaganda"))
    );

    let (s, _) = h
        .get("/api/public/campaigns/atlantis/2027-2028", None)
        .await;
    assert_eq!(s, 404);
    let resp = h.get("/api/public/campaigns/astana/2027", None).await;
    assert_error(&resp, 422, "invalid_academic_year", Lang::Ru);
}

async fn only_the_regions_department_or_admin_sets_it(h: Harness) {
    let school = h.school().await;
    let astana = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let parent = h.person("Айгүл Сұраушы").await;
    for who in [&school.director, &parent] {
        let resp = set(&h, who, &grade1(), "2026-06-01", "2026-08-30").await;
        assert_error(&resp, 403, "forbidden", Lang::Ru);
        let resp = h.get(&grade1(), Some(&who.token)).await;
        assert_error(&resp, 403, "forbidden", Lang::Ru);
    }
    let resp = h.get(&grade1(), None).await;
    assert_error(&resp, 401, "unauthorized", Lang::Ru);
    for (opens, closes, field) in [
        ("2026-08-30", "2026-06-01", "opens"),
        ("2024-12-31", "2026-08-30", "opens"),
        ("2026-06-01", "2028-01-01", "closes"),
    ] {
        let resp = set(&h, &astana, &grade1(), opens, closes).await;
        assert_error(&resp, 422, "validation_failed", Lang::Ru);
        assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
    }
    let resp = set(
        &h,
        &astana,
        &format!("/api/campaigns/preschool/{YEAR}"),
        "2026-06-01",
        "2026-08-30",
    )
    .await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(resp.1["error"]["field"], "service", "{}", resp.1);
    let resp = h
        .put(&grade1(), Some(&astana.token), &json!({"opens": "1 июня"}))
        .await;
    assert_eq!(resp.0, 422, "{}", resp.1);
}
