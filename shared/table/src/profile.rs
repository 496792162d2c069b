//! A person's profile (`domain::profile`), one item in their partition.

use domain::profile::Profile;
use store::{Store, StoreError, WriteOp};

use crate::keys;

/// The profile the person saved, if they saved one.
pub async fn get(store: &dyn Store, iin: &str) -> Result<Option<Profile>, StoreError> {
    crate::get(store, &keys::profile(iin)).await
}

/// The write that saves a validated profile.
pub fn put(iin: &str, profile: &Profile) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&keys::profile(iin), profile)?,
        condition: None,
    })
}
