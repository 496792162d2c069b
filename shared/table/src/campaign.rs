//! Admission campaigns: a region's application period per service and academic year
//! (`domain::campaign`). The college's period lives in its campaign item beside the quota
//! shares ([`crate::college::campaign`]), so for the college these read and write that item:
//! one record, whichever endpoint sets it.

use chrono::{DateTime, NaiveDate, Utc};
use domain::campaign::{CampaignPeriod, SetCampaignPeriod};
use domain::{AcademicYear, Service};
use store::{Key, Store, StoreError, WriteOp};

use crate::keys;

fn key(region: &str, service: Service, year: AcademicYear) -> Key {
    Key::new(
        keys::region_index(region),
        keys::campaign_sk(service.as_str(), &year.to_string()),
    )
}

/// The period the region set for the service and year, if it set one.
pub async fn set_period(
    store: &dyn Store,
    region: &str,
    service: Service,
    year: AcademicYear,
) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
    if service == Service::College {
        return Ok(crate::college::campaign::stored(store, region, year)
            .await?
            .map(|c| (c.opens, c.closes)));
    }
    let set: Option<SetCampaignPeriod> = crate::get(store, &key(region, service, year)).await?;
    Ok(set.map(|p| (p.opens, p.closes)))
}

/// The service's campaign in the region for the year at `now` (the region's or the default);
/// `None` for a service without a period.
pub async fn get(
    store: &dyn Store,
    region: &str,
    service: Service,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> Result<Option<CampaignPeriod>, StoreError> {
    let set = match domain::campaign::default_period(service, year) {
        Some(_) => set_period(store, region, service, year).await?,
        None => None,
    };
    Ok(CampaignPeriod::of(service, region, year, set, now))
}

/// The write that sets a validated period (for the college: its campaign item with the period
/// replaced and the quota shares kept).
pub async fn put(
    store: &dyn Store,
    region: &str,
    service: Service,
    year: AcademicYear,
    period: &SetCampaignPeriod,
) -> Result<WriteOp, StoreError> {
    if service == Service::College {
        let mut campaign = crate::college::campaign::get(store, region, year).await?;
        campaign.opens = period.opens;
        campaign.closes = period.closes;
        return crate::college::campaign::put(region, &campaign);
    }
    Ok(WriteOp::Put {
        item: store::to_item(&key(region, service, year), period)?,
        condition: None,
    })
}
