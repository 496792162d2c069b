//! Privileges: the applicant changes one (back to the department), the region's education
//! department confirms or refuses it.

use super::*;

scenarios!(the_applicant_changes_the_privilege);

async fn the_applicant_changes_the_privilege(h: Harness) {
    h.set_clock(NOW).await;
    let mother = h.person("Жеңілдік Ана").await;
    let kid = child("2021-12-12", false);
    let proof = privilege_proof(&h, &mother).await;
    let app = registered(&h, &mother, &with_privilege(&kid, "first_priority", &proof)).await;
    let id = str_field(&app, "id");
    assert_eq!(app["privilege"]["category"], "first_priority", "{app}");
    assert_eq!(app["privilege"]["status"], "pending", "{app}");
    assert_eq!(
        app["privilege"]["document"]["file_id"],
        proof.as_str(),
        "{app}"
    );
    assert_eq!(
        app["privilege"]["document"]["sha256"]
            .as_str()
            .map(str::len),
        Some(64),
        "{app}"
    );
    // Until confirmed the child queues without it.
    assert_eq!(position(&h, &mother, &id).await, (1, 0));

    // «Изменить льготность»: another category and document, pending again.
    let proof2 = privilege_proof(&h, &mother).await;
    let path = app_path(&id, "/privilege");
    let change = json!({"privilege": "extraordinary",
        "privilege_document": {"kind": "privilege_proof", "file_id": proof2}});
    let (s, changed) = h.post(&path, Some(&mother.token), &change).await;
    assert_eq!(s, 200, "{changed}");
    assert_eq!(
        changed["privilege"]["category"], "extraordinary",
        "{changed}"
    );
    assert_eq!(changed["privilege"]["status"], "pending", "{changed}");
    assert_eq!(changed["privilege"]["document"]["file_id"], proof2.as_str());
    assert!(
        changed["changed_at"].as_str() > app["changed_at"].as_str(),
        "{changed}"
    );
    // Without a document: refused; to none: no claim, no document.
    let resp = h
        .post(
            &path,
            Some(&mother.token),
            &json!({"privilege": "first_priority"}),
        )
        .await;
    assert_error(&resp, 422, "missing_document", Lang::Ru);
    assert_eq!(resp.1["error"]["field"], "privilege_document");
    let (s, none) = h
        .post(&path, Some(&mother.token), &json!({"privilege": "none"}))
        .await;
    assert_eq!(s, 200, "{none}");
    assert_eq!(none["privilege"]["status"], "not_claimed", "{none}");
    assert_eq!(none["privilege"]["document"], Value::Null, "{none}");
    // Someone else: 404; out of the queue: invalid_status.
    let stranger = h.person("Бөгде").await;
    let resp = h.post(&path, Some(&stranger.token), &change).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    let (s, _) = h
        .post(&app_path(&id, "/leave"), Some(&mother.token), &json!({}))
        .await;
    assert_eq!(s, 200);
    let resp = h.post(&path, Some(&mother.token), &change).await;
    assert_error(&resp, 409, "invalid_status", Lang::Ru);
}
