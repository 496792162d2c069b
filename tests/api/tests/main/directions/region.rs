//! The education department's view of its region (`GET /api/region/places`,
//! `GET /api/region/directions`): the demo and a newly appointed `edu_department` of a region
//! see that region's places and directions only; another region's do not see them; a parent,
//! or a kindergarten's director, is refused.

use api_tests::*;

use super::fixtures::*;

scenarios!(each_region_sees_its_own_places_and_directions);

/// The demo seed's region admin of Karaganda and education department staff.
const KARAGANDA_ADMIN: &str = "790620300013";
const ASTANA_EDU: &str = "820411400100";
const KARAGANDA_EDU: &str = "780923300108";

/// Every item of a region list as `who` reads it, page after page.
async fn all(h: &Harness, who: &Person, list: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let path = match &token {
            None => format!("/api/region/{list}?limit=2"),
            Some(t) => format!("/api/region/{list}?limit=2&page_token={t}"),
        };
        let (s, page) = h.get(&path, Some(&who.token)).await;
        assert_eq!(s, 200, "{path}: {page}");
        items.extend(page["items"].as_array().cloned().unwrap_or_default());
        match page["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => return items,
        }
    }
}

/// The kindergartens a region list names.
fn orgs(items: &[Value], field: impl Fn(&Value) -> &Value) -> Vec<String> {
    items
        .iter()
        .map(|i| field(i).as_str().unwrap_or_default().to_string())
        .collect()
}

async fn each_region_sees_its_own_places_and_directions(h: Harness) {
    h.set_clock("2026-06-10T10:00:00+05:00").await;
    let astana_kg = kindergarten(&h).await;
    let karaganda_admin = h.login_as(KARAGANDA_ADMIN, "Жумабаева Алия").await;
    let karaganda_kg = kindergarten_in(&h, &karaganda_admin, "karaganda", "karaganda").await;
    for (kg, count) in [(&astana_kg, 2), (&karaganda_kg, 3)] {
        for group in [2022, 2023] {
            let (s, b) = put_places(&h, kg, &kg.director, group, "kk", count).await;
            assert_eq!(s, 200, "{b}");
        }
    }
    let (p1, a1) = in_queue_of(&h, date(2022, 3, 1), "astana", "+77015550201").await;
    assert_eq!(choose(&h, &p1, &a1, &astana_kg, "kk").await.0, 201);
    let (p2, a2) = in_queue_of(&h, date(2022, 4, 1), "karaganda", "+77015550202").await;
    assert_eq!(choose(&h, &p2, &a2, &karaganda_kg, "kk").await.0, 201);

    let admin = h.admin().await;
    let appointed = h.person("Тағайындалған Маман").await;
    let (s, b) = h
        .post(
            "/api/admin/edu-staff",
            Some(&admin.token),
            &json!({"iin": appointed.iin}),
        )
        .await;
    assert_eq!(s, 201, "appoint: {b}");
    let demo = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let karaganda = h.login_as(KARAGANDA_EDU, "Омаров Бауыржан").await;

    // The demo seed's private kindergartens, one per region, with their published places.
    for (who, name, lines) in [(&demo, "Балдырған", 6), (&karaganda, "Ақбота", 2)] {
        let places = all(&h, who, "places").await;
        let seeded: Vec<&Value> = places
            .iter()
            .filter(|p| {
                p["org_name"]["ru"]
                    .as_str()
                    .is_some_and(|n| n.contains(name))
            })
            .collect();
        assert_eq!(seeded.len(), lines, "{name}: {places:?}");
        assert!(seeded.iter().any(|p| p["count"] == 1), "{name}: {places:?}");
    }

    let cases = [
        (&demo, "astana", &astana_kg, &a1, &karaganda_kg, &a2),
        (&appointed, "astana", &astana_kg, &a1, &karaganda_kg, &a2),
        (&karaganda, "karaganda", &karaganda_kg, &a2, &astana_kg, &a1),
    ];
    for (who, region, own, own_app, other, other_app) in cases {
        let places = all(&h, who, "places").await;
        assert!(
            places.iter().all(|p| p["region"] == region),
            "{region} only: {places:?}"
        );
        let named = orgs(&places, |p| &p["org_id"]);
        assert_eq!(
            named.iter().filter(|o| **o == own.org_id).count(),
            2,
            "{named:?}"
        );
        assert!(!named.contains(&other.org_id), "{region}: {named:?}");
        let mine = places
            .iter()
            .find(|p| p["org_id"] == own.org_id.as_str() && p["age_group"] == 2022)
            .expect("own place");
        assert_eq!(mine["taken"], 1, "{mine}");

        let lines = all(&h, who, "directions").await;
        let apps = orgs(&lines, |l| &l["application_id"]);
        assert!(
            apps.contains(&str_field(own_app, "id")),
            "{region}: {lines:?}"
        );
        assert!(
            !apps.contains(&str_field(other_app, "id")),
            "{region}: {lines:?}"
        );
        assert!(
            orgs(&lines, |l| &l["direction"]["org_id"])
                .iter()
                .all(|o| *o != other.org_id),
            "{region}: {lines:?}"
        );
    }

    // A parent, a kindergarten's director and a region admin see neither list.
    for who in [&p1, &astana_kg.director, &admin] {
        for list in ["places", "directions"] {
            let refused = h
                .request(
                    Method::GET,
                    &format!("/api/region/{list}"),
                    Some(&who.token),
                    Body::None,
                    Some("kk"),
                )
                .await;
            assert_error(&refused, 403, "forbidden", Lang::Kk);
        }
    }
    let anonymous = h.get("/api/region/places", None).await;
    assert_eq!(anonymous.0, 401, "{}", anonymous.1);
}
