//! Who sees what of the journal across organisations, and its filters and pages.

use api_tests::*;

use super::*;

scenarios!(
    each_scope_sees_its_territory_only_and_read_only,
    filters_search_and_pages,
);

async fn each_scope_sees_its_territory_only_and_read_only(h: Harness) {
    let astana = h.school().await;
    let city = karaganda_school(&h, "karaganda").await;
    let village = karaganda_school(&h, "botakara").await;
    let (_, _, a) = h.applied(&astana).await;
    let (_, _, k) = h.applied(&city).await;
    let (_, _, b) = h.applied(&village).await;
    let (a, k, b) = (
        str_field(&a, "id"),
        str_field(&k, "id"),
        str_field(&b, "id"),
    );

    let region = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let karaganda = h.login_as(KARAGANDA_EDU, "Омаров Бауыржан").await;
    let district = h.login_as(DISTRICT_EDU, "Нурланова Асель").await;
    let ministry = h.login_as(MINISTRY_EDU, "Касымов Тимур").await;

    let seen = journal_ids(&h, &region, "").await;
    assert!(
        seen.contains(&a) && !seen.contains(&k) && !seen.contains(&b),
        "{seen:?}"
    );
    let seen = journal_ids(&h, &karaganda, "").await;
    assert!(
        !seen.contains(&a) && seen.contains(&k) && seen.contains(&b),
        "{seen:?}"
    );
    let seen = journal_ids(&h, &district, "").await;
    assert!(
        !seen.contains(&a) && seen.contains(&k) && !seen.contains(&b),
        "{seen:?}"
    );
    // Another region named: 403; the ministry must name one.
    let (s, e) = h
        .get(&format!("{JOURNAL}?region=karaganda"), Some(&region.token))
        .await;
    assert_eq!(s, 403, "{e}");
    let (s, e) = h.get(JOURNAL, Some(&ministry.token)).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (422, Some("region")),
        "{e}"
    );
    let seen = journal_ids(&h, &ministry, "region=astana").await;
    assert!(seen.contains(&a) && !seen.contains(&k), "{seen:?}");
    let seen = journal_ids(&h, &ministry, "region=karaganda").await;
    assert!(
        seen.contains(&k) && seen.contains(&b) && !seen.contains(&a),
        "{seen:?}"
    );
    // A region's admin appoints a district's staff of their own region only.
    let admin = h.login_as(KARAGANDA_ADMIN, "Жумабаева Алия").await;
    let person = h.person("Аудандық Қызметкер").await;
    for (district, status) in [("astana-esil", 422), ("karaganda-city", 201)] {
        let body = json!({"iin": person.iin, "district": district});
        let (s, e) = h
            .post("/api/admin/edu-staff", Some(&admin.token), &body)
            .await;
        assert_eq!(s, status, "{district}: {e}");
        if s == 201 {
            assert_eq!(e["level"], "district", "{e}");
            assert_eq!(e["district"], district, "{e}");
        } else {
            assert_eq!(e["error"]["field"], "district", "{e}");
        }
    }
    let seen = journal_ids(&h, &person, "").await;
    assert!(seen.contains(&k) && !seen.contains(&b), "{seen:?}");

    // Nobody else: a parent, a director.
    for who in [&h.person("Бөгде Адам").await, &astana.director] {
        let (s, e) = h.get(JOURNAL, Some(&who.token)).await;
        assert_eq!(s, 403, "{e}");
    }

    // The row as seed 002 lists it.
    let (_, page) = h
        .get(
            &format!("{JOURNAL}?org={}", city.org_id),
            Some(&district.token),
        )
        .await;
    let row = &page["items"][0];
    assert_eq!(row["id"], k.as_str(), "{page}");
    assert_eq!(row["service"], "grade1", "{row}");
    assert_eq!(row["status"], "in_review", "{row}");
    assert_eq!(row["decision"], "none", "{row}");
    assert_eq!(row["locality"]["id"], "karaganda", "{row}");
    assert_eq!(row["locality"]["name"]["ru"], "г. Караганда", "{row}");
    assert_eq!(
        row["org"]["bin"],
        h.bin_of(&city.org_id).await.as_str(),
        "{row}"
    );
    assert_eq!(row["overdue"], false, "{row}");

    // The territories of the filters; /api/me names the scope.
    let (s, t) = h
        .get("/api/monitoring/localities", Some(&district.token))
        .await;
    assert_eq!(s, 200, "{t}");
    assert_eq!(
        t["scope"],
        json!({"level": "district", "region": "karaganda", "district": "karaganda-city"})
    );
    assert_eq!(t["localities"].as_array().map(Vec::len), Some(1), "{t}");
    let (_, t) = h
        .get("/api/monitoring/localities", Some(&ministry.token))
        .await;
    assert_eq!(t["regions"].as_array().map(Vec::len), Some(20), "{t}");
    let (_, me) = h.get("/api/me", Some(&ministry.token)).await;
    assert_eq!(
        me["memberships"][0]["scope"],
        json!({"level": "ministry"}),
        "{me}"
    );

    // The card and its history, read-only, within the scope only.
    let card = h.read_application(&region.token, &a).await;
    assert_eq!(
        card["child"]["iin"].as_str().map(str::len),
        Some(12),
        "{card}"
    );
    assert!(!h.history(&district.token, &k).await.is_empty());
    h.read_application(&ministry.token, &b).await;
    for (who, id) in [(&region, &k), (&district, &b)] {
        let (s, e) = h
            .get(&format!("/api/applications/{id}"), Some(&who.token))
            .await;
        assert_eq!(s, 404, "{e}");
    }
    // A district's and the ministry's staff do not confirm the region's privileges.
    let (s, e) = h.get("/api/region/places", Some(&district.token)).await;
    assert_eq!(s, 403, "{e}");
    for action in ["decision", "assignee", "sign", "return"] {
        let path = app_path(&astana.org_id, &a, action);
        for who in [&region, &ministry] {
            let (s, e) = if action == "assignee" {
                let body = json!({"executor_iin": who.iin});
                h.put(&path, Some(&who.token), &body).await
            } else {
                h.post(&path, Some(&who.token), &accept()).await
            };
            assert_eq!(s, 403, "{action}: {e}");
        }
    }
}

