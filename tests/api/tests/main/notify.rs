//! Black-box tests of notifications (API.md `GET /api/me/notifications`,
//! `POST /api/me/notifications/{id}/read`, `/api/me` `notifications_unread`, the dev SMS sink):
//! the outbox written with each state change reaches the parent or the executor through the
//! queue and the `notify` consumer, each scenario on both stores.

use std::time::Duration;

use api_tests::*;

scenarios!(
    submit_notifies_the_parent,
    signed_decision_notifies_the_parent,
    return_notifies_the_executor,
    notifications_are_private,
    queue_outage_loses_nothing,
);

// ---------------------------------------------------------------------------------------------
// helpers

async fn unread(h: &Harness, who: &Person) -> u64 {
    let (s, me) = h.get("/api/me", Some(&who.token)).await;
    assert_eq!(s, 200, "me: {me}");
    me["notifications_unread"]
        .as_u64()
        .unwrap_or_else(|| panic!("no notifications_unread in {me}"))
}

async fn sms(h: &Harness) -> Vec<Value> {
    let (s, b) = h.get("/api/dev/sms", None).await;
    assert_eq!(s, 200, "dev sms: {b}");
    b["items"].as_array().cloned().unwrap_or_default()
}

/// A parent applies for a fresh child; returns (parent, application id, number).
async fn applied(h: &Harness, school: &School) -> (Person, String, u64) {
    let (parent, _, app) = h.applied(school).await;
    let number = app["number"].as_u64().expect("number");
    (parent, str_field(&app, "id"), number)
}

/// `who` accepts the application, asserting it is then `on_signing`.
async fn decide(h: &Harness, school: &School, who: &Person, id: &str) {
    h.decided(&who.token, &school.org_id, id, &accept()).await;
}

/// The director signs the decision on the application with `key`, asserting 200; the answer.
async fn sign(h: &Harness, school: &School, key: &KeyBundle, id: &str) -> Value {
    h.signed(school, id, key).await
}

fn text<'a>(notice: &'a Value, lang: &str) -> &'a str {
    notice["text"][lang]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} text in {notice}"))
}

// ---------------------------------------------------------------------------------------------
// scenarios

async fn submit_notifies_the_parent(h: Harness) {
    let school = h.school().await;
    let (parent, id, number) = applied(&h, &school).await;

    let items = h.notices(&parent, 1).await;
    assert_eq!(items.len(), 1, "{items:?}");
    let n = &items[0];
    let no = format!("№{number}");
    assert!(text(n, "ru").contains(&no), "{n}");
    assert!(text(n, "kk").contains(&no), "{n}");
    assert!(has_kazakh_letter(text(n, "kk")), "{n}");
    assert_eq!(n["application_id"], id.as_str(), "{n}");
    assert_eq!(n["read"], false, "{n}");
    assert!(n["id"].is_string() && n["at"].is_string(), "{n}");
    assert_eq!(unread(&h, &parent).await, 1);

    // One SMS to the parent's phone, naming the application.
    let sent: Vec<Value> = sms(&h)
        .await
        .into_iter()
        .filter(|s| s["text"].as_str().is_some_and(|t| t.contains(&no)))
        .collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["to"], "+77011234567");

    // Mark read → unread 0; again → still 0 (idempotent).
    let notice_id = str_field(n, "id");
    let path = format!("/api/me/notifications/{notice_id}/read");
    let (s, b) = h.post(&path, Some(&parent.token), &json!({})).await;
    assert_eq!(s, 200, "read: {b}");
    assert_eq!(b["read"], true, "{b}");
    assert_eq!(unread(&h, &parent).await, 0);
    let (s, _) = h.post(&path, Some(&parent.token), &json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(unread(&h, &parent).await, 0);
    let items = h.notices(&parent, 1).await;
    assert_eq!(items[0]["read"], true);
}

