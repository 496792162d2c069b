//! The journal and its filters, who may reach it and act in it, and assigning the responsible
//! executor.

use super::*;

scenarios!(journal_filters, authorisation, staff_roles, assignee,);

/// Seed 002 «Журнал заявлений»: filters by status, search by number, IIN and name, pages.
async fn journal_filters(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    let (parent, apps) = submit_n(&h, &org, 5).await;
    let all: Vec<String> = apps.iter().map(|a| str_field(a, "id")).collect();

    // Queue order, all of them.
    assert_eq!(ids(&journal(&h, dir, &org, "").await), all);
    let (s, page) = journal(&h, dir, &org, "").await;
    assert_eq!(s, 200);
    assert!(page["next_page_token"].is_null(), "{page}");

    // Decide the first two (reject, then accept): statuses split.
    let (s, _) = decide(&h, &dir.token, &org, &apps[0], &reject("non_compliance")).await;
    assert_eq!(s, 200);
    let (s, _) = decide(&h, &dir.token, &org, &apps[1], &accept()).await;
    assert_eq!(s, 200);
    assert_eq!(
        ids(&journal(&h, dir, &org, "status=on_signing").await),
        all[..2].to_vec()
    );
    assert_eq!(
        ids(&journal(&h, dir, &org, "status=in_review").await),
        all[2..].to_vec()
    );
    assert_eq!(
        ids(&journal(
            &h,
            dir,
            &org,
            "status=in_review&admission_type=outside&overdue=false"
        )
        .await),
        all[2..].to_vec()
    );
    assert!(ids(&journal(&h, dir, &org, "admission_type=microdistrict").await).is_empty());
    assert!(ids(&journal(&h, dir, &org, "overdue=true").await).is_empty());

    // Search: by number, by the child's IIN, by name (any case), by the applicant's name.
    let third = &apps[2];
    let number = n(third, "number");
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("q={number}")).await),
        vec![all[2].clone()]
    );
    let iin = third["child"]["iin"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(iin.len(), 12, "{third}");
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("q={iin}")).await),
        vec![all[2].clone()]
    );
    let surname = third["child"]["last_name"]
        .as_str()
        .unwrap_or_default()
        .to_uppercase();
    let found = ids(&journal(&h, dir, &org, &format!("q={surname}")).await);
    assert!(found.contains(&all[2]), "{found:?}");
    let applicant = parent
        .name
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("q={applicant}")).await),
        all
    );
    assert!(ids(&journal(&h, dir, &org, "q=000000000000").await).is_empty());

    // Pages of two: every application once, in order, the last page without a token.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &token {
            Some(t) => format!("limit=2&page_token={t}"),
            None => "limit=2".to_string(),
        };
        let resp = journal(&h, dir, &org, &q).await;
        seen.extend(ids(&resp));
        pages += 1;
        assert!(pages <= 4, "too many pages");
        match resp.1["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, all);
    // Filtered pages resume after the last examined application.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..6 {
        let q = match &token {
            Some(t) => format!("status=in_review&limit=1&page_token={t}"),
            None => "status=in_review&limit=1".to_string(),
        };
        let resp = journal(&h, dir, &org, &q).await;
        seen.extend(ids(&resp));
        match resp.1["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, all[2..].to_vec());

    // Submission range: dates are Almaty days, instants are RFC 3339.
    let submitted = time_plus5(&apps[0], "submitted_at");
    let day = submitted.date_naive();
    let next = day.succ_opt().unwrap_or(day);
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("from={day}&to={day}")).await),
        all
    );
    assert!(ids(&journal(&h, dir, &org, &format!("from={next}")).await).is_empty());
    let third_at = time_plus5(third, "submitted_at").to_rfc3339();
    let enc = third_at.replace('+', "%2B");
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("from={enc}")).await),
        all[2..].to_vec()
    );
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("to={enc}")).await),
        all[..3].to_vec()
    );
    assert!(ids(&journal(&h, dir, &org, &format!("from={next}&to={day}")).await).is_empty());

    // Bad filter values.
    for q in [
        "status=done",
        "admission_type=abroad",
        "overdue=maybe",
        "from=yesterday",
        "to=2026-02-30",
        "limit=0",
        "limit=500",
        "page_token=not-a-token",
    ] {
        assert_error(
            &journal(&h, dir, &org, q).await,
            422,
            "validation_failed",
            Lang::Ru,
        );
    }
}

