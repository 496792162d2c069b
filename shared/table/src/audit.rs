//! Audit events: every state change writes one in the same transaction as the change.

use chrono::{DateTime, Utc};
use domain::api::HistoryEvent;
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp, to_item};

use crate::keys;

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The event of an application's history (shown to its applicant and its organisation's staff).
pub fn application_event(
    application_id: &str,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::application_event(application_id, at, &new_id());
    put(key, at, actor, role, action, comment)
}

/// The application event of a change that moved its school's review queue to `version`
/// (`application::queue::QueueState::next`).
pub fn application_queue_event(
    application_id: &str,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
    version: Option<u64>,
) -> Result<WriteOp, StoreError> {
    let mut write = application_event(application_id, at, actor, role, action, comment)?;
    if let (WriteOp::Put { item, .. }, Some(v)) = (&mut write, version) {
        item.insert("queue_version".into(), v.into());
    }
    Ok(write)
}

/// An event of an organisation's own records (profile, staff, limits).
pub fn org_event(
    org_id: &str,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::org_event(org_id, at, &new_id());
    put(key, at, actor, role, action, comment)
}

/// An event of a person's own records, by the person themself.
pub fn person_event(
    iin: &str,
    at: DateTime<Utc>,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::person_event(iin, at, &new_id());
    put(key, at, iin, "person", action, comment)
}

/// An application's history, oldest first.
pub async fn history(
    store: &dyn Store,
    application_id: &str,
) -> Result<Vec<HistoryEvent>, StoreError> {
    let query = Query::table(keys::application_partition(application_id))
        .sk(SortCondition::BeginsWith(keys::EVENT_PREFIX.into()));
    crate::all(store, query).await
}

fn put(
    key: Key,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let event = HistoryEvent {
        at: domain::to_almaty(at),
        actor: actor.to_string(),
        role: role.to_string(),
        action: action.to_string(),
        comment,
        queue_version: None,
    };
    Ok(WriteOp::Put {
        item: to_item(&key, &event)?,
        condition: Some(Condition::NotExists),
    })
}
