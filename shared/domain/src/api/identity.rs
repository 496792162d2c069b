//! Who is signed in: the caller's memberships and pending consents, and the dev sign-in.

use serde::{Deserialize, Serialize};

use crate::Role;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub roles: Vec<Role>,
    /// An education department appointment's territory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<crate::territory::Scope>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingConsent {
    pub id: String,
    pub org_id: String,
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub iin: String,
    pub name: String,
    pub memberships: Vec<Membership>,
    pub pending_consents: Vec<PendingConsent>,
    pub notifications_unread: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DevLogin {
    pub iin: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub token: String,
}
