//! Education department staff: one item per appointment, in the person's partition
//! (`PERSON#{iin}` / `EDUSTAFF#REGION#{region}`, `EDUSTAFF#DISTRICT#{district}` or
//! `EDUSTAFF#MINISTRY`), so `/api/me` reads it with the person's memberships, and in a staff
//! index (gsi1 `REGION#{region}#STAFF` / `{iin}` for a region's and its districts' staff,
//! `MINISTRY#STAFF` / `{iin}` for the ministry's), so a region's list is one query. The key
//! makes "appointed once per territory" a condition.

use domain::region_staff::EduStaff;
use domain::territory::Scope;
use store::{Condition, Query, SortCondition, Store, StoreError, WriteOp};

use crate::keys::{self, GSI1};

/// Every appointment of a person (few: one territory, as a rule).
pub async fn of_person(store: &dyn Store, iin: &str) -> Result<Vec<EduStaff>, StoreError> {
    let query = Query::table(keys::person_partition(iin))
        .sk(SortCondition::BeginsWith(keys::EDU_STAFF_PREFIX.into()));
    crate::all(store, query).await
}

/// The region's education department staff, its districts' included, by IIN: one query of the
/// region's staff index.
pub async fn list(store: &dyn Store, region: &str) -> Result<Vec<EduStaff>, StoreError> {
    crate::all(
        store,
        Query::index(GSI1.name, keys::region_staff_index(region)),
    )
    .await
}

fn staff_index(scope: &Scope) -> String {
    match scope.region() {
        Some(region) => keys::region_staff_index(region),
        None => keys::MINISTRY_STAFF_INDEX.to_string(),
    }
}

/// Writes an appointment; fails its condition when the person is appointed there already.
pub fn appoint(a: &EduStaff) -> Result<WriteOp, StoreError> {
    let mut item = store::to_item(&keys::edu_staff(&a.iin, &a.scope), a)?;
    GSI1.insert(&mut item, staff_index(&a.scope), a.iin.clone());
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

/// Removes the person's appointment of `scope`; fails its condition when there is none.
pub fn remove(iin: &str, scope: &Scope) -> WriteOp {
    WriteOp::Delete {
        key: keys::edu_staff(iin, scope),
        condition: Some(Condition::Exists),
    }
}
