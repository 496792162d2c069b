//! The direction expiry job on both stores: what an expiry does (first: back in the queue,
//! stop-listed, place freed; second: removed), that it skips what changed, and that its cost
//! does not grow with the directions not yet due (10,000 outstanding, 10 due: one query page
//! per due-index shard).

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use domain::preschool::api::{Direction, Place, QueueApplication};
use domain::preschool::{DirectionState, QueueState, RemovalReason, stop_list_until};
use domain::{Lang, to_almaty};
use futures::StreamExt;
use service::Ctx;
use store::{Store, WriteOp};
use table::preschool::{direction, place, queue};

const ORG: &str = "kg-1";
const AGE_GROUP: i32 = 2022;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-10T12:00:00+05:00")
        .unwrap()
        .to_utc()
}

fn ctx(store: Arc<dyn Store>, now: DateTime<Utc>, dir: &std::path::Path) -> Ctx {
    Ctx::for_tests(
        store,
        Arc::new(::queue::embedded::EmbeddedQueue::new()),
        Arc::new(service::sms::SmsSink::default()),
        now,
        dir,
    )
}

fn id(n: usize) -> String {
    format!("papp-{n:05}")
}

fn application(n: usize) -> QueueApplication {
    serde_json::from_value(serde_json::json!({
        "id": id(n), "number": format!("УО.2026.{:06}.1", n + 1),
        "registered_at": "2026-01-10T10:00:00+05:00",
        "child": {"iin": format!("22010150{:04}", n % 10_000), "last_name": "Ахметов",
                  "first_name": "Нурлан", "birth_date": "2022-01-01", "sex": "male"},
        "applicant": {"iin": "880101300123", "full_name": "Ахметова Айгуль",
                      "phone": "+77011234567", "relation": "mother"},
        "region": "astana", "locality_id": "astana", "language": "kk",
        "privilege": {"category": "none", "status": "not_claimed"},
        "state": "directed", "changed_at": "2026-06-01T10:00:00+05:00", "expiries": 0
    }))
    .unwrap()
}

fn issued(n: usize, expires: DateTime<Utc>) -> direction::Stored {
    direction::Stored {
        application_id: id(n),
        number: format!("УО.2026.{:06}.1", n + 1),
        region: "astana".into(),
        child_name: "Ахметов Нурлан".into(),
        child_birth_date: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        direction: Direction {
            n: 1,
            org_id: ORG.into(),
            org_name: domain::api::Text {
                ru: "Балапан".into(),
                kk: "Балапан".into(),
            },
            org_address: "ул. Кенесары, 1".into(),
            language: Lang::Kk,
            age_group: AGE_GROUP,
            issued_at: to_almaty(expires - Duration::days(7)),
            expires_at: to_almaty(expires),
            extended_days: None,
            state: DirectionState::Issued,
            closed_at: None,
            signature_serial: "01".into(),
            signed_by: "Ахметова Айгуль".into(),
        },
        version: 0,
    }
}

async fn put(store: &Arc<dyn Store>, write: WriteOp) {
    match write {
        WriteOp::Put { item, condition } => store.put(item, condition).await.unwrap(),
        other => panic!("a put, not {other:?}"),
    }
}

/// The kindergarten's places with `taken` of them taken.
async fn places(store: &Arc<dyn Store>, count: u32, taken: u32) {
    let stored = place::Stored {
        place: Place {
            org_id: ORG.into(),
            age_group: AGE_GROUP,
            language: Lang::Kk,
            count,
            taken: 0,
        },
        org_name: domain::api::Text {
            ru: "Балапан".into(),
            kk: "Балапан".into(),
        },
        address: "ул. Кенесары, 1".into(),
        region: "astana".into(),
        locality_id: "astana".into(),
    };
    place::put(store.as_ref(), &stored).await.unwrap();
    for _ in 0..taken {
        store
            .transact(vec![place::take(ORG, AGE_GROUP, Lang::Kk)])
            .await
            .unwrap();
    }
}

async fn taken(store: &Arc<dyn Store>) -> u32 {
    place::get(store.as_ref(), ORG, AGE_GROUP, Lang::Kk)
        .await
        .unwrap()
        .unwrap()
        .place
        .taken
}

/// A directed application (`expiries` before) with its direction expiring at `expires`.
async fn directed(store: &Arc<dyn Store>, n: usize, expiries: u32, expires: DateTime<Utc>) {
    let mut app = application(n);
    app.expiries = expiries;
    app.direction = Some(issued(n, expires).direction);
    let stored = queue::Stored {
        app,
        // As the registration writes it: the first version.
        version: 1,
        directions: 1,
        claimed_at: None,
    };
    let writes = queue::register(&stored, &queue::Guard::default()).unwrap();
    store.transact(writes).await.unwrap();
    put(store, direction::issue(&issued(n, expires)).unwrap()).await;
}

