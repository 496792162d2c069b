//! The consumer on a Ctx built directly: idempotent per message (one notice, one SMS, one
//! e-mail however often a message is delivered), poison messages reported failed, and the outage scenario
//! (the queue down during 20 decisions → after the relay, exactly 20 notices) on the embedded
//! store + queue and on DynamoDB + SQS (moto).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::api::{Application, Org};
use service::Ctx;
use service::outbox::{relay, send_after_commit};
use service::sms::SmsSink;
use store::Store;
use table::outbox::{self, NoticeEvent, OutboxMessage};
use table::staff::{Invitation, Member};

const ORG: &str = "org-1";
const PARENT: &str = "880101300123";
const PHONE: &str = "+77011234567";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-04-01T10:00:00+05:00")
        .unwrap()
        .to_utc()
}

fn ctx(
    store: Arc<dyn Store>,
    queue: Arc<dyn queue::Queue>,
    sms: Arc<SmsSink>,
    dir: &std::path::Path,
) -> Ctx {
    Ctx::for_tests(store, queue, sms, now(), dir)
}

fn application(id: &str, number: u64) -> Application {
    serde_json::from_value(serde_json::json!({
        "id": id, "number": number, "service": "grade1", "org_id": ORG,
        "academic_year": "2026-2027", "grade": 1, "language": "kk", "status": "in_review",
        "admission_type": "microdistrict",
        "submitted_at": "2026-04-01T10:00:00+05:00", "due_at": "2026-04-03T10:00:00+05:00",
        "overdue": false, "applicant_iin": PARENT, "applicant_name": "Ахметова Айгуль",
        "child": {"iin": "190101500123", "last_name": "Ахметов", "first_name": "Нурлан",
                  "birth_date": "2019-01-01", "sex": "male"},
        "applicant": {"phone": PHONE, "relation": "mother"},
        "registered_address_id": null, "actual_address": null,
        "transport_requested": false, "special_needs": false, "documents": []
    }))
    .unwrap()
}

/// A consumer's context on the embedded store and queue (keep the directory while it runs).
fn embedded() -> (tempfile::TempDir, Arc<dyn Store>, Arc<SmsSink>, Arc<Ctx>) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(store::embedded::EmbeddedStore::temporary().unwrap());
    let sms = Arc::new(SmsSink::default());
    let queue = Arc::new(queue::embedded::EmbeddedQueue::new());
    let ctx = Arc::new(ctx(store.clone(), queue, sms.clone(), dir.path()));
    (dir, store, sms, ctx)
}

async fn seed(store: &dyn Store, apps: &[Application]) {
    let org = serde_json::json!({
        "id": ORG, "kind": "school", "name": {"ru": "Школа №1", "kk": "№1 мектеп"},
        "bin": "123456789012", "region": "almaty", "locality_id": "loc-1",
        "address": "ул. Абая 1", "languages": ["kk", "ru"], "provides_transport": false,
        "private": false, "created_at": "2026-01-01T00:00:00+05:00"
    });
    let org: Org = serde_json::from_value(org).unwrap();
    store
        .transact(table::org::create(&org).unwrap())
        .await
        .unwrap();
    for a in apps {
        store
            .transact(vec![table::application::put(a).unwrap()])
            .await
            .unwrap();
    }
}

async fn notices_of(store: &dyn Store, iin: &str) -> Vec<serde_json::Value> {
    let (notices, _) = table::notice::newest(store, iin, None, 100).await.unwrap();
    notices
        .iter()
        .map(|n| serde_json::to_value(n).unwrap())
        .collect()
}

fn delivery(id: &str, body: &str) -> queue::Message {
    queue::Message {
        id: id.into(),
        body: body.into(),
        receipt: format!("r-{id}"),
        receive_count: 1,
    }
}

#[tokio::test]
async fn a_message_delivered_twice_makes_one_notice_and_one_sms() {
    let (_dir, store, sms, ctx) = embedded();
    seed(store.as_ref(), &[application("app-1", 7)]).await;
    let m = OutboxMessage::new(NoticeEvent::Submitted, "app-1", ORG, now());
    let body = serde_json::to_string(&m).unwrap();

    // The second delivery carries another SQS id (the relay sent the message twice).
    let failed = notify::consumer(ctx.clone(), vec![delivery("sqs-1", &body)]).await;
    assert!(failed.is_empty(), "{failed:?}");
    let failed = notify::consumer(ctx.clone(), vec![delivery("sqs-2", &body)]).await;
    assert!(failed.is_empty(), "{failed:?}");

    let notices = notices_of(store.as_ref(), PARENT).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    let n = &notices[0];
    assert!(n["text"]["ru"].as_str().unwrap().contains("№7"), "{n}");
    assert!(n["text"]["kk"].as_str().unwrap().contains("№7"), "{n}");
    assert!(
        n["text"]["ru"].as_str().unwrap().contains("Школа №1"),
        "{n}"
    );
    assert_eq!(n["read"], false);
    assert_eq!(n["application_id"], "app-1");
    assert_eq!(
        table::notice::unread(store.as_ref(), PARENT).await.unwrap(),
        1
    );
    let sent = sms.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, PHONE);
}

