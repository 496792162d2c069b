//! The region's college admission campaign of a year: its admin reads and sets it, anyone
//! reads it. A year never set is the default one (20 June – 25 August, order No. 261's shares).

use domain::college::Campaign;
use domain::permissions::Permission;
use domain::{AcademicYear, ErrorCode, Role};
use service::access::{Caller, require_in_region};
use service::http::{json_body, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use table::audit;
use table::college::campaign;

pub async fn of_admin(ctx: &Ctx, caller: &Caller, year: AcademicYear) -> ApiResult {
    let region = require_in_region(ctx, caller, Permission::ManageCampaign)?;
    Ok(ok(&campaign::get(ctx.store.as_ref(), region, year).await?))
}

pub async fn put(ctx: &Ctx, req: &Request, caller: &Caller, year: AcademicYear) -> ApiResult {
    let region = require_in_region(ctx, caller, Permission::ManageCampaign)?;
    let body: Campaign = json_body(req)?;
    if body.academic_year != year {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("academic_year"));
    }
    body.validate()?;
    let comment = format!("{year}: {} – {}", body.opens, body.closes);
    let writes = vec![
        campaign::put(region, &body)?,
        audit::region_event(
            region,
            ctx.now(),
            caller.actor(),
            Role::Admin.as_str(),
            "college_campaign_set",
            Some(comment),
        )?,
    ];
    ctx.store.transact(writes).await?;
    Ok(ok(&body))
}

/// No sign-in: what an applicant reads before applying. A region name that cannot be one is
/// 404 (it never reaches a key).
pub async fn public(ctx: &Ctx, region: &str, year: AcademicYear) -> ApiResult {
    let plausible = !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !plausible {
        return Err(ApiError::not_found());
    }
    Ok(ok(&campaign::get(ctx.store.as_ref(), region, year).await?))
}
