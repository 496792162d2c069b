//! Audit events: every state change writes one in the same transaction as the change.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::api::HistoryEvent;
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp, to_item};

use crate::keys;

/// Who acted: an IIN (or `system`) and, where the caller's token gave one, their full name.
/// A bare `&str` / `&String` converts, for events that name nobody.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Actor<'a> {
    pub iin: &'a str,
    pub name: Option<&'a str>,
}

impl<'a> Actor<'a> {
    pub fn named(iin: &'a str, name: &'a str) -> Actor<'a> {
        let name = Some(name.trim()).filter(|n| !n.is_empty());
        Actor { iin, name }
    }
}

impl<'a> From<&'a str> for Actor<'a> {
    fn from(iin: &'a str) -> Actor<'a> {
        Actor { iin, name: None }
    }
}

impl<'a> From<&'a String> for Actor<'a> {
    fn from(iin: &'a String) -> Actor<'a> {
        Actor::from(iin.as_str())
    }
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The event of an application's history (shown to its applicant and its organisation's staff).
pub fn application_event<'a>(
    application_id: &str,
    at: DateTime<Utc>,
    actor: impl Into<Actor<'a>>,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::application_event(application_id, at, &new_id());
    put(key, at, actor.into(), role, action, comment)
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
pub fn org_event<'a>(
    org_id: &str,
    at: DateTime<Utc>,
    actor: impl Into<Actor<'a>>,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::org_event(org_id, at, &new_id());
    put(key, at, actor.into(), role, action, comment)
}

/// An event of a region's own records (its education department staff), by its admin.
pub fn region_event<'a>(
    region: &str,
    at: DateTime<Utc>,
    actor: impl Into<Actor<'a>>,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::region_event(region, at, &new_id());
    put(key, at, actor.into(), role, action, comment)
}

/// A region's events, oldest first.
pub async fn region_events(
    store: &dyn Store,
    region: &str,
) -> Result<Vec<HistoryEvent>, StoreError> {
    let query = Query::table(keys::region_index(region))
        .sk(SortCondition::BeginsWith(keys::EVENT_PREFIX.into()));
    crate::all(store, query).await
}

/// An event of a person's own records, by the person themself.
pub fn person_event(
    iin: &str,
    at: DateTime<Utc>,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let key = keys::person_event(iin, at, &new_id());
    put(key, at, Actor::from(iin), "person", action, comment)
}

/// An application's history, oldest first, each event with the name of who acted. An event
/// written without one (before names were kept, or by a use case that had none) gets it here:
/// the applicant's from the application, a member's from the staff of its organisation (one
/// read per person, a history names few).
pub async fn history(
    store: &dyn Store,
    application_id: &str,
) -> Result<Vec<HistoryEvent>, StoreError> {
    let query = Query::table(keys::application_partition(application_id))
        .sk(SortCondition::BeginsWith(keys::EVENT_PREFIX.into()));
    let mut events: Vec<HistoryEvent> = crate::all(store, query).await?;
    if events
        .iter()
        .all(|e| e.actor_name.is_some() || e.actor == SYSTEM)
    {
        return Ok(events);
    }
    let Some(app) = crate::application::get(store, application_id).await? else {
        return Ok(events);
    };
    let mut names: BTreeMap<String, Option<String>> = BTreeMap::new();
    names.insert(app.applicant_iin.clone(), Some(app.applicant_name.clone()));
    for e in events.iter_mut() {
        if e.actor_name.is_some() || e.actor == SYSTEM {
            continue;
        }
        if !names.contains_key(&e.actor) {
            let member = crate::staff::member(store, &e.actor, &app.org_id).await?;
            names.insert(e.actor.clone(), member.and_then(|m| m.name));
        }
        e.actor_name = names.get(&e.actor).cloned().flatten();
    }
    Ok(events)
}

/// The actor of what the service does by itself (the deadline sweep).
const SYSTEM: &str = "system";

fn put(
    key: Key,
    at: DateTime<Utc>,
    actor: Actor<'_>,
    role: &str,
    action: &str,
    comment: Option<String>,
) -> Result<WriteOp, StoreError> {
    let event = HistoryEvent {
        at: domain::to_almaty(at),
        actor: actor.iin.to_string(),
        actor_name: actor.name.map(str::to_string),
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
