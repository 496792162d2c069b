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
    let def = TableDef::from_template_default().expect("template table");
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

// ---- the contract --------------------------------------------------------------------------

async fn put_get_round_trip(s: Arc<dyn Store>) {
    let item = obj(json!({
        "pk": "org#1", "sk": "profile",
        "name": "Мектеп № 12 «Қабылдау»", "empty": "",
        "int": 42, "neg": -7, "big": 9_007_199_254_740_993_i64, "float": 2.5,
        "yes": true, "no": false, "nothing": null,
        "list": [1, "two", [3.5, false], {"k": null}],
        "map": {"nested": {"deep": [1, 2, 3]}, "s": "x"},
        "empty_list": [], "empty_map": {}
    }));
    s.put(item.clone(), None).await.unwrap();
    assert_eq!(s.get(&key("org#1", "profile")).await.unwrap(), Some(item));
    assert_eq!(s.get(&key("org#1", "other")).await.unwrap(), None);
    assert_eq!(s.get(&key("org#2", "profile")).await.unwrap(), None);

    // An integral float reads back as an integer (DynamoDB's N type has one kind of number).
    s.put(obj(json!({"pk": "n", "sk": "n", "x": 3.0})), None)
        .await
        .unwrap();
    let back = s.get(&key("n", "n")).await.unwrap().unwrap();
    assert_eq!(back["x"], json!(3));

    // A put replaces the whole item.
    s.put(
        obj(json!({"pk": "org#1", "sk": "profile", "only": 1})),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        s.get(&key("org#1", "profile")).await.unwrap(),
        Some(obj(json!({"pk": "org#1", "sk": "profile", "only": 1})))
    );
}

