//! The kindergarten confirms that the directed child came: the direction and the application
//! become `enrolled` (final: the child's queue guard is freed), in one transaction with the
//! history event and the applicant's notice.

use domain::permissions::Permission;
use domain::preschool::notices::QueueNotice;
use domain::preschool::{DirectionState, QueueState};
use domain::{ErrorCode, to_almaty};
use service::access::{Caller, require};
use service::http::ok;
use service::preschool::tell;
use service::{ApiError, ApiResult, Ctx};
use store::StoreError;
use table::audit;
use table::outbox;
use table::preschool::{direction, queue};

use crate::lines::line;

/// How often a confirmation retries a transaction that collided with another.
const ATTEMPTS: u32 = 5;

pub async fn confirm(ctx: &Ctx, caller: &Caller, org_id: &str, app_id: &str) -> ApiResult {
    let role = require(ctx, caller, org_id, Permission::ConfirmArrival).await?;
    for attempt in 0..ATTEMPTS {
        let store = ctx.store.as_ref();
        let app = queue::get(store, app_id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        let current = match app.directions {
            0 => None,
            n => direction::get(store, app_id, n).await?,
        };
        // A direction to another kindergarten is none of this one's business.
        let current = current
            .filter(|d| d.direction.org_id == org_id)
            .ok_or_else(ApiError::not_found)?;
        if current.direction.state != DirectionState::Issued
            || app.app.state != QueueState::Directed
        {
            return Err(ApiError::new(ErrorCode::InvalidStatus));
        }
        let now = ctx.now();
        let mut after_dir = current.clone();
        after_dir.direction.state = DirectionState::Enrolled;
        after_dir.direction.closed_at = Some(to_almaty(now));
        let mut after_app = app.clone();
        after_app.app.state = QueueState::Enrolled;
        after_app.app.changed_at = to_almaty(now);
        after_app.app.direction = Some(after_dir.direction.clone());
        let notice = QueueNotice::Enrolled {
            kindergarten: current.direction.org_name.clone(),
        };
        let message = tell(&after_app.app, &notice, now);
        let mut writes = vec![direction::replace(&current, &after_dir)?];
        writes.extend(queue::replace(&app, &after_app)?);
        writes.push(audit::application_event(
            app_id,
            now,
            caller.actor(),
            role.as_str(),
            "enrolled",
            None,
        )?);
        writes.push(outbox::write(&message)?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                tracing::info!(application = %app_id, org = %org_id, "enrolled");
                service::outbox::send_after_commit(ctx, &[message]).await;
                return Ok(ok(&line(after_dir, now)));
            }
            // Changed since read (expired, revoked, extended): read again and judge anew.
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
                service::retry::back_off(attempt, 0).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("arrival: the application kept changing"))
}
