//! A wrapper around any store that counts what is asked of it: query pages, gets and writes.
//! The sweeps' pages are counted here, at the port, whatever the adapter beneath.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use store::{Condition, Item, Key, Page, Query, Store, StoreError, Update, WriteOp};

pub struct Counting {
    inner: Arc<dyn Store>,
    queries: AtomicU64,
    gets: AtomicU64,
    writes: AtomicU64,
    /// Each call's operation and key shape, when asked for ([`Counting::take_calls`]).
    calls: Mutex<Vec<String>>,
}

/// A key's shape: its `#`-separated segments, ids and numbers as `*` (`APP#*` / `EVENT#*`).
fn shape(s: &str) -> String {
    s.split('#')
        .map(|seg| {
            if seg.len() > 14 || seg.chars().any(|c| c.is_ascii_digit()) {
                "*"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("#")
}

/// The counts at one moment: `(queries, gets, writes)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub queries: u64,
    pub gets: u64,
    pub writes: u64,
}

impl Counts {
    pub fn since(self, earlier: Counts) -> Counts {
        Counts {
            queries: self.queries - earlier.queries,
            gets: self.gets - earlier.gets,
            writes: self.writes - earlier.writes,
        }
    }
}

impl Counting {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Counting {
            inner,
            queries: AtomicU64::new(0),
            gets: AtomicU64::new(0),
            writes: AtomicU64::new(0),
            calls: Mutex::new(Vec::new()),
        }
    }

    /// The calls made since the last take, oldest first.
    pub fn take_calls(&self) -> Vec<String> {
        std::mem::take(&mut *self.calls.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn log(&self, call: String) {
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(call);
    }

    pub fn counts(&self) -> Counts {
        Counts {
            queries: self.queries.load(Ordering::Relaxed),
            gets: self.gets.load(Ordering::Relaxed),
            writes: self.writes.load(Ordering::Relaxed),
        }
    }

    fn write(&self, what: &str, key: Option<Key>) {
        self.writes.fetch_add(1, Ordering::Relaxed);
        let key = key.map_or("?".into(), |k| {
            format!("{} / {}", shape(&k.pk), shape(&k.sk))
        });
        self.log(format!("{what} {key}"));
    }
}

#[async_trait]
impl Store for Counting {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.gets.fetch_add(1, Ordering::Relaxed);
        self.log(format!("get {} / {}", shape(&key.pk), shape(&key.sk)));
        self.inner.get(key).await
    }

    async fn put(&self, item: Item, condition: Option<Condition>) -> Result<(), StoreError> {
        self.write("put", Key::of(&item));
        self.inner.put(item, condition).await
    }

    async fn update(
        &self,
        key: &Key,
        update: Update,
        condition: Option<Condition>,
    ) -> Result<Item, StoreError> {
        self.write("update", Some(key.clone()));
        self.inner.update(key, update, condition).await
    }

    async fn delete(&self, key: &Key, condition: Option<Condition>) -> Result<(), StoreError> {
        self.write("delete", Some(key.clone()));
        self.inner.delete(key, condition).await
    }

    async fn transact(&self, writes: Vec<WriteOp>) -> Result<(), StoreError> {
        self.writes.fetch_add(1, Ordering::Relaxed);
        let keys: Vec<String> = writes
            .iter()
            .map(|w| {
                let kind = match w {
                    WriteOp::Put { .. } => "put",
                    WriteOp::Update { .. } => "update",
                    WriteOp::Delete { .. } => "delete",
                    WriteOp::Check { .. } => "check",
                };
                let key = w
                    .key()
                    .map_or("?".into(), |k| format!("{}/{}", shape(&k.pk), shape(&k.sk)));
                format!("{kind} {key}")
            })
            .collect();
        self.log(format!("transact [{}]", keys.join(", ")));
        self.inner.transact(writes).await
    }

    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        self.queries.fetch_add(1, Ordering::Relaxed);
        self.log(format!(
            "query {}{}",
            query
                .index
                .as_deref()
                .map_or(String::new(), |i| format!("{i}:")),
            shape(&query.pk)
        ));
        self.inner.query(query).await
    }

    fn reads(&self) -> u64 {
        self.inner.reads()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn counts_each_call_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let inner = store::embedded::EmbeddedStore::open(dir.path().join("s.redb")).unwrap();
        let s = Counting::new(Arc::new(inner));
        let serde_json::Value::Object(item) = json!({"pk": "p", "sk": "s"}) else {
            unreachable!()
        };
        s.put(item, None).await.unwrap();
        s.get(&Key::new("p", "s")).await.unwrap();
        s.query(Query::table("p")).await.unwrap();
        s.query(Query::table("p")).await.unwrap();
        assert_eq!(
            s.counts(),
            Counts {
                queries: 2,
                gets: 1,
                writes: 1
            }
        );
    }
}
