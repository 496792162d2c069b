//! `campaigns`: a region's admission campaigns (seed 003 «Период кампании»): the days each
//! service accepts applications in each academic year.
//!
//! - `GET /api/campaigns/{service}/{year}` (the region's education department staff or admin:
//!   ManageCampaign) → the region's `CampaignPeriod` (set, or the service's default).
//! - `PUT /api/campaigns/{service}/{year}` (the same) `SetCampaignPeriod` → the stored
//!   `CampaignPeriod`, with the region's audit event. For the college it sets the period of
//!   the college campaign item (whose quota shares stay).
//! - `GET /api/public/campaigns/{region}/{year}` (no sign-in) → `CampaignPeriod[]` of every
//!   service with a period, for the parents' site.

use std::sync::Arc;

use domain::campaign::{CampaignPeriod, SetCampaignPeriod};
use domain::permissions::Permission;
use domain::{AcademicYear, ErrorCode, Role, Service};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, admin_region, caller, require_region};
use service::http::{json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use table::{audit, campaign};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("campaigns", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/campaigns/{service}/{year}") {
        let caller = caller(&ctx, &req)?;
        let region = require_region(&ctx, &caller, Permission::ManageCampaign).await?;
        let (service, year) = (service(&p["service"])?, year(&p["year"])?);
        return Ok(ok(&period(&ctx, &region, service, year).await?));
    }
    if let Some(p) = route(&req, Method::PUT, "/api/campaigns/{service}/{year}") {
        let caller = caller(&ctx, &req)?;
        let (service, year) = (service(&p["service"])?, year(&p["year"])?);
        return put(&ctx, &req, &caller, service, year).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/public/campaigns/{region}/{year}") {
        return public(&ctx, &p["region"], year(&p["year"])?).await;
    }
    Err(ApiError::not_found())
}

async fn period(
    ctx: &Ctx,
    region: &str,
    service: Service,
    year: AcademicYear,
) -> Result<CampaignPeriod, ApiError> {
    campaign::get(ctx.store.as_ref(), region, service, year, ctx.now())
        .await?
        .ok_or_else(no_period)
}

async fn put(
    ctx: &Ctx,
    req: &Request,
    caller: &Caller,
    service: Service,
    year: AcademicYear,
) -> ApiResult {
    let region = require_region(ctx, caller, Permission::ManageCampaign).await?;
    let body: SetCampaignPeriod = json_body(req)?;
    if domain::campaign::default_period(service, year).is_none() {
        return Err(no_period());
    }
    body.validate(year)?;
    let role = match admin_region(ctx, caller) {
        Some(r) if r == region => Role::Admin,
        _ => Role::EduDepartment,
    };
    let store = ctx.store.as_ref();
    let writes = vec![
        campaign::put(store, &region, service, year, &body).await?,
        audit::region_event(
            &region,
            ctx.now(),
            caller.actor(),
            role.as_str(),
            "campaign_set",
            Some(format!(
                "{} {year}: {} – {}",
                service.as_str(),
                body.opens,
                body.closes
            )),
        )?,
    ];
    store.transact(writes).await?;
    Ok(ok(&period(ctx, &region, service, year).await?))
}

/// No sign-in: what a parent reads before applying. A region that is not one is 404.
async fn public(ctx: &Ctx, region: &str, year: AcademicYear) -> ApiResult {
    if domain::territory::region(region).is_none() {
        return Err(ApiError::not_found());
    }
    let mut out = Vec::new();
    for service in Service::ALL {
        if let Some(p) = campaign::get(ctx.store.as_ref(), region, service, year, ctx.now()).await?
        {
            out.push(p);
        }
    }
    Ok(ok(&out))
}

/// A service that registers all year (the preschool queue) has no period: 422 on `service`.
fn no_period() -> ApiError {
    ApiError::new(ErrorCode::ValidationFailed).field("service")
}

fn service(s: &str) -> Result<Service, ApiError> {
    s.parse()
        .map_err(|_| ApiError::new(ErrorCode::ValidationFailed).field("service"))
}

/// The academic year of a path (`2027-2028`), or 422 `invalid_academic_year` on `year`.
fn year(s: &str) -> Result<AcademicYear, ApiError> {
    s.parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidAcademicYear).field("year"))
}
