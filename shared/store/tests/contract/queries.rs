//! Queries: sort-key conditions, order and pages, and the indexes kept by every write.

use super::*;

pub(crate) async fn query_sort_conditions(s: Arc<dyn Store>) {
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

pub(crate) async fn query_order_and_pages(s: Arc<dyn Store>) {
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

pub(crate) async fn gsi_is_sparse_and_maintained(s: Arc<dyn Store>) {
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
