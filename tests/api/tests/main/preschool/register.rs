//! Registration: its numbers and the queue positions (per locality and birth year, moving
//! when a child ahead leaves), who may register which child, the checks of the body, one
//! active application per child, also when twenty registrations race.

use super::*;

scenarios!(
    numbers_and_positions,
    who_and_what_is_refused,
    the_race_for_one_child
);

async fn numbers_and_positions(h: Harness) {
    h.set_clock(NOW).await;
    let mother = h.person("Ахметова Айгүл").await;
    let other = h.person("Серікова Дана").await;
    // Born in 2020: the demo seed's kindergartens publish no places for that group.
    let first = child("2020-03-14", false);
    let app = registered(&h, &mother, &registration(&first)).await;

    let number = str_field(&app, "number");
    let digits: Vec<&str> = number.split('.').collect();
    assert_eq!(digits[..2], ["УО", "2026"], "{number}");
    assert!(
        digits[2].len() == 6 && digits[2].chars().all(|c| c.is_ascii_digit()),
        "{number}"
    );
    assert_eq!(digits[3], "1", "the child's first registration: {number}");
    assert_eq!(app["state"], "in_queue", "{app}");
    assert_eq!(app["registered_at"], app["queued_since"], "{app}");
    assert_eq!(app["changed_at"], app["registered_at"], "{app}");
    time_plus5(&app, "registered_at");
    assert_eq!(app["privilege"]["status"], "not_claimed", "{app}");
    assert_eq!(
        app["position"],
        json!({"number": 1, "privileged": 0}),
        "{app}"
    );
    assert_eq!(app["region"], "astana", "{app}");
    assert_eq!(app["child"]["iin"], first.iin.as_str(), "{app}");
    // The register's relation and the caller's name; the phone normalised.
    assert_eq!(app["applicant"]["relation"], "mother", "{app}");
    assert_eq!(app["applicant"]["full_name"], "Ахметова Айгүл", "{app}");
    assert_eq!(app["applicant"]["phone"], "+77011234567", "{app}");
    // At 6 the child could choose, but no kindergarten has published places.
    assert_eq!(app["choice_blocked"], "no_free_places", "{app}");
    let first_id = str_field(&app, "id");

    // A second child of the same locality and birth year queues behind; the region's
    // running number goes on.
    let second = registered(&h, &other, &registration(&child("2020-11-02", true))).await;
    assert_eq!(second["position"], json!({"number": 2, "privileged": 0}));
    assert_ne!(second["number"], app["number"]);
    let second_id = str_field(&second, "id");
    // Another birth year has its own queue, as has another locality.
    let younger = registered(&h, &mother, &registration(&child("2023-07-01", true))).await;
    assert_eq!(younger["position"]["number"], 1, "{younger}");
    // At 2 years 11 months a child may not choose a kindergarten yet.
    assert_eq!(
        younger["choice_blocked"], "too_young_to_choose",
        "{younger}"
    );
    // (Karaganda's 2022 queue holds the demo seed's child.)
    let mut elsewhere = registration(&child("2023-05-05", true));
    elsewhere["locality_id"] = json!("karaganda");
    let elsewhere = registered(&h, &other, &elsewhere).await;
    assert_eq!(elsewhere["position"]["number"], 1, "{elsewhere}");
    assert_eq!(elsewhere["region"], "karaganda", "{elsewhere}");
    assert!(str_field(&elsewhere, "number").starts_with("УО.2026."));
    // The demo seed registered its Karaganda child through the same endpoint.
    let demo = h.login_as("940707405115", "Қасымова Гүлнар").await;
    let (s, theirs) = h.get(APPLICATIONS, Some(&demo.token)).await;
    assert_eq!(s, 200, "{theirs}");
    assert_eq!(
        theirs["items"][0]["child"]["iin"], "220930605110",
        "{theirs}"
    );
    assert_eq!(theirs["items"][0]["state"], "in_queue", "{theirs}");

    // The mother's list: hers only, newest first, each with its position.
    let (s, mine) = h.get(APPLICATIONS, Some(&mother.token)).await;
    assert_eq!(s, 200, "{mine}");
    assert_eq!(ids(&mine), [str_field(&younger, "id"), first_id.clone()]);
    assert_eq!(mine["items"][1]["position"]["number"], 1, "{mine}");
    // Someone else's application does not exist for her.
    assert_eq!(read(&h, &mother, &second_id, "").await.0, 404);
    assert_unauthorized(&h.get(APPLICATIONS, None).await);

    // The first child leaves the queue: the second moves up.
    let (s, left) = h
        .post(
            &app_path(&first_id, "/leave"),
            Some(&mother.token),
            &json!({}),
        )
        .await;
    assert_eq!(s, 200, "{left}");
    assert_eq!(
        (&left["state"], &left["removal"]),
        (&json!("removed"), &json!("by_applicant"))
    );
    assert_eq!(left["position"], Value::Null, "{left}");
    assert_eq!(position(&h, &other, &second_id).await, (1, 0));
    // Leaving twice, or someone else's application: refused.
    let again = h
        .post(
            &app_path(&first_id, "/leave"),
            Some(&mother.token),
            &json!({}),
        )
        .await;
    assert_error(&again, 409, "invalid_status", Lang::Ru);
    let theirs = h
        .post(
            &app_path(&second_id, "/leave"),
            Some(&mother.token),
            &json!({}),
        )
        .await;
    assert_error(&theirs, 404, "not_found", Lang::Ru);

    // Off the queue, the child may be registered again: its second registration, at the end.
    let (s, back) = register_as(&h, &mother, &registration(&first), false).await;
    assert_eq!(s, 201, "{back}");
    assert!(str_field(&back, "number").ends_with(".2"), "{back}");
    assert_eq!(back["position"]["number"], 2, "{back}");
}

