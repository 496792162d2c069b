//! Black-box tests of the director's signature, return for rework and withdrawal (API.md
//! «Signing», «Return for rework», withdraw), each scenario on both stores. What a certificate
//! must be, who reads a stored signature and checking one offline are in `certificates`;
//! withdrawal in `withdraw`.

use api_tests::*;

mod certificates;
mod withdraw;

scenarios!(
    sign_an_acceptance,
    sign_a_refusal_with_rsa,
    who_may_sign,
    return_for_rework,
);

// ---------------------------------------------------------------------------------------------
// helpers

/// A parent applies for a fresh child; returns (parent, child, application id).
async fn applied(h: &Harness, school: &School) -> (Person, ChildData, String) {
    let (parent, child, app) = h.applied(school).await;
    (parent, child, str_field(&app, "id"))
}

/// The director's decision `body` on the application.
async fn decide(h: &Harness, school: &School, id: &str, body: Value) -> (u16, Value) {
    h.decide(&school.director.token, &school.org_id, id, &body)
        .await
}

/// The director decides `body`, asserting the application is then `on_signing`.
async fn decided(h: &Harness, school: &School, id: &str, body: Value) {
    h.decided(&school.director.token, &school.org_id, id, &body)
        .await;
}

/// Free seats of the school's only limit.
async fn free_total(h: &Harness, school: &School) -> u64 {
    let l = h.limit_of(school).await;
    l["free_total"]
        .as_u64()
        .unwrap_or_else(|| panic!("no free_total in {l}"))
}

// ---------------------------------------------------------------------------------------------
// scenarios

