//! Documents that cannot change after submission: the bytes must be of the declared type
//! (422 `file_type_mismatch`), each document's SHA-256 is kept with the application, an upload
//! target takes the bytes once (409 `upload_used`), and a document whose bytes changed anyway
//! is flagged when opened («документ изменён»).

use sha2::{Digest, Sha256};

use api_tests::*;

scenarios!(
    bytes_must_match_the_declared_type,
    of_two_bad_documents_the_first_is_named,
    the_hash_of_each_document_is_kept,
    an_upload_target_works_once,
    a_changed_document_is_flagged,
);

/// A minimal PNG: its signature and the start of an IHDR chunk.
fn png() -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    v.extend_from_slice(b"IHDR");
    v.resize(600, 0);
    v
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The three required documents with `kind` replaced by `bytes` declared as `content_type`.
async fn documents_with(
    h: &Harness,
    parent: &Person,
    kind: &str,
    content_type: &str,
    bytes: &[u8],
) -> Vec<(String, String)> {
    let mut docs = h.upload_documents(&parent.token).await;
    let id = h.upload(&parent.token, kind, content_type, bytes).await;
    for d in docs.iter_mut().filter(|d| d.0 == kind) {
        d.1 = id.clone();
    }
    docs
}

async fn bytes_must_match_the_declared_type(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ата-ана Түрлі").await;
    for (kind, content_type, bytes) in [
        ("vaccination_card", "application/pdf", png()),
        ("photo", "image/png", fake_jpeg(900)),
        ("photo", "image/jpeg", fake_pdf(900)),
        (
            "health_passport",
            "application/pdf",
            b"not a pdf at all".to_vec(),
        ),
    ] {
        let docs = documents_with(&h, &parent, kind, content_type, &bytes).await;
        let body = application(&school.org_id, &new_child(), &docs);
        h.register_applicant(&body, &parent).await;
        let resp = h.submit(Some(&parent.token), &body).await;
        assert_error(&resp, 422, "file_type_mismatch", Lang::Ru);
        assert_eq!(
            resp.1["error"]["field"],
            format!("documents.{kind}"),
            "{content_type}: {}",
            resp.1
        );
        let kk = h
            .request(
                Method::POST,
                "/api/applications",
                Some(&parent.token),
                Body::Json(&body),
                Some("kk"),
            )
            .await;
        assert_error(&kk, 422, "file_type_mismatch", Lang::Kk);
    }
    // Nothing was stored.
    let (s, mine) = h.get("/api/me/applications", Some(&parent.token)).await;
    assert_eq!(s, 200, "{mine}");
    assert_eq!(mine["items"], json!([]), "{mine}");
    // A real PNG as a PNG is accepted.
    let docs = documents_with(&h, &parent, "photo", "image/png", &png()).await;
    let body = application(&school.org_id, &new_child(), &docs);
    h.register_applicant(&body, &parent).await;
    let (s, app) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{app}");
}

/// The documents are checked at once; the error still names the first bad one in the
/// request's order, also when a later one fails sooner (a missing file needs no bytes read).
async fn of_two_bad_documents_the_first_is_named(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ата-ана Екі Қате").await;
    let not_a_pdf = b"not a pdf at all".to_vec();
    // (the document holding text, the one missing, the error, its field)
    for (mismatched, missing, code, field) in [
        (
            "health_passport",
            0,
            "document_not_found",
            "documents.photo",
        ),
        (
            "vaccination_card",
            2,
            "file_type_mismatch",
            "documents.vaccination_card",
        ),
    ] {
        let mut docs = documents_with(&h, &parent, mismatched, "application/pdf", &not_a_pdf).await;
        docs[missing].1 = "no-such-file".into();
        let body = application(&school.org_id, &new_child(), &docs);
        h.register_applicant(&body, &parent).await;
        let resp = h.submit(Some(&parent.token), &body).await;
        assert_error(&resp, 422, code, Lang::Ru);
        assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
    }
}

async fn the_hash_of_each_document_is_kept(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ата-ана Хэштелген").await;
    let photo = png();
    let docs = documents_with(&h, &parent, "photo", "image/png", &photo).await;
    let mut body = application(&school.org_id, &new_child(), &docs);
    // Whatever the client claims, the service computes the hash itself.
    body["documents"][0]["sha256"] = json!("0".repeat(64));
    h.register_applicant(&body, &parent).await;
    let (s, app) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{app}");
    let id = str_field(&app, "id");
    let stored = h.read_application(&school.director.token, &id).await;
    let by_kind = |kind: &str| {
        stored["documents"]
            .as_array()
            .and_then(|d| d.iter().find(|d| d["kind"] == kind))
            .cloned()
            .unwrap_or_else(|| panic!("no {kind} in {stored}"))
    };
    assert_eq!(by_kind("photo")["sha256"], sha256(&photo), "{stored}");
    // The fixtures' PDFs: 2000 and 2500 bytes.
    assert_eq!(
        by_kind("vaccination_card")["sha256"],
        sha256(&fake_pdf(2000))
    );
    assert_eq!(
        by_kind("health_passport")["sha256"],
        sha256(&fake_pdf(2500))
    );
    assert_eq!(
        app["documents"], stored["documents"],
        "the answer to submit"
    );
}

