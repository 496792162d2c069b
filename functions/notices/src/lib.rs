//! `notices`: the caller's in-app notices (routes in infra/template.yaml); the `notify`
//! consumer writes them (`table::notice`).
//!
//! - `GET /api/me/notifications[?limit=&page_token=]` → `{"items":[Notice], "next_page_token"}`,
//!   newest first.
//! - `POST /api/me/notifications/{id}/read` → the notice, now read (own notices only, else 404;
//!   marking a read notice again is a no-op).

use std::sync::Arc;

use domain::api::List;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::{ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::notice;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("notices", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/me/notifications").is_some() {
        let caller = caller(&ctx, &req)?;
        return list(&ctx, &req, &caller.iin).await;
    }
    if let Some(p) = route(&req, Method::POST, "/api/me/notifications/{id}/read") {
        let caller = caller(&ctx, &req)?;
        return mark_read(&ctx, &caller.iin, &p["id"]).await;
    }
    Err(ApiError::not_found())
}

const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

/// Ids are the instant, `-` and a uuid: anything else cannot name a notice.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

// ---------------------------------------------------------------- use cases

async fn list(ctx: &Ctx, req: &Request, iin: &str) -> ApiResult {
    let q = query(req);
    let limit = match q.get("limit") {
        None => DEFAULT_LIMIT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(ApiError::new(domain::ErrorCode::ValidationFailed).field("limit"));
            }
        },
    };
    // The page token is the last id of the previous page: this page is everything older.
    let before = match q.get("page_token") {
        Some(token) if valid_id(token) => Some(token.as_str()),
        Some(_) => {
            return Err(ApiError::new(domain::ErrorCode::ValidationFailed).field("page_token"));
        }
        None => None,
    };
    let (items, more) = notice::newest(ctx.store.as_ref(), iin, before, limit).await?;
    let next_page_token = if more {
        items.last().map(|n| n.id.clone())
    } else {
        None
    };
    Ok(ok(&List {
        items,
        next_page_token,
    }))
}

async fn mark_read(ctx: &Ctx, iin: &str, id: &str) -> ApiResult {
    if !valid_id(id) {
        return Err(ApiError::not_found());
    }
    // The notice and the counter change together, and only if the notice was unread: the
    // count never drifts, whatever the retries.
    match ctx.store.transact(notice::mark_read_writes(iin, id)).await {
        Ok(()) | Err(StoreError::ConditionFailed { index: 0 }) => {}
        Err(e) => return Err(e.into()),
    }
    // Absent (or someone else's: the key is in the caller's own partition) → 404.
    match notice::get(ctx.store.as_ref(), iin, id).await? {
        Some(n) => Ok(ok(&n)),
        None => Err(ApiError::not_found()),
    }
}
