//! The races a decision must survive: concurrent decisions on one application, limit edits
//! racing acceptances, and returns racing decisions on the school's queue.

use super::*;

scenarios!(
    concurrent_decisions_on_one_application,
    limit_edits_race_accepts,
    queue_order_holds_when_returns_race_decisions,
);

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

/// Seed 001's strict order is the school's (one queue per year and grade across languages),
/// and holds when the director returns decisions while executors decide: rounds of 50
/// concurrent decisions on the heads of the queue, with returns interleaved. Every change of
/// the queue is recorded with the queue version it moved to; replayed in that order, each
/// decision was taken on the earliest application then «На проверке».
async fn queue_order_holds_when_returns_race_decisions(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = school.director.token.clone();
    let (s, kk) = h.create_limit(&dir, &org, "kk", 40, 2).await;
    assert_eq!(s, 201, "{kk}");
    let parent = h.person("Сәуле Ахметова").await;
    let docs = h.upload_documents(&parent.token).await;
    let mut apps = Vec::new();
    for i in 0..10 {
        let mut body = application(&org, &new_child(), &docs);
        body["language"] = json!(if i % 2 == 0 { "ru" } else { "kk" });
        h.register_applicant(&body, &parent).await;
        let (s, app) = h.submit(Some(&parent.token), &body).await;
        assert_eq!(s, 201, "submit: {app}");
        apps.push(str_field(&app, "id"));
    }
    // Submitted one after another: the queue order is the index. A round can decide nothing
    // (a return put an application ahead of every head it raced for): rounds go on until
    // enough of both happened, not for a fixed count, so a slow machine does not fail it.
    let (mut decided, mut returned) = (0, 0);
    for round in 0..24 {
        if decided >= 8 && returned >= 4 {
            break;
        }
        let mut open = Vec::new();
        for id in &apps {
            let app = h.read_application(&dir, id).await;
            open.push((id.clone(), app["status"].as_str().unwrap_or("").to_string()));
        }
        let heads: Vec<String> = open
            .iter()
            .filter(|(_, s)| s == "in_review")
            .take(3)
            .map(|(id, _)| id.clone())
            .collect();
        let signing: Vec<String> = open
            .iter()
            .filter(|(_, s)| s == "on_signing")
            .map(|(id, _)| id.clone())
            .collect();
        if heads.is_empty() {
            break;
        }
        let mut deciders = Vec::new();
        for i in 0..50 {
            let (api, token, org) = (h.api.clone(), dir.clone(), org.clone());
            let id = heads[i % heads.len()].clone();
            deciders.push(tokio::spawn(async move {
                let body = reject("non_compliance");
                api.decide(&token, &org, &id, &body).await
            }));
        }
        // The director sends back the decisions awaiting signature, racing the deciders
        // (the later ones first: each goes back to its place ahead of the heads).
        let mut returners = Vec::new();
        for id in signing.iter().rev().take(1 + round % 2) {
            let (api, token) = (h.api.clone(), dir.clone());
            let path = app_path(&org, id, "return");
            returners.push(tokio::spawn(async move {
                api.post(
                    &path,
                    Some(&token),
                    &json!({"comment": "Проверьте документы"}),
                )
                .await
            }));
        }
        for t in deciders {
            let (s, b) = t.await.expect("decider");
            match (s, b["error"]["code"].as_str()) {
                (200, _) => decided += 1,
                (409, Some("invalid_status" | "queue_order_violated")) => {}
                _ => panic!("decision: {s} {b}"),
            }
        }
        for t in returners {
            let (s, b) = t.await.expect("returner");
            match s {
                200 => returned += 1,
                409 => assert_eq!(b["error"]["code"], "invalid_status", "{b}"),
                _ => panic!("return: {s} {b}"),
            }
        }
    }
    assert!(
        decided >= 8 && returned >= 4,
        "decided {decided}, returned {returned}"
    );

    // Replay the queue's changes in the order of its versions.
    let mut changes = Vec::new();
    for (position, id) in apps.iter().enumerate() {
        for e in h.history(&dir, id).await {
            if let Some(v) = e["queue_version"].as_u64() {
                changes.push((v, position, e["action"].as_str().unwrap_or("").to_string()));
            }
        }
    }
    changes.sort();
    let versions: Vec<u64> = changes.iter().map(|c| c.0).collect();
    let mut unique = versions.clone();
    unique.dedup();
    assert_eq!(
        unique, versions,
        "two changes on one queue version: {changes:?}"
    );
    assert_eq!(changes.len(), decided + returned, "{changes:?}");
    let mut in_review: std::collections::BTreeSet<usize> = (0..apps.len()).collect();
    for (v, position, action) in &changes {
        match action.as_str() {
            "decided" => {
                assert_eq!(
                    in_review.first(),
                    Some(position),
                    "version {v}: application {position} decided while {in_review:?} were in review"
                );
                in_review.remove(position);
            }
            "returned" => {
                in_review.insert(*position);
            }
            other => panic!("unexpected queue change {other}"),
        }
    }
}
