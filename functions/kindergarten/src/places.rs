//! The kindergarten's state-order places: listed by its staff, published and changed by its
//! director or organiser.

use chrono::{DateTime, Datelike, Utc};
use domain::api::Org;
use domain::permissions::Permission;
use domain::preschool::api::PutPlace;
use domain::{ErrorCode, OrgKind, almaty};
use service::access::{Caller, require};
use service::http::{json_body, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::audit;
use table::preschool::place;

/// The most places of one age group and language a kindergarten publishes.
pub const MAX_PLACES: u32 = 1000;
/// The birth years places are published for: this year and the 7 before (a child stays in the
/// queue up to 6 full years, so the oldest may be born 7 calendar years ago).
const AGE_GROUP_YEARS: i32 = 7;

/// Whether places may be published for children born in `age_group`, at `now`.
pub fn age_group_open(age_group: i32, now: DateTime<Utc>) -> bool {
    let year = now.with_timezone(&almaty()).year();
    (year - AGE_GROUP_YEARS..=year).contains(&age_group)
}

pub async fn list(ctx: &Ctx, caller: &Caller, org_id: &str) -> ApiResult {
    require(ctx, caller, org_id, Permission::ViewPlaces).await?;
    let places = place::of_org(ctx.store.as_ref(), org_id).await?;
    let out: Vec<_> = places.into_iter().map(|p| p.place).collect();
    Ok(ok(&out))
}

/// The organisation as a private kindergarten, or `validation_failed` on `org`.
pub async fn private_kindergarten(ctx: &Ctx, org_id: &str) -> Result<Org, ApiError> {
    let org = table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if org.kind != OrgKind::Kindergarten || !org.private {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("org"));
    }
    Ok(org)
}

pub async fn put(ctx: &Ctx, req: &Request, caller: &Caller, org_id: &str) -> ApiResult {
    let role = require(ctx, caller, org_id, Permission::ManagePlaces).await?;
    let body: PutPlace = json_body(req)?;
    let org = private_kindergarten(ctx, org_id).await?;
    let now = ctx.now();
    if !age_group_open(body.age_group, now) {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("age_group"));
    }
    if !org.languages.contains(&body.language) {
        return Err(ApiError::new(ErrorCode::LanguageNotOffered).field("language"));
    }
    if body.count > MAX_PLACES {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("count"));
    }
    let stored = place::Stored {
        place: domain::preschool::api::Place {
            org_id: org.id.clone(),
            age_group: body.age_group,
            language: body.language,
            count: body.count,
            taken: 0,
        },
        org_name: org.name.clone(),
        address: org.address.clone(),
        region: org.region.clone(),
        locality_id: org.locality_id.clone(),
    };
    let saved = match place::put(ctx.store.as_ref(), &stored).await {
        Ok(p) => p,
        Err(StoreError::ConditionFailed { .. }) => {
            return Err(ApiError::new(ErrorCode::PlacesBelowOutstanding).field("count"));
        }
        Err(e) => return Err(e.into()),
    };
    // The count is one conditional update of its own (a direction's take may race it); the
    // event follows it.
    let comment = format!(
        "{} {}: {}",
        saved.age_group,
        saved.language.as_str(),
        saved.count
    );
    ctx.store
        .transact(vec![audit::org_event(
            org_id,
            now,
            caller.actor(),
            role.as_str(),
            "places_put",
            Some(comment),
        )?])
        .await?;
    tracing::info!(org = %org_id, age_group = saved.age_group, count = saved.count, "places");
    Ok(ok(&saved))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_groups_of_the_last_seven_years() {
        let now = DateTime::parse_from_rfc3339("2026-06-02T10:00:00+05:00")
            .unwrap()
            .to_utc();
        assert!(age_group_open(2026, now));
        assert!(age_group_open(2019, now));
        assert!(!age_group_open(2018, now));
        assert!(!age_group_open(2027, now));
        // 1 January in Almaty is still the old year in UTC.
        let new_year = DateTime::parse_from_rfc3339("2027-01-01T01:00:00+05:00")
            .unwrap()
            .to_utc();
        assert!(age_group_open(2027, new_year));
        assert!(!age_group_open(2019, new_year));
    }
}