async fn conditional_put(s: Arc<dyn Store>) {
    let first = obj(json!({"pk": "c", "sk": "1", "v": 1}));
    let second = obj(json!({"pk": "c", "sk": "1", "v": 2}));
    s.put(first.clone(), Some(Condition::NotExists))
        .await
        .unwrap();
    assert_eq!(
        s.put(second.clone(), Some(Condition::NotExists)).await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
    assert_eq!(s.get(&key("c", "1")).await.unwrap(), Some(first));
    assert_eq!(
        s.put(obj(json!({"pk": "c", "sk": "2"})), Some(Condition::Exists))
            .await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
    assert_eq!(s.get(&key("c", "2")).await.unwrap(), None);
    s.put(second.clone(), Some(Condition::eq("v", 1)))
        .await
        .unwrap();
    assert_eq!(s.get(&key("c", "1")).await.unwrap(), Some(second));
}

async fn update_set_add_remove(s: Arc<dyn Store>) {
    let k = key("u", "1");
    // An update of a missing item creates it; ADD on a missing attribute starts from 0.
    let created = s
        .update(&k, Update::new().set("name", "a").add("count", 2), None)
        .await
        .unwrap();
    assert_eq!(
        created,
        obj(json!({"pk": "u", "sk": "1", "name": "a", "count": 2}))
    );
    let updated = s
        .update(
            &k,
            Update::new()
                .set("tags", json!(["x", {"y": 1}]))
                .add("count", -5)
                .add("other", 1)
                .remove("name")
                .remove("never_there"),
            None,
        )
        .await
        .unwrap();
    let expected =
        obj(json!({"pk": "u", "sk": "1", "tags": ["x", {"y": 1}], "count": -3, "other": 1}));
    assert_eq!(updated, expected);
    assert_eq!(s.get(&k).await.unwrap(), Some(expected));

    // A failed condition changes nothing, and does not create a missing item.
    assert_eq!(
        s.update(
            &k,
            Update::new().add("count", 1),
            Some(Condition::cmp("count", CmpOp::Gt, 0))
        )
        .await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
    assert_eq!(s.get(&k).await.unwrap().unwrap()["count"], json!(-3));
    assert_eq!(
        s.update(
            &key("u", "2"),
            Update::new().set("a", 1),
            Some(Condition::Exists)
        )
        .await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
    assert_eq!(s.get(&key("u", "2")).await.unwrap(), None);

    // An update must change something.
    assert!(matches!(
        s.update(&key("u", "3"), Update::new(), None).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(s.get(&key("u", "3")).await.unwrap(), None);
}

async fn conditions(s: Arc<dyn Store>) {
    let k = key("cond", "1");
    s.put(
        obj(
            json!({"pk": "cond", "sk": "1", "taken": 3, "quota": 10, "name": "Astana school",
                    "upper": "B", "flag": true, "s9": "9", "list": [1, 2]}),
        ),
        None,
    )
    .await
    .unwrap();
    let missing = key("cond", "missing");
    let not = |c: Condition| Condition::Not(Box::new(c));
    let cases: Vec<(Condition, bool)> = vec![
        (Condition::Exists, true),
        (Condition::NotExists, false),
        (Condition::eq("taken", 3), true),
        (Condition::cmp("taken", CmpOp::Ne, 3), false),
        (Condition::cmp("taken", CmpOp::Lt, 4), true),
        (Condition::cmp("taken", CmpOp::Le, 3), true),
        (Condition::cmp("taken", CmpOp::Gt, 3), false),
        (Condition::cmp("taken", CmpOp::Ge, 3), true),
        // Numbers compare as numbers: 10 > 9 (as strings "10" < "9").
        (Condition::cmp("quota", CmpOp::Gt, 9), true),
        (Condition::cmp("quota", CmpOp::Eq, 10.0), true),
        // Strings compare by bytes: "B" < "a".
        (Condition::cmp("upper", CmpOp::Lt, "a"), true),
        (Condition::cmp("name", CmpOp::Gt, "Astana"), true),
        // A number and a string are never equal. (Nor do they order, but moto answers that
        // with a 500: eval.rs's unit tests cover it.)
        (Condition::cmp("s9", CmpOp::Eq, 9), false),
        (Condition::cmp("s9", CmpOp::Ne, 9), true),
        (Condition::eq("flag", true), true),
        (Condition::eq("list", json!([1, 2])), true),
        (Condition::cmp_attr("taken", CmpOp::Lt, "quota"), true),
        (Condition::cmp_attr("quota", CmpOp::Lt, "taken"), false),
        (Condition::cmp_attr("taken", CmpOp::Lt, "nope"), false),
        (Condition::cmp_attr("taken", CmpOp::Ne, "quota"), true),
        (Condition::cmp_attr("taken", CmpOp::Ne, "nope"), false),
        (Condition::cmp_attr("nope", CmpOp::Ne, "taken"), false),
        (Condition::BeginsWith("name".into(), "Astana".into()), true),
        (Condition::BeginsWith("name".into(), "astana".into()), false),
        (Condition::BeginsWith("taken".into(), "3".into()), false),
        (Condition::AttrExists("flag".into()), true),
        (Condition::AttrExists("nope".into()), false),
        (Condition::AttrNotExists("nope".into()), true),
        (Condition::AttrNotExists("flag".into()), false),
        // Any comparison with a missing attribute is false, `<>` included...
        (Condition::eq("nope", 1), false),
        (Condition::cmp("nope", CmpOp::Ne, 1), false),
        (Condition::cmp("nope", CmpOp::Lt, 1), false),
        (Condition::cmp("nope", CmpOp::Ge, 1), false),
        // ...so its negation is true.
        (not(Condition::cmp("nope", CmpOp::Lt, 1)), true),
        (not(Condition::Exists), false),
        (
            Condition::And(vec![
                Condition::cmp_attr("taken", CmpOp::Lt, "quota"),
                Condition::BeginsWith("name".into(), "Ast".into()),
            ]),
            true,
        ),
        (
            Condition::And(vec![
                Condition::eq("taken", 3),
                Condition::eq("flag", false),
            ]),
            false,
        ),
        (
            Condition::Or(vec![Condition::eq("taken", 4), Condition::eq("flag", true)]),
            true,
        ),
        // `<>` inside a conjunction (DynamoDB refuses redundant parentheses).
        (
            Condition::And(vec![
                Condition::cmp("taken", CmpOp::Ne, 4),
                Condition::eq("flag", true),
            ]),
            true,
        ),
        (
            Condition::Or(vec![
                Condition::eq("taken", 4),
                not(Condition::eq("flag", true)),
            ]),
            false,
        ),
        (
            not(Condition::And(vec![
                Condition::eq("taken", 3),
                Condition::Or(vec![
                    Condition::AttrNotExists("x".into()),
                    Condition::eq("x", 1),
                ]),
            ])),
            false,
        ),
        (Condition::And(vec![]), true),
        (Condition::Or(vec![]), false),
    ];
    let mut wrong = Vec::new();
    for (i, (c, expected)) in cases.into_iter().enumerate() {
        let got = s
            .update(&k, Update::new().set("checked", i as i64), Some(c.clone()))
            .await;
        match (expected, got) {
            (true, Ok(item)) if item["checked"] == json!(i as i64) => {}
            (false, Err(StoreError::ConditionFailed { index: 0 })) => {}
            (e, got) => wrong.push(format!("case {i} {c:?}: expected {e}, got {got:?}")),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // On a missing item every attribute is missing.
    for (c, expected) in [
        (Condition::NotExists, true),
        (Condition::AttrNotExists("taken".into()), true),
        (Condition::cmp("taken", CmpOp::Lt, 100), false),
        (not(Condition::cmp("taken", CmpOp::Lt, 100)), true),
    ] {
        let got = s
            .transact(vec![WriteOp::Check {
                key: missing.clone(),
                condition: c.clone(),
            }])
            .await;
        assert_eq!(got.is_ok(), expected, "{c:?}: {got:?}");
    }
    assert_eq!(s.get(&missing).await.unwrap(), None);
}

async fn delete_with_condition(s: Arc<dyn Store>) {
    let k = key("d", "1");
    s.put(obj(json!({"pk": "d", "sk": "1", "state": "draft"})), None)
        .await
        .unwrap();
    assert_eq!(
        s.delete(&k, Some(Condition::eq("state", "signed"))).await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
    assert!(s.get(&k).await.unwrap().is_some());
    s.delete(&k, Some(Condition::eq("state", "draft")))
        .await
        .unwrap();
    assert_eq!(s.get(&k).await.unwrap(), None);
    // Deleting a missing item is fine, unless the condition wants it to exist.
    s.delete(&k, None).await.unwrap();
    assert_eq!(
        s.delete(&k, Some(Condition::Exists)).await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
}

async fn transaction_is_all_or_nothing(s: Arc<dyn Store>) {
    s.put(
        obj(json!({"pk": "t", "sk": "limit", "taken": 5, "quota": 5})),
        None,
    )
    .await
    .unwrap();
    s.put(obj(json!({"pk": "t", "sk": "old"})), None)
        .await
        .unwrap();
    let writes = vec![
        WriteOp::Put {
            item: obj(json!({"pk": "t", "sk": "new"})),
            condition: Some(Condition::NotExists),
        },
        WriteOp::Update {
            key: key("t", "limit"),
            update: Update::new().add("taken", 1),
            condition: Some(Condition::cmp_attr("taken", CmpOp::Lt, "quota")),
        },
        WriteOp::Delete {
            key: key("t", "old"),
            condition: None,
        },
    ];
    assert_eq!(
        s.transact(writes.clone()).await,
        Err(StoreError::ConditionFailed { index: 1 })
    );
    assert_eq!(s.get(&key("t", "new")).await.unwrap(), None);
    assert_eq!(
        s.get(&key("t", "limit")).await.unwrap().unwrap()["taken"],
        json!(5)
    );
    assert!(s.get(&key("t", "old")).await.unwrap().is_some());

    // With room under the quota the same transaction commits every write.
    s.update(&key("t", "limit"), Update::new().set("quota", 6), None)
        .await
        .unwrap();
    s.transact(writes.clone()).await.unwrap();
    assert!(s.get(&key("t", "new")).await.unwrap().is_some());
    assert_eq!(
        s.get(&key("t", "limit")).await.unwrap().unwrap()["taken"],
        json!(6)
    );
    assert_eq!(s.get(&key("t", "old")).await.unwrap(), None);

    // The first write's condition now fails.
    assert_eq!(
        s.transact(writes).await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
}

async fn transaction_check(s: Arc<dyn Store>) {
    s.put(obj(json!({"pk": "chk", "sk": "org", "open": false})), None)
        .await
        .unwrap();
    let writes = |open: bool| {
        vec![
            WriteOp::Check {
                key: key("chk", "org"),
                condition: Condition::eq("open", open),
            },
            WriteOp::Put {
                item: obj(json!({"pk": "chk", "sk": "application"})),
                condition: None,
            },
        ]
    };
    assert_eq!(
        s.transact(writes(true)).await,
        Err(StoreError::ConditionFailed { index: 0 })
    );
    assert_eq!(s.get(&key("chk", "application")).await.unwrap(), None);
    s.transact(writes(false)).await.unwrap();
    assert!(s.get(&key("chk", "application")).await.unwrap().is_some());
    // A check writes nothing.
    assert_eq!(
        s.get(&key("chk", "org")).await.unwrap(),
        Some(obj(json!({"pk": "chk", "sk": "org", "open": false})))
    );
}

async fn invalid_requests(s: Arc<dyn Store>) {
    let invalid = |r: Result<(), StoreError>| matches!(r, Err(StoreError::Invalid(_)));
    // Two writes to one item.
    let dup = vec![
        WriteOp::Put {
            item: obj(json!({"pk": "i", "sk": "1"})),
            condition: None,
        },
        WriteOp::Update {
            key: key("i", "1"),
            update: Update::new().set("a", 1),
            condition: None,
        },
    ];
    assert!(invalid(s.transact(dup).await));
    // More than 100 writes, or none.
    let many = (0..101)
        .map(|n| WriteOp::Put {
            item: obj(json!({"pk": "i", "sk": format!("{n}")})),
            condition: None,
        })
        .collect();
    assert!(invalid(s.transact(many).await));
    assert!(invalid(s.transact(vec![]).await));
    assert_eq!(s.query(Query::table("i")).await.unwrap().items, vec![]);

    // Items without string keys; key updates; empty or mistyped index keys.
    assert!(invalid(s.put(obj(json!({"pk": "i"})), None).await));
    assert!(invalid(s.put(obj(json!({"pk": "i", "sk": 1})), None).await));
    assert!(invalid(
        s.put(obj(json!({"pk": "i", "sk": "2", "gsi1pk": ""})), None)
            .await
    ));
    assert!(matches!(
        s.update(&key("i", "3"), Update::new().set("sk", "x"), None)
            .await,
        Err(StoreError::Invalid(_))
    ));
    // Empty key values.
    assert!(matches!(
        s.get(&key("", "1")).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(invalid(
        s.put(obj(json!({"pk": "i", "sk": ""})), None).await
    ));
    assert!(invalid(
        s.put(obj(json!({"pk": "i", "sk": "x".repeat(1025)})), None)
            .await
    ));
    assert!(matches!(
        s.update(&key("i", ""), Update::new().set("a", 1), None)
            .await,
        Err(StoreError::Invalid(_))
    ));
    // An update in a transaction must change something.
    assert!(invalid(
        s.transact(vec![WriteOp::Update {
            key: key("i", "6"),
            update: Update::new(),
            condition: None,
        }])
        .await
    ));
    // Ordering a boolean.
    assert!(invalid(
        s.put(
            obj(json!({"pk": "i", "sk": "4"})),
            Some(Condition::cmp("a", CmpOp::Lt, true))
        )
        .await
    ));
    // ADD on a string.
    s.put(obj(json!({"pk": "i", "sk": "5", "s": "x"})), None)
        .await
        .unwrap();
    assert!(matches!(
        s.update(&key("i", "5"), Update::new().add("s", 1), None)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        s.query(Query::table("i").sk(SortCondition::Between("b".into(), "a".into())))
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        s.query(Query::table("i").page(Some("%%%".into()))).await,
        Err(StoreError::Invalid(_))
    ));
    let mut keys: Vec<_> = sks(&s.query(Query::table("i")).await.unwrap());
    keys.sort();
    assert_eq!(keys, ["5"]);
}

async fn query_sort_conditions(s: Arc<dyn Store>) {
    for sk in ["a", "ab", "abc", "b", "ba", "c", "d#1", "d#2", "d#10"] {
        s.put(obj(json!({"pk": "q", "sk": sk})), None)
            .await
            .unwrap();
    }
    // Neighbouring partitions must never leak in.
    for pk in ["p", "q2", "qq", "Q"] {
        s.put(obj(json!({"pk": pk, "sk": "b"})), None)
            .await
            .unwrap();
    }
    let q = |c: Option<SortCondition>| {
        let s = s.clone();
        async move {
            let mut q = Query::table("q");
            q.sk = c;
            sks(&s.query(q).await.unwrap())
        }
    };
    use SortCondition::*;
    assert_eq!(
        q(None).await,
        ["a", "ab", "abc", "b", "ba", "c", "d#1", "d#10", "d#2"]
    );
    assert_eq!(q(Some(Eq("ab".into()))).await, ["ab"]);
    assert_eq!(q(Some(Eq("zz".into()))).await, Vec::<String>::new());
    assert_eq!(q(Some(BeginsWith("a".into()))).await, ["a", "ab", "abc"]);
    assert_eq!(q(Some(BeginsWith("d#1".into()))).await, ["d#1", "d#10"]);
    assert_eq!(
        q(Some(Between("ab".into(), "b".into()))).await,
        ["ab", "abc", "b"]
    );
    assert_eq!(q(Some(Lt("b".into()))).await, ["a", "ab", "abc"]);
    assert_eq!(q(Some(Le("b".into()))).await, ["a", "ab", "abc", "b"]);
    assert_eq!(q(Some(Gt("c".into()))).await, ["d#1", "d#10", "d#2"]);
    assert_eq!(q(Some(Ge("c".into()))).await, ["c", "d#1", "d#10", "d#2"]);
    let back = s
        .query(Query::table("q").sk(BeginsWith("a".into())).backward())
        .await
        .unwrap();
    assert_eq!(sks(&back), ["abc", "ab", "a"]);
    assert_eq!(
        sks(&s.query(Query::table("nobody")).await.unwrap()),
        Vec::<String>::new()
    );
}

async fn query_order_and_pages(s: Arc<dyn Store>) {
    let all: Vec<String> = (0..23).map(|n| format!("item#{n:02}")).collect();
    let writes: Vec<WriteOp> = all
        .iter()
        .map(|sk| WriteOp::Put {
            item: obj(json!({"pk": "pages", "sk": sk, "n": sk})),
            condition: None,
        })
        .collect();
    s.transact(writes).await.unwrap();
    s.put(obj(json!({"pk": "pages", "sk": "other"})), None)
        .await
        .unwrap();

    let q = Query::table("pages").sk(SortCondition::BeginsWith("item#".into()));
    let before = s.reads();
    let (forward, pages) = all_pages(&*s, q.clone().limit(5)).await;
    assert_eq!(forward, all, "every item exactly once, in order");
    assert!((5..=6).contains(&pages), "{pages} pages");
    assert_eq!(s.reads() - before, pages as u64, "one read per page");

    let (backward, _) = all_pages(&*s, q.clone().backward().limit(4)).await;
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(backward, reversed);

    let first = s.query(q.clone().limit(3)).await.unwrap();
    assert_eq!(sks(&first), ["item#00", "item#01", "item#02"]);
    assert!(first.next_page_token.is_some());
    let whole = s.query(q).await.unwrap();
    assert_eq!(sks(&whole), all);
    assert_eq!(whole.next_page_token, None);

    let before = s.reads();
    s.get(&key("pages", "other")).await.unwrap();
    assert_eq!(s.reads() - before, 1);
}

async fn gsi_is_sparse_and_maintained(s: Arc<dyn Store>) {
    let due = |n: u32| {
        obj(
            json!({"pk": format!("app#{n}"), "sk": "app", "gsi1pk": "due",
                   "gsi1sk": format!("2025-06-{:02}", 10 + n % 3), "n": n}),
        )
    };
    for n in 0..7 {
        s.put(due(n), None).await.unwrap();
    }
    // Lacking one of the index's attributes: not in the index.
    s.put(
        obj(json!({"pk": "app#x", "sk": "app", "gsi1pk": "due"})),
        None,
    )
    .await
    .unwrap();
    s.put(
        obj(json!({"pk": "app#y", "sk": "app", "gsi1sk": "2025-06-10"})),
        None,
    )
    .await
    .unwrap();
    // Another index's attributes do not make an item appear in this one.
    s.put(
        obj(json!({"pk": "app#z", "sk": "app", "gsi2pk": "due", "gsi2sk": "2025-06-10"})),
        None,
    )
    .await
    .unwrap();

    let pks = |p: &Page| -> Vec<String> {
        p.items
            .iter()
            .map(|i| i["pk"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let page = s.query(Query::index("gsi1", "due")).await.unwrap();
    assert_eq!(page.items.len(), 7, "{:?}", pks(&page));
    let dates: Vec<&str> = page
        .items
        .iter()
        .map(|i| i["gsi1sk"].as_str().unwrap_or_default())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "ordered by the index's sort key");
    // Projection ALL: whole items come back.
    assert!(page.items.iter().all(|i| i.contains_key("n")));

    let upto_11 = s
        .query(Query::index("gsi1", "due").sk(SortCondition::Le("2025-06-11".into())))
        .await
        .unwrap();
    assert_eq!(upto_11.items.len(), 5);

    // Pages over entries that tie on the index's sort key still return each item once.
    let mut seen = BTreeSet::new();
    let mut token = None;
    loop {
        let p = s
            .query(Query::index("gsi1", "due").limit(2).page(token))
            .await
            .unwrap();
        for pk in pks(&p) {
            assert!(seen.insert(pk.clone()), "{pk} twice");
        }
        token = p.next_page_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 7);

    // Removing the attribute takes the item out of the index; setting it puts it back.
    s.update(&key("app#0", "app"), Update::new().remove("gsi1pk"), None)
        .await
        .unwrap();
    s.update(
        &key("app#x", "app"),
        Update::new().set("gsi1sk", "2025-06-01"),
        None,
    )
    .await
    .unwrap();
    s.delete(&key("app#1", "app"), None).await.unwrap();
    s.update(
        &key("app#2", "app"),
        Update::new().set("gsi1pk", "done"),
        None,
    )
    .await
    .unwrap();
    let page = s.query(Query::index("gsi1", "due")).await.unwrap();
    let got: BTreeSet<String> = pks(&page).into_iter().collect();
    let expected: BTreeSet<String> = ["app#x", "app#3", "app#4", "app#5", "app#6"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(got, expected);
    assert_eq!(pks(&page)[0], "app#x", "earliest date first");
    let done = s.query(Query::index("gsi1", "done")).await.unwrap();
    assert_eq!(pks(&done), ["app#2"]);
    let other = s.query(Query::index("gsi2", "due")).await.unwrap();
    assert_eq!(pks(&other), ["app#z"]);
}

/// 200 tasks race to take one of 10 seats: exactly 10 win, and the counter says 10.
async fn concurrent_conditional_increments(s: Arc<dyn Store>) {
    let k = key("race", "limit");
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let s = s.clone();
            let k = k.clone();
            tokio::spawn(async move {
                retrying(|| {
                    s.update(
                        &k,
                        Update::new().add("count", 1),
                        Some(Condition::Or(vec![
                            Condition::cmp("count", CmpOp::Lt, 10),
                            Condition::AttrNotExists("count".into()),
                        ])),
                    )
                })
                .await
            })
        })
        .collect();
    let (mut ok, mut failed) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::ConditionFailed { index: 0 }) => failed += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!((ok, failed), (10, 190));
    assert_eq!(s.get(&k).await.unwrap().unwrap()["count"], json!(10));
}

/// 50 transactions race to take one of 5 seats, each also writing its own item: exactly 5
/// commit, and exactly their 5 items exist.
async fn concurrent_transactions(s: Arc<dyn Store>) {
    s.put(obj(json!({"pk": "txrace", "sk": "counter", "n": 0})), None)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                let writes = vec![
                    WriteOp::Update {
                        key: key("txrace", "counter"),
                        update: Update::new().add("n", 1),
                        condition: Some(Condition::cmp("n", CmpOp::Lt, 5)),
                    },
                    WriteOp::Put {
                        item: obj(json!({"pk": "txrace", "sk": format!("seat#{i:02}")})),
                        condition: Some(Condition::NotExists),
                    },
                ];
                retrying(|| s.transact(writes.clone())).await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(StoreError::ConditionFailed { index: 0 }) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(ok, 5);
    assert_eq!(
        s.get(&key("txrace", "counter")).await.unwrap().unwrap()["n"],
        json!(5)
    );
    let seats = s
        .query(Query::table("txrace").sk(SortCondition::BeginsWith("seat#".into())))
        .await
        .unwrap();
    assert_eq!(seats.items.len(), 5);
}

// ---- embedded only -------------------------------------------------------------------------

#[tokio::test]
async fn embedded_data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.redb");
    {
        let s = EmbeddedStore::open(&path).unwrap();
        s.put(
            obj(json!({"pk": "keep", "sk": "1", "gsi1pk": "g", "gsi1sk": "1", "v": [1]})),
            None,
        )
        .await
        .unwrap();
        s.transact(vec![WriteOp::Update {
            key: key("keep", "2"),
            update: Update::new().add("n", 3),
            condition: None,
        }])
        .await
        .unwrap();
    }
    let s = EmbeddedStore::open(&path).unwrap();
    assert_eq!(
        s.get(&key("keep", "1")).await.unwrap().unwrap()["v"],
        json!([1])
    );
    assert_eq!(
        s.get(&key("keep", "2")).await.unwrap().unwrap()["n"],
        json!(3)
    );
    let by_index = s.query(Query::index("gsi1", "g")).await.unwrap();
    assert_eq!(by_index.items.len(), 1);
}

/// An index added to the definition after items were written is built from them on open;
/// one removed is dropped (and rebuilt if it comes back).
#[tokio::test]
async fn embedded_builds_new_indexes_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.redb");
    let full = TableDef::from_template_default().unwrap();
    let mut without_gsi1 = full.clone();
    without_gsi1.indexes.retain(|i| i.name != "gsi1");
    let item = obj(json!({"pk": "a", "sk": "1", "gsi1pk": "g", "gsi1sk": "1"}));
    {
        let s = EmbeddedStore::open_with(&path, without_gsi1.clone()).unwrap();
        s.put(item.clone(), None).await.unwrap();
        assert!(matches!(
            s.query(Query::index("gsi1", "g")).await,
            Err(StoreError::Invalid(_))
        ));
    }
    {
        let s = EmbeddedStore::open_with(&path, full.clone()).unwrap();
        assert_eq!(
            s.query(Query::index("gsi1", "g")).await.unwrap().items,
            vec![item.clone()]
        );
    }
    {
        let s = EmbeddedStore::open_with(&path, without_gsi1).unwrap();
        s.delete(&key("a", "1"), None).await.unwrap();
    }
    let s = EmbeddedStore::open_with(&path, full).unwrap();
    assert_eq!(
        s.query(Query::index("gsi1", "g")).await.unwrap().items,
        vec![]
    );
}

#[tokio::test]
async fn embedded_temporary_store_works() {
    let s = EmbeddedStore::temporary().unwrap();
    s.put(
        obj(json!({"pk": "a", "sk": "\0nul\0"})),
        Some(Condition::NotExists),
    )
    .await
    .unwrap();
    assert!(s.get(&key("a", "\0nul\0")).await.unwrap().is_some());
    assert_eq!(s.query(Query::table("a")).await.unwrap().items.len(), 1);
}
