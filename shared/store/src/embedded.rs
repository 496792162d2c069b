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
//! group commit); each is still judged alone, and answered only after the commit. Reads run
//! on tokio's blocking pool.

mod batch;

use std::collections::HashSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use redb::backends::InMemoryBackend;
use redb::{
    AccessGuard, Database, ReadableDatabase, ReadableTable, StorageError, TableDefinition,
    WriteTransaction,
};

use crate::table::{IndexDef, TableDef};
use crate::{
    Condition, Item, Key, MAX_TRANSACTION_WRITES, Page, Query, SortCondition, Store, StoreError,
    Update, WriteOp, eval,
};

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
        let def = TableDef::from_template_default().map_err(StoreError::Invalid)?;
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
        let def = TableDef::from_template_default().map_err(StoreError::Invalid)?;
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

// ---- Key encoding -------------------------------------------------------------------------
//
// Each string component is its UTF-8 bytes with NUL escaped as 00 FF, followed by the
// terminator 00 01. Byte order of encodings is then the byte order of the component tuples
// (a shorter string sorts before its extensions), and any string, NUL included, is a valid key.

fn push_escaped(out: &mut Vec<u8>, s: &str) {
    for b in s.bytes() {
        if b == 0 {
            out.extend_from_slice(&[0, 0xFF]);
        } else {
            out.push(b);
        }
    }
}

fn push_component(out: &mut Vec<u8>, s: &str) {
    push_escaped(out, s);
    out.extend_from_slice(&[0, 1]);
}

fn item_key(key: &Key) -> Vec<u8> {
    let mut out = Vec::with_capacity(key.pk.len() + key.sk.len() + 4);
    push_component(&mut out, &key.pk);
    push_component(&mut out, &key.sk);
    out
}

/// The item's entry in an index, if it has the index's key attributes as strings (sparse).
fn index_key(ix: &IndexDef, item: &Item, key: &Key) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    push_component(&mut out, item.get(&ix.hash_key)?.as_str()?);
    if let Some(rk) = &ix.range_key {
        push_component(&mut out, item.get(rk)?.as_str()?);
    }
    push_component(&mut out, &key.pk);
    push_component(&mut out, &key.sk);
    Some(out)
}

/// The smallest byte string greater than every string starting with `prefix`, if any.
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xFF {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

fn decode_item(bytes: &[u8]) -> Result<Item, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| unavailable(format!("stored item is corrupt: {e}")))
}

fn encode_item(item: &Item) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(item).map_err(|e| StoreError::Invalid(e.to_string()))
}

// ---- Writes -------------------------------------------------------------------------------

/// Checks a whole call before anything is read, as DynamoDB validates a request: sizes, keys,
/// duplicate items, expressions. Returns each write's key.
fn validate(def: &TableDef, writes: &[WriteOp]) -> Result<Vec<Key>, StoreError> {
    if writes.is_empty() || writes.len() > MAX_TRANSACTION_WRITES {
        return Err(StoreError::Invalid(format!(
            "a transaction holds 1 to {MAX_TRANSACTION_WRITES} writes, not {}",
            writes.len()
        )));
    }
    let mut keys = Vec::with_capacity(writes.len());
    let mut seen = HashSet::new();
    for w in writes {
        let (key, condition) = match w {
            WriteOp::Put { item, condition } => {
                (eval::validate_item(def, item)?, condition.as_ref())
            }
            WriteOp::Update {
                key,
                update,
                condition,
            } => {
                eval::check_update(update)?;
                (key.clone(), condition.as_ref())
            }
            WriteOp::Delete { key, condition } => (key.clone(), condition.as_ref()),
            WriteOp::Check { key, condition } => (key.clone(), Some(condition)),
        };
        eval::check_key(&key)?;
        if let Some(c) = condition {
            eval::check_condition(c)?;
        }
        if !seen.insert(key.clone()) {
            return Err(StoreError::Invalid(format!(
                "two writes to one item ({}, {}) in a transaction",
                key.pk, key.sk
            )));
        }
        keys.push(key);
    }
    Ok(keys)
}

fn condition_of(w: &WriteOp) -> Option<&Condition> {
    match w {
        WriteOp::Put { condition, .. }
        | WriteOp::Update { condition, .. }
        | WriteOp::Delete { condition, .. } => condition.as_ref(),
        WriteOp::Check { condition, .. } => Some(condition),
    }
}

