//! The report reads counters, not applications: over 100,000 applications of a region's
//! localities spread over 40 days, a 20-day report reads at most localities × days × shards
//! counter items (per service asked) and one query per locality and service, whatever the
//! number of applications; and its figures are those of the applications themselves, counted
//! here one by one. On both stores.
//!
//! The counters are written as the state changes write them (`table::stats::writes`), gathered
//! per item first so the test does not spend minutes on 200,000 single updates.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use chrono::{DateTime, Duration, FixedOffset};
use domain::address::RegisterLocality;
use domain::api::Text;
use domain::monitoring::counters::Delta;
use domain::monitoring::{Column, Counts, ReportQuery};
use domain::territory::Scope;
use domain::{Service, Status};
use service::Ctx;
use store::{Condition, Item, Key, Page, Query, Store, StoreError, Update, WriteOp};
use table::stats::{self, Counted, SHARDS};

const APPLICATIONS: usize = 100_000;
const LOCALITIES: usize = 5;
const SPREAD_DAYS: i64 = 40;

/// A store that counts the items its queries return.
struct Counting {
    inner: Arc<dyn Store>,
    items: AtomicU64,
    queries: AtomicU64,
}

#[async_trait]
impl Store for Counting {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let item = self.inner.get(key).await?;
        self.items
            .fetch_add(u64::from(item.is_some()), Ordering::Relaxed);
        Ok(item)
    }
    async fn put(&self, item: Item, condition: Option<Condition>) -> Result<(), StoreError> {
        self.inner.put(item, condition).await
    }
    async fn update(
        &self,
        key: &Key,
        update: Update,
        condition: Option<Condition>,
    ) -> Result<Item, StoreError> {
        self.inner.update(key, update, condition).await
    }
    async fn delete(&self, key: &Key, condition: Option<Condition>) -> Result<(), StoreError> {
        self.inner.delete(key, condition).await
    }
    async fn transact(&self, writes: Vec<WriteOp>) -> Result<(), StoreError> {
        self.inner.transact(writes).await
    }
    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        let page = self.inner.query(query).await?;
        self.queries.fetch_add(1, Ordering::Relaxed);
        self.items
            .fetch_add(page.items.len() as u64, Ordering::Relaxed);
        Ok(page)
    }
    fn reads(&self) -> u64 {
        self.inner.reads()
    }
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn locality(n: usize) -> RegisterLocality {
    RegisterLocality {
        id: format!("loc-{n}"),
        region: "test-region".into(),
        name: Text {
            ru: format!("Посёлок {n}"),
            kk: format!("{n} кенті"),
        },
        district: None,
        kato: None,
        streets: Vec::new(),
    }
}

/// Application `n`: its locality, its submission (every ~35 s over 40 days), its state now.
fn application(
    n: usize,
    start: DateTime<FixedOffset>,
) -> (String, String, DateTime<FixedOffset>, Column, bool) {
    let step = SPREAD_DAYS * 86_400 / APPLICATIONS as i64;
    let submitted = start + Duration::seconds(step * n as i64);
    let status = Status::ALL[n % Status::ALL.len()];
    let column = Column::of_state(status, n.is_multiple_of(7));
    (
        format!("app-{n:06}"),
        format!("loc-{}", n % LOCALITIES),
        submitted,
        column,
        n.is_multiple_of(11),
    )
}

async fn bounded(inner: Arc<dyn Store>) {
    table::address::import_register(
        inner.as_ref(),
        &(0..LOCALITIES).map(locality).collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    let start = at("2026-05-01T00:00:00+05:00");
    let query = ReportQuery {
        from: at("2026-05-11T09:30:00+05:00"),
        to: at("2026-05-31T09:30:00+05:00"),
        service: Some(Service::Grade1),
    };
    let mut writes = Vec::new();
    let mut expected = vec![Counts::default(); LOCALITIES];
    for n in 0..APPLICATIONS {
        let (id, loc, submitted, column, overdue) = application(n, start);
        let counted = Counted {
            id: &id,
            service: Service::Grade1,
            region: "test-region",
            locality: &loc,
            submitted_at: submitted,
        };
        writes.extend(stats::writes(
            &counted,
            &Delta::moving(None, column, overdue),
        ));
        // The report counts from the hour of `from` to the end of the hour of `to`.
        let in_period = submitted >= at("2026-05-11T09:00:00+05:00")
            && submitted < at("2026-05-31T10:00:00+05:00");
        if in_period {
            let row = &mut expected[n % LOCALITIES];
            row.add(column, 1);
            row.overdue += u64::from(overdue);
        }
    }
    let writes = stats::gather(writes);
    // Region and locality items over 40 days and 4 shards: a few thousand, not 200,000.
    assert!(writes.len() <= (LOCALITIES + 1) * (SPREAD_DAYS as usize + 1) * SHARDS as usize);
    // Each gathered item holds a day's every hour at once: written as a put (the same item as
    // the many small updates make; moto refuses an update expression that long).
    for write in writes {
        let WriteOp::Update { key, update, .. } = write else {
            panic!("counters are updates: {write:?}");
        };
        let fields: serde_json::Map<String, serde_json::Value> = update
            .add
            .into_iter()
            .map(|(name, n)| (name, n.into()))
            .collect();
        let item = store::to_item(&key, &fields).unwrap();
        inner.put(item, None).await.unwrap();
    }

    let counting = Arc::new(Counting {
        inner,
        items: AtomicU64::new(0),
        queries: AtomicU64::new(0),
    });
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::for_tests(
        counting.clone(),
        Arc::new(queue::embedded::EmbeddedQueue::new()),
        Arc::new(service::sms::SmsSink::default()),
        at("2026-06-01T10:00:00+05:00").to_utc(),
        dir.path(),
    );
    let scope = Scope::Region {
        region: "test-region".into(),
    };
    let (items0, queries0) = (
        counting.items.load(Ordering::Relaxed),
        counting.queries.load(Ordering::Relaxed),
    );
    let report = report::report(&ctx, &scope, &query).await.unwrap();
    let items = counting.items.load(Ordering::Relaxed) - items0;
    let queries = counting.queries.load(Ordering::Relaxed) - queries0;

    // 21 calendar days are touched by a 20-day period that starts and ends inside a day.
    let days = 21;
    let bound = (LOCALITIES * days * SHARDS as usize) as u64;
    // The localities' list is one small read besides the counters.
    assert!(
        items <= bound + LOCALITIES as u64,
        "{items} items read, bound {bound}"
    );
    assert!(queries <= LOCALITIES as u64 + 1, "{queries} queries");

    let mut rows = report.rows.clone();
    rows.sort_by(|a, b| a.territory.id.cmp(&b.territory.id));
    assert_eq!(rows.len(), LOCALITIES);
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row.territory.id, format!("loc-{n}"));
        assert_eq!(row.counts, expected[n], "loc-{n}");
    }
    let total = expected.iter().fold(Counts::default(), |a, c| a.plus(c));
    assert_eq!(report.total, total);
    assert!(
        total.total() > 40_000,
        "about half the applications fall in the period"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn embedded_reads_counters_not_applications() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::embedded::EmbeddedStore::open(dir.path().join("store.redb")).unwrap();
    bounded(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dynamodb_reads_counters_not_applications() {
    let endpoint = testkit::moto_endpoint();
    let table = testkit::unique_name("report");
    let store = store::dynamodb::DynamoStore::from_env_endpoint(Some(&endpoint), &table).await;
    store.ensure_table().await.unwrap();
    bounded(Arc::new(store)).await;
}
