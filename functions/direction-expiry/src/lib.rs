//! `direction-expiry`: a scheduled job that cancels the directions to private kindergartens
//! whose 5 working days passed without the child's arrival (seed 004).
//!
//! It reads only the sparse due index of issued directions (`table::preschool::direction::due`):
//! each shard's directions expiring before now, oldest first — never a scan. Cancelling one is
//! one transaction: the direction `expired`, its place released, the application back in the
//! queue at its end and on the stop-list for 10 working days — or, at the second expiry,
//! removed from the queue (final: the child's guard is freed) — with its history event and the
//! applicant's notice. Every write is conditional on the items as read: a direction confirmed,
//! revoked or extended meanwhile is skipped, and a second run finds nothing left to do.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::preschool::notices::QueueNotice;
use domain::preschool::{
    DirectionState, EXPIRIES_TO_REMOVAL, QueueState, RemovalReason, stop_list_until,
};
use domain::to_almaty;
use lambda_http::BoxFuture;
use service::preschool::tell;
use service::{ApiError, Ctx};
use store::StoreError;
use table::preschool::{direction, place, queue};
use table::{audit, outbox};

/// One query page of a shard.
const PAGE: u32 = 100;
/// The most candidates one run looks at; the next run (every 5 minutes) takes the rest.
pub const MAX_PER_RUN: u64 = 1_000;

/// Runs the job once; returns how many directions it cancelled.
pub fn job(ctx: Arc<Ctx>) -> BoxFuture<'static, Result<u64, ApiError>> {
    Box::pin(async move { run(&ctx).await })
}

/// Cancels every direction due before now (at most [`MAX_PER_RUN`] candidates).
pub async fn run(ctx: &Ctx) -> Result<u64, ApiError> {
    let now = ctx.now();
    let (mut expired, mut seen) = (0u64, 0u64);
    for shard in 0..direction::SHARDS {
        let mut token = None;
        loop {
            let page = direction::due(ctx.store.as_ref(), shard, now, PAGE, token).await?;
            for item in page.items {
                match item {
                    Ok(d) if expire(ctx, &d, now).await? => expired += 1,
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "direction expiry: unreadable due item"),
                }
                seen += 1;
                if seen >= MAX_PER_RUN {
                    tracing::info!(
                        expired,
                        "direction expiry: batch full, the next run continues"
                    );
                    return Ok(expired);
                }
            }
            token = page.next_page_token;
            if token.is_none() {
                break;
            }
        }
    }
    if expired > 0 {
        tracing::info!(expired, "direction expiry");
    }
    Ok(expired)
}

/// Cancels one direction; false when it is skipped (no longer the application's current
/// issued direction, or changed since it was read).
async fn expire(ctx: &Ctx, d: &direction::Stored, now: DateTime<Utc>) -> Result<bool, ApiError> {
    let id = &d.application_id;
    if d.direction.state != DirectionState::Issued || d.direction.expires_at.to_utc() > now {
        return Ok(false);
    }
    let Some(app) = queue::get(ctx.store.as_ref(), id).await? else {
        tracing::warn!(application = %id, "direction expiry: no application");
        return Ok(false);
    };
    if app.app.state != QueueState::Directed || app.directions != d.direction.n {
        tracing::warn!(application = %id, "direction expiry: not the current direction");
        return Ok(false);
    }
    let mut after_dir = d.clone();
    after_dir.direction.state = DirectionState::Expired;
    after_dir.direction.closed_at = Some(to_almaty(now));
    let mut after = app.clone();
    after.app.expiries += 1;
    after.app.changed_at = to_almaty(now);
    after.app.direction = Some(after_dir.direction.clone());
    let (notice, action) = if after.app.expiries >= EXPIRIES_TO_REMOVAL {
        after.app.state = QueueState::Removed;
        after.app.removal = Some(RemovalReason::SecondExpiry);
        after.app.queued_since = None;
        let reason = RemovalReason::SecondExpiry;
        (QueueNotice::Removed { reason }, "removed")
    } else {
        let until = to_almaty(stop_list_until(now));
        // Back at the end of the queue, stop-listed.
        after.app.state = QueueState::InQueue;
        after.app.queued_since = Some(to_almaty(now));
        after.app.stop_until = Some(until);
        (
            QueueNotice::DirectionExpired { stop_until: until },
            "direction_expired",
        )
    };
    let message = tell(&after.app, &notice, now);
    let dd = &d.direction;
    // Write 0: the direction as read (a confirmation, revocation or extension meanwhile makes
    // it fail, and the whole change with it).
    let mut writes = vec![direction::replace(d, &after_dir)?];
    writes.push(place::release(&dd.org_id, dd.age_group, dd.language));
    writes.extend(queue::replace(&app, &after)?);
    writes.push(audit::application_event(
        id, now, "system", "system", action, None,
    )?);
    writes.push(outbox::write(&message)?);
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        Err(StoreError::ConditionFailed { index }) => {
            tracing::info!(application = %id, index, "direction expiry: changed meanwhile, skipped");
            return Ok(false);
        }
        Err(StoreError::Conflict) => {
            tracing::info!(application = %id, "direction expiry: conflict, retried next run");
            return Ok(false);
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(application = %id, action, "direction expiry");
    service::outbox::send_after_commit(ctx, &[message]).await;
    Ok(true)
}
