//! The papers of an application (seed 003; `functions/paperwork`): the application and its
//! receipt right after submission, the bilingual notice after signing, each PDF read back by a
//! PDF reader and checked for its key fields in both languages; who may download them; the
//! public `/api/verify/{id}` of the notice's QR code, valid, then invalid once the stored
//! signature is tampered with in the store.

use api_tests::*;

scenarios!(
    receipt_and_application_right_after_submission,
    notice_after_signing_and_its_verification,
);

fn paper_path(id: &str, paper: &str) -> String {
    format!("/api/applications/{id}/papers/{paper}")
}

/// The paper as `token` downloads it, asserting a PDF; its text as a PDF reader extracts it.
async fn paper_text(h: &Harness, id: &str, paper: &str, token: &str) -> String {
    let (s, content_type, bytes) = h.download(&paper_path(id, paper), Some(token)).await;
    assert_eq!(s, 200, "{paper}: {}", String::from_utf8_lossy(&bytes));
    assert_eq!(content_type, "application/pdf", "{paper}");
    assert!(bytes.starts_with(b"%PDF-"), "{paper} is not a PDF");
    pdf_text(&bytes)
}

fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(
            text.contains(w),
            "«{w}» is not in the paper's text:\n{text}"
        );
    }
}

async fn receipt_and_application_right_after_submission(h: Harness) {
    let school = h.school().await;
    // The director has signed in (the site reads /api/me then): their name is known.
    let (s, me) = h.get("/api/me", Some(&school.director.token)).await;
    assert_eq!(s, 200, "{me}");
    let (parent, child, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    let number = app["number"].as_u64().expect("number").to_string();
    let org = h.get(&format!("/api/orgs/{}", school.org_id), None).await.1;

    let receipt = paper_text(&h, &id, "receipt", &parent.token).await;
    assert_has(
        &receipt,
        &[
            &format!("Расписка о приеме документов № {number}"),
            &format!("№ {number}"),
            &format!("қолхат № {number}"),
            &parent.name,
            org["name"]["ru"].as_str().unwrap(),
            org["name"]["kk"].as_str().unwrap(),
            org["address"].as_str().unwrap(),
            // the director is the person responsible
            &format!("{}, Директор", school.director.name),
        ],
    );

    let application = paper_text(&h, &id, "application", &parent.token).await;
    let child_name = format!(
        "{} {} {}",
        child.last_name, child.first_name, child.middle_name
    );
    assert_has(
        &application,
        &[
            "Заявление",
            "Өтініш",
            &child_name,
            &child.iin,
            &parent.name,
            "+77011234567",
            "г. Астана, пр. Мангилик Ел, 10, кв. 5",
            org["name"]["ru"].as_str().unwrap(),
        ],
    );

    // The school's staff who see the journal download them too.
    let staff_copy = paper_text(&h, &id, "receipt", &school.director.token).await;
    assert!(staff_copy.contains(&format!("№ {number}")), "{staff_copy}");

    // No notice before the decision is signed.
    let (s, b) = h.get(&paper_path(&id, "notice"), Some(&parent.token)).await;
    assert_error(&(s, b), 409, "invalid_status", Lang::Ru);
    // Nobody else learns anything: another parent, another school's director, no sign-in.
    let stranger = h.person("Бөтен Адам").await;
    let other = h.school().await;
    for token in [&stranger.token, &other.director.token] {
        let (s, b) = h.get(&paper_path(&id, "receipt"), Some(token)).await;
        assert_error(&(s, b), 404, "not_found", Lang::Ru);
    }
    let (s, _) = h.get(&paper_path(&id, "receipt"), None).await;
    assert_eq!(s, 401);
    let (s, b) = h
        .get(&paper_path(&id, "passport"), Some(&parent.token))
        .await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);
}

async fn notice_after_signing_and_its_verification(mut h: Harness) {
    let school = h.school().await;
    let (parent, child, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    h.decided(&school.director.token, &school.org_id, &id, &accept())
        .await;
    let key = h.director_key(&school, "ecdsa").await;
    let signed = h.signed(&school, &id, &key).await;
    let serial = str_field(&signed["signature"], "certificate_serial");
    let signer = str_field(&signed["signature"], "signer_name");

    let notice = paper_text(&h, &id, "notice", &parent.token).await;
    assert_has(
        &notice,
        &[
            "Хабарлама",
            "Уведомление",
            "Қабылданды",
            "Принято",
            &child.first_name,
            &signer,
            &serial,
            &format!("/verify/{id}"),
        ],
    );

    // The public check: no sign-in, no personal data beyond initials.
    let (s, v) = h.get(&format!("/api/verify/{id}"), None).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["status"], "accepted", "{v}");
    assert_eq!(v["certificate_serial"], serial.as_str(), "{v}");
    let initials = str_field(&v, "child_initials");
    assert_eq!(initials.chars().filter(|c| *c == '.').count(), 3, "{v}");
    let body = v.to_string();
    for secret in [&child.iin, &child.last_name, &parent.iin, &parent.name] {
        assert!(!body.contains(secret.as_str()), "{secret} is shown: {body}");
    }
    let (s, b) = h.get("/api/verify/no-such-application", None).await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);

    // One changed byte of the stored signature, behind the service's back: no longer valid.
    h.tamper(&format!("APP#{id}"), "APP", |item| {
        let sig = item["signature"]["signature"]
            .as_str()
            .expect("stored signature");
        let mut bytes: Vec<char> = sig.chars().collect();
        let i = bytes.len() / 2;
        bytes[i] = if bytes[i] == 'A' { 'B' } else { 'A' };
        item["signature"]["signature"] = serde_json::Value::String(bytes.into_iter().collect());
    })
    .await;
    let (s, v) = h.get(&format!("/api/verify/{id}"), None).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["valid"], false, "{v}");
    assert_eq!(v["problem"], "signature_invalid", "{v}");
}
