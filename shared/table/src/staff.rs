//! Staff: memberships and invitations.
//!
//! One invitation is two items with the same fields, written and deleted in one transaction:
//! the person's pending consent (`PERSON#{iin}` / `CONSENT#{id}`) and the organisation's
//! pending invitation (`ORG#{org}` / `INVITE#{iin}`). The org-side item makes "one pending
//! invitation per person and organisation" a key, and its entry in the staff index puts
//! invitations beside the memberships (sort key `PENDING#{iin}` after the members' `{iin}`:
//! digits sort before `P`), so the staff list is one query.

use chrono::{DateTime, FixedOffset};
use domain::Role;
use domain::staff::{Position, stored_position, stored_position_required};
use serde::{Deserialize, Serialize};
use store::{
    Condition, Item, Key, Query, SortCondition, Store, StoreError, Update, WriteOp, from_item,
};

use crate::keys::{self, GSI1};

const CONSENT_PREFIX: &str = "CONSENT#";
const INVITE_PREFIX: &str = "INVITE#";
const PENDING_PREFIX: &str = "PENDING#";

/// A membership of a person in an organisation, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub org_id: String,
    pub iin: String,
    pub roles: Vec<Role>,
    /// Free text before the reference list: read tolerantly.
    #[serde(default, deserialize_with = "stored_position")]
    pub position: Option<Position>,
    pub since: DateTime<FixedOffset>,
    /// The full name from their identity token (at consent, or at sign-in for a director the
    /// region admin appointed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An invitation as stored (both items).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    /// The consent id.
    pub id: String,
    pub org_id: String,
    pub iin: String,
    pub roles: Vec<Role>,
    #[serde(deserialize_with = "stored_position_required")]
    pub position: Position,
    pub invited_by: String,
    pub at: DateTime<FixedOffset>,
}

/// One line of an organisation's staff list.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Member(Member),
    Pending(Invitation),
}

fn consent_key(iin: &str, consent_id: &str) -> Key {
    Key::new(
        keys::person_partition(iin),
        format!("{CONSENT_PREFIX}{consent_id}"),
    )
}

fn invitation_key(org: &str, iin: &str) -> Key {
    Key::new(keys::org_partition(org), format!("{INVITE_PREFIX}{iin}"))
}

// ---------------------------------------------------------------- memberships

pub async fn member(
    store: &dyn Store,
    iin: &str,
    org_id: &str,
) -> Result<Option<Member>, StoreError> {
    crate::get(store, &keys::membership(iin, org_id)).await
}

/// Every membership of a person.
pub async fn memberships(store: &dyn Store, iin: &str) -> Result<Vec<Member>, StoreError> {
    let query = Query::table(keys::person_partition(iin))
        .sk(SortCondition::BeginsWith(keys::MEMBER_PREFIX.into()));
    crate::all(store, query).await
}

