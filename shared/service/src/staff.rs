//! Staff invitations as stored, shared by `staff` (which writes them) and `me` (which lists the
//! caller's pending consents).
//!
//! One invitation is two items with the same fields, written and deleted in one transaction:
//!
//! | item | pk | sk | indexes |
//! |---|---|---|---|
//! | pending consent (the person's side) | `PERSON#{iin}` | `CONSENT#{consent_id}` | |
//! | pending invitation (the org's side) | `ORG#{org}` | `INVITE#{iin}` | gsi1: `ORG#{org}#STAFF` / `PENDING#{iin}` |
//!
//! The org-side item makes "one pending invitation per person and organisation" a key, and
//! its gsi1 entry puts invitations in the same staff index as the memberships (gsi1sk
//! `{iin}`), so the staff list is one query: digits sort before `P`, members come first.

use chrono::{DateTime, FixedOffset};
use domain::Role;
use domain::api::Org;
use domain::staff::PendingConsentView;
use serde::{Deserialize, Serialize};
use store::{Key, Query, SortCondition, from_item};

use crate::{ApiError, Ctx, keys};

pub const CONSENT_PREFIX: &str = "CONSENT#";
pub const INVITE_PREFIX: &str = "INVITE#";
/// The gsi1 sort-key prefix of pending invitations in the staff index.
pub const PENDING_PREFIX: &str = "PENDING#";

/// The person's pending consent.
pub fn consent(iin: &str, consent_id: &str) -> Key {
    Key::new(
        keys::person_partition(iin),
        format!("{CONSENT_PREFIX}{consent_id}"),
    )
}

/// The organisation's pending invitation of a person.
pub fn invitation(org: &str, iin: &str) -> Key {
    Key::new(format!("ORG#{org}"), format!("{INVITE_PREFIX}{iin}"))
}

/// The gsi1 sort key of a pending invitation in the staff index.
pub fn pending_index_sk(iin: &str) -> String {
    format!("{PENDING_PREFIX}{iin}")
}

/// An invitation as stored (both items).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationItem {
    /// The consent id.
    pub id: String,
    pub org_id: String,
    pub iin: String,
    pub roles: Vec<Role>,
    pub position: String,
    pub invited_by: String,
    pub at: DateTime<FixedOffset>,
}

/// The caller's pending consents with the position and the organisation's name.
pub async fn pending_consents(ctx: &Ctx, iin: &str) -> Result<Vec<PendingConsentView>, ApiError> {
    let query = Query::table(keys::person_partition(iin))
        .sk(SortCondition::BeginsWith(CONSENT_PREFIX.into()));
    let mut out = Vec::new();
    for item in store::query_all(ctx.store.as_ref(), query).await? {
        let inv: InvitationItem = from_item(item)?;
        // A person has few invitations; the name tells them who is asking.
        let org_name = match ctx.store.get(&keys::org(&inv.org_id)).await? {
            Some(org) => Some(from_item::<Org>(org)?.name),
            None => None,
        };
        out.push(PendingConsentView {
            id: inv.id,
            org_id: inv.org_id,
            roles: inv.roles,
            position: inv.position,
            org_name,
            invited_at: Some(inv.at),
        });
    }
    Ok(out)
}