async fn filters_search_and_pages(h: Harness) {
    let school = h.school().await;
    let mut ids = Vec::new();
    let mut children = Vec::new();
    for _ in 0..3 {
        let (_, child, app) = h.applied(&school).await;
        ids.push(str_field(&app, "id"));
        children.push(child);
    }
    let region = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let org = format!("org={}", school.org_id);
    assert_eq!(
        journal_ids(&h, &region, &org).await,
        ids,
        "submission order"
    );

    // Pages of two, then one, with a token.
    let (_, page) = h
        .get(&format!("{JOURNAL}?{org}&limit=2"), Some(&region.token))
        .await;
    let token = str_field(&page, "next_page_token");
    let next = journal_ids(&h, &region, &format!("{org}&limit=2&page_token={token}")).await;
    assert_eq!(next, ids[2..], "{page}");

    // Search by the child's IIN, and by name, and filters.
    let by_iin = journal_ids(&h, &region, &format!("q={}", children[1].iin)).await;
    assert_eq!(by_iin, ids[1..2]);
    let by_name = journal_ids(&h, &region, &format!("{org}&q={}", children[0].first_name)).await;
    assert!(by_name.contains(&ids[0]), "{by_name:?}");
    h.decided(&school.director.token, &school.org_id, &ids[0], &accept())
        .await;
    let accepted = journal_ids(&h, &region, &format!("{org}&decision=accept")).await;
    assert_eq!(accepted, ids[..1]);
    let on_signing = journal_ids(&h, &region, &format!("{org}&status=on_signing")).await;
    assert_eq!(on_signing, ids[..1]);
    let none = journal_ids(&h, &region, &format!("{org}&service=college")).await;
    assert!(none.is_empty());
    let here = journal_ids(
        &h,
        &region,
        &format!("{org}&locality=astana&from=2000-01-01"),
    )
    .await;
    assert_eq!(here, ids);
    for (k, v) in [
        ("service", "taxi"),
        ("status", "x"),
        ("from", "вчера"),
        ("limit", "0"),
    ] {
        let (s, e) = h
            .get(&format!("{JOURNAL}?{k}={v}"), Some(&region.token))
            .await;
        assert_eq!((s, e["error"]["field"].as_str()), (422, Some(k)), "{e}");
    }
}
