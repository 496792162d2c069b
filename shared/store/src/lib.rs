//! The store port: one table of items addressed by a partition key (`pk`) and a sort key (`sk`),
//! with conditional writes, all-or-nothing transactions and key-condition queries on the table
//! and its GSIs. Two adapters implement it: [`dynamodb::DynamoStore`] for deployments and
//! [`embedded::EmbeddedStore`] (redb, file-backed) for the local runner. Both pass one
//! contract suite (`tests/contract.rs`).
//!
//! Items are JSON objects (`serde_json::Map`): strings, integers, booleans, null, lists and maps.
//! The attributes `pk`, `sk` and, for the GSIs, `gsi{n}pk` / `gsi{n}sk` are strings; an item
//! without an index's key attributes is simply absent from that index (a sparse index).

use async_trait::async_trait;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

pub mod dynamodb;
pub mod embedded;
pub mod eval;
pub mod table;

/// An item: its attributes, `pk` and `sk` included.
pub type Item = Map<String, Value>;

/// The primary key of an item.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub pk: String,
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Key {
            pk: pk.into(),
            sk: sk.into(),
        }
    }

    /// The key of an item, if it has string `pk` and `sk` attributes.
    pub fn of(item: &Item) -> Option<Key> {
        Some(Key::new(
            item.get("pk")?.as_str()?,
            item.get("sk")?.as_str()?,
        ))
    }
}

/// The right-hand side of a comparison: another attribute of the same item, or a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Attr(String),
    Value(Value),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A condition on the current state of one item, evaluated atomically with the write.
/// Semantics follow DynamoDB condition expressions: a comparison with a missing attribute is
/// false (and so is `Ne`: DynamoDB's own `<>` is true there, so the DynamoDB adapter guards it
/// with `attribute_exists`); numbers compare as numbers, strings by their UTF-8 bytes; `=` and
/// `<>` compare values of any type (different types are unequal), the ordering operators only
/// numbers with numbers and strings with strings (false otherwise).
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// The item exists.
    Exists,
    /// The item does not exist.
    NotExists,
    AttrExists(String),
    AttrNotExists(String),
    Cmp(String, CmpOp, Operand),
    BeginsWith(String, String),
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
}

impl Condition {
    pub fn eq(attr: &str, v: impl Into<Value>) -> Self {
        Condition::Cmp(attr.into(), CmpOp::Eq, Operand::Value(v.into()))
    }
    pub fn cmp(attr: &str, op: CmpOp, v: impl Into<Value>) -> Self {
        Condition::Cmp(attr.into(), op, Operand::Value(v.into()))
    }
    pub fn cmp_attr(attr: &str, op: CmpOp, other: &str) -> Self {
        Condition::Cmp(attr.into(), op, Operand::Attr(other.into()))
    }
}

/// Changes to one item. An update of a missing item creates it (as DynamoDB's UpdateItem does)
/// unless its condition says otherwise; `add` on a missing attribute starts from 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Update {
    pub set: Vec<(String, Value)>,
    pub add: Vec<(String, i64)>,
    pub remove: Vec<String>,
}

impl Update {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set(mut self, attr: &str, v: impl Into<Value>) -> Self {
        self.set.push((attr.into(), v.into()));
        self
    }
    pub fn add(mut self, attr: &str, n: i64) -> Self {
        self.add.push((attr.into(), n));
        self
    }
    pub fn remove(mut self, attr: &str) -> Self {
        self.remove.push(attr.into());
        self
    }
}

/// One write of a transaction.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteOp {
    Put {
        item: Item,
        condition: Option<Condition>,
    },
    Update {
        key: Key,
        update: Update,
        condition: Option<Condition>,
    },
    Delete {
        key: Key,
        condition: Option<Condition>,
    },
    /// Writes nothing; the transaction fails unless the condition holds.
    Check { key: Key, condition: Condition },
}

impl WriteOp {
    pub fn key(&self) -> Option<Key> {
        match self {
            WriteOp::Put { item, .. } => Key::of(item),
            WriteOp::Update { key, .. }
            | WriteOp::Delete { key, .. }
            | WriteOp::Check { key, .. } => Some(key.clone()),
        }
    }
}

