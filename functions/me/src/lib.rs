//! `GET /api/me`: who the caller is and where they work.

use std::sync::Arc;

use domain::api::Me;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{caller, memberships};
use service::http::{ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("me", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/me").is_none() {
        return Err(ApiError::not_found());
    }
    let caller = caller(&ctx, &req)?;
    let memberships = memberships(&ctx, &caller).await?;
    Ok(ok(&Me {
        iin: caller.iin,
        name: caller.name,
        memberships,
        pending_consents: Vec::new(),
        notifications_unread: 0,
    }))
}
