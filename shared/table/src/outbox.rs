//! Outbox messages as stored: a state change that must be told writes an [`OutboxMessage`] in
//! the same transaction as the change; while pending it is in a sparse index sharded over
//! [`SHARDS`] partitions (so the relay reads only what is pending and no partition is hot),
//! and sending it takes it out.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use store::{Condition, Key, Query, Store, StoreError, Update, WriteOp};

use crate::keys::{self, GSI5};

/// How many partitions pending messages spread over.
pub const SHARDS: u32 = 4;

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
    /// A notice the use case rendered itself ([`Rendered`]): the kindergarten service's.
    Rendered,
}

/// A notice rendered when the message was written (both languages and the SMS), with whom it
/// goes to: the notify consumer only delivers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rendered {
    pub service: domain::Service,
    pub recipient_iin: String,
    /// The SMS goes here, when there is one.
    #[serde(default)]
    pub phone: Option<String>,
    pub text: domain::api::Text,
    #[serde(default)]
    pub sms: Option<String>,
    /// The e-mail goes here too, when the recipient gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendered: Option<Rendered>,
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
            rendered: None,
            at: domain::to_almaty(at),
        }
    }

    /// A rendered notice about an application of a service without an organisation of its own
    /// (`org_id` is empty then).
    pub fn rendered(application_id: &str, rendered: Rendered, at: DateTime<Utc>) -> Self {
        OutboxMessage {
            rendered: Some(rendered),
            ..OutboxMessage::new(NoticeEvent::Rendered, application_id, "", at)
        }
    }
}

fn key(id: &str) -> Key {
    Key::new(format!("OUTBOX#{id}"), "OUTBOX")
}

fn partition(shard: u32) -> String {
    format!("OUTBOX#{shard}")
}

/// The write that records a pending message, for the transaction of the state change.
pub fn write(message: &OutboxMessage) -> Result<WriteOp, StoreError> {
    let mut item = store::to_item(&key(&message.id), message)?;
    GSI5.insert(
        &mut item,
        partition(keys::shard(&message.id, SHARDS)),
        format!("{}#{}", keys::instant(message.at.to_utc()), message.id),
    );
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

/// Sent: the message leaves the pending index.
pub async fn mark_sent(store: &dyn Store, id: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    let update = Update::new()
        .set("sent_at", domain::to_almaty(at).to_rfc3339())
        .remove(GSI5.pk)
        .remove(GSI5.sk);
    store
        .update(&key(id), update, Some(Condition::Exists))
        .await?;
    Ok(())
}

/// One page of a shard's pending messages, oldest first, and the token of the next page.
pub async fn pending(
    store: &dyn Store,
    shard: u32,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<OutboxMessage>, StoreError> {
    let page = store
        .query(
            Query::index(GSI5.name, partition(shard))
                .limit(limit)
                .page(token),
        )
        .await?;
    crate::typed(page)
}
