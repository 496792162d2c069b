//! Staff of an organisation («Персонал»): the director adds an employee by IIN with a position
//! and the roles «Исполнитель» (executor) and/or «Сотрудник ОСО» (oso); the employee must give
//! consent before the membership becomes active. These are the request/response types and the
//! checks that need nothing stored.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::api::Text;
use crate::wire::wire_enum;
use crate::{DomainError, ErrorCode, Iin, Role};

/// The roles a director may give (the director role itself is appointed by the region admin).
pub const GRANTABLE_ROLES: [Role; 2] = [Role::Executor, Role::Oso];

/// The longest position text we keep.
pub const MAX_POSITION_CHARS: usize = 200;

/// `POST /api/orgs/{org}/staff`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddStaff {
    pub iin: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// An invitation that passed [`AddStaff::validate`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidStaff {
    pub iin: Iin,
    pub position: String,
    /// Non-empty, only grantable roles, each once, in the order of [`GRANTABLE_ROLES`].
    pub roles: Vec<Role>,
}

impl AddStaff {
    /// A valid IIN of someone other than the director (`director_iin`), a position, and a
    /// non-empty set of executor/oso roles.
    pub fn validate(&self, director_iin: &str) -> Result<ValidStaff, DomainError> {
        let iin = Iin::parse(&self.iin)
            .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("iin"))?;
        if iin.as_str() == director_iin {
            // The director already holds every school role.
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("iin"));
        }
        let position = self.position.trim();
        if position.is_empty() || position.chars().count() > MAX_POSITION_CHARS {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("position"));
        }
        if self.roles.is_empty() || self.roles.iter().any(|r| !GRANTABLE_ROLES.contains(r)) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("roles"));
        }
        let roles = GRANTABLE_ROLES
            .into_iter()
            .filter(|r| self.roles.contains(r))
            .collect();
        Ok(ValidStaff {
            iin,
            position: position.to_string(),
            roles,
        })
    }
}

/// `POST /api/me/consents/{consent_id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerConsent {
    pub accept: bool,
}

wire_enum! {
    /// Where a person stands in an organisation's staff.
    StaffStatus {
        /// A member: their roles apply.
        Active => "active",
        /// Invited; no roles until they consent.
        AwaitingConsent => "awaiting_consent",
        /// They declined the invitation (only in the answer to that request).
        Declined => "declined",
        /// The director removed them or cancelled the invitation (only in that answer).
        Removed => "removed",
    }
}

/// A person of an organisation's staff list, an invitation, or the answer to one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMember {
    pub org_id: String,
    pub iin: String,
    #[serde(default)]
    pub position: String,
    pub roles: Vec<Role>,
    pub status: StaffStatus,
    /// The pending invitation (while `awaiting_consent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<String>,
    /// When the membership became active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateTime<FixedOffset>>,
    /// When the invitation was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_at: Option<DateTime<FixedOffset>>,
}

/// An invitation as `GET /api/me` lists it: the contract's `{id, org_id, roles}` plus the
/// position and the organisation's name, so the person knows what they consent to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingConsentView {
    pub id: String,
    pub org_id: String,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub position: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_at: Option<DateTime<FixedOffset>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIRECTOR: &str = "850101300015";
    const PERSON: &str = "900215400013";

    fn add(iin: &str, position: &str, roles: &[Role]) -> AddStaff {
        AddStaff {
            iin: iin.into(),
            position: position.into(),
            roles: roles.to_vec(),
        }
    }

    fn code(r: Result<ValidStaff, DomainError>) -> (ErrorCode, Option<String>) {
        let e = r.unwrap_err();
        (e.code, e.field)
    }

    #[test]
    fn fixtures_are_valid_iins() {
        assert!(Iin::parse(DIRECTOR).is_ok());
        assert!(Iin::parse(PERSON).is_ok());
    }

    #[test]
    fn a_valid_invitation_normalises_roles() {
        let v = add(
            PERSON,
            "  Учитель  ",
            &[Role::Oso, Role::Executor, Role::Oso],
        )
        .validate(DIRECTOR)
        .unwrap();
        assert_eq!(v.iin.as_str(), PERSON);
        assert_eq!(v.position, "Учитель");
        assert_eq!(v.roles, vec![Role::Executor, Role::Oso]);
    }

    #[test]
    fn invalid_invitations_name_the_field() {
        assert_eq!(
            code(add("061211600013", "x", &[Role::Oso]).validate(DIRECTOR)),
            (ErrorCode::InvalidIin, Some("iin".into()))
        );
        assert_eq!(
            code(add(DIRECTOR, "x", &[Role::Oso]).validate(DIRECTOR)),
            (ErrorCode::ValidationFailed, Some("iin".into()))
        );
        assert_eq!(
            code(add(PERSON, " ", &[Role::Oso]).validate(DIRECTOR)),
            (ErrorCode::ValidationFailed, Some("position".into()))
        );
        assert_eq!(
            code(add(PERSON, &"x".repeat(201), &[Role::Oso]).validate(DIRECTOR)),
            (ErrorCode::ValidationFailed, Some("position".into()))
        );
        for roles in [&[][..], &[Role::Director], &[Role::Executor, Role::Admin]] {
            assert_eq!(
                code(add(PERSON, "x", roles).validate(DIRECTOR)),
                (ErrorCode::ValidationFailed, Some("roles".into()))
            );
        }
    }

    #[test]
    fn statuses_travel_as_codes() {
        for s in StaffStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::String(s.as_str().into())
            );
        }
        assert_eq!(StaffStatus::AwaitingConsent.as_str(), "awaiting_consent");
    }
}
