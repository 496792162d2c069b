//! Black-box tests of what the web app needs besides the flows: the campaign (business time and
//! enrolment year), the register's localities, a document opened by its applicant and by staff
//! (and by nobody else), the registered address's text on the application, the sign-in mode.

use api_tests::*;

scenarios!(
    campaign_follows_the_business_clock,
    localities_of_the_register,
    documents_open_for_applicant_and_staff_only,
    site_config_names_the_dev_login,
);

async fn campaign_follows_the_business_clock(h: Harness) {
    for (now, year) in [
        ("2026-05-14T12:30:00+05:00", "2026-2027"),
        ("2026-08-31T23:00:00+05:00", "2026-2027"),
        ("2026-09-01T09:00:00+05:00", "2027-2028"),
    ] {
        h.set_clock(now).await;
        let (s, b) = h.get("/api/campaign", None).await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(b["academic_year"], year, "at {now}: {b}");
        let at = str_field(&b, "now");
        assert!(at.starts_with(&now[..13]), "business time {at} for {now}");
        assert!(at.ends_with("+05:00"), "{at}");
    }
}

async fn localities_of_the_register(h: Harness) {
    let (s, b) = h.get("/api/localities", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(ids(&b), ["astana", "karaganda", "botakara"], "{b}");
    assert_eq!(b["items"][0]["name"]["kk"], "Астана қ.", "{b}");
    let (s, b) = h.get("/api/localities?region=karaganda", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(ids(&b), ["karaganda", "botakara"], "{b}");
}

async fn documents_open_for_applicant_and_staff_only(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ата-ана Құжатты").await;
    let stranger = h.person("Бөгде Адам").await;
    let photo = fake_jpeg(1800);
    let photo_id = h.upload(&parent.token, "photo", "image/jpeg", &photo).await;
    let mut docs = h.upload_documents(&parent.token).await;
    docs.retain(|(k, _)| k != "photo");
    docs.push(("photo".into(), photo_id.clone()));
    let child = new_child();
    h.register_child(&child.iin, &[&parent], Some("astana-e117-39"))
        .await;
    let body = application(&school.org_id, &child, &docs);
    let (s, app) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{app}");
    let id = str_field(&app, "id");

    // The application carries the register's text of the registered address, both languages.
    let (s, full) = h
        .get(&format!("/api/applications/{id}"), Some(&parent.token))
        .await;
    assert_eq!(s, 200, "{full}");
    let ru = full["registered_address"]["ru"]
        .as_str()
        .unwrap_or_default();
    let kk = full["registered_address"]["kk"]
        .as_str()
        .unwrap_or_default();
    assert!(ru.contains("Е 117") && ru.contains("39"), "{full}");
    assert!(kk.contains("көшесі"), "{full}");

    let path = format!("/api/applications/{id}/documents/{photo_id}");
    for who in [&parent, &school.director] {
        let (s, b) = h.get(&path, Some(&who.token)).await;
        assert_eq!(s, 200, "{} opens the photo: {b}", who.name);
        assert_eq!(b["content_type"], "image/jpeg", "{b}");
        let url = str_field(&b, "url");
        let resp = h.client.get(h.url(&url)).send().await.expect("download");
        assert_eq!(resp.status().as_u16(), 200);
        assert_eq!(
            resp.headers()["content-type"].to_str().unwrap_or_default(),
            "image/jpeg"
        );
        assert_eq!(
            resp.bytes().await.expect("bytes").as_ref(),
            photo.as_slice()
        );
        // The address is good for one read.
        let again = h.client.get(h.url(&url)).send().await.expect("download");
        assert_eq!(again.status().as_u16(), 403);
    }
    // Nobody else learns the application exists; a file of another application is not listed.
    assert_error(
        &h.get(&path, Some(&stranger.token)).await,
        404,
        "not_found",
        Lang::Ru,
    );
    let other = h
        .upload(&stranger.token, "photo", "image/png", &[1, 2, 3])
        .await;
    let foreign = format!("/api/applications/{id}/documents/{other}");
    assert_error(
        &h.get(&foreign, Some(&parent.token)).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(&h.get(&path, None).await, 401, "unauthorized", Lang::Ru);
    // A made-up token reads nothing.
    let resp = h
        .client
        .get(h.url(&format!("/uploads/{photo_id}?download=forged")))
        .send()
        .await
        .expect("download");
    assert_eq!(resp.status().as_u16(), 403);
}

async fn site_config_names_the_dev_login(h: Harness) {
    let resp = h
        .client
        .get(h.url("/config.json"))
        .send()
        .await
        .expect("config");
    assert_eq!(resp.status().as_u16(), 200);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(v, json!({"auth": {"mode": "dev"}}));
}