impl Inner {
    /// Applies one call's writes inside `txn`, all or nothing: every condition and every
    /// resulting item is checked before anything is written, so a call that fails (but for the
    /// storage itself) leaves `txn` as it found it. Returns each write's resulting item
    /// (`None` for a delete or check).
    fn execute_in(
        &self,
        txn: &WriteTransaction,
        writes: &[WriteOp],
        keys: &[Key],
    ) -> Result<Vec<Option<Item>>, StoreError> {
        let mut items = txn.open_table(ITEMS).map_err(unavailable)?;
        let encoded: Vec<Vec<u8>> = keys.iter().map(item_key).collect();

        // Every condition sees the state before the call (each write is on its own item).
        let mut before = Vec::with_capacity(writes.len());
        for (index, (w, k)) in writes.iter().zip(&encoded).enumerate() {
            let current = match items.get(k.as_slice()).map_err(unavailable)? {
                Some(v) => Some(decode_item(v.value())?),
                None => None,
            };
            if let Some(c) = condition_of(w)
                && !eval::eval(c, current.as_ref())
            {
                return Err(StoreError::ConditionFailed { index });
            }
            before.push(current);
        }

        let mut after = Vec::with_capacity(writes.len());
        let mut changes = Vec::new();
        for ((w, key), old) in writes.iter().zip(keys).zip(before) {
            let new = match w {
                WriteOp::Put { item, .. } => {
                    let new = match eval::normalize(serde_json::Value::Object(item.clone())) {
                        serde_json::Value::Object(m) => m,
                        _ => item.clone(),
                    };
                    Some(new)
                }
                WriteOp::Update { update, .. } => {
                    let new = eval::apply_update(key, old.clone(), update)?;
                    eval::validate_item(&self.def, &new)?;
                    Some(new)
                }
                WriteOp::Delete { .. } => None,
                WriteOp::Check { .. } => {
                    after.push(None);
                    continue;
                }
            };
            let bytes = new.as_ref().map(encode_item).transpose()?;
            after.push(new.clone());
            changes.push((key, old, new, bytes));
        }

        for (key, _, _, bytes) in &changes {
            let k = item_key(key);
            match bytes {
                Some(bytes) => {
                    items
                        .insert(k.as_slice(), bytes.as_slice())
                        .map_err(unavailable)?;
                }
                None => {
                    items.remove(k.as_slice()).map_err(unavailable)?;
                }
            }
        }
        drop(items);

        for ix in &self.def.indexes {
            let name = index_table_name(&ix.name);
            let mut index = txn
                .open_table(TableDefinition::<Bytes, Bytes>::new(&name))
                .map_err(unavailable)?;
            for (key, old, new, _) in &changes {
                let old_ik = old.as_ref().and_then(|i| index_key(ix, i, key));
                let new_ik = new.as_ref().and_then(|i| index_key(ix, i, key));
                if old_ik == new_ik {
                    continue;
                }
                if let Some(ik) = old_ik {
                    index.remove(ik.as_slice()).map_err(unavailable)?;
                }
                if let Some(ik) = new_ik {
                    let k = item_key(key);
                    index
                        .insert(ik.as_slice(), k.as_slice())
                        .map_err(unavailable)?;
                }
            }
        }
        Ok(after)
    }

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

type Entry<'a> = Result<(AccessGuard<'a, Bytes>, AccessGuard<'a, Bytes>), StorageError>;

/// Whether entries follow the ones taken.
type More = bool;
/// An entry's key and value, copied out of the read transaction.
type Owned = (Vec<u8>, Vec<u8>);

/// Up to `limit` entries as owned (key, value) pairs, and whether more follow.
fn take<'a>(
    iter: impl Iterator<Item = Entry<'a>>,
    limit: usize,
) -> Result<(Vec<Owned>, More), StoreError> {
    let mut found = Vec::new();
    for entry in iter {
        if found.len() == limit {
            return Ok((found, true));
        }
        let (k, v) = entry.map_err(unavailable)?;
        found.push((k.value().to_vec(), v.value().to_vec()));
    }
    Ok((found, false))
}

fn lo_bytes(b: &Bound<Vec<u8>>) -> Vec<u8> {
    match b {
        Bound::Included(v) | Bound::Excluded(v) => v.clone(),
        Bound::Unbounded => Vec::new(),
    }
}