#[tokio::test]
async fn the_email_of_a_message_is_sent_once_to_an_applicant_who_gave_an_address() {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(store::embedded::EmbeddedStore::temporary().unwrap());
    let email = Arc::new(service::email::EmailSink::default());
    let queue = Arc::new(queue::embedded::EmbeddedQueue::new());
    let ctx = Arc::new(
        ctx(
            store.clone(),
            queue,
            Arc::new(SmsSink::default()),
            dir.path(),
        )
        .with_email(email.clone()),
    );
    let mut with_address = application("app-1", 7);
    with_address.applicant.email = Some(" parent@example.kz ".into());
    seed(store.as_ref(), &[with_address, application("app-2", 8)]).await;
    let first = OutboxMessage::new(NoticeEvent::Submitted, "app-1", ORG, now());
    let second = OutboxMessage::new(NoticeEvent::Submitted, "app-2", ORG, now());
    for sqs in ["sqs-1", "sqs-2"] {
        let batch = vec![
            delivery(&format!("{sqs}-a"), &serde_json::to_string(&first).unwrap()),
            delivery(
                &format!("{sqs}-b"),
                &serde_json::to_string(&second).unwrap(),
            ),
        ];
        let failed = notify::consumer(ctx.clone(), batch).await;
        assert!(failed.is_empty(), "{failed:?}");
    }
    // One e-mail: the first message's, once; the second applicant gave no address.
    let sent = email.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, "parent@example.kz");
    assert!(sent[0].subject.contains("№7"), "{:?}", sent[0]);
    assert!(sent[0].text.contains("Школа №1"), "{:?}", sent[0]);
    assert!(sent[0].attachments.is_empty());
}

#[tokio::test]
async fn a_poison_message_is_reported_failed_and_the_rest_of_the_batch_is_done() {
    let (_dir, store, sms, ctx) = embedded();
    seed(store.as_ref(), &[application("app-1", 1)]).await;
    let good = OutboxMessage::new(NoticeEvent::Submitted, "app-1", ORG, now());
    let missing = OutboxMessage::new(NoticeEvent::Submitted, "app-404", ORG, now());
    let failed = notify::consumer(
        ctx.clone(),
        vec![
            delivery("poison", "not json {"),
            delivery("good", &serde_json::to_string(&good).unwrap()),
            delivery("missing", &serde_json::to_string(&missing).unwrap()),
        ],
    )
    .await;
    assert_eq!(failed, vec!["poison".to_string(), "missing".to_string()]);
    assert_eq!(notices_of(store.as_ref(), PARENT).await.len(), 1);
    assert_eq!(sms.sent().len(), 1);
}

#[tokio::test]
async fn returned_goes_to_the_executor_with_the_comment_and_no_sms() {
    let (_dir, store, sms, ctx) = embedded();
    seed(store.as_ref(), &[application("app-1", 3)]).await;
    let mut m = OutboxMessage::new(NoticeEvent::Returned, "app-1", ORG, now());
    m.recipient_iin = Some("900101300456".into());
    m.comment = Some("Проверьте адрес".into());
    let failed = notify::consumer(
        ctx.clone(),
        vec![delivery("1", &serde_json::to_string(&m).unwrap())],
    )
    .await;
    assert!(failed.is_empty());
    let notices = notices_of(store.as_ref(), "900101300456").await;
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0]["text"]["ru"]
            .as_str()
            .unwrap()
            .contains("Проверьте адрес")
    );
    assert!(notices_of(store.as_ref(), PARENT).await.is_empty());
    assert!(sms.sent().is_empty());
}

