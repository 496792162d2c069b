//! «Назначить ответственного» for several applications at once (seed 002), and the names the
//! assignment and the history carry.

use super::*;

scenarios!(
    assign_many_reports_each,
    assign_many_checks,
    names_in_assignee_and_history
);

fn outcome<'a>(got: &'a Value, id: &str) -> &'a Value {
    got["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["id"] == id))
        .unwrap_or_else(|| panic!("no outcome of {id} in {got}"))
}

/// How many `assigned` events the application's history holds.
async fn assigned_events(h: &Harness, who: &Person, app: &Value) -> usize {
    history_actions(h, who, app)
        .await
        .iter()
        .filter(|(a, _)| a == "assigned")
        .count()
}

/// A mix of applications: assigned where it may be, refused (with its code) where not, each
/// on its own; repeating the request assigns nothing twice.
async fn assign_many_reports_each(h: Harness) {
    let school = h.school().await;
    let other = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    let executor = h.person("Сейтова Динара").await;
    h.hire(&school, &executor, "deputy_director", &["executor"])
        .await;
    let (_, apps) = submit_n(&h, &org, 3).await;
    let (_, elsewhere) = submit_n(&h, &other.org_id, 1).await;
    // The first is decided: no longer «На проверке».
    let (s, _) = decide(&h, &dir.token, &org, &apps[0], &accept()).await;
    assert_eq!(s, 200);
    let id = |a: &Value| str_field(a, "id");
    let body = json!({
        "application_ids": [id(&apps[0]), id(&apps[1]), id(&apps[2]), id(&elsewhere[0]),
                            "no-such-application", id(&apps[1])],
        "executor_iin": executor.iin,
    });

    let (s, got) = assign_many(&h, dir, &org, &body, Some("kk")).await;
    assert_eq!(s, 200, "{got}");
    let items = got["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 5, "a repeated id counts once: {got}");
    assert_eq!(
        items.iter().map(|i| str_field(i, "id")).collect::<Vec<_>>(),
        vec![
            id(&apps[0]),
            id(&apps[1]),
            id(&apps[2]),
            id(&elsewhere[0]),
            "no-such-application".to_string()
        ],
        "in the order asked"
    );
    for (app, code) in [
        (id(&apps[0]), "invalid_status"),
        (id(&elsewhere[0]), "not_found"),
        ("no-such-application".to_string(), "not_found"),
    ] {
        let o = outcome(&got, &app);
        assert_eq!(
            (o["result"].as_str(), o["code"].as_str()),
            (Some("refused"), Some(code)),
            "{o}"
        );
        let message = o["message"].as_str().unwrap_or_default();
        assert!(has_kazakh_letter(message), "{o}");
    }
    for app in [&apps[1], &apps[2]] {
        let o = outcome(&got, &id(app));
        assert_eq!(o["result"], "assigned", "{o}");
        assert!(o["code"].is_null(), "{o}");
        let read = h.read_application(&dir.token, &id(app)).await;
        assert_eq!(read["assignee_iin"], executor.iin.as_str(), "{read}");
        assert_eq!(read["assignee_name"], "Сейтова Динара", "{read}");
        assert_eq!(assigned_events(&h, dir, app).await, 1);
    }
    // Refused ones are untouched.
    let read = h.read_application(&dir.token, &id(&apps[0])).await;
    assert!(read["assignee_iin"].is_null(), "{read}");
    assert_eq!(assigned_events(&h, dir, &apps[0]).await, 0);
    let read = h
        .read_application(&other.director.token, &id(&elsewhere[0]))
        .await;
    assert!(read["assignee_iin"].is_null(), "{read}");

    // The same request again: assigned, nothing written twice.
    let (s, again) = assign_many(&h, dir, &org, &body, None).await;
    assert_eq!(s, 200, "{again}");
    assert_eq!(outcome(&again, &id(&apps[1]))["result"], "assigned");
    assert_eq!(assigned_events(&h, dir, &apps[1]).await, 1);
    let o = outcome(&again, &id(&apps[0]));
    assert!(
        has_cyrillic(o["message"].as_str().unwrap_or_default()),
        "{o}"
    );

    // Another responsible replaces the first; the director may name themself.
    let (s, got) = assign_many(
        &h,
        dir,
        &org,
        &json!({"application_ids": [id(&apps[2])], "executor_iin": dir.iin}),
        None,
    )
    .await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(outcome(&got, &id(&apps[2]))["result"], "assigned");
    let read = h.read_application(&dir.token, &id(&apps[2])).await;
    assert_eq!(read["assignee_iin"], dir.iin.as_str(), "{read}");
    assert_eq!(read["assignee_name"], dir.name.as_str(), "{read}");
    assert_eq!(assigned_events(&h, dir, &apps[2]).await, 2);
}

/// Who may assign, whom, and how many at once.
async fn assign_many_checks(h: Harness) {
    let school = h.school().await;
    let other = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    let executor = h.person("Исполнитель Ерланов").await;
    let oso = h.person("Оспанов Осо").await;
    h.hire(&school, &executor, "teacher", &["executor"]).await;
    h.hire(&school, &oso, "methodologist", &["oso"]).await;
    let (parent, apps) = submit_n(&h, &org, 1).await;
    let ids = json!([str_field(&apps[0], "id")]);
    let body = |iin: &str| json!({"application_ids": ids, "executor_iin": iin});

    // Only the director assigns (seed 002: «Руководитель назначает ответственного»).
    for who in [&executor, &oso, &other.director, &parent] {
        assert_error(
            &assign_many(&h, who, &org, &body(&executor.iin), None).await,
            403,
            "forbidden",
            Lang::Ru,
        );
    }
    assert_unauthorized(
        &h.post(
            &format!("/api/orgs/{org}/applications/assign"),
            None,
            &body(&executor.iin),
        )
        .await,
    );

    // The responsible is an executor (or the director) of this school.
    for iin in [&oso.iin, &parent.iin, &other.director.iin] {
        let resp = assign_many(&h, dir, &org, &body(iin), None).await;
        assert_error(&resp, 422, "validation_failed", Lang::Ru);
        assert_eq!(error_field(&resp), "executor_iin");
    }
    let resp = assign_many(&h, dir, &org, &body("123456789012"), Some("kk")).await;
    assert_error(&resp, 422, "invalid_iin", Lang::Kk);
    assert_eq!(error_field(&resp), "executor_iin");

    // One to fifty applications.
    let many: Vec<String> = (0..51).map(|n| format!("app-{n}")).collect();
    for ids in [json!([]), json!([""]), json!(many)] {
        let resp = assign_many(
            &h,
            dir,
            &org,
            &json!({"application_ids": ids, "executor_iin": executor.iin}),
            None,
        )
        .await;
        assert_error(&resp, 422, "validation_failed", Lang::Ru);
        assert_eq!(error_field(&resp), "application_ids");
    }
    let (s, got) = assign_many(
        &h,
        dir,
        &org,
        &json!({"application_ids": many[..50], "executor_iin": executor.iin}),
        None,
    )
    .await;
    assert_eq!(s, 200, "{got}");
    assert!(
        got["items"]
            .as_array()
            .is_some_and(|i| i.len() == 50 && i.iter().all(|o| o["code"] == "not_found")),
        "{got}"
    );
    assert_error(
        &assign_many(&h, dir, &org, &json!({"executor_iin": executor.iin}), None).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &assign_many(&h, dir, &org, &json!({"application_ids": "x"}), None).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
}

/// Names lead: the responsible's in the application and the journal, who acted in the history.
async fn names_in_assignee_and_history(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    me_signs_in(&h, dir).await;
    let executor = h.person("Бекенова Асемгүл").await;
    h.hire(&school, &executor, "secretary", &["executor"]).await;
    let (parent, apps) = submit_n(&h, &org, 1).await;
    let id = str_field(&apps[0], "id");

    let (s, got) = h
        .put(
            &app_path(&org, &id, "assignee"),
            Some(&dir.token),
            &json!({"iin": executor.iin}),
        )
        .await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["assignee_name"], "Бекенова Асемгүл", "{got}");
    let (s, list) = journal(&h, dir, &org, "").await;
    assert_eq!(s, 200);
    assert_eq!(
        list["items"][0]["assignee_name"], "Бекенова Асемгүл",
        "{list}"
    );
    let read = h.read_application(&dir.token, &id).await;
    assert_eq!(read["assignee_name"], "Бекенова Асемгүл", "{read}");

    let (s, got) = decide(&h, &executor.token, &org, &apps[0], &accept()).await;
    assert_eq!(s, 200, "{got}");
    let history = h.history(&dir.token, &id).await;
    let event = |action: &str| {
        history
            .iter()
            .find(|e| e["action"] == action)
            .unwrap_or_else(|| panic!("no {action} in {history:?}"))
            .clone()
    };
    let submitted = event("submitted");
    assert_eq!(submitted["actor_name"], parent.name.as_str(), "{submitted}");
    let assigned = event("assigned");
    assert_eq!(
        (assigned["actor"].as_str(), assigned["actor_name"].as_str()),
        (Some(dir.iin.as_str()), Some(dir.name.as_str())),
        "{assigned}"
    );
    assert_eq!(assigned["comment"], "Бекенова Асемгүл", "{assigned}");
    let decided = event("decided");
    assert_eq!(
        (decided["actor"].as_str(), decided["actor_name"].as_str()),
        (Some(executor.iin.as_str()), Some("Бекенова Асемгүл")),
        "{decided}"
    );
}
