//! A college's specialty lines, one item each in the organisation's partition: what it offers
//! and its state-order and paid places.

use domain::college::OfferKey;
use domain::college::api::Specialty;
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp};

use crate::keys;

const PREFIX: &str = "SPECIALTY#";

fn key(org: &str, line: &str) -> Key {
    Key::new(keys::org_partition(org), format!("{PREFIX}{line}"))
}

/// Adds a line or changes it (a validated [`Specialty`]: its `id` is its key's).
pub fn put(org: &str, specialty: &Specialty) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&key(org, &specialty.id), specialty)?,
        condition: None,
    })
}

/// Removes a line while it exists (else the write fails: 404 to the caller). Its ranked list
/// stays: what was signed is not undone.
pub fn remove(org: &str, line: &str) -> WriteOp {
    WriteOp::Delete {
        key: key(org, line),
        condition: Some(Condition::Exists),
    }
}

pub async fn get(
    store: &dyn Store,
    org: &str,
    line: &OfferKey,
) -> Result<Option<Specialty>, StoreError> {
    crate::get(store, &key(org, &line.id())).await
}

/// Every line of a college, in code order.
pub async fn list(store: &dyn Store, org: &str) -> Result<Vec<Specialty>, StoreError> {
    let query = Query::table(keys::org_partition(org)).sk(SortCondition::BeginsWith(PREFIX.into()));
    crate::all(store, query).await
}
