//! `GET /api/me`: who the caller is and where they work.
//! `GET /api/me/profile`, `PUT /api/me/profile`: the caller's own profile (seed 002, 5.7): name,
//! e-mail, phone and position; before they save one, the name of their identity token.

use std::sync::Arc;

use domain::api::{Me, PendingConsent};
use domain::profile::Profile;
use domain::staff::PendingConsentView;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, memberships};
use service::http::{json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("me", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/me/profile").is_some() {
        let caller = caller(&ctx, &req)?;
        return profile(&ctx, &caller).await;
    }
    if route(&req, Method::PUT, "/api/me/profile").is_some() {
        let caller = caller(&ctx, &req)?;
        return put_profile(&ctx, &req, &caller).await;
    }
    if route(&req, Method::GET, "/api/me").is_none() {
        return Err(ApiError::not_found());
    }
    let caller = caller(&ctx, &req)?;
    let memberships = memberships(&ctx, &caller).await?;
    if memberships.iter().any(|m| m.org_id.is_some()) {
        record_name(&ctx, &caller).await;
    }
    let consents = pending_consents(&ctx, &caller.iin).await?;
    let notifications_unread = table::notice::unread(ctx.store.as_ref(), &caller.iin).await?;
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

async fn profile(ctx: &Ctx, caller: &Caller) -> ApiResult {
    let saved = table::profile::get(ctx.store.as_ref(), &caller.iin).await?;
    Ok(ok(
        &saved.unwrap_or_else(|| Profile::from_token_name(&caller.name))
    ))
}

/// Saves the caller's profile with their own audit event.
async fn put_profile(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let body: Profile = json_body(req)?;
    let profile = body.validate()?;
    ctx.store
        .transact(vec![
            table::profile::put(&caller.iin, &profile)?,
            table::audit::person_event(&caller.iin, ctx.now(), "profile_updated", None)?,
        ])
        .await?;
    Ok(ok(&profile))
}

/// Staff keep the name their identity token gives (the token is the authority on it); a
/// director the region admin appointed gets theirs here, at their first sign-in. Best effort:
/// a failed write must not keep anyone from signing in, the next sign-in tries again.
async fn record_name(ctx: &Ctx, caller: &service::access::Caller) {
    let Some(name) = domain::staff::person_name(&caller.name) else {
        return;
    };
    if let Err(e) = table::staff::record_name(ctx.store.as_ref(), &caller.iin, &name).await {
        tracing::warn!(error = %e, "staff name not recorded");
    }
}

/// The caller's pending consents with the position and the organisation's name (a person has
/// few invitations; the name tells them who is asking).
async fn pending_consents(ctx: &Ctx, iin: &str) -> Result<Vec<PendingConsentView>, ApiError> {
    let mut out = Vec::new();
    for inv in table::staff::consents(ctx.store.as_ref(), iin).await? {
        let org_name = table::org::get(ctx.store.as_ref(), &inv.org_id)
            .await?
            .map(|org| org.name);
        out.push(PendingConsentView {
            id: inv.id,
            org_id: inv.org_id,
            roles: inv.roles,
            position: inv.position,
            org_name,
            invited_at: Some(inv.at),
        });
    }
    Ok(out)
}
