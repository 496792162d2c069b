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
use crate::{
    CmpOp, Condition, Item, Key, MAX_TRANSACTION_WRITES, Operand, Page, Query, SortCondition,
    Store, StoreError, Update, WriteOp, eval,
};

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

    /// Creates the table (on-demand billing, every GSI projecting ALL) and waits until it and
    /// its indexes are ACTIVE. A table that already exists is left as it is.
    pub async fn create_table(&self, def: &TableDef) -> Result<(), StoreError> {
        let invalid = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Invalid(e.to_string());
        let key_schema = |hash: &str, range: Option<&str>| {
            let mut ks = vec![
                KeySchemaElement::builder()
                    .attribute_name(hash)
                    .key_type(KeyType::Hash)
                    .build()
                    .map_err(invalid)?,
            ];
            if let Some(r) = range {
                ks.push(
                    KeySchemaElement::builder()
                        .attribute_name(r)
                        .key_type(KeyType::Range)
                        .build()
                        .map_err(invalid)?,
                );
            }
            Ok::<_, StoreError>(ks)
        };
        let mut req = self
            .client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .set_key_schema(Some(key_schema(&def.hash_key, def.range_key.as_deref())?));
        for (name, ty) in &def.attributes {
            req = req.attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name(name)
                    .attribute_type(ScalarAttributeType::from(ty.as_str()))
                    .build()
                    .map_err(invalid)?,
            );
        }
        for ix in &def.indexes {
            req = req.global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(&ix.name)
                    .set_key_schema(Some(key_schema(&ix.hash_key, ix.range_key.as_deref())?))
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()
                    .map_err(invalid)?,
            );
        }
        match req.send().await {
            Ok(_) => {}
            Err(SdkError::ServiceError(e))
                if matches!(e.err(), CreateTableError::ResourceInUseException(_)) => {}
            Err(e) => return Err(sdk_error(e)),
        }
        self.wait_until_active().await
    }

    /// Creates the table from the template's definition if it is missing.
    pub async fn ensure_table(&self) -> Result<(), StoreError> {
        let def = TableDef::from_template_default().map_err(StoreError::Invalid)?;
        self.create_table(&def).await
    }

    /// Polls DescribeTable until the table and all its GSIs are ACTIVE (a new table on AWS
    /// takes seconds to minutes; local servers are ready at once).
    async fn wait_until_active(&self) -> Result<(), StoreError> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
        let mut pause = Duration::from_millis(50);
        loop {
            let out = self
                .client
                .describe_table()
                .table_name(&self.table)
                .send()
                .await
                .map_err(sdk_error)?;
            if let Some(t) = out.table() {
                let indexes_ready = t
                    .global_secondary_indexes()
                    .iter()
                    .all(|i| i.index_status().is_none_or(|s| *s == IndexStatus::Active));
                if t.table_status() == Some(&TableStatus::Active) && indexes_ready {
                    return Ok(());
                }
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(StoreError::Unavailable(format!(
                    "table {} did not become ACTIVE",
                    self.table
                )));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
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

// ---- Expressions --------------------------------------------------------------------------

/// Builds expression strings with placeholders for every name and value.
#[derive(Default)]
struct Expr {
    names: HashMap<String, String>,
    by_name: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Expr {
    fn name(&mut self, attr: &str) -> String {
        if let Some(p) = self.by_name.get(attr) {
            return p.clone();
        }
        let p = format!("#n{}", self.names.len());
        self.names.insert(p.clone(), attr.to_owned());
        self.by_name.insert(attr.to_owned(), p.clone());
        p
    }

    fn value(&mut self, v: AttributeValue) -> String {
        let p = format!(":v{}", self.values.len());
        self.values.insert(p.clone(), v);
        p
    }

    fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    fn values(&self) -> Option<Attrs> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }

    fn condition(&mut self, c: &Condition) -> String {
        match c {
            Condition::Exists => format!("attribute_exists({})", self.name("pk")),
            Condition::NotExists => format!("attribute_not_exists({})", self.name("pk")),
            Condition::AttrExists(a) => format!("attribute_exists({})", self.name(a)),
            Condition::AttrNotExists(a) => format!("attribute_not_exists({})", self.name(a)),
            Condition::Cmp(a, op, rhs) => {
                let l = self.name(a);
                let (r, r_attr) = match rhs {
                    Operand::Attr(b) => {
                        let n = self.name(b);
                        (n.clone(), Some(n))
                    }
                    Operand::Value(v) => (self.value(to_attr(v)), None),
                };
                let sym = match op {
                    CmpOp::Eq => "=",
                    CmpOp::Ne => "<>",
                    CmpOp::Lt => "<",
                    CmpOp::Le => "<=",
                    CmpOp::Gt => ">",
                    CmpOp::Ge => ">=",
                };
                if *op == CmpOp::Ne {
                    // DynamoDB itself takes `missing <> x` as true; the port says a comparison
                    // with a missing attribute is false, so `<>` asks for the operands first.
                    let mut parts = vec![format!("attribute_exists({l})")];
                    parts.extend(r_attr.map(|b| format!("attribute_exists({b})")));
                    parts.push(format!("{l} <> {r}"));
                    return format!("({})", parts.join(" AND "));
                }
                format!("{l} {sym} {r}")
            }
            Condition::BeginsWith(a, prefix) => {
                let n = self.name(a);
                let v = self.value(AttributeValue::S(prefix.clone()));
                format!("begins_with({n}, {v})")
            }
            // DynamoDB has no literal true/false: an empty AND is "exists or not", an empty OR
            // "exists and not".
            Condition::And(cs) if cs.is_empty() => {
                let p = self.name("pk");
                format!("(attribute_exists({p}) OR attribute_not_exists({p}))")
            }
            Condition::Or(cs) if cs.is_empty() => {
                let p = self.name("pk");
                format!("(attribute_exists({p}) AND attribute_not_exists({p}))")
            }
            Condition::And(cs) => self.join(cs, " AND "),
            Condition::Or(cs) => self.join(cs, " OR "),
            Condition::Not(c) => format!("(NOT {})", self.paren(c)),
        }
    }

    /// A sub-condition in parentheses (And/Or/Not bring their own).
    fn paren(&mut self, c: &Condition) -> String {
        match c {
            Condition::And(_) | Condition::Or(_) | Condition::Not(_) => self.condition(c),
            // `<>` renders its own parentheses (it asks for the operands first): DynamoDB
            // refuses redundant ones.
            Condition::Cmp(_, CmpOp::Ne, _) => self.condition(c),
            _ => format!("({})", self.condition(c)),
        }
    }

    fn join(&mut self, cs: &[Condition], op: &str) -> String {
        let parts: Vec<String> = cs.iter().map(|c| self.paren(c)).collect();
        format!("({})", parts.join(op))
    }

    /// `SET #a = :v, ... ADD #c :n REMOVE #r`, or `None` for an empty update.
    fn update(&mut self, u: &Update) -> Option<String> {
        let mut clauses = Vec::new();
        if !u.set.is_empty() {
            let parts: Vec<String> = u
                .set
                .iter()
                .map(|(a, v)| format!("{} = {}", self.name(a), self.value(to_attr(v))))
                .collect();
            clauses.push(format!("SET {}", parts.join(", ")));
        }
        if !u.add.is_empty() {
            let parts: Vec<String> = u
                .add
                .iter()
                .map(|(a, n)| {
                    let v = self.value(AttributeValue::N(n.to_string()));
                    format!("{} {v}", self.name(a))
                })
                .collect();
            clauses.push(format!("ADD {}", parts.join(", ")));
        }
        if !u.remove.is_empty() {
            let parts: Vec<String> = u.remove.iter().map(|a| self.name(a)).collect();
            clauses.push(format!("REMOVE {}", parts.join(", ")));
        }
        (!clauses.is_empty()).then(|| clauses.join(" "))
    }

    /// `#k = :pk [AND <sort condition>]`.
    fn key_condition(
        &mut self,
        hash: &str,
        range: Option<&str>,
        pk: &str,
        sk: Option<&SortCondition>,
    ) -> Result<String, StoreError> {
        let h = self.name(hash);
        let v = self.value(AttributeValue::S(pk.to_owned()));
        let mut expr = format!("{h} = {v}");
        let Some(sk) = sk else { return Ok(expr) };
        let range = range.ok_or_else(|| StoreError::Invalid("the index has no sort key".into()))?;
        let r = self.name(range);
        let mut val = |s: &str| self.value(AttributeValue::S(s.to_owned()));
        let cond = match sk {
            SortCondition::Eq(s) => format!("{r} = {}", val(s)),
            SortCondition::Lt(s) => format!("{r} < {}", val(s)),
            SortCondition::Le(s) => format!("{r} <= {}", val(s)),
            SortCondition::Gt(s) => format!("{r} > {}", val(s)),
            SortCondition::Ge(s) => format!("{r} >= {}", val(s)),
            SortCondition::BeginsWith(s) => format!("begins_with({r}, {})", val(s)),
            SortCondition::Between(a, b) => {
                if a.as_bytes() > b.as_bytes() {
                    return Err(StoreError::Invalid(
                        "BETWEEN needs its lower bound first".into(),
                    ));
                }
                let (a, b) = (val(a), val(b));
                format!("{r} BETWEEN {a} AND {b}")
            }
        };
        expr.push_str(" AND ");
        expr.push_str(&cond);
        Ok(expr)
    }
}

// ---- JSON <-> AttributeValue --------------------------------------------------------------

/// A JSON value as an attribute value: string S, number N, bool BOOL, null NULL, array L,
/// object M.
pub fn to_attr(v: &Value) -> AttributeValue {
    match v {
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Null => AttributeValue::Null(true),
        Value::Array(a) => AttributeValue::L(a.iter().map(to_attr).collect()),
        Value::Object(m) => AttributeValue::M(to_attrs(m)),
    }
}

pub fn to_attrs(item: &Item) -> Attrs {
    item.iter().map(|(k, v)| (k.clone(), to_attr(v))).collect()
}

/// An attribute value as JSON. Numbers come back as integers when integral; string and number
/// sets (written by other tools) become arrays; binary values are not part of the port.
pub fn from_attr(a: &AttributeValue) -> Result<Value, StoreError> {
    Ok(match a {
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::N(n) => Value::Number(parse_number(n)?),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::L(l) => Value::Array(l.iter().map(from_attr).collect::<Result<_, _>>()?),
        AttributeValue::M(m) => Value::Object(from_attrs(m)?),
        AttributeValue::Ss(ss) => Value::Array(ss.iter().cloned().map(Value::String).collect()),
        AttributeValue::Ns(ns) => Value::Array(
            ns.iter()
                .map(|n| parse_number(n).map(Value::Number))
                .collect::<Result<_, _>>()?,
        ),
        other => {
            return Err(StoreError::Invalid(format!(
                "unsupported attribute value {other:?}"
            )));
        }
    })
}

pub fn from_attrs(m: &Attrs) -> Result<Item, StoreError> {
    m.iter()
        .map(|(k, v)| Ok((k.clone(), from_attr(v)?)))
        .collect()
}

fn parse_number(n: &str) -> Result<Number, StoreError> {
    if let Ok(i) = n.parse::<i64>() {
        return Ok(Number::from(i));
    }
    if let Ok(u) = n.parse::<u64>() {
        return Ok(Number::from(u));
    }
    n.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(|f| eval::normalize_number(&f))
        .ok_or_else(|| StoreError::Invalid(format!("not a number: {n}")))
}

fn key_attrs(key: &Key) -> Attrs {
    HashMap::from([
        ("pk".to_owned(), AttributeValue::S(key.pk.clone())),
        ("sk".to_owned(), AttributeValue::S(key.sk.clone())),
    ])
}

/// LastEvaluatedKey as an opaque token: base64url of its JSON.
fn encode_token(key: &Attrs) -> Result<String, StoreError> {
    let json =
        serde_json::to_vec(&from_attrs(key)?).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(json))
}

fn decode_token(token: &str) -> Result<Attrs, StoreError> {
    let bad = || StoreError::Invalid("malformed page token".into());
    let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| bad())?;
    let item: Item = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    Ok(to_attrs(&item))
}

