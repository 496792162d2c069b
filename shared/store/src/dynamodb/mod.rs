//! The DynamoDB adapter (aws-sdk-dynamodb): the deployed store.
//!
//! Conditions and updates become DynamoDB expressions whose every attribute name and value is a
//! generated placeholder (`#n0`, `:v0`), so no item data is ever spliced into an expression.
//! Requests DynamoDB would refuse (too many writes, two writes to one item, a key update...) are
//! refused here first with [`StoreError::Invalid`], with the same checks the embedded adapter
//! makes, so both adapters fail alike.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::create_table::CreateTableError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, CancellationReason, ConditionCheck, Delete,
    GlobalSecondaryIndex, IndexStatus, KeySchemaElement, KeyType, Projection, ProjectionType, Put,
    ReturnConsumedCapacity, ReturnValue, ScalarAttributeType, TableStatus, TransactWriteItem,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Number, Value};

use crate::table::TableDef;

mod attrs;
pub mod capacity;
mod errors;
mod expr;
mod setup;
mod transact;
pub mod usage;

use crate::{
    CmpOp, Condition, Item, Key, MAX_TRANSACTION_WRITES, Operand, Page, Query, SortCondition,
    Store, StoreError, Update, WriteOp, eval,
};
use attrs::{decode_token, encode_token, key_attrs};
pub use attrs::{from_attr, from_attrs, to_attr, to_attrs};
use errors::{cancelled, sdk_error};
use expr::Expr;
use usage::{Seen, Usage, get_cost, indexes_of, write_cost};

/// Attribute map of the SDK.
pub type Attrs = HashMap<String, AttributeValue>;

/// A store on one DynamoDB table.
pub struct DynamoStore {
    client: Client,
    table: String,
    /// Key attribute names of the indexes; see [`DynamoStore::index_keys`].
    def: TableDef,
    reads: AtomicU64,
    usage: Usage,
}

impl DynamoStore {
    /// A store on `table`, with the index key names of the repository's template.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
            def: TableDef::deployed(),
            reads: AtomicU64::new(0),
            usage: Usage::default(),
        }
    }

    /// Uses another table definition for index key names (a table not made from the template).
    pub fn with_table_def(mut self, def: TableDef) -> Self {
        self.def = def;
        self
    }

    /// A store whose client is configured from the environment, talking to `endpoint` when one
    /// is given (moto, LocalStack, DynamoDB local). Such servers accept any credentials and
    /// region, so when the environment has none, `us-east-1` and the key pair `test`/`test` are
    /// used rather than failing on the provider chain.
    pub async fn from_env_endpoint(endpoint: Option<&str>, table: impl Into<String>) -> Self {
        Self::new(Client::new(&cloud::sdk_config(endpoint).await), table)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table_name(&self) -> &str {
        &self.table
    }

    /// The requests and capacity units this store has used, per operation.
    pub fn usage(&self) -> &Usage {
        &self.usage
    }

    /// What the counter knows of an item as it is now.
    fn seen_of(&self, attrs: &Attrs) -> Seen {
        Seen {
            size: capacity::item_size(attrs),
            indexes: indexes_of(&self.def, attrs),
        }
    }

    /// The key attribute names of an index: from the table definition, or by the convention
    /// `{index}pk` / `{index}sk` for an index it does not name.
    fn index_keys(&self, index: &str) -> (String, Option<String>) {
        match self.def.index(index) {
            Some(ix) => (ix.hash_key.clone(), ix.range_key.clone()),
            None => (format!("{index}pk"), Some(format!("{index}sk"))),
        }
    }
}

