//! Health, dev login, authentication, malformed bodies, and uploading files.

use super::*;

scenarios!(health_and_dev_login, authentication, malformed_json, files,);

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

async fn authentication(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Токен Токенов").await;
    let docs = h.upload_documents(&parent.token).await;
    let body = application(&school.org_id, &new_child(), &docs);
    h.register_applicant(&body, &parent).await;

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
