//! Audit events: every state change writes one in the same transaction as the change.

use chrono::{DateTime, Utc};
use domain::api::HistoryEvent;
use store::{Condition, WriteOp, to_item};

use crate::{ApiError, keys};

/// The event of an application's history (shown to its applicant and its organisation's staff).
pub fn application_event(
    application_id: &str,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, ApiError> {
    let key = keys::application_event(application_id, at, &uuid::Uuid::new_v4().to_string());
    event(key, at, actor, role, action, comment)
}

/// An event of an organisation's own records (profile, staff, limits).
pub fn org_event(
    org_id: &str,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, ApiError> {
    let key = keys::org_event(org_id, at, &uuid::Uuid::new_v4().to_string());
    event(key, at, actor, role, action, comment)
}

fn event(
    key: store::Key,
    at: DateTime<Utc>,
    actor: &str,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, ApiError> {
    let event = HistoryEvent {
        at: domain::to_almaty(at),
        actor: actor.to_string(),
        role: role.to_string(),
        action: action.to_string(),
        comment,
    };
    Ok(WriteOp::Put {
        item: to_item(&key, &event)?,
        condition: Some(Condition::NotExists),
    })
}
