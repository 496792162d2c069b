//! The table's key schema: the attributes, keys and indexes the store addresses items by
//! (`TableDef::deployed` is the template's, written by `build.rs`).

/// A global secondary index: its name and key attributes (projection is always ALL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexDef {
    pub name: String,
    pub hash_key: String,
    pub range_key: Option<String>,
}

/// The key schema of the table: attribute types (`S`, `N` or `B`), keys and GSIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableDef {
    pub attributes: Vec<(String, String)>,
    pub hash_key: String,
    pub range_key: Option<String>,
    pub indexes: Vec<IndexDef>,
}

impl TableDef {
    /// The declared type of an attribute, if it is a key attribute of the table or an index.
    pub fn attribute_type(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }

    pub fn index(&self, name: &str) -> Option<&IndexDef> {
        self.indexes.iter().find(|i| i.name == name)
    }
}
