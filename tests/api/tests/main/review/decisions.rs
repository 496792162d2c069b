//! Decisions in strict queue order under the 3:1 quota, what a decision request must carry,
//! transport, and the microdistrict child accepted beyond the outside quota.

use super::*;

scenarios!(
    quota_and_order,
    decision_rules,
    transport,
    microdistrict_passes_after_outside_quota,
);

/// Seed 001: a limit of 40 seats leaves 10 to children outside the microdistrict. Decisions go
/// strictly in queue order; the 11th outside acceptance finds the quota exhausted.
async fn quota_and_order(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = school.director.token.clone();
    let l = h.limit_of(&school).await;
    assert_eq!((n(&l, "seats"), n(&l, "quota_outside")), (40, 10), "{l}");

    let (parent, apps) = submit_n(&h, &org, 12).await;
    for a in &apps {
        assert_eq!(a["admission_type"], "outside", "{a}");
    }

    // Out of order: the first is still «На проверке».
    let resp = decide(&h, &dir, &org, &apps[1], &accept()).await;
    let msg = assert_error(&resp, 409, "queue_order_violated", Lang::Ru);
    assert_eq!(msg, ORDER_MESSAGE);
    assert_error(
        &h.request(
            Method::POST,
            &app_path(&org, &str_field(&apps[1], "id"), "decision"),
            Some(&dir),
            Body::Json(&accept()),
            Some("kk"),
        )
        .await,
        409,
        "queue_order_violated",
        Lang::Kk,
    );

    // The first is refused on a ground, the next ten accepted in order.
    let (s, first) = decide(&h, &dir, &org, &apps[0], &reject("unreliable_documents")).await;
    assert_eq!(s, 200, "reject: {first}");
    assert_eq!(first["status"], "on_signing", "{first}");
    assert_eq!(first["decision"]["decision"], "reject", "{first}");
    assert_eq!(
        first["decision"]["reason"], "unreliable_documents",
        "{first}"
    );
    assert_eq!(
        first["decision"]["decided_by"],
        school.director.iin.as_str(),
        "{first}"
    );
    assert_eq!(first["decision"]["decided_role"], "director", "{first}");
    time_plus5(&first["decision"], "decided_at");
    for (i, app) in apps[1..=10].iter().enumerate() {
        let (s, got) = decide(&h, &dir, &org, app, &accept()).await;
        assert_eq!(s, 200, "accept #{}: {got}", i + 1);
        assert_eq!(got["status"], "on_signing", "{got}");
        assert_eq!(got["decision"]["decision"], "accept", "{got}");
    }
    let l = h.limit_of(&school).await;
    assert_eq!(
        (n(&l, "taken_outside"), n(&l, "free_outside")),
        (10, 0),
        "{l}"
    );

    // The 11th outside acceptance: the quota is exhausted; the application stays in review.
    assert_error(
        &decide(&h, &dir, &org, &apps[11], &accept()).await,
        409,
        "limit_exhausted",
        Lang::Ru,
    );
    let (s, still) = h
        .get(
            &format!("/api/applications/{}", str_field(&apps[11], "id")),
            Some(&dir),
        )
        .await;
    assert_eq!((s, still["status"].as_str()), (200, Some("in_review")));
    let (s, refused) = decide(&h, &dir, &org, &apps[11], &reject("classes_overfilled")).await;
    assert_eq!(s, 200, "{refused}");
    assert_eq!(n(&h.limit_of(&school).await, "taken_outside"), 10);

    // ...while a child of the microdistrict is still accepted.
    h.attach(&school, "astana-e117").await;
    let (s, local) = h.apply_at(&parent, &org, Some("astana-e117-37")).await;
    assert_eq!(s, 201, "{local}");
    assert_eq!(local["admission_type"], "microdistrict", "{local}");
    let (s, got) = decide(&h, &dir, &org, &local, &accept()).await;
    assert_eq!(s, 200, "the microdistrict child: {got}");
    let l = h.limit_of(&school).await;
    assert_eq!(
        (
            n(&l, "taken_outside"),
            n(&l, "taken_microdistrict"),
            n(&l, "free_outside")
        ),
        (10, 1, 0),
        "{l}"
    );

    // A decided application is no longer in review.
    assert_error(
        &decide(&h, &dir, &org, &apps[1], &reject("non_compliance")).await,
        409,
        "invalid_status",
        Lang::Ru,
    );

    // The decision is in the history, with its ground.
    let events = history_actions(&h, &school.director, &apps[0]).await;
    assert!(
        events
            .iter()
            .any(|(a, c)| a == "decided" && c.contains("unreliable_documents")),
        "{events:?}"
    );
}

