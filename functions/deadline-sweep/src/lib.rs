//! `deadline-sweep`: a scheduled job that marks open applications whose review deadline has
//! passed as overdue (seeds 000/001: an application is processed within one working day).
//!
//! It reads only the due index (see [`table::due`]): each shard's applications due before
//! now, oldest first — never a scan. Marking one is one transaction: the flag and leaving the
//! index (on the condition that the application is still as read), its history event and the
//! notice to the director in the outbox. Overdue applications stay processable; the flag only
//! informs (the journal filters on it).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::lifecycle::Event;
use lambda_http::BoxFuture;
use service::{ApiError, Ctx};
use store::StoreError;
use table::application::{self, Record, Stored};
use table::outbox::{self, NoticeEvent, OutboxMessage};
use table::{audit, due};

/// One query page of a shard.
const PAGE: u32 = 100;
/// The most applications one run marks; the next run (every 5 minutes) takes the rest.
pub const MAX_PER_RUN: u64 = 1_000;

/// Runs the job once; returns how many applications it marked overdue.
pub fn job(ctx: Arc<Ctx>) -> BoxFuture<'static, Result<u64, ApiError>> {
    Box::pin(async move { sweep(&ctx).await })
}

/// Marks every application due before now (at most [`MAX_PER_RUN`]).
pub async fn sweep(ctx: &Ctx) -> Result<u64, ApiError> {
    let now = ctx.now();
    let mut marked = 0u64;
    // Candidates looked at, marked or not: bounds the work of one run.
    let mut seen = 0u64;
    for shard in 0..due::SHARDS {
        let mut token = None;
        loop {
            let page = due::page(ctx.store.as_ref(), shard, now, PAGE, token).await?;
            for stored in page.items {
                match stored {
                    Ok(stored) if mark(ctx, &stored, now).await? => marked += 1,
                    Ok(_) => {}
                    // Not an application as we know it: leave it for a person, sweep the rest.
                    Err(e) => tracing::warn!(error = %e, "deadline sweep: unreadable due item"),
                }
                seen += 1;
                if seen >= MAX_PER_RUN {
                    tracing::info!(marked, "deadline sweep: batch full, the next run continues");
                    return Ok(marked);
                }
            }
            token = page.next_page_token;
            if token.is_none() {
                break;
            }
        }
    }
    if marked > 0 {
        tracing::info!(marked, "deadline sweep");
    }
    Ok(marked)
}

/// Marks one application overdue; false when it is no longer open or changed since it was read
/// (decided, withdrawn or marked concurrently) — skipped, not an error: a change that left it
/// open leaves it in the index for the next run.
async fn mark(ctx: &Ctx, stored: &Stored, now: DateTime<Utc>) -> Result<bool, ApiError> {
    let (id, org_id) = (&stored.application.id, &stored.application.org_id);
    let Ok(change) = stored.change(Event::MarkOverdue) else {
        // Closed but still in the index: only items written before every close went through
        // the lifecycle can be so; take it out so no run reads it again.
        application::leave_due_index_if_closed(ctx.store.as_ref(), id).await?;
        return Ok(false);
    };
    let message = OutboxMessage::new(NoticeEvent::Overdue, id, org_id, now);
    let mut writes = application::transition(stored, &change, Record::OverdueAt(now))?;
    writes.push(audit::application_event(
        id, now, "system", "system", "overdue", None,
    )?);
    writes.push(outbox::write(&message)?);
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        // Changed since the query (decided, signed, withdrawn or marked): the change that
        // closed it also took it out of the due index; one that left it open leaves it there
        // for the next run.
        Err(StoreError::ConditionFailed { index: 0 }) => return Ok(false),
        // Racing a decision on the same item: the next run looks again.
        Err(StoreError::Conflict) => {
            tracing::info!(application = %id, "deadline sweep: conflict, retried next run");
            return Ok(false);
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(application = %id, org = %org_id, "overdue");
    service::outbox::send_after_commit(ctx, &[message]).await;
    Ok(true)
}
