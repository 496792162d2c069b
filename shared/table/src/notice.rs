//! In-app notices and the unread counter of a person, and the marker of an SMS sent.
//!
//! A notice's id starts with the event's UTC instant, so the person's partition reads newest
//! first; the unread counter changes in the same transaction as the notice put and the
//! mark-read, so it never drifts.

use chrono::{DateTime, FixedOffset};
use domain::notices::Notice;
use serde_json::json;
use store::{Condition, Key, Query, SortCondition, Store, StoreError, Update, WriteOp};

use crate::keys;

const NOTICE_PREFIX: &str = "NOTICE#";

/// A notice's id: the event's UTC instant (sortable, URL-safe), then the outbox message id.
/// Deterministic, so a redelivered message maps to the same item.
pub fn notice_id(at: DateTime<FixedOffset>, message_id: &str) -> String {
    format!("{}-{message_id}", at.to_utc().format("%Y%m%dT%H%M%S%6fZ"))
}

fn key(iin: &str, id: &str) -> Key {
    Key::new(keys::person_partition(iin), format!("{NOTICE_PREFIX}{id}"))
}

fn unread_key(iin: &str) -> Key {
    Key::new(keys::person_partition(iin), "UNREAD#NOTICES")
}

/// The writes that store a new notice for a person: the notice (only if it is not there yet:
/// write 0 fails on a redelivery) and the unread counter.
pub fn store_writes(iin: &str, notice: &Notice) -> Result<Vec<WriteOp>, StoreError> {
    Ok(vec![
        WriteOp::Put {
            item: store::to_item(&key(iin, &notice.id), notice)?,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Update {
            key: unread_key(iin),
            update: Update::new().add("n", 1),
            condition: None,
        },
    ])
}

/// The writes that mark a notice read: write 0 fails when it is missing or read already, and
/// then the counter is not touched either.
pub fn mark_read_writes(iin: &str, id: &str) -> Vec<WriteOp> {
    vec![
        WriteOp::Update {
            key: key(iin, id),
            update: Update::new().set("read", true),
            condition: Some(Condition::And(vec![
                Condition::Exists,
                Condition::eq("read", false),
            ])),
        },
        WriteOp::Update {
            key: unread_key(iin),
            update: Update::new().add("n", -1),
            condition: None,
        },
    ]
}

pub async fn get(store: &dyn Store, iin: &str, id: &str) -> Result<Option<Notice>, StoreError> {
    crate::get(store, &key(iin, id)).await
}

/// How many of the person's notices are unread.
pub async fn unread(store: &dyn Store, iin: &str) -> Result<u32, StoreError> {
    Ok(match store.get(&unread_key(iin)).await? {
        Some(item) => item
            .get("n")
            .and_then(|n| n.as_i64())
            .map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX))
            .unwrap_or(0),
        None => 0,
    })
}

/// The person's notices newest first: at most `limit` of them, older than the notice `before`
/// when given (excluded), and whether there are more.
pub async fn newest(
    store: &dyn Store,
    iin: &str,
    before: Option<&str>,
    limit: usize,
) -> Result<(Vec<Notice>, bool), StoreError> {
    let sk = match before {
        Some(id) => {
            SortCondition::Between(NOTICE_PREFIX.to_string(), format!("{NOTICE_PREFIX}{id}"))
        }
        None => SortCondition::BeginsWith(NOTICE_PREFIX.to_string()),
    };
    // One more than the page (plus the token's own item, which `Between` includes) tells
    // whether there is a next page.
    let page = store
        .query(
            Query::table(keys::person_partition(iin))
                .sk(sk)
                .backward()
                .limit(limit as u32 + 2),
        )
        .await?;
    let mut items = Vec::new();
    for item in page.items {
        let notice: Notice = store::from_item(item)?;
        if before != Some(notice.id.as_str()) {
            items.push(notice);
        }
    }
    let more = items.len() > limit || page.next_page_token.is_some();
    items.truncate(limit);
    Ok((items, more))
}

/// A channel a notice goes out by beside the in-app notice: each send is marked, so that a
/// message delivered again is not sent again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
}

/// `SMS#{message}` / `TO#{phone}`, `EMAIL#{message}` / `TO#{address}` (addresses in lower case).
fn marker(channel: Channel, message_id: &str, to: &str) -> Key {
    match channel {
        Channel::Sms => Key::new(format!("SMS#{message_id}"), format!("TO#{to}")),
        Channel::Email => Key::new(
            format!("EMAIL#{message_id}"),
            format!("TO#{}", to.to_lowercase()),
        ),
    }
}

/// Whether this message went out by `channel` to `to`.
pub async fn sent(
    store: &dyn Store,
    channel: Channel,
    message_id: &str,
    to: &str,
) -> Result<bool, StoreError> {
    Ok(store.get(&marker(channel, message_id, to)).await?.is_some())
}

/// Records that this message went out by `channel` to `to` (once).
pub async fn mark_sent(
    store: &dyn Store,
    channel: Channel,
    message_id: &str,
    to: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    crate::put_once(
        store,
        &marker(channel, message_id, to),
        &json!({ "sent_at": domain::to_almaty(at).to_rfc3339() }),
    )
    .await
}
