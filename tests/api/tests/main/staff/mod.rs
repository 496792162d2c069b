//! Black-box tests of the staff use case («Персонал»): the director invites by IIN, the person
//! consents, the membership is active only then; listing, declining, removing, authorisation;
//! positions from the reference list and names (`names`). Each scenario runs on both stores
//! (see `main.rs`).

use api_tests::*;

mod names;

scenarios!(
    invite_accept_and_remove,
    decline,
    cancel_invitation,
    authorisation_and_validation,
    concurrent_invitations_share_one_consent,
);

async fn me(h: &Harness, who: &Person) -> Value {
    let (s, me) = h.get("/api/me", Some(&who.token)).await;
    assert_eq!(s, 200, "GET /api/me: {me}");
    me
}

/// The person's roles in the organisation per `/api/me` (None: not a member).
async fn roles_in(h: &Harness, who: &Person, org_id: &str) -> Option<Vec<String>> {
    let me = me(h, who).await;
    me["memberships"].as_array()?.iter().find_map(|m| {
        (m["org_id"] == org_id).then(|| {
            m["roles"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .filter_map(|r| r.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

async fn staff(h: &Harness, who: &Person, org_id: &str) -> Vec<Value> {
    let (s, list) = h
        .get(&format!("/api/orgs/{org_id}/staff"), Some(&who.token))
        .await;
    assert_eq!(s, 200, "staff list: {list}");
    assert!(list["next_page_token"].is_null(), "{list}");
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {list}"))
        .clone()
}

fn status_of(list: &[Value], iin: &str) -> Option<String> {
    list.iter()
        .find(|m| m["iin"] == iin)
        .map(|m| str_field(m, "status"))
}

async fn limits_status(h: &Harness, who: &Person, org_id: &str) -> u16 {
    h.get(
        &format!("/api/orgs/{org_id}/limits?academic_year={YEAR}"),
        Some(&who.token),
    )
    .await
    .0
}

// ---------------------------------------------------------------------------------------------

async fn invite_accept_and_remove(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let oso = h.person("Сәуле Осо").await;

    let (s, inv) = h
        .invite(&school, &oso.iin, "Заместитель директора", &["oso"])
        .await;
    assert_eq!(s, 202, "invite: {inv}");
    assert_eq!(inv["status"], "awaiting_consent", "{inv}");
    assert_eq!(inv["iin"], oso.iin.as_str(), "{inv}");
    assert_eq!(inv["position"], "deputy_director", "{inv}");
    assert_eq!(inv["roles"], json!(["oso"]), "{inv}");
    let consent_id = str_field(&inv, "consent_id");

    // Inviting again while pending keeps the same consent and takes the new details.
    let (s, again) = h.invite(&school, &oso.iin, "methodologist", &["oso"]).await;
    assert_eq!(s, 202, "re-invite: {again}");
    assert_eq!(again["consent_id"], consent_id.as_str(), "{again}");
    assert_eq!(again["position"], "methodologist", "{again}");

    // The person sees what they are asked to consent to.
    let m = me(&h, &oso).await;
    let pending = m["pending_consents"]
        .as_array()
        .unwrap_or_else(|| panic!("no pending_consents in {m}"));
    assert_eq!(pending.len(), 1, "{m}");
    assert_eq!(pending[0]["id"], consent_id.as_str(), "{m}");
    assert_eq!(pending[0]["org_id"], org.as_str(), "{m}");
    assert_eq!(pending[0]["roles"], json!(["oso"]), "{m}");
    assert_eq!(pending[0]["position"], "methodologist", "{m}");
    assert!(pending[0]["org_name"]["ru"].is_string(), "{m}");
    assert_eq!(roles_in(&h, &oso, &org).await, None);

    // No consent, no access.
    assert_eq!(limits_status(&h, &oso, &org).await, 403);
    assert_error(
        &h.get(&format!("/api/orgs/{org}/staff"), Some(&oso.token))
            .await,
        403,
        "forbidden",
        Lang::Ru,
    );

    // The director sees the invitee as awaiting consent, and themself as active.
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(
        status_of(&list, &oso.iin).as_deref(),
        Some("awaiting_consent"),
        "{list:?}"
    );
    assert_eq!(
        status_of(&list, &school.director.iin).as_deref(),
        Some("active"),
        "{list:?}"
    );
    let entry = list.iter().find(|m| m["iin"] == oso.iin.as_str()).unwrap();
    assert_eq!(entry["consent_id"], consent_id.as_str(), "{entry}");

    // Only the invited person can answer.
    let stranger = h.person("Бөгде Адам").await;
    assert_error(
        &h.answer_consent(&stranger, &consent_id, true).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.answer_consent(&school.director, &consent_id, true).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.answer_consent(&oso, "no-such-consent", true).await,
        404,
        "not_found",
        Lang::Ru,
    );

    let (s, member) = h.answer_consent(&oso, &consent_id, true).await;
    assert_eq!(s, 200, "accept: {member}");
    assert_eq!(member["status"], "active", "{member}");
    assert_eq!(member["org_id"], org.as_str(), "{member}");
    assert_eq!(member["roles"], json!(["oso"]), "{member}");
    // Answered once.
    assert_error(
        &h.answer_consent(&oso, &consent_id, true).await,
        404,
        "not_found",
        Lang::Ru,
    );

    let m = me(&h, &oso).await;
    assert_eq!(m["pending_consents"], json!([]), "{m}");
    assert_eq!(
        roles_in(&h, &oso, &org).await,
        Some(vec!["oso".to_string()])
    );
    assert_eq!(limits_status(&h, &oso, &org).await, 200);
    // Seed 001 gives the oso «Лимиты классов» and «Микроучасток», not the staff.
    assert_error(
        &h.get(&format!("/api/orgs/{org}/staff"), Some(&oso.token))
            .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(
        status_of(&list, &oso.iin).as_deref(),
        Some("active"),
        "{list:?}"
    );
    assert!(list.iter().all(|m| m["consent_id"].is_null()), "{list:?}");
    let other = adult_iin();
    assert_error(
        &h.post(
            &format!("/api/orgs/{org}/staff"),
            Some(&oso.token),
            &json!({"iin": other, "position": "teacher", "roles": ["executor"]}),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );

    // An active member is not invited again.
    assert_error(
        &h.invite(&school, &oso.iin, "Завуч", &["oso", "executor"])
            .await,
        409,
        "invalid_status",
        Lang::Ru,
    );

    // Removal ends the access.
    let (s, removed) = h
        .delete(
            &format!("/api/orgs/{org}/staff/{}", oso.iin),
            Some(&school.director.token),
        )
        .await;
    assert_eq!(s, 200, "remove: {removed}");
    assert_eq!(limits_status(&h, &oso, &org).await, 403);
    assert_eq!(roles_in(&h, &oso, &org).await, None);
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(status_of(&list, &oso.iin), None, "{list:?}");
    assert_error(
        &h.delete(
            &format!("/api/orgs/{org}/staff/{}", oso.iin),
            Some(&school.director.token),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );

    // Removed people can be invited again.
    let (s, inv) = h.invite(&school, &oso.iin, "Завуч", &["executor"]).await;
    assert_eq!(s, 202, "invite again: {inv}");
    assert_ne!(inv["consent_id"], consent_id.as_str(), "{inv}");
}

async fn decline(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let person = h.person("Ерлан Бас тартқан").await;
    let (s, inv) = h
        .invite(&school, &person.iin, "Учитель", &["executor", "oso"])
        .await;
    assert_eq!(s, 202, "invite: {inv}");
    assert_eq!(inv["roles"], json!(["executor", "oso"]), "{inv}");
    let consent_id = str_field(&inv, "consent_id");

    let (s, b) = h.answer_consent(&person, &consent_id, false).await;
    assert_eq!(s, 200, "decline: {b}");
    assert_eq!(b["status"], "declined", "{b}");

    let m = me(&h, &person).await;
    assert_eq!(m["pending_consents"], json!([]), "{m}");
    assert_eq!(roles_in(&h, &person, &org).await, None);
    assert_eq!(limits_status(&h, &person, &org).await, 403);
    assert_error(
        &h.answer_consent(&person, &consent_id, true).await,
        404,
        "not_found",
        Lang::Ru,
    );
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(status_of(&list, &person.iin), None, "{list:?}");
    // A malformed answer is refused without touching anything.
    let (s, inv) = h
        .invite(&school, &person.iin, "Учитель", &["executor"])
        .await;
    assert_eq!(s, 202, "{inv}");
    let consent_id = str_field(&inv, "consent_id");
    assert_error(
        &h.post(
            &format!("/api/me/consents/{consent_id}"),
            Some(&person.token),
            &json!({"accept": "yes"}),
        )
        .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_eq!(
        me(&h, &person).await["pending_consents"][0]["id"],
        consent_id.as_str()
    );
}

async fn cancel_invitation(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let person = h.person("Айдос Шақырылған").await;
    let (s, inv) = h
        .invite(&school, &person.iin, "Учитель", &["executor"])
        .await;
    assert_eq!(s, 202, "invite: {inv}");
    let consent_id = str_field(&inv, "consent_id");

    let (s, b) = h
        .delete(
            &format!("/api/orgs/{org}/staff/{}", person.iin),
            Some(&school.director.token),
        )
        .await;
    assert_eq!(s, 200, "cancel: {b}");
    assert_eq!(me(&h, &person).await["pending_consents"], json!([]));
    assert_error(
        &h.answer_consent(&person, &consent_id, true).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_eq!(roles_in(&h, &person, &org).await, None);
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(status_of(&list, &person.iin), None, "{list:?}");
}

async fn authorisation_and_validation(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let executor = h.person("Орындаушы Исполнителев").await;
    h.hire(&school, &executor, "Учитель", &["executor"]).await;
    assert_eq!(
        roles_in(&h, &executor, &org).await,
        Some(vec!["executor".to_string()])
    );

    // The staff list is the director's: an executor neither reads it, nor adds, nor removes.
    assert_error(
        &h.get(&format!("/api/orgs/{org}/staff"), Some(&executor.token))
            .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(
        status_of(&list, &executor.iin).as_deref(),
        Some("active"),
        "{list:?}"
    );
    let body = json!({"iin": adult_iin(), "position": "Учитель", "roles": ["oso"]});
    assert_error(
        &h.post(
            &format!("/api/orgs/{org}/staff"),
            Some(&executor.token),
            &body,
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &h.delete(
            &format!("/api/orgs/{org}/staff/{}", school.director.iin),
            Some(&executor.token),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );

    // Another school's director has no say here.
    let other = h.school().await;
    assert_error(
        &h.post(
            &format!("/api/orgs/{org}/staff"),
            Some(&other.director.token),
            &body,
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &h.get(
            &format!("/api/orgs/{org}/staff"),
            Some(&other.director.token),
        )
        .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &h.get(&format!("/api/orgs/{org}/staff"), None).await,
        401,
        "unauthorized",
        Lang::Ru,
    );

    // Validation.
    assert_error(
        &h.invite(&school, INVALID_IIN, "Учитель", &["oso"]).await,
        422,
        "invalid_iin",
        Lang::Ru,
    );
    assert_error(
        &h.invite(&school, &school.director.iin, "Учитель", &["oso"])
            .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    let someone = adult_iin();
    for roles in [&[][..], &["director"][..], &["admin", "oso"][..]] {
        assert_error(
            &h.invite(&school, &someone, "Учитель", roles).await,
            422,
            "validation_failed",
            Lang::Ru,
        );
    }
    assert_error(
        &h.invite(&school, &someone, "Учитель", &["janitor"]).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &h.invite(&school, &someone, " ", &["oso"]).await,
        422,
        "validation_failed",
        Lang::Ru,
    );

    // The director stays; unknown people are not found.
    assert_error(
        &h.delete(
            &format!("/api/orgs/{org}/staff/{}", school.director.iin),
            Some(&school.director.token),
        )
        .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &h.delete(
            &format!("/api/orgs/{org}/staff/{someone}"),
            Some(&school.director.token),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
}

async fn concurrent_invitations_share_one_consent(h: Harness) {
    let school = h.school().await;
    let person = adult_iin();
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let api = h.api.clone();
        let school = school.clone();
        let person = person.clone();
        set.spawn(async move { api.invite(&school, &person, "Учитель", &["executor"]).await });
    }
    let mut ids = std::collections::BTreeSet::new();
    while let Some(r) = set.join_next().await {
        let (s, b) = r.expect("join");
        assert_eq!(s, 202, "{b}");
        ids.insert(str_field(&b, "consent_id"));
    }
    assert_eq!(ids.len(), 1, "one pending consent per person: {ids:?}");
    let list = staff(&h, &school.director, &school.org_id).await;
    let pending: Vec<_> = list
        .iter()
        .filter(|m| m["iin"] == person.as_str())
        .collect();
    assert_eq!(pending.len(), 1, "{list:?}");
}
