//! `directions`: the applicant's side of a direction to a private kindergarten (seed 004).
//!
//! - `GET /api/preschool/applications/{id}/places` → `[FreePlace]`: the kindergartens of the
//!   child's locality with a free state-order place for the child's age group, or the reason
//!   the choice is closed now (`not_in_queue`, `too_young_to_choose`, `stop_listed`,
//!   `no_free_places`).
//! - `POST /api/preschool/applications/{id}/direction` `ChooseKindergarten` → 201, the
//!   application: the signed choice takes a place and issues a direction; the child leaves the
//!   queue.
//! - `POST /api/preschool/applications/{id}/direction/extend` `ExtendDirection` → the
//!   application: once, 1–30 calendar days.
//! - `POST /api/preschool/applications/{id}/direction/revoke` → the application: within 24 h of
//!   the issue; the place is freed and the child queues again at the end.
//!
//! Only the applicant; to anyone else the application does not exist (404).

use std::sync::Arc;

use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::route;
use service::{ApiError, ApiResult, Ctx, Request, Response};

mod change;
mod choose;
mod current;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("directions", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    const BASE: &str = "/api/preschool/applications/{id}";
    if let Some(p) = route(&req, Method::GET, &format!("{BASE}/places")) {
        let caller = caller(&ctx, &req)?;
        return choose::places(&ctx, &caller, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::POST, &format!("{BASE}/direction")) {
        let caller = caller(&ctx, &req)?;
        return choose::choose(&ctx, &req, &caller, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::POST, &format!("{BASE}/direction/extend")) {
        let caller = caller(&ctx, &req)?;
        return change::extend(&ctx, &req, &caller, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::POST, &format!("{BASE}/direction/revoke")) {
        let caller = caller(&ctx, &req)?;
        return change::revoke(&ctx, &caller, &p["id"]).await;
    }
    Err(ApiError::not_found())
}
