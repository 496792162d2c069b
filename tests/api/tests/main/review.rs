//! Black-box tests of the review use case (seed 001 «Рассмотрение заявки», seed 002 «Журнал
//! заявлений»): the journal and its filters, assigning the responsible, decisions in strict
//! queue order, the 3:1 quota, transport, and the races a decision must survive.
//!
//! Each scenario is instantiated for both stores by `scenarios!` (see main.rs).

use api_tests::*;

scenarios!(
    quota_and_order,
    decision_rules,
    transport,
    authorisation,
    staff_roles,
    journal_filters,
    assignee,
    concurrent_decisions_on_one_application,
    limit_edits_race_accepts,
    microdistrict_passes_after_outside_quota,
);

const ORDER_MESSAGE: &str =
    "Нарушена очередность, есть более ранние заявки в статусе «На проверке»";

// --------------------------------------------------------------------------------- helpers

/// Submits `n` applications of distinct children to the school, one after another (so their
/// queue order is their index), by one parent whose documents are uploaded once.
async fn submit_n(h: &Harness, org_id: &str, n: usize) -> (Person, Vec<Value>) {
    let parent = h.person("Сәуле Ахметова").await;
    let docs = h.upload_documents(&parent.token).await;
    let mut apps = Vec::new();
    for _ in 0..n {
        let (s, app) = h
            .submit(
                Some(&parent.token),
                &application(org_id, &new_child(), &docs),
            )
            .await;
        assert_eq!(s, 201, "submit: {app}");
        apps.push(app);
    }
    (parent, apps)
}

/// The decision `body` on `app` (an application as answered) as `token`.
async fn decide(h: &Api, token: &str, org_id: &str, app: &Value, body: &Value) -> (u16, Value) {
    h.decide(token, org_id, &str_field(app, "id"), body).await
}

fn reject(reason: &str) -> Value {
    json!({"decision": "reject", "reason": reason, "comment": "Проверено"})
}

fn n(v: &Value, field: &str) -> u64 {
    v[field]
        .as_u64()
        .unwrap_or_else(|| panic!("no integer {field} in {v}"))
}

async fn journal(h: &Harness, who: &Person, org_id: &str, query: &str) -> (u16, Value) {
    h.get(
        &format!("/api/orgs/{org_id}/applications?{query}"),
        Some(&who.token),
    )
    .await
}

/// The ids of a journal answer, asserting 200.
#[track_caller]
fn ids(resp: &(u16, Value)) -> Vec<String> {
    assert_eq!(resp.0, 200, "journal: {}", resp.1);
    api_tests::ids(&resp.1)
}

/// The `(action, comment)` of each event in the application's history, as `who` reads it.
async fn history_actions(h: &Harness, who: &Person, app: &Value) -> Vec<(String, String)> {
    h.history(&who.token, &str_field(app, "id"))
        .await
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or("").to_string(),
                e["comment"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

// ------------------------------------------------------------------------------- scenarios

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
    let (s, asked) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "{asked}");
    let (s, not_asked) = h
        .submit(Some(&parent.token), &application(&org, &new_child(), &docs))
        .await;
    assert_eq!(s, 201, "{not_asked}");

    assert_error(
        &decide(&h, &dir, &org, &asked, &accept()).await,
        422,
        "transport_decision_required",
        Lang::Ru,
    );
    assert_error(
        &decide(
            &h,
            &dir,
            &org,
            &asked,
            &json!({"decision": "reject", "reason": "non_compliance"}),
        )
        .await,
        422,
        "transport_decision_required",
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
    assert_eq!(
        (s, got["assignee_iin"].as_str()),
        (200, Some(dir.iin.as_str()))
    );
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

/// 50 concurrent acceptances of one application: exactly one wins, one seat is taken.
async fn concurrent_decisions_on_one_application(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let (_, apps) = submit_n(&h, &org, 1).await;
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let api = h.api.clone();
        let token = school.director.token.clone();
        let org = org.clone();
        let app = apps[0].clone();
        tasks.push(tokio::spawn(async move {
            decide(&api, &token, &org, &app, &accept()).await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let (s, b) = t.await.expect("task");
        match s {
            200 => ok += 1,
            409 => assert_eq!(b["error"]["code"], "invalid_status", "{b}"),
            _ => panic!("unexpected {s} {b}"),
        }
    }
    assert_eq!(ok, 1, "exactly one decision wins");
    let l = h.limit_of(&school).await;
    assert_eq!(
        (n(&l, "taken_outside"), n(&l, "taken_microdistrict")),
        (1, 0),
        "{l}"
    );
    let events = history_actions(&h, &school.director, &apps[0]).await;
    assert_eq!(
        events.iter().filter(|(a, _)| a == "decided").count(),
        1,
        "{events:?}"
    );
}

/// The director cuts and restores seats while an executor accepts in order: the seats never
/// fall below the seats taken, and no acceptance exceeds the outside quota of the moment.
async fn limit_edits_race_accepts(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let (_, apps) = submit_n(&h, &org, 10).await;

    let editor = {
        let api = h.api.clone();
        let token = school.director.token.clone();
        let path = format!("/api/orgs/{org}/limits/{}", school.limit_id);
        tokio::spawn(async move {
            let mut applied = 0;
            for seats in [12, 8, 4, 16, 6, 3, 20, 5, 2, 24, 7, 4, 28, 9, 1, 32] {
                let (s, b) = api
                    .put(&path, Some(&token), &json!({"seats": seats, "classes": 1}))
                    .await;
                match s {
                    200 => {
                        applied += 1;
                        let taken = b["taken_outside"].as_u64().unwrap_or(0)
                            + b["taken_microdistrict"].as_u64().unwrap_or(0);
                        assert!(taken <= seats, "{b}");
                    }
                    409 => assert_eq!(b["error"]["code"], "seats_below_accepted", "{b}"),
                    _ => panic!("limit edit: {s} {b}"),
                }
            }
            applied
        })
    };
    let mut accepted = 0u64;
    for app in &apps {
        let (s, b) = decide(&h, &school.director.token, &org, app, &accept()).await;
        match s {
            200 => accepted += 1,
            409 if b["error"]["code"] == "limit_exhausted" => {
                let (s, b) = decide(
                    &h,
                    &school.director.token,
                    &org,
                    app,
                    &reject("classes_overfilled"),
                )
                .await;
                assert_eq!(s, 200, "{b}");
            }
            _ => panic!("accept: {s} {b}"),
        }
    }
    let applied = editor.await.expect("editor");
    assert!(applied >= 1, "no limit edit applied");
    let l = h.limit_of(&school).await;
    let taken = n(&l, "taken_outside") + n(&l, "taken_microdistrict");
    assert_eq!(n(&l, "taken_outside"), accepted, "{l}");
    assert!(taken <= n(&l, "seats"), "seats below taken: {l}");
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
