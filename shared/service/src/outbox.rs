//! Sending the outbox: nothing is lost between the table and the queue. A state change writes
//! its message in the same transaction (`table::outbox::write`); after commit the writer sends
//! it ([`send_after_commit`]), and the scheduled relay ([`relay`]) sends whatever is still
//! pending — so a queue outage delays notices but never loses one. Consumers are idempotent
//! per message id (SQS delivers at least once).

use table::outbox::{self, OutboxMessage};

use crate::{ApiError, Ctx};

/// The most messages one relay run sends (the next run takes the rest).
pub const RELAY_BATCH: u32 = 500;

/// Sends committed messages now. A failure is only logged: the message stays pending and the
/// relay sends it later.
pub async fn send_after_commit(ctx: &Ctx, messages: &[OutboxMessage]) {
    for m in messages {
        if let Err(e) = send(ctx, m).await {
            tracing::warn!(message = %m.id, error = %e.log.unwrap_or_default(), "outbox: left for the relay");
        }
    }
}

async fn send(ctx: &Ctx, message: &OutboxMessage) -> Result<(), ApiError> {
    let body = serde_json::to_string(message).map_err(|e| ApiError::internal(e.to_string()))?;
    ctx.queue.send(&body).await?;
    // Sent: leave the pending index. A crash between send and this update sends it twice,
    // which the idempotent consumer absorbs.
    outbox::mark_sent(ctx.store.as_ref(), &message.id, ctx.now()).await?;
    Ok(())
}

/// The relay: sends every pending message (at most [`RELAY_BATCH`] per run), oldest first.
pub async fn relay(ctx: &Ctx) -> Result<u64, ApiError> {
    let mut sent = 0u64;
    for shard in 0..outbox::SHARDS {
        let mut token = None;
        loop {
            let page = outbox::pending(ctx.store.as_ref(), shard, 100, token).await?;
            for message in page.items {
                send(ctx, &message).await?;
                sent += 1;
                if sent >= u64::from(RELAY_BATCH) {
                    return Ok(sent);
                }
            }
            token = page.next_page_token;
            if token.is_none() {
                break;
            }
        }
    }
    Ok(sent)
}
