//! Transactions: all or nothing, condition checks, the requests refused before they are sent,
//! and conditional writes racing each other.

use super::*;

pub(crate) async fn transaction_is_all_or_nothing(s: Arc<dyn Store>) {
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

pub(crate) async fn transaction_check(s: Arc<dyn Store>) {
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

pub(crate) async fn invalid_requests(s: Arc<dyn Store>) {
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

/// 200 tasks race to take one of 10 seats: exactly 10 win, and the counter says 10.
pub(crate) async fn concurrent_conditional_increments(s: Arc<dyn Store>) {
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
pub(crate) async fn concurrent_transactions(s: Arc<dyn Store>) {
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

/// 90 write calls at once (on the embedded store they share group commits): each is judged by
/// its own conditions alone, in three kinds mixed: a transaction whose check fails on write 1
/// (it writes nothing, not even its first write), one whose conditions hold (all its writes
/// land), and a single conditional put on an item that exists already (refused).
pub(crate) async fn concurrent_writes_are_judged_each_alone(s: Arc<dyn Store>) {
    for i in 0..30 {
        let taken = obj(json!({"pk": "alone", "sk": format!("taken#{i:02}"), "v": i}));
        s.put(taken, None).await.unwrap();
    }
    let tasks: Vec<_> = (0..90)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                let own = WriteOp::Put {
                    item: obj(json!({"pk": "alone", "sk": format!("own#{i:02}")})),
                    condition: Some(Condition::NotExists),
                };
                let count = WriteOp::Update {
                    key: key("alone", "counter"),
                    update: Update::new().add("n", 1),
                    condition: None,
                };
                let result = match i % 3 {
                    0 => {
                        let missing = WriteOp::Check {
                            key: key("alone", &format!("missing#{i:02}")),
                            condition: Condition::Exists,
                        };
                        retrying(|| s.transact(vec![own.clone(), missing.clone(), count.clone()]))
                            .await
                    }
                    1 => retrying(|| s.transact(vec![own.clone(), count.clone()])).await,
                    _ => {
                        let again =
                            obj(json!({"pk": "alone", "sk": format!("taken#{:02}", i / 3)}));
                        s.put(again, Some(Condition::NotExists)).await
                    }
                };
                (i, result)
            })
        })
        .collect();
    for t in tasks {
        let (i, result) = t.await.unwrap();
        match i % 3 {
            0 => assert_eq!(result, Err(StoreError::ConditionFailed { index: 1 }), "{i}"),
            1 => assert_eq!(result, Ok(()), "{i}"),
            _ => assert_eq!(result, Err(StoreError::ConditionFailed { index: 0 }), "{i}"),
        }
    }
    let own = s
        .query(Query::table("alone").sk(SortCondition::BeginsWith("own#".into())))
        .await
        .unwrap();
    let expected: Vec<String> = (0..90)
        .filter(|i| i % 3 == 1)
        .map(|i| format!("own#{i:02}"))
        .collect();
    assert_eq!(sks(&own), expected);
    assert_eq!(
        s.get(&key("alone", "counter")).await.unwrap().unwrap()["n"],
        json!(30)
    );
    for i in 0..30 {
        let taken = s
            .get(&key("alone", &format!("taken#{i:02}")))
            .await
            .unwrap();
        assert_eq!(
            taken.unwrap()["v"],
            json!(i),
            "the refused put left taken#{i:02} as it was"
        );
    }
}
