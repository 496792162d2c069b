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
    ReturnValue, ScalarAttributeType, TableStatus, TransactWriteItem,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Number, Value};

use crate::table::TableDef;

mod attrs;
mod errors;
mod expr;
mod setup;

use crate::{
    CmpOp, Condition, Item, Key, MAX_TRANSACTION_WRITES, Operand, Page, Query, SortCondition,
    Store, StoreError, Update, WriteOp, eval,
};
use attrs::{decode_token, encode_token, key_attrs};
pub use attrs::{from_attr, from_attrs, to_attr, to_attrs};
use errors::{cancelled, sdk_error};
use expr::Expr;

/// Attribute map of the SDK.
pub type Attrs = HashMap<String, AttributeValue>;

/// A store on one DynamoDB table.
pub struct DynamoStore {
    client: Client,
    table: String,
    /// Key attribute names of the indexes; see [`DynamoStore::index_keys`].
    def: Option<TableDef>,
    reads: AtomicU64,
}

impl DynamoStore {
    /// A store on `table`, with the index key names of the repository's template.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
            def: TableDef::from_template_default().ok(),
            reads: AtomicU64::new(0),
        }
    }

    /// Uses another table definition for index key names (a table not made from the template).
    pub fn with_table_def(mut self, def: TableDef) -> Self {
        self.def = Some(def);
        self
    }

    /// A store whose client is configured from the environment, talking to `endpoint` when one
    /// is given (moto, LocalStack, DynamoDB local). Such servers accept any credentials and
    /// region, so when the environment has none, `us-east-1` and the key pair `test`/`test` are
    /// used rather than failing on the provider chain.
    pub async fn from_env_endpoint(endpoint: Option<&str>, table: impl Into<String>) -> Self {
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if let Some(endpoint) = endpoint {
            loader = loader.endpoint_url(endpoint);
            let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
            if !set("AWS_REGION") && !set("AWS_DEFAULT_REGION") {
                loader = loader.region(aws_config::Region::new("us-east-1"));
            }
            if !set("AWS_ACCESS_KEY_ID") && !set("AWS_PROFILE") {
                loader = loader.credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                    "test", "test", None, None, "static",
                ));
            }
        }
        let config = loader.load().await;
        Self::new(Client::new(&config), table)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table_name(&self) -> &str {
        &self.table
    }

    /// The key attribute names of an index: from the table definition, or by the convention
    /// `{index}pk` / `{index}sk` for an index it does not name.
    fn index_keys(&self, index: &str) -> (String, Option<String>) {
        match self.def.as_ref().and_then(|d| d.index(index)) {
            Some(ix) => (ix.hash_key.clone(), ix.range_key.clone()),
            None => (format!("{index}pk"), Some(format!("{index}sk"))),
        }
    }

    /// One write of a transaction as the SDK's type.
    fn transact_item(&self, w: &WriteOp) -> Result<TransactWriteItem, StoreError> {
        let invalid = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Invalid(e.to_string());
        let mut x = Expr::default();
        Ok(match w {
            WriteOp::Put { item, condition } => {
                let cond = condition.as_ref().map(|c| x.condition(c));
                TransactWriteItem::builder()
                    .put(
                        Put::builder()
                            .table_name(&self.table)
                            .set_item(Some(to_attrs(item)))
                            .set_condition_expression(cond)
                            .set_expression_attribute_names(x.names())
                            .set_expression_attribute_values(x.values())
                            .build()
                            .map_err(invalid)?,
                    )
                    .build()
            }
            WriteOp::Update {
                key,
                update,
                condition,
            } => {
                let expr = x.update(update).ok_or_else(|| {
                    StoreError::Invalid("an update in a transaction must change something".into())
                })?;
                let cond = condition.as_ref().map(|c| x.condition(c));
                TransactWriteItem::builder()
                    .update(
                        aws_sdk_dynamodb::types::Update::builder()
                            .table_name(&self.table)
                            .set_key(Some(key_attrs(key)))
                            .update_expression(expr)
                            .set_condition_expression(cond)
                            .set_expression_attribute_names(x.names())
                            .set_expression_attribute_values(x.values())
                            .build()
                            .map_err(invalid)?,
                    )
                    .build()
            }
            WriteOp::Delete { key, condition } => {
                let cond = condition.as_ref().map(|c| x.condition(c));
                TransactWriteItem::builder()
                    .delete(
                        Delete::builder()
                            .table_name(&self.table)
                            .set_key(Some(key_attrs(key)))
                            .set_condition_expression(cond)
                            .set_expression_attribute_names(x.names())
                            .set_expression_attribute_values(x.values())
                            .build()
                            .map_err(invalid)?,
                    )
                    .build()
            }
            WriteOp::Check { key, condition } => {
                let cond = x.condition(condition);
                TransactWriteItem::builder()
                    .condition_check(
                        ConditionCheck::builder()
                            .table_name(&self.table)
                            .set_key(Some(key_attrs(key)))
                            .condition_expression(cond)
                            .set_expression_attribute_names(x.names())
                            .set_expression_attribute_values(x.values())
                            .build()
                            .map_err(invalid)?,
                    )
                    .build()
            }
        })
    }
}

/// The checks DynamoDB would make on a write, made before calling it so both adapters refuse
/// the same requests the same way.
fn check_write(w: &WriteOp) -> Result<Key, StoreError> {
    let (key, condition) = match w {
        WriteOp::Put { item, condition } => (
            Key::of(item).ok_or_else(|| {
                StoreError::Invalid("an item needs string pk and sk attributes".into())
            })?,
            condition.as_ref(),
        ),
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
    Ok(key)
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
            .send()
            .await
            .map_err(sdk_error)?;
        out.item().map(from_attrs).transpose()
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
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(to_attrs(&item)))
            .set_condition_expression(cond)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .send()
            .await
            .map_err(sdk_error)?;
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
            .send()
            .await
            .map_err(sdk_error)?;
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
        self.client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key_attrs(key)))
            .set_condition_expression(cond)
            .set_expression_attribute_names(x.names())
            .set_expression_attribute_values(x.values())
            .send()
            .await
            .map_err(sdk_error)?;
        Ok(())
    }

    async fn transact(&self, writes: Vec<WriteOp>) -> Result<(), StoreError> {
        if writes.is_empty() || writes.len() > MAX_TRANSACTION_WRITES {
            return Err(StoreError::Invalid(format!(
                "a transaction holds 1 to {MAX_TRANSACTION_WRITES} writes, not {}",
                writes.len()
            )));
        }
        let mut seen = std::collections::HashSet::new();
        let mut items = Vec::with_capacity(writes.len());
        for w in &writes {
            let key = check_write(w)?;
            if !seen.insert(key.clone()) {
                return Err(StoreError::Invalid(format!(
                    "two writes to one item ({}, {}) in a transaction",
                    key.pk, key.sk
                )));
            }
            items.push(self.transact_item(w)?);
        }
        match self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(SdkError::ServiceError(se)) => match se.err() {
                TransactWriteItemsError::TransactionCanceledException(c) => {
                    Err(cancelled(c.cancellation_reasons(), c.message()))
                }
                _ => Err(sdk_error(SdkError::ServiceError(se))),
            },
            Err(e) => Err(sdk_error(e)),
        }
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
            .send()
            .await
            .map_err(sdk_error)?;
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
