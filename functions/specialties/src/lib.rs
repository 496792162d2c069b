//! `specialties`: a college's specialty lines and the region's college admission campaign
//! (seed 000).
//!
//! - `GET /api/orgs/{org}/specialties` (ViewPlaces) → `{"items":[Specialty]}`.
//! - `PUT /api/orgs/{org}/specialties/{line}` (ManagePlaces) `Specialty` → the stored line.
//! - `DELETE /api/orgs/{org}/specialties/{line}` (ManagePlaces) → 204, 404 when absent.
//! - `GET|PUT /api/admin/college-campaign/{year}` (ManageCampaign, the admin's region) → the
//!   `Campaign` (stored or default).
//! - `GET /api/public/college-campaign/{region}/{year}` (no sign-in) → the `Campaign`.

use std::sync::Arc;

use domain::{AcademicYear, ErrorCode};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::route;
use service::{ApiError, ApiResult, Ctx, Request, Response};

mod campaign;
mod lines;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("specialties", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/specialties") {
        let caller = caller(&ctx, &req)?;
        return lines::list(&ctx, &caller, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::PUT, "/api/orgs/{org}/specialties/{line}") {
        let caller = caller(&ctx, &req)?;
        return lines::put(&ctx, &req, &caller, &p["org"], &p["line"]).await;
    }
    if let Some(p) = route(&req, Method::DELETE, "/api/orgs/{org}/specialties/{line}") {
        let caller = caller(&ctx, &req)?;
        return lines::remove(&ctx, &caller, &p["org"], &p["line"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/admin/college-campaign/{year}") {
        let caller = caller(&ctx, &req)?;
        return campaign::of_admin(&ctx, &caller, year(&p["year"])?).await;
    }
    if let Some(p) = route(&req, Method::PUT, "/api/admin/college-campaign/{year}") {
        let caller = caller(&ctx, &req)?;
        return campaign::put(&ctx, &req, &caller, year(&p["year"])?).await;
    }
    if let Some(p) = route(
        &req,
        Method::GET,
        "/api/public/college-campaign/{region}/{year}",
    ) {
        return campaign::public(&ctx, &p["region"], year(&p["year"])?).await;
    }
    Err(ApiError::not_found())
}

/// The academic year of a path (`2027-2028`), or 422 `invalid_academic_year` on `year`.
fn year(s: &str) -> Result<AcademicYear, ApiError> {
    s.parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidAcademicYear).field("year"))
}