async fn behaviour(store: Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let now = now();
    places(&store, 5, 3).await;
    directed(&store, 0, 0, now - Duration::minutes(1)).await;
    directed(&store, 1, 1, now - Duration::minutes(2)).await;
    // Expires exactly now: due.
    directed(&store, 2, 0, now).await;
    directed(&store, 3, 0, now + Duration::seconds(1)).await;
    let ctx = ctx(store.clone(), now, dir.path());
    assert_eq!(direction_expiry::run(&ctx).await.unwrap(), 3);
    assert_eq!(taken(&store).await, 0, "three places back");

    let first = queue::get(store.as_ref(), &id(0)).await.unwrap().unwrap();
    assert_eq!(first.app.state, QueueState::InQueue);
    assert_eq!(first.app.expiries, 1);
    // At the end of the queue: from the expiry run (the test clock runs on from `now`).
    let since = first.app.queued_since.unwrap().to_utc();
    assert!(
        since >= now && since < now + Duration::minutes(1),
        "{since}"
    );
    assert_eq!(first.app.stop_until, Some(to_almaty(stop_list_until(now))));
    let d = direction::get(store.as_ref(), &id(0), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.direction.state, DirectionState::Expired);
    assert_eq!(first.app.direction.unwrap().state, DirectionState::Expired);

    let second = queue::get(store.as_ref(), &id(1)).await.unwrap().unwrap();
    assert_eq!(second.app.state, QueueState::Removed);
    assert_eq!(second.app.removal, Some(RemovalReason::SecondExpiry));
    assert_eq!(second.app.expiries, 2);
    assert_eq!(second.app.queued_since, None);
    // Final: the child's guard is free, the child may register again.
    let guard = queue::guard(store.as_ref(), &second.app.child.iin)
        .await
        .unwrap();
    assert_eq!(guard.active, None);

    let later = queue::get(store.as_ref(), &id(3)).await.unwrap().unwrap();
    assert_eq!(later.app.state, QueueState::Directed, "not yet due");

    // Idempotent: nothing left to do.
    assert_eq!(direction_expiry::run(&ctx).await.unwrap(), 0);
    let history = table::audit::history(store.as_ref(), &id(0)).await.unwrap();
    assert_eq!(
        history
            .iter()
            .filter(|e| e.action == "direction_expired")
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn embedded_behaviour() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::embedded::EmbeddedStore::open(dir.path().join("store.redb")).unwrap();
    behaviour(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dynamodb_behaviour() {
    let store = moto("expiry").await;
    behaviour(store).await;
}

async fn moto(prefix: &str) -> Arc<dyn Store> {
    let endpoint = testkit::moto_endpoint();
    let table = testkit::unique_name(prefix);
    let store = store::dynamodb::DynamoStore::from_env_endpoint(Some(&endpoint), &table).await;
    store.ensure_table().await.unwrap();
    Arc::new(store)
}

const OUTSTANDING: usize = 10_000;
const DUE: usize = 10;

async fn bounded(store: Arc<dyn Store>, outstanding: usize) {
    let dir = tempfile::tempdir().unwrap();
    let now = now();
    places(&store, 20, DUE as u32).await;
    for n in 0..DUE {
        directed(&store, n, 0, now - Duration::minutes(1 + n as i64)).await;
    }
    // The directions not yet due: their items only (the job never reads their applications).
    let puts = (DUE..outstanding).map(|n| {
        let store = store.clone();
        let write = direction::issue(&issued(n, now + Duration::hours(24 + n as i64))).unwrap();
        async move { put(&store, write).await }
    });
    futures::stream::iter(puts)
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    let ctx = ctx(store.clone(), now, dir.path());
    let before = store.reads();
    assert_eq!(direction_expiry::run(&ctx).await.unwrap(), DUE as u64);
    let reads = store.reads() - before;
    // Per due direction: its application (1 get); then one query page per shard.
    let bound = u64::from(direction::SHARDS) + DUE as u64;
    assert!(reads <= bound, "{reads} reads, bound {bound}");
    assert_eq!(taken(&store).await, 0);
    let before = store.reads();
    assert_eq!(direction_expiry::run(&ctx).await.unwrap(), 0);
    assert_eq!(store.reads() - before, u64::from(direction::SHARDS));
}

#[tokio::test(flavor = "multi_thread")]
async fn embedded_reads_only_due_directions() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::embedded::EmbeddedStore::open(dir.path().join("store.redb")).unwrap();
    bounded(Arc::new(store), OUTSTANDING).await;
}

/// Moto writes slowly: 2,000 outstanding there, as the deadline sweep's bound test.
#[tokio::test(flavor = "multi_thread")]
async fn dynamodb_reads_only_due_directions() {
    bounded(moto("dirdue").await, 2_000).await;
}
