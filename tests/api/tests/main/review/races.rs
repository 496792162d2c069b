//! The races a decision must survive: concurrent decisions on one application, and limit
//! edits racing acceptances.

use super::*;

scenarios!(
    concurrent_decisions_on_one_application,
    limit_edits_race_accepts,
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