async fn signed_decision_notifies_the_parent(h: Harness) {
    let school = h.school().await;
    let (parent, id, number) = applied(&h, &school).await;
    h.notices(&parent, 1).await;
    decide(&h, &school, &school.director, &id).await;

    let key = h.director_key(&school, "ecdsa").await;
    let b = sign(&h, &school, &key, &id).await;
    assert_eq!(b["status"], "accepted", "{b}");

    // Newest first: the decision, then the receipt.
    let items = h.notices(&parent, 2).await;
    assert_eq!(items.len(), 2, "{items:?}");
    let decided = &items[0];
    assert!(text(decided, "kk").contains("Қабылданды"), "{decided}");
    assert!(text(decided, "ru").contains("Принято"), "{decided}");
    assert!(
        text(decided, "kk").contains(&format!("№{number}")),
        "{decided}"
    );
    assert_eq!(unread(&h, &parent).await, 2);
    // Two SMS for this application: the receipt and the decision.
    let no = format!("№{number}");
    let sent = sms(&h)
        .await
        .into_iter()
        .filter(|s| s["text"].as_str().is_some_and(|t| t.contains(&no)))
        .count();
    assert_eq!(sent, 2);
    // Paging: one per page, the token leads to the older one.
    let (s, b) = h
        .get("/api/me/notifications?limit=1", Some(&parent.token))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(b["items"][0]["id"], decided["id"]);
    let token = str_field(&b, "next_page_token");
    let (s, b) = h
        .get(
            &format!("/api/me/notifications?limit=1&page_token={token}"),
            Some(&parent.token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["items"][0]["id"], items[1]["id"], "{b}");
    assert!(b["next_page_token"].is_null(), "{b}");
}

async fn return_notifies_the_executor(h: Harness) {
    let school = h.school().await;
    let exec = hire_executor(&h, &school).await;
    let (parent, id, number) = applied(&h, &school).await;
    decide(&h, &school, &exec, &id).await;
    let (s, b) = h
        .post(
            &app_path(&school.org_id, &id, "return"),
            Some(&school.director.token),
            &json!({"comment": "Проверьте адрес регистрации"}),
        )
        .await;
    assert_eq!(s, 200, "return: {b}");
    assert_eq!(b["status"], "in_review", "{b}");

    let items = h.notices(&exec, 1).await;
    assert_eq!(items.len(), 1, "{items:?}");
    let n = &items[0];
    for lang in ["kk", "ru"] {
        assert!(text(n, lang).contains("Проверьте адрес регистрации"), "{n}");
        assert!(text(n, lang).contains(&format!("№{number}")), "{n}");
    }
    assert_eq!(unread(&h, &exec).await, 1);
    // The parent got only the receipt; the director nothing.
    assert_eq!(h.notices(&parent, 1).await.len(), 1);
    let (s, b) = h
        .get("/api/me/notifications", Some(&school.director.token))
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["items"].as_array().map(Vec::len), Some(0), "{b}");
}

async fn notifications_are_private(h: Harness) {
    let school = h.school().await;
    let (parent, _, _) = applied(&h, &school).await;
    let items = h.notices(&parent, 1).await;
    let notice_id = str_field(&items[0], "id");
    let other = h.person("Бөтен Адам").await;
    let path = format!("/api/me/notifications/{notice_id}/read");
    assert_error(
        &h.post(&path, Some(&other.token), &json!({})).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.post(
            "/api/me/notifications/no-such-id/read",
            Some(&parent.token),
            &json!({}),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_unauthorized(&h.get("/api/me/notifications", None).await);
    assert_eq!(unread(&h, &parent).await, 1);
    assert_eq!(unread(&h, &other).await, 0);
}

/// The outage: the queue is unreachable while 20 decisions are signed; nothing is
/// told then, nothing is lost: once the queue is back and the outbox relay runs, there are
/// exactly 20 final-decision notices (and no more after another relay run).
async fn queue_outage_loses_nothing(h: Harness) {
    const N: usize = 20;
    let school = h.school().await;
    let mut applied_ = Vec::new();
    for _ in 0..N {
        let (parent, id, _) = applied(&h, &school).await;
        applied_.push((parent, id));
    }
    // Every receipt arrives first, so that what follows counts only the decisions.
    for (parent, _) in &applied_ {
        h.notices(parent, 1).await;
    }
    let key = h.director_key(&school, "ecdsa").await;

    let (s, b) = h.put("/api/dev/queue", None, &json!({"down": true})).await;
    assert_eq!(s, 200, "queue down: {b}");
    for (_, id) in &applied_ {
        // Refusals in queue order: no seat arithmetic gets in the way of counting.
        let (s, b) = h
            .decide(
                &school.director.token,
                &school.org_id,
                id,
                &json!({"decision": "reject", "reason": "unreliable_documents"}),
            )
            .await;
        assert_eq!(s, 200, "decision: {b}");
        let b = sign(&h, &school, &key, id).await;
        assert_eq!(b["status"], "rejected", "sign while the queue is down: {b}");
    }
    // Nothing could be sent: still only the receipts.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    for (parent, _) in &applied_ {
        let (s, b) = h.get("/api/me/notifications", Some(&parent.token)).await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(b["items"].as_array().map(Vec::len), Some(1), "{b}");
    }

    let (s, b) = h.put("/api/dev/queue", None, &json!({"down": false})).await;
    assert_eq!(s, 200, "queue up: {b}");
    let (s, b) = h.post("/api/dev/jobs/outbox-relay", None, &json!({})).await;
    assert_eq!(s, 200, "relay: {b}");
    // The runner's own minute schedule may have relayed some of them a moment earlier.
    let relayed = b["processed"].as_u64().unwrap_or(u64::MAX);
    assert!(relayed <= N as u64, "{b}");
    let (s, b) = h.post("/api/dev/jobs/outbox-relay", None, &json!({})).await;
    assert_eq!((s, b["processed"].as_u64()), (200, Some(0)), "{b}");

    let mut decided = 0;
    for (parent, _) in &applied_ {
        let items = h.notices(parent, 2).await;
        assert_eq!(items.len(), 2, "{items:?}");
        decided += items
            .iter()
            .filter(|n| text(n, "ru").contains("Отказано"))
            .count();
    }
    assert_eq!(decided, N);
}
