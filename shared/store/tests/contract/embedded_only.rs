//! What only the embedded store has: its file across reopening and its indexes built on open.

use super::*;

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
    let full = TableDef::deployed();
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
