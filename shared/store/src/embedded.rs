//! The embedded adapter: the one table in a redb file, for the local runner.
//!
//! Layout: the `items` table maps an order-preserving encoding of `(pk, sk)` to the item's JSON;
//! each GSI of the [`TableDef`] has a table `index:{name}` mapping `(gsipk, gsisk, pk, sk)` to the
//! item's `items` key, so a query on the table or an index is one range scan.
//!
//! Every write call (a single write or a whole transaction) reads, checks its conditions and
//! writes as one unit, applied by one writer thread in arrival order, so conditional writes and
//! transactions are atomic and serialisable, as DynamoDB's are. Calls that arrive while a commit
//! is being made durable share the next redb write transaction and its one commit ([`batch`]:
//! group commit); each is still judged alone, and answered only after the commit. A point read
//! runs in place; a query, which may scan many items, on tokio's blocking pool.
//!
//! Parts: [`keys`] (the byte encoding of keys), [`writes`] (one call inside a write
//! transaction), [`batch`] (the writer thread), [`range`] (the key range of a query).

mod batch;
mod keys;
mod range;
mod writes;

use keys::{decode_item, index_key, item_key, push_component};
use range::{lo_bytes, sort_range, take};
use writes::validate;

use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use redb::backends::InMemoryBackend;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use crate::table::{IndexDef, TableDef};
use crate::{Condition, Item, Key, Page, Query, Store, StoreError, Update, WriteOp, eval};

type Bytes = &'static [u8];

const ITEMS: TableDefinition<Bytes, Bytes> = TableDefinition::new("items");
/// `index:{name}` → the index's key attributes, for the indexes that are built and maintained.
const META: TableDefinition<&str, &str> = TableDefinition::new("meta");

fn index_table_name(name: &str) -> String {
    format!("index:{name}")
}

/// A store in one redb file (or in memory, see [`EmbeddedStore::temporary`]).
pub struct EmbeddedStore {
    /// Dropped first: the writer thread finishes the queued calls and lets go of the database.
    writer: batch::Writer,
    inner: Arc<Inner>,
    reads: AtomicU64,
}

struct Inner {
    db: Database,
    def: TableDef,
    /// Write transactions committed by the writer (see [`EmbeddedStore::commits`]).
    commits: AtomicU64,
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(format!("embedded store: {e}"))
}

impl EmbeddedStore {
    /// Opens (or creates) the store at `path` with the template's table definition.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let def = TableDef::deployed();
        Self::open_with(path, def)
    }

    /// Opens (or creates) the store at `path` with the given indexes. Indexes that are new since
    /// the file was last opened are built from the items; indexes no longer defined are dropped.
    pub fn open_with(path: impl AsRef<Path>, def: TableDef) -> Result<Self, StoreError> {
        let db = Database::create(path).map_err(unavailable)?;
        Self::init(db, def)
    }

    /// A store in memory, gone when dropped: for tests and throwaway runs.
    pub fn temporary() -> Result<Self, StoreError> {
        let def = TableDef::deployed();
        let db = Database::builder()
            .create_with_backend(InMemoryBackend::new())
            .map_err(unavailable)?;
        Self::init(db, def)
    }

    pub fn table_def(&self) -> &TableDef {
        &self.inner.def
    }

    /// How many write transactions this store has committed: fewer than the write calls when
    /// calls shared a group commit (the rush benchmark reports calls per commit).
    pub fn commits(&self) -> u64 {
        self.inner.commits.load(Ordering::Relaxed)
    }

    fn init(db: Database, def: TableDef) -> Result<Self, StoreError> {
        let txn = db.begin_write().map_err(unavailable)?;
        {
            txn.open_table(ITEMS).map_err(unavailable)?;
            let mut meta = txn.open_table(META).map_err(unavailable)?;
            let built: Vec<(String, String)> = meta
                .iter()
                .map_err(unavailable)?
                .map(|e| e.map(|(k, v)| (k.value().to_owned(), v.value().to_owned())))
                .collect::<Result<_, _>>()
                .map_err(unavailable)?;
            // Drop indexes whose definition is gone or changed: they were not maintained.
            for (table_name, schema) in &built {
                let current = def
                    .indexes
                    .iter()
                    .find(|i| index_table_name(&i.name) == *table_name);
                if current.map(index_schema).as_deref() != Some(schema.as_str()) {
                    let t: TableDefinition<Bytes, Bytes> = TableDefinition::new(table_name);
                    txn.delete_table(t).map_err(unavailable)?;
                    meta.remove(table_name.as_str()).map_err(unavailable)?;
                }
            }
            for ix in &def.indexes {
                let name = index_table_name(&ix.name);
                if meta.get(name.as_str()).map_err(unavailable)?.is_some() {
                    continue;
                }
                build_index(&txn, ix)?;
                meta.insert(name.as_str(), index_schema(ix).as_str())
                    .map_err(unavailable)?;
            }
        }
        txn.commit().map_err(unavailable)?;
        let inner = Arc::new(Inner {
            db,
            def,
            commits: AtomicU64::new(0),
        });
        Ok(EmbeddedStore {
            writer: batch::Writer::start(inner.clone())?,
            inner,
            reads: AtomicU64::new(0),
        })
    }

    /// Validates a write call, then has the writer apply it (see [`batch`]).
    async fn execute(&self, writes: Vec<WriteOp>) -> batch::Outcome {
        let keys = validate(&self.inner.def, &writes)?;
        self.writer.execute(writes, keys).await
    }

    /// Runs blocking redb work off the async runtime.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Inner) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || f(&inner))
            .await
            .map_err(unavailable)?
    }
}

