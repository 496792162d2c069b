//! The marker of a data set loaded once (the local runner's demo seed).

use serde_json::json;
use store::{Store, StoreError};

use crate::keys;

/// Whether the named data set was loaded.
pub async fn loaded(store: &dyn Store, name: &str) -> Result<bool, StoreError> {
    Ok(store.get(&keys::seed_marker(name)).await?.is_some())
}

/// Records that the named data set is loaded.
pub async fn mark_loaded(
    store: &dyn Store,
    name: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    crate::put_once(
        store,
        &keys::seed_marker(name),
        &json!({ "at": domain::to_almaty(at) }),
    )
    .await
}
