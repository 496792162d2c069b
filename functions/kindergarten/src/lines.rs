//! The directions to a kindergarten as its staff read them, paged.

use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::api::List;
use domain::permissions::Permission;
use domain::preschool::api::DirectionLine;
use domain::preschool::{DirectionState, working_days_left};
use service::access::{Caller, require};
use service::http::{ok, query};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::preschool::direction;

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

/// `limit` and `page_token` of a list request.
pub fn paging(req: &Request) -> Result<(u32, Option<String>), ApiError> {
    let q = query(req);
    let limit = match q.get("limit") {
        None => DEFAULT_LIMIT,
        Some(l) => l
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("limit"))?,
    };
    let token = q.get("page_token").filter(|t| !t.is_empty()).cloned();
    Ok((limit, token))
}

/// A store refusal of a page token (malformed, or another list's) is the caller's mistake.
pub fn page_error(e: StoreError) -> ApiError {
    match e {
        StoreError::Invalid(_) => ApiError::new(ErrorCode::ValidationFailed).field("page_token"),
        e => e.into(),
    }
}

/// The line of a stored direction, with the working days left while it is issued.
pub fn line(stored: direction::Stored, now: DateTime<Utc>) -> DirectionLine {
    let d = &stored.direction;
    let working_days_left =
        (d.state == DirectionState::Issued).then(|| working_days_left(d.expires_at.to_utc(), now));
    DirectionLine {
        application_id: stored.application_id,
        number: stored.number,
        child_name: stored.child_name,
        child_birth_date: stored.child_birth_date,
        direction: stored.direction,
        working_days_left,
    }
}

pub async fn of_org(ctx: &Ctx, req: &Request, caller: &Caller, org_id: &str) -> ApiResult {
    require(ctx, caller, org_id, Permission::ViewDirections).await?;
    let (limit, token) = paging(req)?;
    let page = direction::of_org(ctx.store.as_ref(), org_id, limit, token)
        .await
        .map_err(page_error)?;
    let now = ctx.now();
    Ok(ok(&List {
        items: page.items.into_iter().map(|d| line(d, now)).collect(),
        next_page_token: page.next_page_token,
    }))
}
