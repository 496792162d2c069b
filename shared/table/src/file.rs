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
    /// Until when the upload target takes the bytes, by the real clock (as token expiry: the
    /// dev clock moves business time only). Records from before it was kept never expire.
    #[serde(default)]
    pub upload_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

impl FileItem {
    /// Whether the upload target still takes the bytes at `now` (the real clock).
    pub fn upload_open(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.upload_expires_at.is_none_or(|until| now < until)
    }
}

/// Records a new file (its id is new: an existing one is never overwritten).
pub async fn create(store: &dyn Store, file: &FileItem) -> Result<(), StoreError> {
    let item = to_item(&keys::file(&file.id), file)?;
    store.put(item, Some(Condition::NotExists)).await
}

pub async fn get(store: &dyn Store, id: &str) -> Result<Option<FileItem>, StoreError> {
    crate::get(store, &keys::file(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn an_upload_target_expires() {
        let now = Utc.with_ymd_and_hms(2026, 6, 2, 5, 0, 0).unwrap();
        let mut file = FileItem {
            id: "f".into(),
            owner_iin: "880808300004".into(),
            kind: domain::DocumentKind::Photo,
            content_type: "image/png".into(),
            size: 10,
            name: None,
            upload_token: "t".into(),
            upload_expires_at: Some(now + Duration::minutes(5)),
            created_at: domain::to_almaty(now),
        };
        assert!(file.upload_open(now));
        assert!(file.upload_open(now + Duration::seconds(299)));
        assert!(!file.upload_open(now + Duration::minutes(5)));
        file.upload_expires_at = None;
        assert!(file.upload_open(now + Duration::days(1)));
        // A record written before the expiry was kept reads without it.
        let mut old = serde_json::to_value(&file).unwrap();
        old.as_object_mut().unwrap().remove("upload_expires_at");
        assert_eq!(serde_json::from_value::<FileItem>(old).unwrap(), file);
    }
}