// ---- Errors -------------------------------------------------------------------------------

/// Maps an SDK failure: a failed condition, a conflict with a concurrent transaction, a request
/// DynamoDB calls invalid, or (throttling, server errors, network) unavailability.
fn sdk_error<E, R>(e: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let text = DisplayErrorContext(&e).to_string();
    match &e {
        SdkError::ServiceError(se) => match se.err().code() {
            Some("ConditionalCheckFailedException") => StoreError::ConditionFailed { index: 0 },
            Some("TransactionConflictException") => StoreError::Conflict,
            Some("ValidationException" | "SerializationException") => StoreError::Invalid(text),
            _ => StoreError::Unavailable(text),
        },
        SdkError::ConstructionFailure(_) => StoreError::Invalid(text),
        _ => StoreError::Unavailable(text),
    }
}

/// Maps a cancelled transaction by its per-write reasons: the first failed condition names
/// its write; otherwise a conflict, a validation error or unavailability.
fn cancelled(reasons: &[CancellationReason], message: Option<&str>) -> StoreError {
    let mut codes: Vec<String> = reasons
        .iter()
        .map(|r| r.code().unwrap_or("None").to_owned())
        .collect();
    if codes.is_empty() {
        // Some servers send the reasons only in the message: "... [None, ConditionalCheckFailed]".
        if let Some(list) = message
            .and_then(|m| m.rsplit_once('['))
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list)
        {
            codes = list.split(',').map(|c| c.trim().to_owned()).collect();
        }
    }
    let text = format!("transaction cancelled: {}", message.unwrap_or("no message"));
    if let Some(index) = codes.iter().position(|c| c == "ConditionalCheckFailed") {
        StoreError::ConditionFailed { index }
    } else if codes.iter().any(|c| c == "TransactionConflict") {
        StoreError::Conflict
    } else if codes.iter().any(|c| c == "ValidationError") {
        StoreError::Invalid(text)
    } else {
        StoreError::Unavailable(text)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_round_trips_through_attribute_values() {
        let v = json!({"s": "", "i": -3, "u": u64::MAX, "f": 1.5, "g": 2.0, "b": true, "n": null,
                       "l": [1, "x", [false]], "m": {"k": {"z": 0}}});
        let Value::Object(item) = v else {
            unreachable!()
        };
        let back = from_attrs(&to_attrs(&item)).unwrap();
        let mut expected = item.clone();
        expected.insert("g".into(), json!(2));
        assert_eq!(back, expected);
    }

    #[test]
    fn conditions_use_placeholders_only() {
        let mut x = Expr::default();
        let c = Condition::And(vec![
            Condition::Or(vec![
                Condition::cmp("count", CmpOp::Lt, 10),
                Condition::AttrNotExists("count".into()),
            ]),
            Condition::Not(Box::new(Condition::BeginsWith(
                "name".into(),
                "x) OR (".into(),
            ))),
            Condition::cmp_attr("taken", CmpOp::Lt, "quota"),
            Condition::Exists,
        ]);
        let e = x.condition(&c);
        assert_eq!(
            e,
            "(((#n0 < :v0) OR (attribute_not_exists(#n0))) AND (NOT (begins_with(#n1, :v1))) \
             AND (#n2 < #n3) AND (attribute_exists(#n4)))"
        );
        assert_eq!(x.names.get("#n4").map(String::as_str), Some("pk"));
        assert_eq!(x.values.len(), 2);
    }

    #[test]
    fn not_equal_requires_its_operands() {
        let mut x = Expr::default();
        assert_eq!(
            x.condition(&Condition::cmp("a", CmpOp::Ne, 1)),
            "(attribute_exists(#n0) AND #n0 <> :v0)"
        );
        assert_eq!(
            x.condition(&Condition::cmp_attr("a", CmpOp::Ne, "b")),
            "(attribute_exists(#n0) AND attribute_exists(#n1) AND #n0 <> #n1)"
        );
        // Inside a conjunction, once: DynamoDB refuses redundant parentheses.
        let mut x = Expr::default();
        assert_eq!(
            x.condition(&Condition::And(vec![
                Condition::cmp("a", CmpOp::Ne, 1),
                Condition::AttrExists("b".into()),
            ])),
            "((attribute_exists(#n0) AND #n0 <> :v0) AND (attribute_exists(#n1)))"
        );
    }

    #[test]
    fn updates_render_all_clauses() {
        let mut x = Expr::default();
        let u = Update::new()
            .set("a", "x")
            .set("b", 1)
            .add("c", 2)
            .remove("d");
        assert_eq!(
            x.update(&u).unwrap(),
            "SET #n0 = :v0, #n1 = :v1 ADD #n2 :v2 REMOVE #n3"
        );
        assert_eq!(Expr::default().update(&Update::new()), None);
    }

    #[test]
    fn cancellation_reasons_map_to_errors() {
        let r = |c: &str| CancellationReason::builder().code(c).build();
        assert_eq!(
            cancelled(&[r("None"), r("ConditionalCheckFailed"), r("None")], None),
            StoreError::ConditionFailed { index: 1 }
        );
        assert_eq!(
            cancelled(&[r("TransactionConflict"), r("None")], None),
            StoreError::Conflict
        );
        assert!(matches!(
            cancelled(&[r("ValidationError")], None),
            StoreError::Invalid(_)
        ));
        assert!(matches!(
            cancelled(&[r("ThrottlingError")], None),
            StoreError::Unavailable(_)
        ));
        assert_eq!(
            cancelled(
                &[],
                Some("Transaction cancelled [None, None, ConditionalCheckFailed]")
            ),
            StoreError::ConditionFailed { index: 2 }
        );
    }

    #[test]
    fn page_tokens_round_trip() {
        let key = key_attrs(&Key::new("p", "s\0x"));
        assert_eq!(decode_token(&encode_token(&key).unwrap()).unwrap(), key);
        assert!(decode_token("!!").is_err());
    }
}