fn index_schema(ix: &IndexDef) -> String {
    format!("{}|{}", ix.hash_key, ix.range_key.as_deref().unwrap_or(""))
}

/// (Re)fills an index table from every item.
fn build_index(txn: &WriteTransaction, ix: &IndexDef) -> Result<(), StoreError> {
    let name = index_table_name(&ix.name);
    let t: TableDefinition<Bytes, Bytes> = TableDefinition::new(&name);
    txn.delete_table(t).map_err(unavailable)?;
    let items = txn.open_table(ITEMS).map_err(unavailable)?;
    let mut index = txn.open_table(t).map_err(unavailable)?;
    for entry in items.iter().map_err(unavailable)? {
        let (k, v) = entry.map_err(unavailable)?;
        let item = decode_item(v.value())?;
        if let Some(key) = Key::of(&item)
            && let Some(ik) = index_key(ix, &item, &key)
        {
            index
                .insert(ik.as_slice(), k.value())
                .map_err(unavailable)?;
        }
    }
    Ok(())
}

impl Inner {
    fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        eval::check_key(key)?;
        let txn = self.db.begin_read().map_err(unavailable)?;
        let items = txn.open_table(ITEMS).map_err(unavailable)?;
        let found = items.get(item_key(key).as_slice()).map_err(unavailable)?;
        found.map(|v| decode_item(v.value())).transpose()
    }

    fn query(&self, q: &Query) -> Result<Page, StoreError> {
        if q.limit == Some(0) {
            return Err(StoreError::Invalid(
                "a query limit must be at least 1".into(),
            ));
        }
        if q.pk.is_empty() {
            return Err(StoreError::Invalid(
                "a query needs a non-empty partition key".into(),
            ));
        }
        let index = match &q.index {
            None => None,
            Some(name) => Some(
                self.def
                    .index(name)
                    .ok_or_else(|| StoreError::Invalid(format!("no index {name}")))?,
            ),
        };
        if q.sk.is_some() && index.is_some_and(|ix| ix.range_key.is_none()) {
            return Err(StoreError::Invalid("the index has no sort key".into()));
        }

        let (mut lo, mut hi) = sort_range(&q.pk, q.sk.as_ref())?;
        if let Some(token) = &q.page_token {
            let after = URL_SAFE_NO_PAD
                .decode(token)
                .map_err(|_| StoreError::Invalid("malformed page token".into()))?;
            let mut partition = Vec::new();
            push_component(&mut partition, &q.pk);
            if !after.starts_with(&partition) {
                return Err(StoreError::Invalid(
                    "the page token belongs to another query".into(),
                ));
            }
            // Resume strictly after (or before, backwards) the last returned key.
            if q.forward {
                if after >= lo_bytes(&lo) {
                    lo = Bound::Excluded(after);
                }
            } else if after < hi {
                hi = after;
            }
        }
        let empty = match &lo {
            Bound::Included(l) => *l >= hi,
            Bound::Excluded(l) => *l >= hi,
            Bound::Unbounded => false,
        };
        if empty {
            return Ok(Page::default());
        }

        let txn = self.db.begin_read().map_err(unavailable)?;
        let items = txn.open_table(ITEMS).map_err(unavailable)?;
        let range = (
            lo.as_ref().map(Vec::as_slice),
            Bound::Excluded(hi.as_slice()),
        );
        let limit = q.limit.map_or(usize::MAX, |n| n as usize);
        let index_table;
        let source = match index {
            None => &items,
            Some(ix) => {
                let name = index_table_name(&ix.name);
                index_table = txn
                    .open_table(TableDefinition::<Bytes, Bytes>::new(&name))
                    .map_err(unavailable)?;
                &index_table
            }
        };
        let iter = source.range::<&[u8]>(range).map_err(unavailable)?;
        let (found, more) = if q.forward {
            take(iter, limit)?
        } else {
            take(iter.rev(), limit)?
        };

        let mut page = Page::default();
        for (_, v) in &found {
            let bytes = match index {
                None => Some(v.clone()),
                Some(_) => items
                    .get(v.as_slice())
                    .map_err(unavailable)?
                    .map(|g| g.value().to_vec()),
            };
            if let Some(b) = bytes {
                page.items.push(decode_item(&b)?);
            }
        }
        if more && let Some((k, _)) = found.last() {
            page.next_page_token = Some(URL_SAFE_NO_PAD.encode(k));
        }
        Ok(page)
    }
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        // One descent of a B-tree held in redb's page cache, microseconds: done in place. On
        // the blocking pool each read cost a thread's wake-up and hand-back, more than the read
        // (a sixth of the rush's request time, README «Opening-day rush»).
        self.inner.get(key)
    }

    async fn put(&self, item: Item, condition: Option<Condition>) -> Result<(), StoreError> {
        self.execute(vec![WriteOp::Put { item, condition }])
            .await
            .map(drop)
    }

    async fn update(
        &self,
        key: &Key,
        update: Update,
        condition: Option<Condition>,
    ) -> Result<Item, StoreError> {
        let key = key.clone();
        let after = self
            .execute(vec![WriteOp::Update {
                key,
                update,
                condition,
            }])
            .await?;
        after
            .into_iter()
            .next()
            .flatten()
            .ok_or_else(|| unavailable("an update produced no item"))
    }

    async fn delete(&self, key: &Key, condition: Option<Condition>) -> Result<(), StoreError> {
        let key = key.clone();
        self.execute(vec![WriteOp::Delete { key, condition }])
            .await
            .map(drop)
    }

    async fn transact(&self, writes: Vec<WriteOp>) -> Result<(), StoreError> {
        self.execute(writes).await.map(drop)
    }

    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        self.blocking(move |s| s.query(&query)).await
    }

    fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests;
