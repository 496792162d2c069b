//! The basics of the HTTP API (`/work/shared/API.md`): health and dev login, organisations,
//! limits, files, submitting and reading applications and what a submission must carry,
//! authentication, concurrent submissions, and (embedded only) persistence across a restart.

use std::collections::BTreeSet;

use api_tests::*;
use chrono::NaiveDate;

scenarios!(
    health_and_dev_login,
    organisations,
    limits,
    files,
    submit_and_read,
    duplicate_application,
    invalid_child_iin,
    missing_document,
    age_not_eligible,
    malformed_json,
    authentication,
    document_of_another_parent,
    numbers_increase,
    concurrent_submissions_of_different_children,
    concurrent_submissions_of_the_same_child,
);

// ---------------------------------------------------------------------------------------------

async fn health_and_dev_login(h: Harness) {
    let (s, b) = h.get("/api/health", None).await;
    assert_eq!(s, 200, "health: {b}");

    let p = h.person("Айгүл Сейтқалиева").await;
    let (s, me) = h.get("/api/me", Some(&p.token)).await;
    assert_eq!(s, 200, "GET /api/me: {me}");
    assert_eq!(me["iin"], p.iin.as_str(), "{me}");

    let ru = assert_error(
        &h.dev_login(INVALID_IIN, "Кто-то", None).await,
        422,
        "invalid_iin",
        Lang::Ru,
    );
    let kk = assert_error(
        &h.dev_login(INVALID_IIN, "Кто-то", Some("kk")).await,
        422,
        "invalid_iin",
        Lang::Kk,
    );
    assert_ne!(ru, kk, "the Kazakh message equals the Russian one");
}

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

async fn files(h: Harness) {
    let parent = h.person("Файл Родителев").await;
    let bytes = fake_jpeg(1234);
    let (s, f) = h
        .create_file(&parent.token, "photo", "image/jpeg", bytes.len() as u64)
        .await;
    assert_eq!(s, 201, "POST /api/files: {f}");
    str_field(&f, "file_id");
    assert!(f["upload"]["url"].is_string(), "no upload.url in {f}");
    assert!(f["upload"]["method"].is_string(), "no upload.method in {f}");
    // The full round trip (create + send the bytes).
    h.upload(&parent.token, "photo", "image/jpeg", &bytes).await;
    h.upload(
        &parent.token,
        "vaccination_card",
        "application/pdf",
        &fake_pdf(3000),
    )
    .await;

    assert_error(
        &h.create_file(&parent.token, "photo", "image/gif", 1000)
            .await,
        422,
        "file_type_not_allowed",
        Lang::Ru,
    );
    assert_error(
        &h.create_file(&parent.token, "photo", "image/jpeg", 6 * 1024 * 1024)
            .await,
        422,
        "file_too_large",
        Lang::Ru,
    );
    let (s, b) = h
        .post(
            "/api/files",
            None,
            &json!({"kind": "photo", "content_type": "image/jpeg", "size": 100}),
        )
        .await;
    assert_unauthorized(&(s, b));
}

async fn submit_and_read(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Сәуле Ахметова").await;
    let child = new_child();
    let (s, app) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "submit: {app}");
    let id = str_field(&app, "id");
    let number = app["number"]
        .as_u64()
        .unwrap_or_else(|| panic!("number is not an integer ≥ 0: {app}"));
    assert!(number >= 1, "{app}");
    assert_eq!(app["status"], "in_review", "{app}");
    assert_eq!(app["admission_type"], "outside", "{app}");
    assert_eq!(app["overdue"], false, "{app}");
    let submitted = time_plus5(&app, "submitted_at");
    let due = time_plus5(&app, "due_at");
    assert!(
        due > submitted,
        "due_at {due} is not after submitted_at {submitted}"
    );

    // The applicant reads it.
    let (s, got) = h
        .get(&format!("/api/applications/{id}"), Some(&parent.token))
        .await;
    assert_eq!(s, 200, "applicant reads: {got}");
    assert_eq!(got["id"], id.as_str(), "{got}");
    assert_eq!(got["status"], "in_review", "{got}");
    assert_eq!(got["number"].as_u64(), Some(number), "{got}");

    // Staff of its organisation read it too.
    let (s, got) = h
        .get(
            &format!("/api/applications/{id}"),
            Some(&school.director.token),
        )
        .await;
    assert_eq!(s, 200, "the director reads: {got}");

    // It is in the applicant's list.
    let (s, mine) = h.get("/api/me/applications", Some(&parent.token)).await;
    assert_eq!(s, 200, "{mine}");
    let items = mine["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {mine}"));
    assert!(
        items.iter().any(|a| a["id"] == id.as_str()),
        "{id} not in /api/me/applications: {mine}"
    );

    // Its history starts with the submission.
    let events = h.history(&parent.token, &id).await;
    assert!(
        events.iter().any(|e| e["action"] == "submitted"),
        "no submitted event: {events:?}"
    );

    // Another parent sees nothing of it.
    let other = h.person("Чужой Родитель").await;
    assert_error(
        &h.get(&format!("/api/applications/{id}"), Some(&other.token))
            .await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.get(
            &format!("/api/applications/{id}/history"),
            Some(&other.token),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    let (s, theirs) = h.get("/api/me/applications", Some(&other.token)).await;
    assert_eq!(s, 200, "{theirs}");
    assert!(
        !theirs["items"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["id"] == id.as_str())),
        "another parent's list shows {id}: {theirs}"
    );
    // An unknown application is not found either.
    assert_error(
        &h.get("/api/applications/no-such-application", Some(&parent.token))
            .await,
        404,
        "not_found",
        Lang::Ru,
    );
}

