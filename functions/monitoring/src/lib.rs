//! `monitoring`: the education department's journal across organisations (seed 002, the
//! «Сотрудник управления образования» walkthrough), read-only, over the caller's territory
//! (`service::access::monitoring_scope`), and the journal exports.
//!
//! - `GET /api/monitoring/applications?service=&status=&decision=&org=&locality=&overdue=&from=&to=&q=&region=&limit=&page_token=`
//!   (Monitor) → `{"items": [monitoring::JournalRow], "next_page_token"}`: one region's
//!   applications in submission order. Region and district staff read their own region (a
//!   district only its localities); the ministry names the region (`region`, else 422).
//! - `GET /api/monitoring/applications/export?<the same filters>` (Monitor) → `.xlsx`.
//! - `GET /api/monitoring/localities?region=` (Monitor) → the territories of the caller's
//!   scope for the filters (`monitoring::journal::Territories`).
//! - `GET /api/orgs/{org}/applications/export?<the org journal's filters>` (ViewJournal) →
//!   `.xlsx` of the organisation's journal.

use std::sync::Arc;

use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::route;
use service::{ApiError, ApiResult, Ctx, Request, Response};

mod journal;
mod rows;
mod scan;
mod territories;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("monitoring", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/monitoring/applications").is_some() {
        let caller = caller(&ctx, &req)?;
        return journal::list(&ctx, &req, &caller).await;
    }
    if route(&req, Method::GET, "/api/monitoring/applications/export").is_some() {
        let caller = caller(&ctx, &req)?;
        return journal::export(&ctx, &req, &caller).await;
    }
    if route(&req, Method::GET, "/api/monitoring/localities").is_some() {
        let caller = caller(&ctx, &req)?;
        return territories::localities(&ctx, &req, &caller).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/applications/export") {
        let caller = caller(&ctx, &req)?;
        return journal::org_export(&ctx, &req, &caller, &p["org"]).await;
    }
    Err(ApiError::not_found())
}
