//! The region's education department staff (`/api/admin/edu-staff`): the region admin appoints
//! a person as `edu_department` of their own region, lists and removes them; the appointed
//! person's `/api/me` shows the region membership for as long as it lasts. Other regions'
//! admins neither see nor remove it; nobody else appoints. (The audit events are read back by
//! `functions/orgs/tests/edu_staff.rs`: no endpoint reads a region's events.)

use api_tests::*;

scenarios!(
    appoint_list_and_remove,
    each_admin_keeps_to_their_region,
    only_region_admins_appoint_and_input_is_checked,
);

const STAFF: &str = "/api/admin/edu-staff";

/// The demo seed's region admin of Karaganda and education department staff (the dev runner
/// loads the seed).
const KARAGANDA_ADMIN: &str = "790620300013";
const ASTANA_EDU: &str = "820411400100";
const KARAGANDA_EDU: &str = "780923300108";
const DISTRICT_EDU: &str = "830705400202";

/// The regions where `/api/me` of `who` names them education department staff.
async fn edu_regions(h: &Harness, who: &Person) -> Vec<String> {
    let (s, me) = h.get("/api/me", Some(&who.token)).await;
    assert_eq!(s, 200, "GET /api/me: {me}");
    me["memberships"]
        .as_array()
        .unwrap_or_else(|| panic!("no memberships in {me}"))
        .iter()
        .filter(|m| m["roles"] == json!(["edu_department"]))
        .map(|m| {
            assert!(m["org_id"].is_null(), "{m}");
            str_field(m, "region")
        })
        .collect()
}

/// The IINs of the admin's region's list.
async fn listed(h: &Harness, admin: &Person) -> Vec<String> {
    let (s, list) = h.get(STAFF, Some(&admin.token)).await;
    assert_eq!(s, 200, "list: {list}");
    assert!(list["next_page_token"].is_null(), "{list}");
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {list}"))
        .iter()
        .map(|a| str_field(a, "iin"))
        .collect()
}

async fn appoint_list_and_remove(h: Harness) {
    let admin = h.admin().await;
    let person = h.person("Серікова Дана").await;
    assert!(edu_regions(&h, &person).await.is_empty());

    let body = json!({"iin": person.iin, "name": "  Серікова   Дана "});
    let (s, a) = h.post(STAFF, Some(&admin.token), &body).await;
    assert_eq!(s, 201, "appoint: {a}");
    assert_eq!(a["iin"], person.iin.as_str(), "{a}");
    assert_eq!(a["region"], REGION, "{a}");
    assert_eq!(a["level"], "region", "{a}");
    assert_eq!(a["name"], "Серікова Дана", "{a}");
    assert_eq!(a["appointed_by"], admin.iin.as_str(), "{a}");
    time_plus5(&a, "since");
    assert_eq!(edu_regions(&h, &person).await, [REGION]);
    // The seed's appointee is in the same list.
    let list = listed(&h, &admin).await;
    assert!(list.contains(&person.iin) && list.contains(&ASTANA_EDU.to_string()));

    // Once per person and region, whatever the name.
    let again = h
        .request(
            Method::POST,
            STAFF,
            Some(&admin.token),
            Body::Json(&json!({"iin": person.iin})),
            Some("kk"),
        )
        .await;
    assert_error(&again, 409, "already_appointed", Lang::Kk);
    assert_eq!(again.1["error"]["field"], "iin", "{}", again.1);
    let again = h.post(STAFF, Some(&admin.token), &body).await;
    assert_error(&again, 409, "already_appointed", Lang::Ru);

    let path = format!("{STAFF}/{}", person.iin);
    let (s, b) = h.delete(&path, Some(&admin.token)).await;
    assert_eq!((s, &b), (204, &Value::Null), "remove");
    assert!(edu_regions(&h, &person).await.is_empty());
    assert!(!listed(&h, &admin).await.contains(&person.iin));
    let gone = h.delete(&path, Some(&admin.token)).await;
    assert_error(&gone, 404, "not_found", Lang::Ru);
    // Removed, they may be appointed anew.
    let (s, a) = h
        .post(STAFF, Some(&admin.token), &json!({"iin": person.iin}))
        .await;
    assert_eq!(s, 201, "re-appoint: {a}");
    assert!(a.get("name").is_none(), "{a}");

    let seeded = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    assert_eq!(edu_regions(&h, &seeded).await, [REGION]);
}

