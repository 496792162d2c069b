//! A staff member never decides, signs or returns an application of their own: as its
//! applicant, or as a legal representative of the child by the population register (403
//! `conflict_of_interest`).

use super::*;

scenarios!(staff_never_decide_for_their_own_child);

async fn staff_never_decide_for_their_own_child(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let director = &school.director;
    let executor = hire_executor(&h, &school).await;

    // A mother applies; the executor is the child's father by the register.
    let mother = h.person("Айгерим Нурланова").await;
    let docs = h.upload_documents(&mother.token).await;
    let body = application(&org, &new_child(), &docs);
    let child = str_field(&body["child"], "iin");
    h.register_child(&child, &[&mother, &executor], None).await;
    let (s, first) = h.submit(Some(&mother.token), &body).await;
    assert_eq!(s, 201, "{first}");

    // The director applies for their own child to their own school.
    let docs = h.upload_documents(&director.token).await;
    let body = application(&org, &new_child(), &docs);
    h.register_applicant(&body, director).await;
    let (s, own) = h.submit(Some(&director.token), &body).await;
    assert_eq!(s, 201, "{own}");

    let refusal = reject("non_compliance");
    let resp = decide(&h, &executor.token, &org, &first, &refusal).await;
    assert_error(&resp, 403, "conflict_of_interest", Lang::Ru);
    let (s, got) = decide(&h, &director.token, &org, &first, &refusal).await;
    assert_eq!(s, 200, "another staff member decides it: {got}");
    // The decision names who took it, by the name of their identity token.
    assert_eq!(
        got["decision"]["decided_by_name"],
        director.name.as_str(),
        "{got}"
    );

    let resp = decide(&h, &director.token, &org, &own, &refusal).await;
    assert_error(&resp, 403, "conflict_of_interest", Lang::Ru);
    let (s, got) = decide(&h, &executor.token, &org, &own, &refusal).await;
    assert_eq!(s, 200, "the executor decides the director's child: {got}");
    // Nothing was recorded by the refused attempts.
    let history = history_actions(&h, director, &own).await;
    assert_eq!(
        history.iter().filter(|(a, _)| a == "decided").count(),
        1,
        "{history:?}"
    );

    // Nor does the director sign or return the decision on their own child.
    let key = h.director_key(&school, "ecdsa").await;
    let own_id = str_field(&own, "id");
    let resp = h.sign_with(&school, &own_id, &key).await;
    assert_error(&resp, 403, "conflict_of_interest", Lang::Ru);
    let resp = h
        .post(
            &app_path(&org, &own_id, "return"),
            Some(&director.token),
            &json!({"comment": "Проверьте"}),
        )
        .await;
    assert_error(&resp, 403, "conflict_of_interest", Lang::Ru);
    assert_eq!(
        h.read_application(&director.token, &own_id).await["status"],
        "on_signing"
    );
    // The other child's decision the director signs.
    h.signed(&school, &str_field(&first, "id"), &key).await;
}
