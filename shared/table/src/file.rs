//! Documents' records; their bytes live in the blob store under the same id.

use serde::{Deserialize, Serialize};
use store::{Condition, Store, StoreError, to_item};

use crate::keys;

/// A document's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileItem {
    pub id: String,
    pub owner_iin: String,
    pub kind: domain::DocumentKind,
    pub content_type: String,
    pub size: u64,
    #[serde(default)]
    pub name: Option<String>,
    /// Authorises the one upload of the local runner's upload target.
    pub upload_token: String,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

/// Records a new file (its id is new: an existing one is never overwritten).
pub async fn create(store: &dyn Store, file: &FileItem) -> Result<(), StoreError> {
    let item = to_item(&keys::file(&file.id), file)?;
    store.put(item, Some(Condition::NotExists)).await
}

pub async fn get(store: &dyn Store, id: &str) -> Result<Option<FileItem>, StoreError> {
    crate::get(store, &keys::file(id)).await
}