#[async_trait]
impl Store for DynamoStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        eval::check_key(key)?;
        self.reads.fetch_add(1, Ordering::Relaxed);
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key_attrs(key)))
            .consistent_read(true)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        let (reported, item) = match &out {
            Ok(o) => (o.consumed_capacity().cloned(), o.item()),
            Err(_) => (None, None),
        };
        let seen = item.map(|i| self.seen_of(i));
        self.usage.record(
            "GetItem",
            reported.as_slice(),
            get_cost(seen.map_or(0, |s| s.size), true),
            0.0,
        );
        self.usage.remember(&key.pk, &key.sk, seen);
        out.map_err(sdk_error)?.item().map(from_attrs).transpose()
    }

    async fn put(&self, item: Item, condition: Option<Condition>) -> Result<(), StoreError> {
        let key = Key::of(&item).ok_or_else(|| {
            StoreError::Invalid("an item needs string pk and sk attributes".into())
        })?;
        eval::check_key(&key)?;
        if let Some(c) = &condition {
            eval::check_condition(c)?;
        }
        let mut x = Expr::default();
        let cond = condition.as_ref().map(|c| x.condition(c));
        let attrs = to_attrs(&item);
        let new = self.seen_of(&attrs);
        let out = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(attrs))
            .set_condition_expression(cond)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        let reported = out
            .as_ref()
            .ok()
            .and_then(|o| o.consumed_capacity().cloned());
        let old = self.usage.seen(&key.pk, &key.sk);
        self.usage.record(
            "PutItem",
            reported.as_slice(),
            0.0,
            write_cost(old, new, false),
        );
        out.map_err(sdk_error)?;
        self.usage.remember(&key.pk, &key.sk, Some(new));
        Ok(())
    }

    async fn update(
        &self,
        key: &Key,
        update: Update,
        condition: Option<Condition>,
    ) -> Result<Item, StoreError> {
        eval::check_key(key)?;
        eval::check_update(&update)?;
        if let Some(c) = &condition {
            eval::check_condition(c)?;
        }
        let mut x = Expr::default();
        let expr = x.update(&update);
        let cond = condition.as_ref().map(|c| x.condition(c));
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key_attrs(key)))
            .set_update_expression(expr)
            .set_condition_expression(cond)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .return_values(ReturnValue::AllNew)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        let old = self.usage.seen(&key.pk, &key.sk);
        let (reported, new) = match &out {
            Ok(o) => (
                o.consumed_capacity().cloned(),
                o.attributes().map(|a| self.seen_of(a)),
            ),
            Err(_) => (None, None),
        };
        let estimate = new.unwrap_or_else(|| self.update_estimate(key, &update, old));
        self.usage.record(
            "UpdateItem",
            reported.as_slice(),
            0.0,
            write_cost(old, estimate, false),
        );
        let out = out.map_err(sdk_error)?;
        self.usage.remember(&key.pk, &key.sk, new);
        match out.attributes() {
            Some(a) => from_attrs(a),
            None => Err(StoreError::Unavailable(
                "UpdateItem returned no attributes".into(),
            )),
        }
    }

    async fn delete(&self, key: &Key, condition: Option<Condition>) -> Result<(), StoreError> {
        eval::check_key(key)?;
        if let Some(c) = &condition {
            eval::check_condition(c)?;
        }
        let mut x = Expr::default();
        let cond = condition.as_ref().map(|c| x.condition(c));
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key_attrs(key)))
            .set_condition_expression(cond)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        let reported = out
            .as_ref()
            .ok()
            .and_then(|o| o.consumed_capacity().cloned());
        let old = self.usage.seen(&key.pk, &key.sk);
        self.usage.record(
            "DeleteItem",
            reported.as_slice(),
            0.0,
            write_cost(old, Seen::default(), false),
        );
        out.map_err(sdk_error)?;
        self.usage.remember(&key.pk, &key.sk, None);
        Ok(())
    }

    async fn transact(&self, writes: Vec<WriteOp>) -> Result<(), StoreError> {
        self.transact_writes(writes).await
    }

    async fn query(&self, q: Query) -> Result<Page, StoreError> {
        let (hash, range) = match &q.index {
            None => ("pk".to_owned(), Some("sk".to_owned())),
            Some(ix) => self.index_keys(ix),
        };
        let mut x = Expr::default();
        let key_cond = x.key_condition(&hash, range.as_deref(), &q.pk, q.sk.as_ref())?;
        let start = q.page_token.as_deref().map(decode_token).transpose()?;
        let limit = q
            .limit
            .map(|n| {
                i32::try_from(n)
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| StoreError::Invalid(format!("query limit {n}")))
            })
            .transpose()?;
        self.reads.fetch_add(1, Ordering::Relaxed);
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .set_index_name(q.index.clone())
            .key_condition_expression(key_cond)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .scan_index_forward(q.forward)
            .set_limit(limit)
            .set_exclusive_start_key(start)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        // A query is billed on the summed size of the items it reads, eventually consistent.
        let (reported, items) = match &out {
            Ok(o) => (o.consumed_capacity().cloned(), o.items()),
            Err(_) => (None, &[][..]),
        };
        let mut bytes = 0;
        for item in items {
            let seen = self.seen_of(item);
            bytes += seen.size;
            if let (Some(pk), Some(sk)) = (item.get("pk"), item.get("sk"))
                && let (Ok(pk), Ok(sk)) = (pk.as_s(), sk.as_s())
            {
                self.usage.remember(pk, sk, Some(seen));
            }
        }
        self.usage.record(
            "Query",
            reported.as_slice(),
            capacity::read_units(bytes, capacity::ReadKind::Eventual),
            0.0,
        );
        let out = out.map_err(sdk_error)?;
        Ok(Page {
            items: out
                .items()
                .iter()
                .map(from_attrs)
                .collect::<Result<_, _>>()?,
            next_page_token: out.last_evaluated_key().map(encode_token).transpose()?,
        })
    }

    fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}