async fn sign_an_acceptance(h: Harness) {
    let school = h.school().await;
    let (parent, _, id) = applied(&h, &school).await;
    decided(&h, &school, &id, accept()).await;
    assert_eq!(free_total(&h, &school).await, 39);

    let key = h.director_key(&school, "ecdsa").await;
    let text = h.signing_payload(&school, &id).await;
    assert!(text.contains(&format!("application_id={id}\n")), "{text}");
    assert!(text.contains("\ndecision=accept\n"), "{text}");
    let bin = h.bin_of(&school.org_id).await;
    assert!(text.contains(&format!("\norg_bin={bin}\n")), "{text}");
    // The same decision always gives the same bytes.
    assert_eq!(text, h.signing_payload(&school, &id).await);

    // Nothing stored before signing.
    assert_error(
        &h.signature_record(&parent, &id).await,
        404,
        "not_found",
        Lang::Ru,
    );
    let sig = signature_of(&key, &text);
    let (s, b) = h
        .sign(&school, &school.director, &id, &sig, &chain_of(&key))
        .await;
    assert_eq!(s, 200, "sign: {b}");
    assert_eq!(b["status"], "accepted", "{b}");
    let record = &b["signature"];
    assert_eq!(record["payload"], text.as_str(), "{b}");
    assert_eq!(
        record["signature"],
        sig.as_str(),
        "DER, standard base64: {b}"
    );
    assert_eq!(record["algorithm"], "ECDSA-SHA256", "{b}");
    assert_eq!(record["signer_iin"], school.director.iin.as_str());
    assert_eq!(record["signer_name"], "ДИРЕКТОР ДИРЕКТОРОВ");
    assert_eq!(record["bin"], bin.as_str());
    assert_eq!(record["certificates"], json!(chain_of(&key)));
    let serial = pki::cert::serial_hex(&key.certificates[0]);
    assert_eq!(record["certificate_serial"], serial.as_str());

    // Final: the seat stays taken, the parent sees it signed, nothing can change any more.
    assert_eq!(free_total(&h, &school).await, 39);
    let app = h.read_application(&parent.token, &id).await;
    assert_eq!(app["status"], "accepted", "{app}");
    assert_eq!(app["signature"]["signature"], sig.as_str(), "{app}");
    let (s, stored) = h.signature_record(&parent, &id).await;
    assert_eq!((s, &stored), (200, record), "GET signature");
    assert!(
        h.history(&parent.token, &id)
            .await
            .iter()
            .any(|e| e["action"] == "signed"),
        "no signed event"
    );
    assert_error(
        &h.sign(&school, &school.director, &id, &sig, &chain_of(&key))
            .await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    assert_error(
        &h.get(
            &app_path(&school.org_id, &id, "signing-payload"),
            Some(&school.director.token),
        )
        .await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    assert_error(
        &h.post(
            &app_path(&school.org_id, &id, "return"),
            Some(&school.director.token),
            &json!({"comment": "поздно"}),
        )
        .await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    assert_error(
        &decide(
            &h,
            &school,
            &id,
            json!({"decision": "reject", "reason": "non_compliance"}),
        )
        .await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    assert_error(
        &h.withdraw(&parent, &id).await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    assert_eq!(free_total(&h, &school).await, 39);
}

async fn sign_a_refusal_with_rsa(h: Harness) {
    let school = h.school().await;
    let (parent, child, id) = applied(&h, &school).await;
    decided(
        &h,
        &school,
        &id,
        json!({"decision": "reject", "reason": "unreliable_documents"}),
    )
    .await;
    let key = h.director_key(&school, "rsa").await;
    let text = h.signing_payload(&school, &id).await;
    assert!(
        text.contains("\ndecision=reject\nreason=unreliable_documents\n"),
        "{text}"
    );
    let b = h.signed(&school, &id, &key).await;
    assert_eq!(b["status"], "rejected", "{b}");
    assert_eq!(b["signature"]["algorithm"], "RSA-SHA256", "{b}");
    assert_eq!(
        h.read_application(&parent.token, &id).await["status"],
        "rejected"
    );

    // A refused application is no longer active: the same child may apply again.
    let (s, again) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "apply again after a refusal: {again}");
}

async fn who_may_sign(h: Harness) {
    let school = h.school().await;
    let exec = hire_executor(&h, &school).await;
    let (_, _, id) = applied(&h, &school).await;

    // Not yet decided: nothing to sign.
    assert_error(
        &h.get(
            &app_path(&school.org_id, &id, "signing-payload"),
            Some(&school.director.token),
        )
        .await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    decided(&h, &school, &id, accept()).await;
    let text = h.signing_payload(&school, &id).await;
    let bin = h.bin_of(&school.org_id).await;

    // An executor decides but never signs, even with a certificate of the school; a stranger
    // neither.
    let exec_key = h.certificate_for(&exec.iin, Some(&bin), "ecdsa").await;
    assert_error(
        &h.sign(
            &school,
            &exec,
            &id,
            &signature_of(&exec_key, &text),
            &chain_of(&exec_key),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &h.get(
            &app_path(&school.org_id, &id, "signing-payload"),
            Some(&exec.token),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    let key = h.director_key(&school, "ecdsa").await;
    let stranger = h.person("Посторонний").await;
    assert_error(
        &h.sign(
            &school,
            &stranger,
            &id,
            &signature_of(&key, &text),
            &chain_of(&key),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    // Another school's director: its own org, not this application → 404.
    let other_school = h.school().await;
    assert_error(
        &h.post(
            &app_path(&other_school.org_id, &id, "sign"),
            Some(&other_school.director.token),
            &json!({"signature": signature_of(&key, &text), "certificates": chain_of(&key)}),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    // Still on signing after all that; the signature as WebCrypto gives it (raw r‖s,
    // base64url) works.
    let (s, b) = h
        .sign(
            &school,
            &school.director,
            &id,
            &raw_ecdsa_signature_of(&key, &text),
            &chain_of(&key),
        )
        .await;
    assert_eq!(s, 200, "sign: {b}");
    assert_eq!(b["status"], "accepted");
    // Stored as DER, whatever form it came in: what `openssl dgst -verify` reads.
    let stored = pki::cert::decode_base64(&str_field(&b["signature"], "signature")).unwrap();
    assert!(p256::ecdsa::Signature::from_der(&stored).is_ok(), "{b}");
}

async fn return_for_rework(h: Harness) {
    let school = h.school().await;
    let director = school.director.clone();
    let (parent, _, first) = applied(&h, &school).await;
    let (_, _, second) = applied(&h, &school).await;
    decided(&h, &school, &first, accept()).await;
    assert_eq!(free_total(&h, &school).await, 39);

    let ret = |body: Value| {
        let path = app_path(&school.org_id, &first, "return");
        let token = director.token.clone();
        let h = &h;
        async move { h.post(&path, Some(&token), &body).await }
    };
    assert_error(&ret(json!({})).await, 422, "comment_required", Lang::Ru);
    assert_error(
        &ret(json!({"comment": "   "})).await,
        422,
        "comment_required",
        Lang::Ru,
    );
    // Only the director returns.
    let exec = hire_executor(&h, &school).await;
    assert_error(
        &h.post(
            &app_path(&school.org_id, &first, "return"),
            Some(&exec.token),
            &json!({"comment": "нет"}),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    // Not on signing → 409.
    assert_error(
        &h.post(
            &app_path(&school.org_id, &second, "return"),
            Some(&director.token),
            &json!({"comment": "нет"}),
        )
        .await,
        409,
        "invalid_status",
        Lang::Ru,
    );

    let comment = "Проверьте справку 065/у";
    let (s, b) = ret(json!({"comment": comment})).await;
    assert_eq!(s, 200, "return: {b}");
    assert_eq!(b["status"], "in_review", "{b}");
    assert!(b["decision"].is_null(), "{b}");
    assert_eq!(
        h.read_application(&parent.token, &first).await["status"],
        "in_review"
    );
    // The seat taken with the accept decision is free again.
    assert_eq!(free_total(&h, &school).await, 40);
    let events = h.history(&director.token, &first).await;
    assert!(
        events
            .iter()
            .any(|e| e["action"] == "returned" && e["comment"] == comment),
        "no returned event with the comment: {events:?}"
    );
    // The comment is the executor's: the parent's history has no return.
    let events = h.history(&parent.token, &first).await;
    assert!(
        events.iter().all(|e| e["action"] != "returned"),
        "{events:?}"
    );
    // A second return: it is in review now.
    assert_error(
        &ret(json!({"comment": comment})).await,
        409,
        "invalid_status",
        Lang::Ru,
    );

    // Back at the head of its queue: the later application waits for it.
    assert_error(
        &decide(&h, &school, &second, accept()).await,
        409,
        "queue_order_violated",
        Lang::Ru,
    );
    decided(&h, &school, &first, accept()).await;
    decided(&h, &school, &second, accept()).await;
    assert_eq!(free_total(&h, &school).await, 38);

    // The new decision is signed with its own payload.
    let key = h.director_key(&school, "ecdsa").await;
    let b = h.signed(&school, &first, &key).await;
    assert_eq!(b["status"], "accepted");
    assert_eq!(
        director.iin,
        b["signature"]["signer_iin"].as_str().unwrap_or_default()
    );
}
