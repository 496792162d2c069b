//! Single-item writes and reads: put, get, update, delete, and the conditions they take.

use super::*;

pub(crate) async fn put_get_round_trip(s: Arc<dyn Store>) {
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

pub(crate) async fn conditional_put(s: Arc<dyn Store>) {
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

pub(crate) async fn update_set_add_remove(s: Arc<dyn Store>) {
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

pub(crate) async fn conditions(s: Arc<dyn Store>) {
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

pub(crate) async fn delete_with_condition(s: Arc<dyn Store>) {
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