/// What a decision request must carry.
async fn decision_rules(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = school.director.token.clone();
    let (_, apps) = submit_n(&h, &org, 1).await;
    let app = &apps[0];

    for body in [
        json!({"decision": "reject"}),
        json!({"decision": "reject", "reason": ""}),
        json!({"decision": "reject", "reason": "no_reason_at_all"}),
    ] {
        assert_error(
            &decide(&h, &dir, &org, app, &body).await,
            422,
            "reason_required",
            Lang::Ru,
        );
    }
    assert_error(
        &decide(
            &h,
            &dir,
            &org,
            app,
            &json!({"decision": "accept", "reason": "non_compliance"}),
        )
        .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &decide(&h, &dir, &org, app, &json!({"decision": "maybe"})).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    // No transport was asked for: a transport answer is refused, not silently dropped.
    assert_error(
        &decide(
            &h,
            &dir,
            &org,
            app,
            &json!({"decision": "accept", "transport": "approved"}),
        )
        .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    let (s, b) = h
        .request(
            Method::POST,
            &app_path(&org, &str_field(app, "id"), "decision"),
            Some(&dir),
            Body::Raw(b"{\"decision\":", "application/json"),
            None,
        )
        .await;
    assert_eq!(s, 400, "{b}");
    assert_error(
        &h.post(
            &format!("/api/orgs/{org}/applications/no-such-app/decision"),
            Some(&dir),
            &accept(),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    // Every refusal ground is one of the seven codes.
    let (s, got) = decide(
        &h,
        &dir,
        &org,
        app,
        &json!({"decision": "reject", "reason": "no_personal_data_consent", "comment": "  "}),
    )
    .await;
    assert_eq!(s, 200, "{got}");
    assert!(got["decision"]["comment"].is_null(), "{got}");
    // Nothing was taken by a refusal.
    let l = h.limit_of(&school).await;
    assert_eq!(n(&l, "taken_outside") + n(&l, "taken_microdistrict"), 0);
}

/// Seed 001 «Подвоз»: when the parent asked and the school provides it, the transport answer
/// comes with the decision.
async fn transport(h: Harness) {
    let school = h
        .school_with(|org| org["provides_transport"] = json!(true))
        .await;
    let org = school.org_id.clone();
    let dir = school.director.token.clone();
    let parent = h.person("Айгүл Сейтқалиева").await;
    let docs = h.upload_documents(&parent.token).await;
    let mut body = application(&org, &new_child(), &docs);
    body["transport_requested"] = json!(true);
    h.register_applicant(&body, &parent).await;
    let (s, asked) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{asked}");
    let body = application(&org, &new_child(), &docs);
    h.register_applicant(&body, &parent).await;
    let (s, not_asked) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{not_asked}");

    assert_error(
        &decide(&h, &dir, &org, &asked, &accept()).await,
        422,
        "transport_decision_required",
        Lang::Ru,
    );
    // Transport goes with an acceptance only: a refusal takes no transport answer.
    assert_error(
        &decide(
            &h,
            &dir,
            &org,
            &asked,
            &json!({"decision": "reject", "reason": "non_compliance", "transport": "denied"}),
        )
        .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    let (s, got) = decide(
        &h,
        &dir,
        &org,
        &asked,
        &json!({"decision": "accept", "transport": "approved"}),
    )
    .await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["decision"]["transport"], "approved", "{got}");

    // The parent did not ask: no transport answer.
    assert_error(
        &decide(
            &h,
            &dir,
            &org,
            &not_asked,
            &json!({"decision": "accept", "transport": "denied"}),
        )
        .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    let (s, got) = decide(&h, &dir, &org, &not_asked, &accept()).await;
    assert_eq!(s, 200, "{got}");
    assert!(got["decision"]["transport"].is_null(), "{got}");

    // A third child asked for transport and is refused: no transport answer is needed.
    let mut body = application(&org, &new_child(), &docs);
    body["transport_requested"] = json!(true);
    h.register_applicant(&body, &parent).await;
    let (s, refused) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{refused}");
    let (s, got) = decide(
        &h,
        &dir,
        &org,
        &refused,
        &json!({"decision": "reject", "reason": "non_compliance"}),
    )
    .await;
    assert_eq!(s, 200, "{got}");
    assert!(got["decision"]["transport"].is_null(), "{got}");
}

/// Seed 001: a microdistrict child is accepted even when the outside quota is exhausted.
/// Needs the microdistrict use case (attach a street; submission finds the address in it).
async fn microdistrict_passes_after_outside_quota(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = school.director.token.clone();
    // 4 seats: one for outside children, three for the microdistrict.
    let (s, l) = h
        .put(
            &format!("/api/orgs/{org}/limits/{}", school.limit_id),
            Some(&dir),
            &json!({"seats": 4, "classes": 1}),
        )
        .await;
    assert_eq!(s, 200, "{l}");
    assert_eq!(n(&l, "quota_outside"), 1, "{l}");
    h.attach(&school, "astana-e117").await;

    let (parent, outside) = submit_n(&h, &org, 2).await;
    let (s, local) = h.apply_at(&parent, &org, Some("astana-e117-37")).await;
    assert_eq!(s, 201, "{local}");
    assert_eq!(local["admission_type"], "microdistrict", "{local}");

    let (s, b) = decide(&h, &dir, &org, &outside[0], &accept()).await;
    assert_eq!(s, 200, "{b}");
    assert_error(
        &decide(&h, &dir, &org, &outside[1], &accept()).await,
        409,
        "limit_exhausted",
        Lang::Ru,
    );
    let (s, b) = decide(&h, &dir, &org, &outside[1], &reject("classes_overfilled")).await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = decide(&h, &dir, &org, &local, &accept()).await;
    assert_eq!(s, 200, "the microdistrict child: {b}");
    let l = h.limit_of(&school).await;
    assert_eq!(
        (n(&l, "taken_outside"), n(&l, "taken_microdistrict")),
        (1, 1),
        "{l}"
    );
}
