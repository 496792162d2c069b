//! A person's registered signing key (one per person; a new one replaces it).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use store::{Key, Store, StoreError, WriteOp};

use crate::keys;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SigningKeyItem {
    pub iin: String,
    /// The public JWK as `p256` renders it (`kty`, `crv`, `x`, `y`).
    pub public_key_jwk: Value,
    /// base64url of the compressed SEC1 point: names the key in the history.
    pub key_id: String,
    pub registered_at: DateTime<FixedOffset>,
}

fn key(iin: &str) -> Key {
    Key::new(keys::person_partition(iin), "SIGNING_KEY")
}

pub async fn get(store: &dyn Store, iin: &str) -> Result<Option<SigningKeyItem>, StoreError> {
    crate::get(store, &key(iin)).await
}

/// Registers the key, replacing any earlier one.
pub fn put(item: &SigningKeyItem) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&key(&item.iin), item)?,
        condition: None,
    })
}
