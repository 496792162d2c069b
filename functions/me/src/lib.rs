//! `GET /api/me`: who the caller is and where they work.

use std::sync::Arc;

use domain::api::{Me, PendingConsent};
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
    let consents = service::staff::pending_consents(&ctx, &caller.iin).await?;
    let notifications_unread = notices::unread(&ctx, &caller.iin).await?;
    let me = Me {
        iin: caller.iin,
        name: caller.name,
        memberships,
        pending_consents: consents
            .iter()
            .map(|c| PendingConsent {
                id: c.id.clone(),
                org_id: c.org_id.clone(),
                roles: c.roles.clone(),
            })
            .collect(),
        notifications_unread,
    };
    // The contract's `{id, org_id, roles}` plus what the person consents to: the position and
    // the organisation's name.
    let mut body = serde_json::to_value(&me).map_err(|e| ApiError::internal(e.to_string()))?;
    body["pending_consents"] =
        serde_json::to_value(&consents).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(ok(&body))
}
