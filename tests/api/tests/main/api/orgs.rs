//! Organisations and their class limits.

use super::*;

scenarios!(organisations, limits,);

async fn organisations(h: Harness) {
    let admin = h.admin().await;
    let director = h.person("Гүлнар Директорова").await;
    let (s, org) = h.create_school(&admin, &director.iin).await;
    assert_eq!(s, 201, "create school: {org}");
    let org_id = str_field(&org, "id");

    // A person who is not an admin may not create organisations.
    let nobody = h.person("Бақыт Обычный").await;
    let other = adult_iin();
    assert_error(
        &h.create_school(&nobody, &other).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    // Nor may the director.
    assert_error(
        &h.create_school(&director, &other).await,
        403,
        "forbidden",
        Lang::Ru,
    );

    // The director appointed by the admin is active at once.
    let (s, me) = h.get("/api/me", Some(&director.token)).await;
    assert_eq!(s, 200, "GET /api/me: {me}");
    assert_eq!(me["iin"], director.iin.as_str(), "{me}");
    let memberships = me["memberships"]
        .as_array()
        .unwrap_or_else(|| panic!("no memberships in {me}"));
    assert!(
        memberships.iter().any(|m| m["org_id"] == org_id.as_str()
            && m["roles"]
                .as_array()
                .is_some_and(|r| r.iter().any(|r| r == "director"))),
        "the director's memberships lack {org_id}/director: {me}"
    );
    // The bystander holds no membership there.
    let (s, me) = h.get("/api/me", Some(&nobody.token)).await;
    assert_eq!(s, 200, "{me}");
    assert!(
        !me["memberships"]
            .as_array()
            .is_some_and(|ms| ms.iter().any(|m| m["org_id"] == org_id.as_str())),
        "a bystander is a member of {org_id}: {me}"
    );

    // The public profile needs no token.
    let (s, profile) = h.get(&format!("/api/orgs/{org_id}"), None).await;
    assert_eq!(s, 200, "public org profile: {profile}");
    assert_eq!(profile["id"], org_id.as_str(), "{profile}");
    assert!(!profile["name"].is_null(), "no name in {profile}");

    assert_error(
        &h.get("/api/orgs/no-such-org-0000", None).await,
        404,
        "not_found",
        Lang::Ru,
    );
}

async fn limits(h: Harness) {
    let admin = h.admin().await;
    let director = h.person("Директор Лимитов").await;
    let (s, org) = h.create_school(&admin, &director.iin).await;
    assert_eq!(s, 201, "{org}");
    let org_id = str_field(&org, "id");

    let (s, limit) = h.create_limit(&director.token, &org_id, "ru", 40, 2).await;
    assert_eq!(s, 201, "create limit: {limit}");
    let limit_id = str_field(&limit, "id");
    for (field, want) in [
        ("seats", 40),
        ("quota_outside", 10),
        ("quota_microdistrict", 30),
        ("taken_microdistrict", 0),
        ("taken_outside", 0),
        ("free_total", 40),
        ("free_outside", 10),
    ] {
        assert_eq!(limit[field].as_i64(), Some(want), "{field} in {limit}");
    }

    // A second limit for the same year/grade/language.
    assert_error(
        &h.create_limit(&director.token, &org_id, "ru", 30, 1).await,
        409,
        "limit_exists",
        Lang::Ru,
    );
    // Another language is another limit.
    let (s, kk) = h.create_limit(&director.token, &org_id, "kk", 25, 1).await;
    assert_eq!(s, 201, "kk limit: {kk}");

    // A parent may not set limits.
    let parent = h.person("Родитель Лимитов").await;
    assert_error(
        &h.create_limit(&parent.token, &org_id, "en", 20, 1).await,
        403,
        "forbidden",
        Lang::Ru,
    );

    let path = format!("/api/orgs/{org_id}/limits?academic_year={YEAR}");
    let (s, list) = h.get(&path, Some(&director.token)).await;
    assert_eq!(s, 200, "list limits: {list}");
    let items = list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {list}"));
    assert!(
        list.as_object()
            .is_some_and(|o| o.contains_key("next_page_token")),
        "no next_page_token in {list}"
    );
    assert_eq!(list["next_page_token"], Value::Null, "{list}");
    assert_eq!(items.len(), 2, "{list}");
    let ru = items
        .iter()
        .find(|i| i["id"] == limit_id.as_str())
        .unwrap_or_else(|| panic!("limit {limit_id} not listed: {list}"));
    assert_eq!(ru["seats"].as_i64(), Some(40), "{ru}");
    assert_eq!(ru["language"], "ru", "{ru}");

    let (s, updated) = h
        .put(
            &format!("/api/orgs/{org_id}/limits/{limit_id}"),
            Some(&director.token),
            &json!({"seats": 41, "classes": 2}),
        )
        .await;
    assert_eq!(s, 200, "update limit: {updated}");
    assert_eq!(updated["seats"].as_i64(), Some(41), "{updated}");
    assert_eq!(updated["quota_outside"].as_i64(), Some(10), "{updated}");
    assert_eq!(
        updated["quota_microdistrict"].as_i64(),
        Some(31),
        "{updated}"
    );

    // The update reads back.
    let (s, list) = h.get(&path, Some(&director.token)).await;
    assert_eq!(s, 200, "{list}");
    let ru = list["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == limit_id.as_str()))
        .unwrap_or_else(|| panic!("limit {limit_id} not listed: {list}"));
    assert_eq!(ru["seats"].as_i64(), Some(41), "{ru}");
}
