//! Uploading a document's file.

use serde::{Deserialize, Serialize};

use crate::DocumentKind;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateFile {
    pub kind: DocumentKind,
    pub content_type: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upload {
    pub method: String,
    pub url: String,
    pub headers: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileCreated {
    pub file_id: String,
    pub upload: Upload,
}