/// The outage: the queue is unreachable during 20 decisions; once it is back and the
/// relay has run, the parents have exactly 20 notices (nothing lost, nothing doubled).
async fn outage(store: Arc<dyn Store>, inner: Arc<dyn queue::Queue>) {
    let dir = tempfile::tempdir().unwrap();
    let flaky = Arc::new(queue::Flaky::new(inner));
    let sms = Arc::new(SmsSink::default());
    let ctx = Arc::new(ctx(store.clone(), flaky.clone(), sms.clone(), dir.path()));
    let apps: Vec<Application> = (1..=20)
        .map(|n| application(&format!("app-{n}"), n))
        .collect();
    seed(store.as_ref(), &apps).await;

    flaky.set_down(true);
    for a in &apps {
        let m = OutboxMessage::new(NoticeEvent::Decided, &a.id, ORG, now());
        // The state change's transaction (here: only its outbox write) commits...
        store
            .transact(vec![outbox::write(&m).unwrap()])
            .await
            .unwrap();
        // ...and the send after commit fails: the message stays pending.
        send_after_commit(&ctx, &[m]).await;
    }
    assert!(notices_of(store.as_ref(), PARENT).await.is_empty());

    flaky.set_down(false);
    assert_eq!(relay(&ctx).await.unwrap(), 20);
    // A second run finds nothing pending.
    assert_eq!(relay(&ctx).await.unwrap(), 0);

    // Drain the queue into the consumer, as the event source does.
    let mut rounds = 0;
    loop {
        let batch = ctx
            .queue
            .receive(10, Duration::from_secs(30), Duration::from_millis(200))
            .await
            .unwrap();
        if batch.is_empty() {
            break;
        }
        let receipts: Vec<String> = batch.iter().map(|m| m.receipt.clone()).collect();
        let failed = notify::consumer(ctx.clone(), batch).await;
        assert!(failed.is_empty(), "{failed:?}");
        for r in receipts {
            ctx.queue.delete(&r).await.unwrap();
        }
        rounds += 1;
        assert!(rounds < 20, "the queue does not drain");
    }
    let notices = notices_of(store.as_ref(), PARENT).await;
    assert_eq!(notices.len(), 20);
    assert_eq!(
        table::notice::unread(store.as_ref(), PARENT).await.unwrap(),
        20
    );
    assert_eq!(sms.sent().len(), 20);
}

#[tokio::test]
async fn outage_embedded() {
    outage(
        Arc::new(store::embedded::EmbeddedStore::temporary().unwrap()),
        Arc::new(queue::embedded::EmbeddedQueue::new()),
    )
    .await;
}

#[tokio::test]
async fn outage_dynamodb_sqs() {
    let ep = testkit::moto_endpoint();
    let table = testkit::unique_name("notify");
    let store = store::dynamodb::DynamoStore::from_env_endpoint(Some(&ep), &table).await;
    store.ensure_table().await.unwrap();
    let client = queue::sqs::sqs_client(Some(&ep)).await;
    let queue = queue::sqs::ensure_queues(&client, &testkit::unique_name("notify"))
        .await
        .unwrap();
    outage(Arc::new(store), Arc::new(queue)).await;
}

#[tokio::test]
async fn overdue_goes_to_the_directors_only() {
    let (_dir, store, sms, ctx) = embedded();
    seed(store.as_ref(), &[application("app-1", 5)]).await;
    // A director, an executor (both members) and a pending invitation of a director.
    let since = domain::to_almaty(now());
    let member = |iin: &str, role| Member {
        org_id: ORG.into(),
        iin: iin.into(),
        roles: vec![role],
        position: None,
        since,
        name: None,
    };
    let invitation = Invitation {
        id: "consent-1".into(),
        org_id: ORG.into(),
        iin: "700101300333".into(),
        roles: vec![domain::Role::Director],
        position: domain::staff::Position::Director,
        invited_by: "700101300111".into(),
        at: since,
    };
    let mut writes = table::staff::invite(&invitation, None).unwrap();
    for m in [
        member("700101300111", domain::Role::Director),
        member("700101300222", domain::Role::Executor),
    ] {
        writes.push(table::staff::add_member(&m).unwrap());
    }
    store.transact(writes).await.unwrap();
    let m = OutboxMessage::new(NoticeEvent::Overdue, "app-1", ORG, now());
    let failed = notify::consumer(
        ctx.clone(),
        vec![delivery("1", &serde_json::to_string(&m).unwrap())],
    )
    .await;
    assert!(failed.is_empty());
    let notices = notices_of(store.as_ref(), "700101300111").await;
    assert_eq!(notices.len(), 1);
    assert!(notices[0]["text"]["kk"].as_str().unwrap().contains("№5"));
    assert!(notices_of(store.as_ref(), "700101300222").await.is_empty());
    assert!(notices_of(store.as_ref(), "700101300333").await.is_empty());
    assert!(notices_of(store.as_ref(), PARENT).await.is_empty());
    assert!(sms.sent().is_empty());
}