/// Staff act only in their own organisation; parents never reach the journal.
async fn authorisation(h: Harness) {
    let school = h.school().await;
    let other = h.school().await;
    let org = school.org_id.clone();
    let (parent, apps) = submit_n(&h, &org, 1).await;
    let app = &apps[0];

    // The other school's director: no role in this school → 403; this application through
    // their own school → 404 (its existence is not disclosed).
    assert_error(
        &decide(&h, &other.director.token, &org, app, &accept()).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &decide(&h, &other.director.token, &other.org_id, app, &accept()).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.put(
            &app_path(&other.org_id, &str_field(app, "id"), "assignee"),
            Some(&other.director.token),
            &json!({"iin": other.director.iin}),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &journal(&h, &other.director, &org, "").await,
        403,
        "forbidden",
        Lang::Ru,
    );
    // The other school's journal does not list it.
    assert!(ids(&journal(&h, &other.director, &other.org_id, "").await).is_empty());

    // The parent decides nothing and reads no journal.
    assert_error(
        &decide(&h, &parent.token, &org, app, &accept()).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &journal(&h, &parent, &org, "").await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_unauthorized(&h.get(&format!("/api/orgs/{org}/applications"), None).await);
    assert_unauthorized(
        &h.post(
            &app_path(&org, &str_field(app, "id"), "decision"),
            None,
            &accept(),
        )
        .await,
    );

    // Nothing happened to it.
    let (s, got) = h
        .get(
            &format!("/api/applications/{}", str_field(app, "id")),
            Some(&parent.token),
        )
        .await;
    assert_eq!((s, got["status"].as_str()), (200, Some("in_review")));
}

/// The oso takes no part in processing (seed 001: «В процессе отработки заявок он не
/// участвует»): no journal, no documents, no decision; an executor decides; only the director
/// assigns, and only an executor (or the director) can be assigned. Needs the staff use case.
async fn staff_roles(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let oso = h.person("Оспанов Осо").await;
    let executor = h.person("Исполнитель Ерланов").await;
    h.hire(&school, &oso, "Учитель", &["oso"]).await;
    h.hire(&school, &executor, "Учитель", &["executor"]).await;
    let (_, apps) = submit_n(&h, &org, 2).await;

    assert_error(
        &journal(&h, &oso, &org, "").await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_eq!(ids(&journal(&h, &executor, &org, "").await).len(), 2);
    let id = str_field(&apps[0], "id");
    let file_id = str_field(&apps[0]["documents"][0], "file_id");
    let document = format!("/api/applications/{id}/documents/{file_id}");
    assert_error(
        &h.get(&document, Some(&oso.token)).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    let (s, link) = h.get(&document, Some(&executor.token)).await;
    assert_eq!(s, 200, "{link}");
    assert_error(
        &decide(&h, &oso.token, &org, &apps[0], &accept()).await,
        403,
        "forbidden",
        Lang::Ru,
    );

    let assign = |who: &Person, app: &Value, iin: &str| {
        let path = app_path(&org, &str_field(app, "id"), "assignee");
        let token = who.token.clone();
        let body = json!({ "iin": iin });
        let api = h.api.clone();
        async move { api.put(&path, Some(&token), &body).await }
    };
    assert_error(
        &assign(&executor, &apps[0], &executor.iin).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &assign(&school.director, &apps[0], &oso.iin).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    let (s, got) = assign(&school.director, &apps[0], &executor.iin).await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["assignee_iin"], executor.iin.as_str(), "{got}");

    // The executor decides, as executor.
    let (s, got) = decide(&h, &executor.token, &org, &apps[0], &accept()).await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["decision"]["decided_role"], "executor", "{got}");
    assert_eq!(
        got["decision"]["decided_by"],
        executor.iin.as_str(),
        "{got}"
    );
    assert_eq!(got["assignee_iin"], executor.iin.as_str(), "{got}");
}

/// Seed 002 «Назначить ответственного»: the director names the responsible executor.
async fn assignee(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    let (parent, apps) = submit_n(&h, &org, 1).await;
    let path = app_path(&org, &str_field(&apps[0], "id"), "assignee");

    // The director holds the executor's role, so may be the responsible.
    let (s, got) = h
        .put(&path, Some(&dir.token), &json!({"iin": dir.iin}))
        .await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["assignee_iin"], dir.iin.as_str(), "{got}");
    let (s, got) = h
        .get(
            &format!("/api/applications/{}", str_field(&apps[0], "id")),
            Some(&parent.token),
        )
        .await;
    // The responsible is the school's business, not the parent's.
    assert_eq!((s, got["assignee_iin"].as_str()), (200, None), "{got}");
    let got = h
        .read_application(&dir.token, &str_field(&apps[0], "id"))
        .await;
    assert_eq!(got["assignee_iin"], dir.iin.as_str(), "{got}");
    let events = history_actions(&h, dir, &apps[0]).await;
    assert!(events.iter().any(|(a, _)| a == "assigned"), "{events:?}");

    // Not a member, a bad IIN, the wrong shape.
    assert_error(
        &h.put(&path, Some(&dir.token), &json!({"iin": parent.iin}))
            .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &h.put(&path, Some(&dir.token), &json!({"iin": "061211600013"}))
            .await,
        422,
        "invalid_iin",
        Lang::Ru,
    );
    assert_error(
        &h.put(&path, Some(&dir.token), &json!({})).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &h.put(&path, Some(&parent.token), &json!({"iin": dir.iin}))
            .await,
        403,
        "forbidden",
        Lang::Ru,
    );
}
