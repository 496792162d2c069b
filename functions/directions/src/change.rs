//! The applicant's changes of an issued direction: the one extension, and the revocation
//! within 24 hours of the issue.

use domain::preschool::api::ExtendDirection;
use domain::preschool::notices::QueueNotice;
use domain::preschool::{DirectionState, QueueState, extended_expiry, may_revoke};
use domain::{ErrorCode, to_almaty};
use service::access::Caller;
use service::http::{json_body, ok};
use service::preschool::{tell, view};
use service::{ApiError, ApiResult, Ctx, Request};
use store::{StoreError, WriteOp};
use table::audit;
use table::outbox::{self, OutboxMessage};
use table::preschool::{direction, place, queue};

use crate::current::issued;

const ATTEMPTS: u32 = 5;

/// What a change leaves behind, to be written in one transaction.
struct Changed {
    app: queue::Stored,
    writes: Vec<WriteOp>,
    message: OutboxMessage,
}

/// Commits a change built from fresh reads, again while the items moved under it; a
/// condition that still fails once read again is answered by the reads (`invalid_status`…).
async fn commit<F, Fut>(ctx: &Ctx, build: F) -> ApiResult
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<Changed, ApiError>>,
{
    for attempt in 0..ATTEMPTS {
        let changed = build().await?;
        match ctx.store.transact(changed.writes).await {
            Ok(()) => {
                service::outbox::send_after_commit(ctx, &[changed.message]).await;
                return Ok(ok(&view(ctx, &changed.app).await?));
            }
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
                service::retry::back_off(attempt, 5).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("direction: kept changing"))
}

pub async fn extend(ctx: &Ctx, req: &Request, caller: &Caller, id: &str) -> ApiResult {
    let body: ExtendDirection = json_body(req)?;
    commit(ctx, || async {
        let now = ctx.now();
        let (app, current) = issued(ctx, caller, id, now).await?;
        let d = &current.direction;
        let until = extended_expiry(d.expires_at.to_utc(), d.extended_days.is_some(), body.days)
            .map_err(|code| match code {
                ErrorCode::ValidationFailed => ApiError::new(code).field("days"),
                code => ApiError::new(code),
            })?;
        let mut after_dir = current.clone();
        after_dir.direction.expires_at = to_almaty(until);
        after_dir.direction.extended_days = Some(body.days);
        let mut after = app.clone();
        after.app.changed_at = to_almaty(now);
        after.app.direction = Some(after_dir.direction.clone());
        let message = tell(
            &after.app,
            &QueueNotice::DirectionExtended {
                until: to_almaty(until),
            },
            now,
        );
        // The direction's replace recomputes its due-index entry from the new expiry.
        let mut writes = vec![direction::replace(&current, &after_dir)?];
        writes.extend(queue::replace(&app, &after)?);
        writes.push(audit::application_event(
            id,
            now,
            caller.actor(),
            "applicant",
            "direction_extended",
            Some(format!("{} days", body.days)),
        )?);
        writes.push(outbox::write(&message)?);
        after.version += 1;
        Ok(Changed {
            app: after,
            writes,
            message,
        })
    })
    .await
}

pub async fn revoke(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    commit(ctx, || async {
        let now = ctx.now();
        let (app, current) = issued(ctx, caller, id, now).await?;
        let d = &current.direction;
        may_revoke(d.issued_at.to_utc(), now).map_err(ApiError::new)?;
        let mut after_dir = current.clone();
        after_dir.direction.state = DirectionState::Revoked;
        after_dir.direction.closed_at = Some(to_almaty(now));
        let mut after = app.clone();
        // Back in the queue, at its end (seed 004: the queue number is not kept).
        after.app.state = QueueState::InQueue;
        after.app.queued_since = Some(to_almaty(now));
        after.app.changed_at = to_almaty(now);
        after.app.direction = Some(after_dir.direction.clone());
        let message = tell(&after.app, &QueueNotice::DirectionRevoked, now);
        let mut writes = vec![direction::replace(&current, &after_dir)?];
        writes.push(place::release(&d.org_id, d.age_group, d.language));
        writes.extend(queue::replace(&app, &after)?);
        writes.push(audit::application_event(
            id,
            now,
            caller.actor(),
            "applicant",
            "direction_revoked",
            None,
        )?);
        writes.push(outbox::write(&message)?);
        after.version += 1;
        Ok(Changed {
            app: after,
            writes,
            message,
        })
    })
    .await
}
