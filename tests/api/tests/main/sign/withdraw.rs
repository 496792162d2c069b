//! The applicant withdraws an application in review or on signing.

use api_tests::*;

use super::{applied, decide, decided, free_total};

scenarios!(withdraw_in_review, withdraw_on_signing_frees_the_seat);

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