#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum StoreError {
    /// A condition did not hold; `index` is the failed write's position in the transaction
    /// (0 for a single write).
    #[error("condition failed on write {index}")]
    ConditionFailed { index: usize },
    /// Another transaction touched the same items at the same time; safe to retry.
    #[error("transaction conflict")]
    Conflict,
    /// The request itself is wrong (bad key, two writes to one item, too many writes...).
    #[error("invalid request: {0}")]
    Invalid(String),
    /// The store could not be reached or failed; retrying later may work.
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

/// A condition on the sort key of a query.
#[derive(Clone, Debug, PartialEq)]
pub enum SortCondition {
    Eq(String),
    BeginsWith(String),
    Between(String, String),
    Lt(String),
    Le(String),
    Gt(String),
    Ge(String),
}

/// A query of one partition of the table (`index: None`) or of a GSI (`index: Some("gsi1")`).
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub index: Option<String>,
    pub pk: String,
    pub sk: Option<SortCondition>,
    /// Ascending sort-key order when true.
    pub forward: bool,
    pub limit: Option<u32>,
    /// The opaque token of the previous page.
    pub page_token: Option<String>,
}

impl Query {
    pub fn table(pk: impl Into<String>) -> Self {
        Query {
            index: None,
            pk: pk.into(),
            sk: None,
            forward: true,
            limit: None,
            page_token: None,
        }
    }
    pub fn index(index: &str, pk: impl Into<String>) -> Self {
        Query {
            index: Some(index.into()),
            ..Query::table(pk)
        }
    }
    pub fn sk(mut self, c: SortCondition) -> Self {
        self.sk = Some(c);
        self
    }
    pub fn backward(mut self) -> Self {
        self.forward = false;
        self
    }
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    pub fn page(mut self, token: Option<String>) -> Self {
        self.page_token = token;
        self
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    pub next_page_token: Option<String>,
}

/// The most writes one transaction may hold (DynamoDB's limit).
pub const MAX_TRANSACTION_WRITES: usize = 100;

#[async_trait]
pub trait Store: Send + Sync {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError>;
    async fn put(&self, item: Item, condition: Option<Condition>) -> Result<(), StoreError>;
    /// Applies the update and returns the item as it is after it. An empty update (nothing to
    /// set, add or remove) is [`StoreError::Invalid`].
    async fn update(
        &self,
        key: &Key,
        update: Update,
        condition: Option<Condition>,
    ) -> Result<Item, StoreError>;
    async fn delete(&self, key: &Key, condition: Option<Condition>) -> Result<(), StoreError>;
    /// All writes or none. At most [`MAX_TRANSACTION_WRITES`], each on a different item.
    async fn transact(&self, writes: Vec<WriteOp>) -> Result<(), StoreError>;
    async fn query(&self, query: Query) -> Result<Page, StoreError>;
    /// How many read requests (get or query pages) this store instance has served; lets tests
    /// prove that a job reads a bounded number of pages.
    fn reads(&self) -> u64;
}

/// An item made of a key and a serialisable value's fields.
pub fn to_item<T: Serialize>(key: &Key, value: &T) -> Result<Item, StoreError> {
    let mut item = match serde_json::to_value(value) {
        Ok(Value::Object(m)) => m,
        Ok(_) => {
            return Err(StoreError::Invalid(
                "an item must serialise to an object".into(),
            ));
        }
        Err(e) => return Err(StoreError::Invalid(e.to_string())),
    };
    item.insert("pk".into(), Value::String(key.pk.clone()));
    item.insert("sk".into(), Value::String(key.sk.clone()));
    Ok(item)
}

/// The typed value stored in an item (key and index attributes are ignored unless `T` names them).
pub fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_json::from_value(Value::Object(item))
        .map_err(|e| StoreError::Invalid(format!("stored item does not match its type: {e}")))
}

/// Every item a query matches, following the pages. For small partitions only (an
/// organisation's limits, a person's memberships, an application's history): lists that can
/// grow without bound are paginated to the caller instead.
pub async fn query_all(store: &dyn Store, query: Query) -> Result<Vec<Item>, StoreError> {
    let mut items = Vec::new();
    let mut query = query;
    loop {
        let page = store.query(query.clone()).await?;
        items.extend(page.items);
        match page.next_page_token {
            Some(token) => query.page_token = Some(token),
            None => return Ok(items),
        }
    }
}
