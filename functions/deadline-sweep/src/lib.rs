//! `deadline-sweep`: a scheduled job that marks open applications whose review deadline has
//! passed as overdue (seeds 000/001: an application is processed within one working day).
//!
//! It reads only the due index (gsi4, see [`service::due`]): each shard's applications due
//! before now, oldest first — never a scan. Marking one is one transaction: the flag (on the
//! condition that the application is still open and still in the index), its history event
//! and the notice to the director in the outbox. Overdue applications stay processable; the
//! flag only informs (the journal filters on it).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::Status;
use lambda_http::BoxFuture;
use service::due;
use service::outbox::{self, NoticeEvent, OutboxMessage};
use service::{ApiError, Ctx, audit, keys};
use store::{Condition, Item, Query, SortCondition, StoreError, Update, WriteOp};

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
            let page = ctx
                .store
                .query(
                    Query::index(due::INDEX, due::partition(shard))
                        .sk(SortCondition::Lt(due::due_before(now)))
                        .limit(PAGE)
                        .page(token),
                )
                .await?;
            for item in page.items {
                if mark(ctx, &item, now).await? {
                    marked += 1;
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

/// Marks one application overdue; false when it is no longer open or already left the index
/// (decided, withdrawn or marked concurrently) — skipped, not an error.
async fn mark(ctx: &Ctx, item: &Item, now: DateTime<Utc>) -> Result<bool, ApiError> {
    let text = |name: &str| item.get(name).and_then(|v| v.as_str()).map(str::to_string);
    let (Some(id), Some(org_id)) = (text("id"), text("org_id")) else {
        // Not an application as we know it: leave it for a person, keep sweeping the rest.
        tracing::warn!(pk = ?text("pk"), "deadline sweep: due-index item without id/org_id");
        return Ok(false);
    };
    let message = OutboxMessage::new(NoticeEvent::Overdue, &id, &org_id, now);
    let writes = vec![
        WriteOp::Update {
            key: keys::application(&id),
            update: Update::new()
                .set("overdue", true)
                .set("overdue_at", domain::to_almaty(now).to_rfc3339())
                .remove(due::PK)
                .remove(due::SK),
            condition: Some(Condition::And(vec![
                Condition::Or(vec![
                    Condition::eq("status", Status::InReview.as_str()),
                    Condition::eq("status", Status::OnSigning.as_str()),
                ]),
                Condition::AttrExists(due::PK.into()),
            ])),
        },
        audit::application_event(&id, now, "system", "system", "overdue", None)?,
        outbox::write(&message)?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        // Final, withdrawn or already marked since the query: nothing to mark.
        Err(StoreError::ConditionFailed { index: 0 }) => {
            leave_index_if_closed(ctx, &id).await?;
            return Ok(false);
        }
        // Racing a decision on the same item: the next run looks again.
        Err(StoreError::Conflict) => {
            tracing::info!(application = %id, "deadline sweep: conflict, retried next run");
            return Ok(false);
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(application = %id, org = %org_id, "overdue");
    outbox::send_after_commit(ctx, &[message]).await;
    Ok(true)
}

/// A closed application still in the due index (closed by a path that did not remove it)
/// would be read again by every run: take it out, only if it is indeed no longer open.
async fn leave_index_if_closed(ctx: &Ctx, id: &str) -> Result<(), ApiError> {
    let closed = Condition::And(vec![
        Condition::AttrExists(due::PK.into()),
        Condition::Not(Box::new(Condition::Or(vec![
            Condition::eq("status", Status::InReview.as_str()),
            Condition::eq("status", Status::OnSigning.as_str()),
        ]))),
    ]);
    let update = Update::new().remove(due::PK).remove(due::SK);
    match ctx
        .store
        .update(&keys::application(id), update, Some(closed))
        .await
    {
        Ok(_) | Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
