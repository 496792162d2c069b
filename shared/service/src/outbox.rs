//! The outbox: nothing is lost between the table and the queue. A state change that must be
//! told writes an [`OutboxMessage`] item in the same transaction as the change; after commit
//! the writer sends it ([`send_after_commit`]), and the scheduled relay ([`relay`]) sends
//! whatever is still pending — so a queue outage delays notices but never loses one.
//!
//! Layout: `OUTBOX#{id}` / `OUTBOX`; while pending it carries gsi5 `OUTBOX#{shard}` /
//! `{at}#{id}` (sparse and sharded, so the relay reads only what is pending and no partition
//! is hot). Consumers are idempotent per message id (SQS delivers at least once).

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use store::{Condition, Key, Query, Update, WriteOp, from_item, to_item};

use crate::{ApiError, Ctx, keys};

/// How many gsi5 partitions pending messages spread over.
pub const SHARDS: u32 = 4;
/// The most messages one relay run sends (the next run takes the rest).
pub const RELAY_BATCH: u32 = 500;

/// What happened, as the notice templates know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeEvent {
    /// The receipt to the applicant.
    Submitted,
    /// The director returned a decision for rework: to the executor who decided.
    Returned,
    /// The signed final decision: to the applicant.
    Decided,
    /// The application passed its deadline: to the organisation's director.
    Overdue,
}

/// One message of the outbox, and the body of the queue message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: String,
    pub event: NoticeEvent,
    pub application_id: String,
    pub org_id: String,
    /// Who is told, when the event does not imply it (the executor of a returned decision).
    #[serde(default)]
    pub recipient_iin: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    pub at: DateTime<FixedOffset>,
}

impl OutboxMessage {
    pub fn new(event: NoticeEvent, application_id: &str, org_id: &str, at: DateTime<Utc>) -> Self {
        OutboxMessage {
            id: uuid::Uuid::new_v4().to_string(),
            event,
            application_id: application_id.to_string(),
            org_id: org_id.to_string(),
            recipient_iin: None,
            comment: None,
            at: domain::to_almaty(at),
        }
    }
}

fn key(id: &str) -> Key {
    Key::new(format!("OUTBOX#{id}"), "OUTBOX")
}

fn shard(id: &str) -> u32 {
    keys::shard(id, SHARDS)
}

/// The write that records a message, for the transaction of the state change.
pub fn write(message: &OutboxMessage) -> Result<WriteOp, ApiError> {
    let mut item = to_item(&key(&message.id), message)?;
    item.insert(
        "gsi5pk".into(),
        format!("OUTBOX#{}", shard(&message.id)).into(),
    );
    item.insert(
        "gsi5sk".into(),
        format!("{}#{}", keys::instant(message.at.to_utc()), message.id).into(),
    );
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

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
    ctx.store
        .update(
            &key(&message.id),
            Update::new()
                .set("sent_at", domain::to_almaty(ctx.now()).to_rfc3339())
                .remove("gsi5pk")
                .remove("gsi5sk"),
            Some(Condition::Exists),
        )
        .await?;
    Ok(())
}

/// The relay: sends every pending message (at most [`RELAY_BATCH`] per run), oldest first.
pub async fn relay(ctx: &Ctx) -> Result<u64, ApiError> {
    let mut sent = 0u64;
    for s in 0..SHARDS {
        let mut token = None;
        loop {
            let page = ctx
                .store
                .query(
                    Query::index("gsi5", format!("OUTBOX#{s}"))
                        .limit(100)
                        .page(token),
                )
                .await?;
            for item in page.items {
                let message: OutboxMessage = from_item(item)?;
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
