//! The sweep's cost does not grow with the open applications that are not yet due: over
//! 10,000 open applications of which 10 are due it reads one query page per due-index shard
//! (the reads are counted in the store adapter), on both stores.
//!
//! The bound asserted is the issue's: at most 2 pages — one page per due-index shard
//! (`due::SHARDS` = 2) and nothing else (no gets: the index projects the whole item). The
//! 9,990 not-yet-due applications are never read.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use domain::api::Application;
use futures::StreamExt;
use service::Ctx;
use store::Store;
use table::{application, due};

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

/// An open application, due at `due_at`.
fn open_application(n: usize, due_at: DateTime<Utc>) -> Application {
    serde_json::from_value(serde_json::json!({
        "id": id(n), "number": n + 1, "service": "grade1", "org_id": "org-1",
        "academic_year": "2026-2027", "grade": 1, "language": "kk", "status": "in_review",
        "admission_type": "microdistrict",
        "submitted_at": "2026-05-14T10:00:00+05:00", "due_at": domain::to_almaty(due_at),
        "overdue": false, "applicant_iin": "880101300123", "applicant_name": "Ахметова Айгуль",
        "child": {"iin": "190101500123", "last_name": "Ахметов", "first_name": "Нурлан",
                  "birth_date": "2019-01-01", "sex": "male"},
        "applicant": {"phone": "+77011234567", "relation": "mother"},
        "registered_address_id": null, "actual_address": null,
        "transport_requested": false, "special_needs": false, "documents": []
    }))
    .unwrap()
}

fn id(n: usize) -> String {
    format!("app-{n:05}")
}

async fn bounded(store: Arc<dyn Store>, open: usize) {
    let now = DateTime::parse_from_rfc3339("2026-05-15T12:31:00+05:00")
        .unwrap()
        .to_utc();
    let dir = tempfile::tempdir().unwrap();
    let applications: Vec<Application> = (0..open)
        .map(|n| {
            // The first DUE passed their deadline; the rest are due from tomorrow on.
            let due_at = if n < DUE {
                now - Duration::minutes(1 + n as i64)
            } else {
                now + Duration::hours(24) + Duration::seconds(n as i64)
            };
            open_application(n, due_at)
        })
        .collect();
    // Single puts, eight at a time: moto copies the whole table for every transaction, which
    // with thousands of full applications costs minutes; a put does not.
    let puts = applications.iter().map(|a| {
        let store = store.clone();
        let write = application::put(a).unwrap();
        async move {
            match write {
                store::WriteOp::Put { item, condition } => store.put(item, condition).await,
                other => panic!("a new application is a put, not {other:?}"),
            }
        }
    });
    futures::stream::iter(puts)
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
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
        let marked = application::get(store.as_ref(), &id(n))
            .await
            .unwrap()
            .unwrap();
        assert!(marked.overdue, "{marked:?}");
        assert!(marked.overdue_at.is_some(), "{marked:?}");
        let left = !due::contains(store.as_ref(), &id(n)).await.unwrap();
        assert!(left, "{} left the due index", id(n));
    }
    let untouched = application::get(store.as_ref(), &id(DUE))
        .await
        .unwrap()
        .unwrap();
    assert!(!untouched.overdue);
    assert!(due::contains(store.as_ref(), &id(DUE)).await.unwrap());

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
