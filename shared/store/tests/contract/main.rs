//! The store contract: one set of tests, run against both adapters: the embedded store (redb, on a
//! temporary file) and DynamoDB (moto server at `MOTO_ENDPOINT`, a fresh table per test created
//! from the template's definition). A behaviour the functions rely on belongs here.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{Value, json};
use store::dynamodb::DynamoStore;
use store::embedded::EmbeddedStore;
use store::table::TableDef;
use store::{
    CmpOp, Condition, Item, Key, Page, Query, SortCondition, Store, StoreError, Update, WriteOp,
};

mod embedded_only;
mod queries;
mod transactions;
mod writes;

use queries::*;
use transactions::*;
use writes::*;

/// A store under test and whatever must outlive it.
struct Fixture {
    store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

async fn embedded_fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = EmbeddedStore::open(dir.path().join("store.redb")).expect("open embedded store");
    Fixture {
        store: Arc::new(store),
        _dir: Some(dir),
    }
}

async fn dynamodb_fixture() -> Fixture {
    let endpoint = testkit::moto_endpoint();
    let store = DynamoStore::from_env_endpoint(Some(&endpoint), testkit::unique_name("t")).await;
    let def = TableDef::deployed();
    store.create_table(&def).await.expect("create table");
    Fixture {
        store: Arc::new(store),
        _dir: None,
    }
}

/// Instantiates every contract test once per adapter.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod embedded {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let f = super::embedded_fixture().await;
                    super::$name(f.store.clone()).await;
                }
            )*
        }
        mod dynamodb {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let f = super::dynamodb_fixture().await;
                    super::$name(f.store.clone()).await;
                }
            )*
        }
    };
}

contract!(
    put_get_round_trip,
    conditional_put,
    update_set_add_remove,
    conditions,
    delete_with_condition,
    transaction_is_all_or_nothing,
    transaction_check,
    invalid_requests,
    query_sort_conditions,
    query_order_and_pages,
    gsi_is_sparse_and_maintained,
    concurrent_conditional_increments,
    concurrent_transactions,
    concurrent_writes_are_judged_each_alone,
);

// ---- helpers -------------------------------------------------------------------------------

fn obj(v: Value) -> Item {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

fn key(pk: &str, sk: &str) -> Key {
    Key::new(pk, sk)
}

fn sks(page: &Page) -> Vec<String> {
    page.items
        .iter()
        .map(|i| i["sk"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Follows page tokens to the end; returns every item's sk in order and the number of pages.
async fn all_pages(s: &dyn Store, q: Query) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let page = s.query(q.clone().page(token)).await.unwrap();
        pages += 1;
        assert!(pages < 100, "pagination does not end");
        out.extend(sks(&page));
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => return (out, pages),
        }
    }
}

/// Retries writes that failed for reasons a caller is told to retry (conflict, unavailable).
async fn retrying<T, F, Fut>(mut f: F) -> Result<T, StoreError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, StoreError>>,
{
    let mut attempt = 0u64;
    loop {
        match f().await {
            Err(StoreError::Conflict | StoreError::Unavailable(_)) if attempt < 50 => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(5 * attempt)).await;
            }
            other => return other,
        }
    }
}
