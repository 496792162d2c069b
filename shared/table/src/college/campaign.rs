//! A region's college admission campaign of a year: the period and the quota shares. A year
//! the region never set is [`Campaign::default_for`] it.

use domain::AcademicYear;
use domain::college::Campaign;
use store::{Key, Store, StoreError, WriteOp};

use crate::keys;

fn key(region: &str, year: AcademicYear) -> Key {
    Key::new(
        keys::region_index(region),
        format!("COLLEGE_CAMPAIGN#{year}"),
    )
}

/// The region's campaign of the year, or the default one.
pub async fn get(
    store: &dyn Store,
    region: &str,
    year: AcademicYear,
) -> Result<Campaign, StoreError> {
    Ok(stored(store, region, year)
        .await?
        .unwrap_or_else(|| Campaign::default_for(year)))
}

/// The campaign the region set for the year, if it set one.
pub async fn stored(
    store: &dyn Store,
    region: &str,
    year: AcademicYear,
) -> Result<Option<Campaign>, StoreError> {
    crate::get(store, &key(region, year)).await
}

/// Sets a validated campaign.
pub fn put(region: &str, campaign: &Campaign) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&key(region, campaign.academic_year), campaign)?,
        condition: None,
    })
}
