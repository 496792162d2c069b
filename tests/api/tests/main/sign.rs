//! Black-box tests of the director's signature, return for rework and withdrawal (API.md
//! «Signing», «Return for rework», withdraw), each scenario on both stores.

use api_tests::*;

scenarios!(
    sign_an_acceptance,
    sign_a_refusal_with_a_der_signature,
    signing_errors,
    return_for_rework,
    withdraw_in_review,
    withdraw_on_signing_frees_the_seat,
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

    let (key, jwk) = new_key();
    let reg = register_key(&h, &school.director, &jwk).await;
    assert!(reg["key_id"].is_string(), "{reg}");

    let text = h.signing_payload(&school, &id).await;
    assert!(text.contains(&format!("application_id={id}\n")), "{text}");
    assert!(text.contains("\ndecision=accept\n"), "{text}");
    // The same decision always gives the same bytes.
    assert_eq!(text, h.signing_payload(&school, &id).await);

    let sig = es256(&key, &text);
    let (s, b) = h.sign(&school, &school.director, &id, &sig).await;
    assert_eq!(s, 200, "sign: {b}");
    assert_eq!(b["status"], "accepted", "{b}");
    assert_eq!(b["signature"]["payload"], text.as_str(), "{b}");
    assert_eq!(b["signature"]["signer_iin"], school.director.iin.as_str());

    // Final: the seat stays taken, the parent sees it signed, nothing can change any more.
    assert_eq!(free_total(&h, &school).await, 39);
    let app = h.read_application(&parent.token, &id).await;
    assert_eq!(app["status"], "accepted", "{app}");
    assert_eq!(app["signature"]["signature"], sig.as_str(), "{app}");
    assert!(
        h.history(&parent.token, &id)
            .await
            .iter()
            .any(|e| e["action"] == "signed"),
        "no signed event"
    );
    assert_error(
        &h.sign(&school, &school.director, &id, &sig).await,
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

async fn sign_a_refusal_with_a_der_signature(h: Harness) {
    let school = h.school().await;
    let (parent, child, id) = applied(&h, &school).await;
    decided(
        &h,
        &school,
        &id,
        json!({"decision": "reject", "reason": "unreliable_documents"}),
    )
    .await;
    let (key, jwk) = new_key();
    // A replaced key: only the latest one counts.
    let (old, old_jwk) = new_key();
    register_key(&h, &school.director, &old_jwk).await;
    register_key(&h, &school.director, &jwk).await;

    let text = h.signing_payload(&school, &id).await;
    assert!(
        text.contains("\ndecision=reject\nreason=unreliable_documents\n"),
        "{text}"
    );
    assert_error(
        &h.sign(&school, &school.director, &id, &es256(&old, &text))
            .await,
        422,
        "signature_invalid",
        Lang::Ru,
    );
    // DER, base64url with padding: accepted too.
    let der = es256_der(&key, &text);
    let (s, b) = h.sign(&school, &school.director, &id, &der).await;
    assert_eq!(s, 200, "sign: {b}");
    assert_eq!(b["status"], "rejected", "{b}");
    assert_eq!(
        h.read_application(&parent.token, &id).await["status"],
        "rejected"
    );

    // A refused application is no longer active: the same child may apply again.
    let (s, again) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "apply again after a refusal: {again}");
}

async fn signing_errors(h: Harness) {
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
    let (key, jwk) = new_key();

    // No registered key.
    assert_error(
        &h.sign(&school, &school.director, &id, &es256(&key, &text))
            .await,
        422,
        "signing_key_missing",
        Lang::Ru,
    );
    // A key that is no P-256 public key.
    for bad in [
        json!({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}),
        json!("not a jwk"),
        json!(42),
    ] {
        assert_error(
            &h.put(
                "/api/me/signing-key",
                Some(&school.director.token),
                &json!({"public_key_jwk": bad}),
            )
            .await,
            422,
            "validation_failed",
            Lang::Ru,
        );
    }
    register_key(&h, &school.director, &jwk).await;

    // A signature by another key, of another text, or no signature at all.
    let (other, _) = new_key();
    for sig in [
        es256(&other, &text),
        es256(&key, &format!("{text}x")),
        "bm90IGEgc2lnbmF0dXJl".to_string(),
        "!!!".to_string(),
        String::new(),
    ] {
        assert_error(
            &h.sign(&school, &school.director, &id, &sig).await,
            422,
            "signature_invalid",
            Lang::Ru,
        );
    }
    // An executor decides but never signs; a stranger neither.
    register_key(&h, &exec, &jwk).await;
    assert_error(
        &h.sign(&school, &exec, &id, &es256(&key, &text)).await,
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
    let stranger = h.person("Посторонний").await;
    assert_error(
        &h.sign(&school, &stranger, &id, &es256(&key, &text)).await,
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
            &json!({"signature": es256(&key, &text)}),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    // Still on signing after all that; the right signature works.
    let (s, b) = h
        .sign(&school, &school.director, &id, &es256(&key, &text))
        .await;
    assert_eq!(s, 200, "sign: {b}");
    assert_eq!(b["status"], "accepted");
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
    let (key, jwk) = new_key();
    register_key(&h, &director, &jwk).await;
    let text = h.signing_payload(&school, &first).await;
    let (s, b) = h
        .sign(&school, &director, &first, &es256(&key, &text))
        .await;
    assert_eq!(s, 200, "sign after rework: {b}");
    assert_eq!(b["status"], "accepted");
}

async fn withdraw_in_review(h: Harness) {
    let school = h.school().await;
    let (parent, child, id) = applied(&h, &school).await;

    // Someone else's application does not exist for them.
    let other = h.person("Другой Родитель").await;
    assert_error(&h.withdraw(&other, &id).await, 404, "not_found", Lang::Ru);
    assert_error(
        &h.withdraw(&school.director, &id).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.withdraw(&parent, "00000000-0000-0000-0000-000000000000")
            .await,
        404,
        "not_found",
        Lang::Ru,
    );

    let (s, b) = h.withdraw(&parent, &id).await;
    assert_eq!(s, 200, "withdraw: {b}");
    assert_eq!(b["status"], "withdrawn", "{b}");
    assert_eq!(
        h.read_application(&parent.token, &id).await["status"],
        "withdrawn"
    );
    assert!(
        h.history(&parent.token, &id)
            .await
            .iter()
            .any(|e| e["action"] == "withdrawn"),
        "no withdrawn event"
    );
    // Final now.
    assert_error(
        &h.withdraw(&parent, &id).await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    assert_error(
        &decide(&h, &school, &id, accept()).await,
        409,
        "invalid_status",
        Lang::Ru,
    );
    // The same child may apply again.
    let (s, again) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "apply again after withdrawal: {again}");
    // The withdrawn application left the queue: the new one can be decided.
    decided(&h, &school, &str_field(&again, "id"), accept()).await;
}

async fn withdraw_on_signing_frees_the_seat(h: Harness) {
    let school = h.school().await;
    let (parent, child, id) = applied(&h, &school).await;
    decided(&h, &school, &id, accept()).await;
    assert_eq!(free_total(&h, &school).await, 39);
    let (s, b) = h.withdraw(&parent, &id).await;
    assert_eq!(s, 200, "withdraw: {b}");
    assert_eq!(b["status"], "withdrawn");
    assert_eq!(free_total(&h, &school).await, 40);
    // Nothing left to sign.
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
    let (s, again) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "apply again: {again}");
}
