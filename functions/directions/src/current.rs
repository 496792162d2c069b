//! The applicant's application with its current direction, while the direction stands.

use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::preschool::{DirectionState, QueueState};
use service::access::Caller;
use service::preschool::for_applicant;
use service::{ApiError, Ctx};
use table::preschool::{direction, queue};

/// The caller's application and its issued direction, valid at `now`; `invalid_status`
/// otherwise (none yet, enrolled, revoked, expired — also when its time is up and the expiry
/// job has not come by yet).
pub async fn issued(
    ctx: &Ctx,
    caller: &Caller,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(queue::Stored, direction::Stored), ApiError> {
    let app = for_applicant(ctx, caller, id).await?;
    let current = match app.directions {
        0 => None,
        n => direction::get(ctx.store.as_ref(), id, n).await?,
    };
    match current {
        Some(d)
            if app.app.state == QueueState::Directed
                && d.direction.state == DirectionState::Issued
                && now < d.direction.expires_at.to_utc() =>
        {
            Ok((app, d))
        }
        _ => Err(ApiError::new(ErrorCode::InvalidStatus)),
    }
}