async fn who_and_what_is_refused(h: Harness) {
    h.set_clock(NOW).await;
    let mother = h.person("Нұрланова Әсем").await;
    let stranger = h.person("Бөгде Адам").await;
    let kid = child("2021-09-09", true);
    h.register_child(&kid.iin, &[&mother], None).await;
    let body = registration(&kid);

    // Not a legal representative by the register: 403, in Russian and Kazakh; an unknown
    // child alike.
    let refused = |resp: &(u16, Value), lang| {
        assert_error(resp, 403, "not_legal_representative", lang);
        assert_eq!(resp.1["error"]["field"], "child.iin", "{}", resp.1);
    };
    refused(&register_as(&h, &stranger, &body, false).await, Lang::Ru);
    refused(&register_as(&h, &stranger, &body, true).await, Lang::Kk);
    let unknown = registration(&child("2021-10-10", false));
    refused(&register_as(&h, &stranger, &unknown, false).await, Lang::Ru);

    // Each bad field named.
    let field = |resp: &(u16, Value), status, code: &str, field: &str| {
        assert_error(resp, status, code, Lang::Ru);
        assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
    };
    let seven = child("2019-05-20", false);
    h.register_child(&seven.iin, &[&mother], None).await;
    let resp = register_as(&h, &mother, &registration(&seven), false).await;
    field(&resp, 422, "not_preschool_age", "child.birth_date");
    let resp = register_as(&h, &mother, &registration(&seven), true).await;
    assert_error(&resp, 422, "not_preschool_age", Lang::Kk);
    let mut bad = body.clone();
    bad["child"]["sex"] = json!("female");
    field(
        &register_as(&h, &mother, &bad, false).await,
        422,
        "iin_mismatch",
        "child.sex",
    );
    let mut bad = body.clone();
    bad["child"]["iin"] = json!(INVALID_IIN);
    field(
        &register_as(&h, &mother, &bad, false).await,
        422,
        "invalid_iin",
        "child.iin",
    );
    let mut bad = body.clone();
    bad["phone"] = json!("12");
    field(
        &register_as(&h, &mother, &bad, false).await,
        422,
        "validation_failed",
        "phone",
    );
    let mut bad = body.clone();
    bad["language"] = json!("de");
    field(
        &register_as(&h, &mother, &bad, false).await,
        422,
        "validation_failed",
        "language",
    );
    let mut bad = body.clone();
    bad["locality_id"] = json!("atlantis");
    field(
        &register_as(&h, &mother, &bad, false).await,
        404,
        "not_found",
        "locality_id",
    );

    // A privilege needs its document: the caller's own, uploaded, of its kind.
    let mut bad = body.clone();
    bad["privilege"] = json!("first_priority");
    let resp = register_as(&h, &mother, &bad, false).await;
    field(&resp, 422, "missing_document", "privilege_document");
    let resp = register_as(&h, &mother, &bad, true).await;
    assert_error(&resp, 422, "missing_document", Lang::Kk);
    let foreign = privilege_proof(&h, &stranger).await;
    let body_foreign = with_privilege(&kid, "extraordinary", &foreign);
    let resp = register_as(&h, &mother, &body_foreign, false).await;
    field(&resp, 422, "document_not_found", "privilege_document");
    let (s, f) = h
        .create_file(&mother.token, "privilege_proof", "application/pdf", 3000)
        .await;
    assert_eq!(s, 201, "{f}");
    let not_uploaded = str_field(&f, "file_id");
    let body_missing = with_privilege(&kid, "extraordinary", &not_uploaded);
    let resp = register_as(&h, &mother, &body_missing, false).await;
    field(&resp, 422, "document_not_found", "privilege_document");
    let photo = h
        .upload(&mother.token, "photo", "image/jpeg", &fake_jpeg(1500))
        .await;
    let mut wrong_kind = with_privilege(&kid, "extraordinary", &photo);
    wrong_kind["privilege_document"]["kind"] = json!("photo");
    let resp = register_as(&h, &mother, &wrong_kind, false).await;
    field(&resp, 422, "validation_failed", "privilege_document.kind");
    // None of it registered anything.
    let (_, mine) = h.get(APPLICATIONS, Some(&mother.token)).await;
    assert_eq!(mine["items"], json!([]), "{mine}");

    // Registered once; a second time (by either parent) → already_in_queue.
    let father = h.person("Нұрланов Ерлан").await;
    h.register_child(&kid.iin, &[&mother, &father], None).await;
    let (s, app) = register_as(&h, &mother, &body, false).await;
    assert_eq!(s, 201, "{app}");
    let resp = register_as(&h, &father, &body, false).await;
    field(&resp, 409, "already_in_queue", "child.iin");
    let resp = register_as(&h, &mother, &body, true).await;
    assert_error(&resp, 409, "already_in_queue", Lang::Kk);
}

async fn the_race_for_one_child(h: Harness) {
    h.set_clock(NOW).await;
    let mother = h.person("Жарыс Ана").await;
    let kid = child("2022-08-08", false);
    h.register_child(&kid.iin, &[&mother], None).await;
    let body = registration(&kid);
    let attempts = (0..20).map(|_| {
        let (api, mother, body) = (h.api.clone(), mother.clone(), body.clone());
        tokio::spawn(async move { register_as(&api, &mother, &body, false).await })
    });
    let mut created = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        let resp = attempt.await.expect("task");
        match resp.0 {
            201 => created += 1,
            _ => {
                assert_error(&resp, 409, "already_in_queue", Lang::Ru);
            }
        }
    }
    assert_eq!(created, 1, "exactly one of twenty registrations");
    let (_, mine) = h.get(APPLICATIONS, Some(&mother.token)).await;
    assert_eq!(ids(&mine).len(), 1, "{mine}");
    assert_eq!(mine["items"][0]["position"]["number"], 1, "{mine}");
}