/// The key range `[lo, hi)` of a partition's entries that satisfy the sort condition. Works for
/// the items table and the indexes alike: an entry's key starts with its partition and sort
/// components, whatever follows.
fn sort_range(
    pk: &str,
    sk: Option<&SortCondition>,
) -> Result<(Bound<Vec<u8>>, Vec<u8>), StoreError> {
    let mut partition = Vec::new();
    push_component(&mut partition, pk);
    // Component terminators end in 0x01, so the end of a component's range is always finite.
    let end_of = |prefix: &[u8]| prefix_end(prefix).unwrap_or_default();
    let partition_end = end_of(&partition);
    let exact = |s: &str| {
        let mut k = partition.clone();
        push_component(&mut k, s);
        k
    };
    let (lo, hi) = match sk {
        None => (partition.clone(), partition_end),
        Some(SortCondition::Eq(s)) => {
            let k = exact(s);
            let end = end_of(&k);
            (k, end)
        }
        Some(SortCondition::BeginsWith(p)) => {
            let mut k = partition.clone();
            push_escaped(&mut k, p);
            let end = end_of(&k);
            (k, end)
        }
        Some(SortCondition::Lt(s)) => (partition.clone(), exact(s)),
        Some(SortCondition::Le(s)) => (partition.clone(), end_of(&exact(s))),
        Some(SortCondition::Gt(s)) => (end_of(&exact(s)), partition_end),
        Some(SortCondition::Ge(s)) => (exact(s), partition_end),
        Some(SortCondition::Between(a, b)) => {
            if a.as_bytes() > b.as_bytes() {
                return Err(StoreError::Invalid(
                    "BETWEEN needs its lower bound first".into(),
                ));
            }
            (exact(a), end_of(&exact(b)))
        }
    };
    Ok((Bound::Included(lo), hi))
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        let key = key.clone();
        self.blocking(move |s| s.get(&key)).await
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
mod tests {
    use super::*;

    fn enc(pk: &str, sk: &str) -> Vec<u8> {
        item_key(&Key::new(pk, sk))
    }

    #[test]
    fn encoding_preserves_tuple_order() {
        let keys = [
            ("a", ""),
            ("a", "\0"),
            ("a", "\0\0"),
            ("a", "\0a"),
            ("a", "a"),
            ("a", "a\0"),
            ("a", "ab"),
            ("a", "b"),
            ("a\0", "a"),
            ("ab", ""),
            ("b", "a"),
        ];
        for w in keys.windows(2) {
            assert!(enc(w[0].0, w[0].1) < enc(w[1].0, w[1].1), "{w:?}");
        }
    }

    #[test]
    fn sort_ranges_select_the_right_keys() {
        let sks = ["", "a", "a\0", "ab", "abc", "b", "ba", "c"];
        let select = |c: SortCondition| -> Vec<&str> {
            let (lo, hi) = sort_range("p", Some(&c)).unwrap();
            let lo = lo_bytes(&lo);
            sks.iter()
                .copied()
                .filter(|sk| {
                    let k = enc("p", sk);
                    k >= lo && k < hi
                })
                .collect()
        };
        assert_eq!(select(SortCondition::Eq("ab".into())), ["ab"]);
        assert_eq!(
            select(SortCondition::BeginsWith("a".into())),
            ["a", "a\0", "ab", "abc"]
        );
        assert_eq!(select(SortCondition::BeginsWith("a\0".into())), ["a\0"]);
        assert_eq!(select(SortCondition::Lt("ab".into())), ["", "a", "a\0"]);
        assert_eq!(
            select(SortCondition::Le("ab".into())),
            ["", "a", "a\0", "ab"]
        );
        assert_eq!(
            select(SortCondition::Gt("ab".into())),
            ["abc", "b", "ba", "c"]
        );
        assert_eq!(select(SortCondition::Ge("b".into())), ["b", "ba", "c"]);
        assert_eq!(
            select(SortCondition::Between("a\0".into(), "b".into())),
            ["a\0", "ab", "abc", "b"]
        );
        assert!(sort_range("p", Some(&SortCondition::Between("b".into(), "a".into()))).is_err());
        // Other partitions are outside every range.
        let (lo, hi) = sort_range("p", None).unwrap();
        for other in [
            enc("", "x"),
            enc("o", "z"),
            enc("p\0", ""),
            enc("pa", ""),
            enc("q", ""),
        ] {
            assert!(!(other >= lo_bytes(&lo) && other < hi));
        }
    }

    #[test]
    fn prefix_end_skips_ff() {
        assert_eq!(prefix_end(&[1, 0xFF, 0xFF]), Some(vec![2]));
        assert_eq!(prefix_end(&[0xFF]), None);
    }
}
