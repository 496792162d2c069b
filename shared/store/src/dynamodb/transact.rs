//! Transactions: each write as the SDK's type, the checks DynamoDB would make, and what a
//! transaction costs by the billing rules.

use super::*;

/// The units one write of a transaction costs.
struct WriteCost {
    rcu: f64,
    wcu: f64,
}

impl WriteCost {
    fn write(wcu: f64) -> Self {
        WriteCost { rcu: 0.0, wcu }
    }
}

impl DynamoStore {
    /// All writes or none (the port's `transact`), counted with their cost.
    pub(super) async fn transact_writes(&self, writes: Vec<WriteOp>) -> Result<(), StoreError> {
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
        let costs: Vec<(Key, Option<Seen>, WriteCost)> = writes
            .iter()
            .filter_map(|w| self.write_cost_of(w))
            .collect();
        let out = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        let reported = match &out {
            Ok(o) => o.consumed_capacity().to_vec(),
            Err(_) => Vec::new(),
        };
        let (rcu, wcu) = costs
            .iter()
            .fold((0.0, 0.0), |(r, w), (_, _, c)| (r + c.rcu, w + c.wcu));
        self.usage.record("TransactWriteItems", &reported, rcu, wcu);
        match out {
            Ok(_) => {
                for (key, after, _) in costs {
                    self.usage.remember(&key.pk, &key.sk, after);
                }
                Ok(())
            }
            Err(SdkError::ServiceError(se)) => match se.err() {
                TransactWriteItemsError::TransactionCanceledException(c) => {
                    Err(cancelled(c.cancellation_reasons(), c.message()))
                }
                _ => Err(sdk_error(SdkError::ServiceError(se))),
            },
            Err(e) => Err(sdk_error(e)),
        }
    }

    /// One write's key, what the item is after it (as far as the counter can tell) and its
    /// units: writes at two units per KB, a condition check at two read units per 4 KB (a
    /// transactional read of the item).
    fn write_cost_of(&self, w: &WriteOp) -> Option<(Key, Option<Seen>, WriteCost)> {
        let key = w.key()?;
        let old = self.usage.seen(&key.pk, &key.sk);
        let (after, cost) = match w {
            WriteOp::Put { item, .. } => {
                let new = self.seen_of(&to_attrs(item));
                (Some(new), WriteCost::write(write_cost(old, new, true)))
            }
            WriteOp::Update { update, .. } => {
                let new = self.update_estimate(&key, update, old);
                (Some(new), WriteCost::write(write_cost(old, new, true)))
            }
            WriteOp::Delete { .. } => (
                None,
                WriteCost::write(write_cost(old, Seen::default(), true)),
            ),
            WriteOp::Check { .. } => {
                let size = old.map_or(0, |s| s.size);
                let rcu = capacity::read_units(size, capacity::ReadKind::Transactional);
                (old, WriteCost { rcu, wcu: 0.0 })
            }
        };
        Some((key, after, cost))
    }

    /// The item after an update the server did not return: as large as it was (when the
    /// counter has seen it) or as what the update sets, in the indexes it was in or whose keys
    /// the update sets or removes.
    pub(super) fn update_estimate(&self, key: &Key, update: &Update, old: Option<Seen>) -> Seen {
        let set: u64 = update
            .set
            .iter()
            .map(|(n, v)| n.len() as u64 + capacity::value_size(&to_attr(v)))
            .sum::<u64>()
            + update
                .add
                .iter()
                .map(|(n, _)| n.len() as u64 + 8)
                .sum::<u64>();
        let key_size = (2 + key.pk.len() + 2 + key.sk.len()) as u64;
        let names = update
            .set
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(update.add.iter().map(|(n, _)| n.as_str()))
            .chain(update.remove.iter().map(String::as_str));
        let old = old.unwrap_or_default();
        Seen {
            size: old.size.max(key_size + set),
            indexes: old.indexes | usage::indexes_named(&self.def, names),
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