/// Adds a membership (in the organisation's staff list); fails its condition when the person
/// is a member already.
pub fn add_member(member: &Member) -> Result<WriteOp, StoreError> {
    let mut item = store::to_item(&keys::membership(&member.iin, &member.org_id), member)?;
    GSI1.insert(
        &mut item,
        keys::staff_index(&member.org_id),
        member.iin.clone(),
    );
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

/// Keeps the name a member's identity token gives, on every membership that has another (or
/// none): the token is the authority on a person's name. A membership removed meanwhile is
/// left alone. Returns how many were updated.
pub async fn record_name(store: &dyn Store, iin: &str, name: &str) -> Result<usize, StoreError> {
    let mut updated = 0;
    for m in memberships(store, iin).await? {
        if m.name.as_deref() == Some(name) {
            continue;
        }
        let key = keys::membership(iin, &m.org_id);
        match store
            .update(
                &key,
                Update::new().set("name", name),
                Some(Condition::Exists),
            )
            .await
        {
            Ok(_) => updated += 1,
            Err(StoreError::ConditionFailed { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(updated)
}

/// The organisation's director seat: one item, so that of two appointments only one holds.
/// Written with the director's membership when the region appoints them (with the
/// organisation or later); organisations created before it existed have none, and the staff
/// list is read for their director instead.
fn director_seat(org_id: &str) -> Key {
    Key::new(keys::org_partition(org_id), "DIRECTOR")
}

/// Takes the director seat for `iin`; fails its condition when it is taken.
pub fn take_director_seat(org_id: &str, iin: &str) -> Result<WriteOp, StoreError> {
    let item = store::to_item(
        &director_seat(org_id),
        &serde_json::json!({ "org_id": org_id, "iin": iin }),
    )?;
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

/// Removes a membership; fails its condition when there is none.
pub fn remove_member(iin: &str, org_id: &str) -> WriteOp {
    WriteOp::Delete {
        key: keys::membership(iin, org_id),
        condition: Some(Condition::Exists),
    }
}

/// Holds only while the person is not a member.
pub fn not_member(iin: &str, org_id: &str) -> WriteOp {
    WriteOp::Check {
        key: keys::membership(iin, org_id),
        condition: Condition::NotExists,
    }
}

/// Members (the director included) and pending invitations: one query of the staff index.
pub async fn list(store: &dyn Store, org_id: &str) -> Result<Vec<Entry>, StoreError> {
    let query = Query::index(GSI1.name, keys::staff_index(org_id));
    store::query_all(store, query)
        .await?
        .into_iter()
        .map(entry)
        .collect()
}

fn entry(item: Item) -> Result<Entry, StoreError> {
    let pending = GSI1
        .sort_key(&item)
        .is_some_and(|sk| sk.starts_with(PENDING_PREFIX));
    Ok(if pending {
        Entry::Pending(from_item(item)?)
    } else {
        Entry::Member(from_item(item)?)
    })
}

// ---------------------------------------------------------------- invitations

/// The organisation's pending invitation of a person.
pub async fn invitation(
    store: &dyn Store,
    org_id: &str,
    iin: &str,
) -> Result<Option<Invitation>, StoreError> {
    crate::get(store, &invitation_key(org_id, iin)).await
}

/// The person's pending consent (looked up in their own partition: nobody else sees it).
pub async fn consent(
    store: &dyn Store,
    iin: &str,
    consent_id: &str,
) -> Result<Option<Invitation>, StoreError> {
    crate::get(store, &consent_key(iin, consent_id)).await
}

/// The person's pending consents.
pub async fn consents(store: &dyn Store, iin: &str) -> Result<Vec<Invitation>, StoreError> {
    let query = Query::table(keys::person_partition(iin))
        .sk(SortCondition::BeginsWith(CONSENT_PREFIX.into()));
    crate::all(store, query).await
}

/// Writes both items of an invitation. The org side replaces only the invitation read
/// (`replacing` its consent id) or is created where there was none: write 0 fails when an
/// answer or a cancellation came in between.
pub fn invite(inv: &Invitation, replacing: Option<&str>) -> Result<Vec<WriteOp>, StoreError> {
    let mut org_side = store::to_item(&invitation_key(&inv.org_id, &inv.iin), inv)?;
    GSI1.insert(
        &mut org_side,
        keys::staff_index(&inv.org_id),
        format!("{PENDING_PREFIX}{}", inv.iin),
    );
    let condition = match replacing {
        Some(id) => Condition::eq("id", id),
        None => Condition::NotExists,
    };
    Ok(vec![
        WriteOp::Put {
            item: org_side,
            condition: Some(condition),
        },
        WriteOp::Put {
            item: store::to_item(&consent_key(&inv.iin, &inv.id), inv)?,
            condition: None,
        },
    ])
}

/// Deletes both items of the invitation the person answers, exactly as read. Write 0 (the
/// consent) fails when it is gone or was re-issued (a re-invitation rewrites `at`); write 1
/// (the org side) when it is gone or belongs to another consent.
pub fn answered(inv: &Invitation) -> Result<Vec<WriteOp>, StoreError> {
    let at = serde_json::to_value(inv.at).map_err(crate::invalid)?;
    Ok(vec![
        WriteOp::Delete {
            key: consent_key(&inv.iin, &inv.id),
            condition: Some(Condition::eq("at", at)),
        },
        WriteOp::Delete {
            key: invitation_key(&inv.org_id, &inv.iin),
            condition: Some(Condition::eq("id", inv.id.clone())),
        },
    ])
}

/// Deletes both items of an invitation the organisation cancels (whatever its latest position
/// and roles); a write fails its condition when it was answered or cancelled meanwhile.
pub fn cancelled(inv: &Invitation) -> Vec<WriteOp> {
    vec![
        WriteOp::Delete {
            key: invitation_key(&inv.org_id, &inv.iin),
            condition: Some(Condition::eq("id", inv.id.clone())),
        },
        WriteOp::Delete {
            key: consent_key(&inv.iin, &inv.id),
            condition: Some(Condition::Exists),
        },
    ]
}
