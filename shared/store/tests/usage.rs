//! The DynamoDB adapter counts what it asks (moto at `MOTO_ENDPOINT`): each operation's
//! requests, the capacity DynamoDB reports and the units computed from item sizes.

use serde_json::{Value, json};
use store::dynamodb::DynamoStore;
use store::table::TableDef;
use store::{Item, Key, Query, Store, Update, WriteOp};

async fn store() -> DynamoStore {
    let endpoint = testkit::moto_endpoint();
    let store = DynamoStore::from_env_endpoint(Some(&endpoint), testkit::unique_name("u")).await;
    let def = TableDef::deployed();
    store.create_table(&def).await.expect("create table");
    store
}

/// An item of about `kb` kilobytes.
fn item(pk: &str, kb: usize) -> Item {
    let Value::Object(m) = json!({"pk": pk, "sk": "A", "blob": "x".repeat(kb * 1024 - 40)}) else {
        unreachable!()
    };
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_operation_is_counted_with_its_units() {
    let s = store().await;
    let start = s.usage().snapshot();
    s.put(item("p1", 3), None).await.unwrap();
    s.get(&Key::new("p1", "A")).await.unwrap().unwrap();
    s.get(&Key::new("missing", "A")).await.unwrap();
    s.query(Query::table("p1")).await.unwrap();
    s.update(&Key::new("p1", "A"), Update::new().add("n", 1), None)
        .await
        .unwrap();
    s.transact(vec![
        WriteOp::Put {
            item: item("p2", 1),
            condition: None,
        },
        WriteOp::Delete {
            key: Key::new("p1", "A"),
            condition: None,
        },
    ])
    .await
    .unwrap();
    let used = s.usage().snapshot().since(&start);

    assert_eq!(
        used.to_string(),
        "GetItem×2 PutItem×1 Query×1 TransactWriteItems×1 UpdateItem×1"
    );
    assert_eq!(used.requests(), 6);
    // A 3 KB put: 3 write units. Strongly consistent gets: 1 unit each (a missing item too).
    assert_eq!(used.op("PutItem").computed_wcu, 3.0);
    assert_eq!(used.op("GetItem").computed_rcu, 2.0);
    // The query reads 3 KB eventually consistent: half a unit.
    assert_eq!(used.op("Query").computed_rcu, 0.5);
    // The update returns the whole 3 KB item: 3 units.
    assert_eq!(used.op("UpdateItem").computed_wcu, 3.0);
    // Transactional: the 1 KB put 2 units, the delete of the 3 KB item 6.
    assert_eq!(used.op("TransactWriteItems").computed_wcu, 8.0);
    // moto answers ReturnConsumedCapacity (with placeholder figures) on every operation.
    for op in ["PutItem", "GetItem", "UpdateItem"] {
        let u = used.op(op);
        assert!(
            u.reported_rcu + u.reported_wcu > 0.0,
            "{op}: no reported capacity: {u:?}"
        );
    }

    s.usage().reset();
    assert_eq!(s.usage().snapshot().requests(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_conditional_write_is_a_request_too() {
    let s = store().await;
    s.put(item("p", 1), None).await.unwrap();
    let before = s.usage().snapshot();
    let refused = s.put(item("p", 1), Some(store::Condition::NotExists)).await;
    assert!(refused.is_err());
    let used = s.usage().snapshot().since(&before);
    assert_eq!(used.op("PutItem").requests, 1);
    assert_eq!(used.op("PutItem").computed_wcu, 1.0);
}
