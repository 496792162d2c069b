//! One write call applied inside a redb write transaction: validated as DynamoDB validates a
//! request, then every condition judged before anything is written.

use std::collections::HashSet;

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use super::keys::{decode_item, encode_item, index_key, item_key};
use super::{Bytes, ITEMS, Inner, index_table_name, unavailable};
use crate::table::TableDef;
use crate::{Condition, Item, Key, MAX_TRANSACTION_WRITES, StoreError, WriteOp, eval};

/// Checks a whole call before anything is read, as DynamoDB validates a request: sizes, keys,
/// duplicate items, expressions. Returns each write's key.
pub(super) fn validate(def: &TableDef, writes: &[WriteOp]) -> Result<Vec<Key>, StoreError> {
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
    pub(super) fn execute_in(
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
}
