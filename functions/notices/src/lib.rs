//! `notices`: the caller's in-app notices (routes in infra/template.yaml).

use std::sync::Arc;

use lambda_http::BoxFuture;
use service::{ApiError, ApiResult, Ctx, Request, Response};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("notices", ctx, req, handle))
}

async fn handle(_ctx: Arc<Ctx>, _req: Request) -> ApiResult {
    Err(ApiError::not_found())
}