async fn duplicate_application(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Дубль Родителев").await;
    let child = new_child();
    let (s, first) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "first: {first}");

    // The same child again, to the same school.
    assert_error(
        &h.apply(&parent, &school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
    // ... to another school.
    let other_school = h.school().await;
    assert_error(
        &h.apply(&parent, &other_school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
    // ... by another applicant (the other parent).
    let other_parent = h.person("Второй Родитель").await;
    assert_error(
        &h.apply(&other_parent, &school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );

    // A sibling is fine.
    let (s, sibling) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "sibling: {sibling}");
}

async fn invalid_child_iin(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ошибка Иинова").await;
    let docs = h.upload_documents(&parent.token).await;
    let mut child = child_born(NaiveDate::from_ymd_opt(2019, 5, 10).unwrap(), true);
    child.iin = INVALID_IIN.to_string();
    let body = application(&school.org_id, &child, &docs);

    let ru = assert_error(
        &h.submit(Some(&parent.token), &body).await,
        422,
        "invalid_iin",
        Lang::Ru,
    );
    let kk_resp = h
        .request(
            Method::POST,
            "/api/applications",
            Some(&parent.token),
            Body::Json(&body),
            Some("kk"),
        )
        .await;
    let kk = assert_error(&kk_resp, 422, "invalid_iin", Lang::Kk);
    assert_ne!(ru, kk, "the Kazakh message equals the Russian one");
    // Any other language gives Russian.
    let en_resp = h
        .request(
            Method::POST,
            "/api/applications",
            Some(&parent.token),
            Body::Json(&body),
            Some("en"),
        )
        .await;
    let en = assert_error(&en_resp, 422, "invalid_iin", Lang::Ru);
    assert_eq!(
        en, ru,
        "Accept-Language: en should give the Russian message"
    );

    // A valid IIN whose birth date or sex does not match the child's.
    let good = child_born(NaiveDate::from_ymd_opt(2019, 5, 10).unwrap(), true);
    let mut wrong_date = good.clone();
    wrong_date.birth_date = "2019-05-11".into();
    assert_error(
        &h.submit(
            Some(&parent.token),
            &application(&school.org_id, &wrong_date, &docs),
        )
        .await,
        422,
        "iin_mismatch",
        Lang::Ru,
    );
    let mut wrong_sex = good.clone();
    wrong_sex.sex = "female";
    assert_error(
        &h.submit(
            Some(&parent.token),
            &application(&school.org_id, &wrong_sex, &docs),
        )
        .await,
        422,
        "iin_mismatch",
        Lang::Ru,
    );
}

async fn missing_document(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Без Паспорта").await;
    let docs: Vec<_> = h
        .upload_documents(&parent.token)
        .await
        .into_iter()
        .filter(|(kind, _)| kind != "health_passport")
        .collect();
    let body = application(&school.org_id, &new_child(), &docs);
    assert_error(
        &h.submit(Some(&parent.token), &body).await,
        422,
        "missing_document",
        Lang::Ru,
    );
    // No documents at all.
    let body = application(&school.org_id, &new_child(), &[]);
    assert_error(
        &h.submit(Some(&parent.token), &body).await,
        422,
        "missing_document",
        Lang::Ru,
    );
}

async fn age_not_eligible(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Старший Ребёнков").await;
    let too_old = child_born(NaiveDate::from_ymd_opt(2015, 3, 14).unwrap(), false);
    assert_error(
        &h.apply(&parent, &school.org_id, &too_old).await,
        422,
        "age_not_eligible",
        Lang::Ru,
    );
    let too_young = child_born(NaiveDate::from_ymd_opt(2022, 3, 14).unwrap(), true);
    assert_error(
        &h.apply(&parent, &school.org_id, &too_young).await,
        422,
        "age_not_eligible",
        Lang::Ru,
    );
    // The bounds of the age window for 2026-2027: 2018-09-02 ..= 2020-12-31.
    let first_day = child_born(NaiveDate::from_ymd_opt(2018, 9, 2).unwrap(), true);
    let (s, b) = h.apply(&parent, &school.org_id, &first_day).await;
    assert_eq!(s, 201, "born 2018-09-02: {b}");
    let last_day = child_born(NaiveDate::from_ymd_opt(2020, 12, 31).unwrap(), false);
    let (s, b) = h.apply(&parent, &school.org_id, &last_day).await;
    assert_eq!(s, 201, "born 2020-12-31: {b}");
    let day_before = child_born(NaiveDate::from_ymd_opt(2018, 9, 1).unwrap(), true);
    assert_error(
        &h.apply(&parent, &school.org_id, &day_before).await,
        422,
        "age_not_eligible",
        Lang::Ru,
    );
}

async fn malformed_json(h: Harness) {
    let parent = h.person("Кривой Жсонов").await;
    let resp = h
        .request(
            Method::POST,
            "/api/applications",
            Some(&parent.token),
            Body::Raw(br#"{"service":"#, "application/json"),
            None,
        )
        .await;
    assert_error(&resp, 400, "bad_request", Lang::Ru);
}

async fn authentication(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Токен Токенов").await;
    let docs = h.upload_documents(&parent.token).await;
    let body = application(&school.org_id, &new_child(), &docs);

    assert_error(&h.submit(None, &body).await, 401, "unauthorized", Lang::Ru);
    assert_error(&h.get("/api/me", None).await, 401, "unauthorized", Lang::Ru);

    // A well-formed ES256 token for the same person, signed by a key the runner does not trust.
    let forged = forged_token(&parent.iin);
    assert_unauthorized(&h.submit(Some(&forged), &body).await);
    assert_unauthorized(&h.get("/api/me", Some(&forged)).await);
    assert_unauthorized(&h.get("/api/me/applications", Some(&forged)).await);

    // Garbage.
    assert_unauthorized(&h.submit(Some("garbage.not-a.jwt"), &body).await);
    assert_unauthorized(&h.get("/api/me", Some("x")).await);

    // The genuine token still works with the same body.
    let (s, b) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{b}");
}

async fn document_of_another_parent(h: Harness) {
    let school = h.school().await;
    let owner = h.person("Хозяин Файлов").await;
    let thief = h.person("Чужой Файлов").await;
    let owner_docs = h.upload_documents(&owner.token).await;
    let mut thief_docs = h.upload_documents(&thief.token).await;
    // The thief's own photo is replaced with the owner's.
    thief_docs[0] = owner_docs[0].clone();
    let body = application(&school.org_id, &new_child(), &thief_docs);
    assert_error(
        &h.submit(Some(&thief.token), &body).await,
        422,
        "document_not_found",
        Lang::Ru,
    );
    // A file id that does not exist at all.
    let mut bogus = owner_docs.clone();
    bogus[1].1 = "no-such-file".into();
    assert_error(
        &h.submit(
            Some(&owner.token),
            &application(&school.org_id, &new_child(), &bogus),
        )
        .await,
        422,
        "document_not_found",
        Lang::Ru,
    );
}

async fn numbers_increase(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Номер Номеров").await;
    let (s, a) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "{a}");
    let (s, b) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "{b}");
    let (na, nb) = (a["number"].as_u64(), b["number"].as_u64());
    assert!(
        na.is_some() && nb > na,
        "numbers do not increase: {a} then {b}"
    );
    assert_ne!(a["id"], b["id"]);
}

async fn concurrent_submissions_of_different_children(h: Harness) {
    const N: u64 = 20;
    let school = h.school().await;
    // Prepare sequentially (keeps moto traffic smooth), then submit all at once.
    let mut bodies = Vec::new();
    for i in 0..N {
        let parent = h.person(&format!("Параллельный Родитель {i}")).await;
        let docs = h.upload_documents(&parent.token).await;
        bodies.push((
            parent.token,
            application(&school.org_id, &new_child(), &docs),
        ));
    }
    let mut set = tokio::task::JoinSet::new();
    for (token, body) in bodies {
        let api = h.api.clone();
        set.spawn(async move {
            let resp = api.submit(Some(&token), &body).await;
            (token, resp)
        });
    }
    let mut numbers = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let mut created = Vec::new();
    while let Some(r) = set.join_next().await {
        let (token, (s, b)) = r.expect("join");
        assert_eq!(s, 201, "concurrent submission: {b}");
        let number = b["number"].as_u64().unwrap_or_else(|| panic!("{b}"));
        numbers.insert(number);
        ids.insert(str_field(&b, "id"));
        created.push((token, str_field(&b, "id"), number));
    }
    assert_eq!(ids.len() as u64, N, "ids not distinct");
    assert_eq!(
        numbers,
        (1..=N).collect::<BTreeSet<_>>(),
        "numbers are not 1..={N}"
    );
    // Every acknowledged application is stored, with the number it was given.
    for (token, id, number) in &created {
        let (s, got) = h.get(&format!("/api/applications/{id}"), Some(token)).await;
        assert_eq!(
            s, 200,
            "acknowledged application {id} (№{number}) is gone: {got}"
        );
        assert_eq!(got["number"].as_u64(), Some(*number), "{got}");
    }
}

async fn concurrent_submissions_of_the_same_child(h: Harness) {
    const N: usize = 10;
    let school = h.school().await;
    let child = new_child();
    let mut bodies = Vec::new();
    for i in 0..N {
        let parent = h.person(&format!("Родитель-близнец {i}")).await;
        let docs = h.upload_documents(&parent.token).await;
        bodies.push((parent.token, application(&school.org_id, &child, &docs)));
    }
    let mut set = tokio::task::JoinSet::new();
    for (token, body) in bodies {
        let api = h.api.clone();
        set.spawn(async move {
            let resp = api.submit(Some(&token), &body).await;
            (token, resp)
        });
    }
    let mut created = Vec::new();
    let mut duplicates = 0;
    while let Some(r) = set.join_next().await {
        let (token, resp) = r.expect("join");
        if resp.0 == 201 {
            created.push((token, str_field(&resp.1, "id")));
        } else {
            assert_error(&resp, 409, "duplicate_application", Lang::Ru);
            duplicates += 1;
        }
    }
    assert_eq!((created.len(), duplicates), (1, N - 1));
    // The one that won is stored.
    let (token, id) = &created[0];
    let (s, got) = h.get(&format!("/api/applications/{id}"), Some(token)).await;
    assert_eq!(s, 200, "the acknowledged application {id} is gone: {got}");
    assert_eq!(got["status"], "in_review", "{got}");
}

// ---------------------------------------------------------------------------------------------
// Embedded only
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_persistence_across_restart() {
    let mut h = Harness::start(StoreKind::Embedded).await;
    let school = h.school().await;
    let parent = h.person("Тұрақты Родитель").await;
    let child = new_child();
    let (s, app) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "{app}");
    let id = str_field(&app, "id");
    let number = app["number"].as_u64().expect("number");

    h.restart().await;

    let parent = h.login_as(&parent.iin, &parent.name).await;
    let (s, got) = h
        .get(&format!("/api/applications/{id}"), Some(&parent.token))
        .await;
    assert_eq!(s, 200, "after restart: {got}");
    assert_eq!(got["status"], "in_review", "{got}");
    assert_eq!(got["number"].as_u64(), Some(number), "{got}");
    let (s, mine) = h.get("/api/me/applications", Some(&parent.token)).await;
    assert_eq!(s, 200, "{mine}");
    assert!(
        mine["items"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["id"] == id.as_str())),
        "{id} not listed after restart: {mine}"
    );
    // The school, its limit, the director's membership and the duplicate rule survive too.
    let (s, profile) = h.get(&format!("/api/orgs/{}", school.org_id), None).await;
    assert_eq!(s, 200, "{profile}");
    assert_error(
        &h.apply(&parent, &school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
    // The numbering goes on from where it was.
    let (s, next) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "{next}");
    assert!(
        next["number"].as_u64() > Some(number),
        "the number after restart {next} is not above {number}"
    );
}
