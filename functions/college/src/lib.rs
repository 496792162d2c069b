//! College admission (seed 000) as the applicant and the public see it: applying to a college
//! (`POST /api/college/applications`, [`submit`]), the colleges of a locality, a college's page
//! and the ranked list of one of its specialty lines ([`public`]), and the applicant's place in
//! the lists of the lines they chose ([`rank`]).
//!
//! What follows the submission is the shared pipeline's, unchanged: the journal, the decision
//! (`review`), the director's signature or return (`sign`), the notices (`notify`) and the
//! deadline (`deadline-sweep`), each asking `domain::services::rules` for the college's rules. A
//! signed acceptance enters the ranked lists in the signing transaction
//! (`table::college::rank::enter`); the lists read here are those entries.

mod public;
mod rank;
mod submit;

use std::sync::Arc;

use domain::ErrorCode;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::{query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("college", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::POST, "/api/college/applications").is_some() {
        let caller = caller(&ctx, &req)?;
        return submit::submit(&ctx, &req, &caller).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/college/applications/{id}/rank") {
        let caller = caller(&ctx, &req)?;
        return rank::mine(&ctx, &caller, &p["id"]).await;
    }
    if route(&req, Method::GET, "/api/public/colleges").is_some() {
        return public::colleges(&ctx, &req).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/public/colleges/{org}") {
        return public::page(&ctx, &req, &p["org"]).await;
    }
    if let Some(p) = route(
        &req,
        Method::GET,
        "/api/public/colleges/{org}/specialties/{line}/ranking",
    ) {
        return public::ranking(&ctx, &req, &p["org"], &p["line"]).await;
    }
    Err(ApiError::not_found())
}

/// The academic year of `?year=`, or the admission year of today (`domain::college::
/// admission_year`) when none is given.
fn year(ctx: &Ctx, req: &Request) -> Result<domain::AcademicYear, ApiError> {
    match query(req).get("year").filter(|y| !y.is_empty()) {
        Some(y) => y
            .parse()
            .map_err(|_| ApiError::new(ErrorCode::InvalidAcademicYear).field("year")),
        None => Ok(domain::college::admission_year(
            domain::to_almaty(ctx.now()).date_naive(),
        )),
    }
}

/// The college `org_id` names, or 404 (an organisation of another kind is no college).
async fn college(ctx: &Ctx, org_id: &str) -> Result<domain::api::Org, ApiError> {
    table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .filter(|o| o.kind == domain::OrgKind::College)
        .ok_or_else(ApiError::not_found)
}