async fn an_upload_target_works_once(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ата-ана Бір Рет").await;
    let photo = fake_jpeg(1000);
    let (s, f) = h
        .create_file(&parent.token, "photo", "image/jpeg", photo.len() as u64)
        .await;
    assert_eq!(s, 201, "{f}");
    let file_id = str_field(&f, "file_id");
    let url = str_field(&f["upload"], "url");
    let put = |bytes: Vec<u8>, lang: Option<&'static str>| {
        let (h, url) = (&h, url.clone());
        async move {
            h.request(
                Method::PUT,
                &url,
                None,
                Body::Raw(&bytes, "image/jpeg"),
                lang,
            )
            .await
        }
    };
    let (s, b) = put(photo.clone(), None).await;
    assert_eq!(s, 200, "first upload: {b}");
    // The same target again, with the same or other bytes: refused, in both languages.
    assert_error(
        &put(photo.clone(), None).await,
        409,
        "upload_used",
        Lang::Ru,
    );
    let mut other = fake_jpeg(1000);
    other[500] = 0x42;
    assert_error(
        &put(other.clone(), Some("kk")).await,
        409,
        "upload_used",
        Lang::Kk,
    );

    // Attached to a submitted application it still cannot be overwritten.
    let mut docs = h.upload_documents(&parent.token).await;
    for d in docs.iter_mut().filter(|d| d.0 == "photo") {
        d.1 = file_id.clone();
    }
    let body = application(&school.org_id, &new_child(), &docs);
    h.register_applicant(&body, &parent).await;
    let (s, app) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{app}");
    assert_error(&put(other, None).await, 409, "upload_used", Lang::Ru);
    let id = str_field(&app, "id");
    let (s, link) = h
        .get(
            &format!("/api/applications/{id}/documents/{file_id}"),
            Some(&school.director.token),
        )
        .await;
    assert_eq!(s, 200, "{link}");
    assert_eq!(link["changed"], false, "{link}");
    let resp = h
        .client
        .get(h.url(&str_field(&link, "url")))
        .send()
        .await
        .expect("download");
    assert_eq!(
        resp.bytes().await.expect("bytes").as_ref(),
        photo.as_slice()
    );
}

async fn a_changed_document_is_flagged(h: Harness) {
    let school = h.school().await;
    let executor = hire_executor(&h, &school).await;
    let (parent, _, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    let file_of = |kind: &str| {
        app["documents"]
            .as_array()
            .and_then(|d| d.iter().find(|d| d["kind"] == kind))
            .map(|d| str_field(d, "file_id"))
            .unwrap_or_else(|| panic!("no {kind} in {app}"))
    };
    let (photo, card) = (file_of("photo"), file_of("vaccination_card"));
    // The stored bytes change behind the service's back (storage, not the API).
    let path = h.data_dir().join("uploads").join(&photo);
    assert!(path.exists(), "no stored file at {}", path.display());
    let mut changed = std::fs::read(&path).expect("the stored file");
    changed[700] ^= 0xFF;
    std::fs::write(&path, changed).expect("overwrite the stored file");

    let open = |who: &Person, file: &str| {
        let path = format!("/api/applications/{id}/documents/{file}");
        let (h, token) = (&h, who.token.clone());
        async move { h.get(&path, Some(&token)).await }
    };
    for who in [&executor, &school.director, &parent] {
        let (s, link) = open(who, &photo).await;
        assert_eq!(s, 200, "{}: {link}", who.name);
        assert_eq!(link["changed"], true, "{}: {link}", who.name);
        assert!(link["url"].is_string(), "{link}");
        let (s, link) = open(who, &card).await;
        assert_eq!(s, 200, "{link}");
        assert_eq!(link["changed"], false, "the untouched one: {link}");
    }
    // Logged, with the document named and no IIN in the clear.
    let log = h.log_tail(400);
    let line = log
        .lines()
        .find(|l| l.contains("document changed since submission"))
        .unwrap_or_else(|| panic!("no log line of the change in:\n{log}"));
    assert!(line.contains(&photo) && line.contains(&id), "{line}");
    assert!(!line.contains(&parent.iin), "{line}");
}
