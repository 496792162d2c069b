//! Education department staff of a region: one item per appointment, in the person's partition
//! (`PERSON#{iin}` / `EDUSTAFF#REGION#{region}`), so `/api/me` reads it with the person's
//! memberships, and in the region's staff index (gsi1 `REGION#{region}#STAFF` / `{iin}`), so
//! the region's list is one query. The key makes "appointed once per region" a condition.

use domain::region_staff::{EduStaff, TerritoryLevel};
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp};

use crate::keys::{self, GSI1};

fn key(iin: &str, level: TerritoryLevel, territory: &str) -> Key {
    match level {
        TerritoryLevel::Region => keys::edu_staff(iin, territory),
    }
}

/// The person's appointment in the region, if there is one.
pub async fn get(
    store: &dyn Store,
    iin: &str,
    region: &str,
) -> Result<Option<EduStaff>, StoreError> {
    crate::get(store, &key(iin, TerritoryLevel::Region, region)).await
}

/// Every appointment of a person (few: one region, as a rule).
pub async fn of_person(store: &dyn Store, iin: &str) -> Result<Vec<EduStaff>, StoreError> {
    let query = Query::table(keys::person_partition(iin))
        .sk(SortCondition::BeginsWith(keys::EDU_STAFF_PREFIX.into()));
    crate::all(store, query).await
}

/// The region's education department staff, by IIN: one query of the region's staff index.
pub async fn list(store: &dyn Store, region: &str) -> Result<Vec<EduStaff>, StoreError> {
    crate::all(
        store,
        Query::index(GSI1.name, keys::region_staff_index(region)),
    )
    .await
}

/// Writes an appointment; fails its condition when the person is appointed there already.
pub fn appoint(a: &EduStaff) -> Result<WriteOp, StoreError> {
    let mut item = store::to_item(&key(&a.iin, a.level, &a.region), a)?;
    GSI1.insert(
        &mut item,
        keys::region_staff_index(&a.region),
        a.iin.clone(),
    );
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

/// Removes the person's appointment in the region; fails its condition when there is none.
pub fn remove(iin: &str, region: &str) -> WriteOp {
    WriteOp::Delete {
        key: key(iin, TerritoryLevel::Region, region),
        condition: Some(Condition::Exists),
    }
}
