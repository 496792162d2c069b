//! Organisations: the profile, the one-organisation-per-BIN guard and the indexes that list
//! them by region and by locality.

use domain::api::Org;
use serde_json::json;
use store::{Condition, Query, Store, StoreError, WriteOp, to_item};

use crate::keys::{self, GSI1, GSI2};

pub async fn get(store: &dyn Store, org_id: &str) -> Result<Option<Org>, StoreError> {
    crate::get(store, &keys::org(org_id)).await
}

/// The writes that create an organisation: the profile (in its region's and its locality's
/// lists) and the guard that makes its BIN unique (write 1 fails when the BIN is taken).
pub fn create(org: &Org) -> Result<Vec<WriteOp>, StoreError> {
    let mut item = to_item(&keys::org(&org.id), org)?;
    GSI1.insert(
        &mut item,
        keys::region_index(&org.region),
        keys::org_entry(&org.id),
    );
    GSI2.insert(
        &mut item,
        keys::locality_orgs_index(&org.locality_id),
        keys::org_entry(&org.id),
    );
    let guard = to_item(
        &keys::bin_guard(&org.bin),
        &json!({ "org_id": org.id, "bin": org.bin }),
    )?;
    Ok(vec![
        WriteOp::Put {
            item,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Put {
            item: guard,
            condition: Some(Condition::NotExists),
        },
    ])
}

/// A locality's organisations (for the public school listing).
pub async fn in_locality(store: &dyn Store, locality_id: &str) -> Result<Vec<Org>, StoreError> {
    crate::all(
        store,
        Query::index(GSI2.name, keys::locality_orgs_index(locality_id)),
    )
    .await
}
