//! `kindergarten`: a private kindergarten's state-order places and the directions to it, and
//! the region education department's view of both (seed 004).
//!
//! - `GET /api/orgs/{org}/places` (ViewPlaces) → `[Place]`.
//! - `PUT /api/orgs/{org}/places` (ManagePlaces) `PutPlace` → the `Place`: publish or change the
//!   places of one age group and language, never below the directions that stand.
//! - `GET /api/orgs/{org}/directions[?limit=&page_token=]` (ViewDirections) →
//!   `{"items":[DirectionLine], "next_page_token"}`, newest first.
//! - `POST /api/orgs/{org}/directions/{app_id}/arrival` (ConfirmArrival) → the `DirectionLine`:
//!   the child came, the direction and the application become `enrolled`.
//! - `GET /api/region/places`, `GET /api/region/directions` (ViewRegion, the caller's region),
//!   paged as above.

use std::sync::Arc;

use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::route;
use service::{ApiError, ApiResult, Ctx, Request, Response};

mod arrival;
mod lines;
mod places;
mod region;

pub use places::age_group_open;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("kindergarten", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/places") {
        let caller = caller(&ctx, &req)?;
        return places::list(&ctx, &caller, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::PUT, "/api/orgs/{org}/places") {
        let caller = caller(&ctx, &req)?;
        return places::put(&ctx, &req, &caller, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/directions") {
        let caller = caller(&ctx, &req)?;
        return lines::of_org(&ctx, &req, &caller, &p["org"]).await;
    }
    if let Some(p) = route(
        &req,
        Method::POST,
        "/api/orgs/{org}/directions/{app_id}/arrival",
    ) {
        let caller = caller(&ctx, &req)?;
        return arrival::confirm(&ctx, &caller, &p["org"], &p["app_id"]).await;
    }
    if route(&req, Method::GET, "/api/region/places").is_some() {
        let caller = caller(&ctx, &req)?;
        return region::places(&ctx, &req, &caller).await;
    }
    if route(&req, Method::GET, "/api/region/directions").is_some() {
        let caller = caller(&ctx, &req)?;
        return region::directions(&ctx, &req, &caller).await;
    }
    Err(ApiError::not_found())
}