async fn each_admin_keeps_to_their_region(h: Harness) {
    let astana = h.admin().await;
    let karaganda = h.login_as(KARAGANDA_ADMIN, "Жумабаева Алия").await;
    let person = h.person("Омаров Бауыржан").await;
    let (s, a) = h
        .post(STAFF, Some(&astana.token), &json!({"iin": person.iin}))
        .await;
    assert_eq!(s, 201, "{a}");

    // Karaganda's admin sees only Karaganda's staff and cannot remove Astana's.
    // (The seed's district staff of Karaganda city are in their region's list.)
    assert_eq!(listed(&h, &karaganda).await, [KARAGANDA_EDU, DISTRICT_EDU]);
    let path = format!("{STAFF}/{}", person.iin);
    let resp = h.delete(&path, Some(&karaganda.token)).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    assert!(listed(&h, &astana).await.contains(&person.iin));

    // An appointment is per region: Karaganda's admin may appoint the same person there, and
    // each admin removes only their own region's.
    let (s, a) = h
        .post(STAFF, Some(&karaganda.token), &json!({"iin": person.iin}))
        .await;
    assert_eq!(s, 201, "{a}");
    assert_eq!(a["region"], "karaganda", "{a}");
    let mut regions = edu_regions(&h, &person).await;
    regions.sort();
    assert_eq!(regions, [REGION, "karaganda"]);
    let (s, b) = h.delete(&path, Some(&karaganda.token)).await;
    assert_eq!(s, 204, "{b}");
    assert_eq!(edu_regions(&h, &person).await, [REGION]);
}

async fn only_region_admins_appoint_and_input_is_checked(h: Harness) {
    let admin = h.admin().await;
    let stranger = h.person("Бөтен Адам").await;
    let edu = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let target = h.person("Тағайындалмаған").await;
    let body = json!({"iin": target.iin});
    let path = format!("{STAFF}/{ASTANA_EDU}");
    // Neither a person without a role nor the education department itself.
    for who in [&stranger, &edu] {
        let resp = h.post(STAFF, Some(&who.token), &body).await;
        assert_error(&resp, 403, "forbidden", Lang::Ru);
        let resp = h.get(STAFF, Some(&who.token)).await;
        assert_error(&resp, 403, "forbidden", Lang::Ru);
        let resp = h.delete(&path, Some(&who.token)).await;
        assert_error(&resp, 403, "forbidden", Lang::Ru);
    }
    assert_unauthorized(&h.post(STAFF, None, &body).await);
    assert_unauthorized(&h.get(STAFF, None).await);
    assert_unauthorized(&h.delete(&path, None).await);
    assert!(edu_regions(&h, &target).await.is_empty());
    assert_eq!(edu_regions(&h, &edu).await, [REGION]);

    // Bad input names its field, in the caller's language.
    let field = |resp: &(u16, Value)| resp.1["error"]["field"].clone();
    let resp = h
        .request(
            Method::POST,
            STAFF,
            Some(&admin.token),
            Body::Json(&json!({"iin": INVALID_IIN})),
            Some("kk"),
        )
        .await;
    assert_error(&resp, 422, "invalid_iin", Lang::Kk);
    assert_eq!(field(&resp), "iin");
    let resp = h
        .post(STAFF, Some(&admin.token), &json!({"name": "Без ИИН"}))
        .await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(field(&resp), "iin");
    let resp = h
        .post(STAFF, Some(&admin.token), &json!({"iin": admin.iin}))
        .await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(field(&resp), "iin");
    let long = json!({"iin": target.iin, "name": "А".repeat(201)});
    let resp = h.post(STAFF, Some(&admin.token), &long).await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(field(&resp), "name");
    let resp = h
        .delete(&format!("{STAFF}/{INVALID_IIN}"), Some(&admin.token))
        .await;
    assert_error(&resp, 422, "invalid_iin", Lang::Ru);
    assert_eq!(field(&resp), "iin");
    let resp = h
        .delete(&format!("{STAFF}/{}", target.iin), Some(&admin.token))
        .await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    assert!(edu_regions(&h, &target).await.is_empty());
}
