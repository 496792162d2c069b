//! The sweep's cost does not grow with the open applications that are not yet due: over
//! 10,000 open applications of which 10 are due it reads one query page per due-index shard
//! (the reads are counted in the store adapter), on both stores.
//!
//! The bound asserted is the issue's: at most 2 pages — one page per due-index shard
//! (`due::SHARDS` = 2) and nothing else (no gets: the index projects the whole item). The
//! 9,990 not-yet-due applications are never read.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use service::{Ctx, due, keys};
use store::{Item, Store, WriteOp};

const OPEN: usize = 10_000;
const DUE: usize = 10;

fn ctx(store: Arc<dyn Store>, now: DateTime<Utc>, dir: &std::path::Path) -> Ctx {
    Ctx::for_tests(
        store,
        Arc::new(queue::embedded::EmbeddedQueue::new()),
        Arc::new(service::sms::SmsSink::default()),
        now,
        dir,
    )
}

/// An open application with only what the sweep needs.
fn application(n: usize, due_at: DateTime<Utc>) -> Item {
    let id = format!("app-{n:05}");
    let mut item = Item::new();
    item.insert("pk".into(), keys::application_partition(&id).into());
    item.insert("sk".into(), "APP".into());
    item.insert("id".into(), id.clone().into());
    item.insert("org_id".into(), "org-1".into());
    item.insert("status".into(), "in_review".into());
    item.insert("overdue".into(), false.into());
    due::insert(&mut item, &id, due_at);
    item
}

async fn bounded(store: Arc<dyn Store>, open: usize) {
    let now = DateTime::parse_from_rfc3339("2026-05-15T12:31:00+05:00")
        .unwrap()
        .to_utc();
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<Item> = (0..open)
        .map(|n| {
            // The first DUE passed their deadline; the rest are due from tomorrow on.
            let due_at = if n < DUE {
                now - Duration::minutes(1 + n as i64)
            } else {
                now + Duration::hours(24) + Duration::seconds(n as i64)
            };
            application(n, due_at)
        })
        .collect();
    for chunk in items.chunks(store::MAX_TRANSACTION_WRITES) {
        let writes = chunk
            .iter()
            .map(|item| WriteOp::Put {
                item: item.clone(),
                condition: None,
            })
            .collect();
        store.transact(writes).await.unwrap();
    }
    let ctx = ctx(store.clone(), now, dir.path());

    let before = store.reads();
    let marked = deadline_sweep::sweep(&ctx).await.unwrap();
    let reads = store.reads() - before;
    assert_eq!(marked, DUE as u64);
    assert!(
        reads <= 2 && reads == u64::from(due::SHARDS),
        "{reads} pages: one per shard, whatever the number of open applications"
    );
    for n in 0..DUE {
        let item = store
            .get(&keys::application(&format!("app-{n:05}")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(item["overdue"], true, "{item:?}");
        assert!(item.get("overdue_at").is_some(), "{item:?}");
        assert!(item.get("gsi4pk").is_none(), "left the due index: {item:?}");
    }
    let untouched = store
        .get(&keys::application(&format!("app-{DUE:05}")))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched["overdue"], false);
    assert!(untouched.get("gsi4pk").is_some());

    // Idempotent: nothing new to mark, and the same few pages.
    let before = store.reads();
    assert_eq!(deadline_sweep::sweep(&ctx).await.unwrap(), 0);
    assert_eq!(store.reads() - before, u64::from(due::SHARDS));
}

#[tokio::test(flavor = "multi_thread")]
async fn embedded_reads_one_page_per_shard() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::embedded::EmbeddedStore::open(dir.path().join("store.redb")).unwrap();
    bounded(Arc::new(store), OPEN).await;
}

/// Moto writes slowly (10,000 items take many minutes): 2,000 open applications there; the
/// bound is the same, and the embedded run covers 10,000.
const OPEN_ON_MOTO: usize = 2_000;

#[tokio::test(flavor = "multi_thread")]
async fn dynamodb_reads_one_page_per_shard() {
    let endpoint = testkit::moto_endpoint();
    let table = testkit::unique_name("sweep");
    let store = store::dynamodb::DynamoStore::from_env_endpoint(Some(&endpoint), &table).await;
    store.ensure_table().await.unwrap();
    bounded(Arc::new(store), OPEN_ON_MOTO).await;
}
