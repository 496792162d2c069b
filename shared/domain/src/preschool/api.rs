//! The HTTP wire types of the kindergarten service (`/api/preschool/...`, the kindergarten's
//! places and directions, the education department's lists).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    DirectionState, PrivilegeCategory, PrivilegeStatus, QueueDocumentKind, QueueState,
    RemovalReason,
};
use crate::api::{Child, DocumentRef, Text, plausible_email};
use crate::{DocumentKind, DomainError, ErrorCode, Iin, Lang, Relation, normalize_phone};

/// `POST /api/preschool/applications`: a legal representative registers a child in a
/// locality's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterInQueue {
    pub child: Child,
    pub locality_id: String,
    /// The preferred language of the group.
    pub language: Lang,
    pub privilege: PrivilegeCategory,
    /// The supporting document of a privilege (a file of `POST /api/files`, kind
    /// `privilege_proof`); required unless the category is `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privilege_document: Option<DocumentRef>,
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl RegisterInQueue {
    /// Every check of a registration that needs nothing stored, on the Almaty date `today`:
    /// the child (IIN agreeing with birth date and sex, names), the age (0–6 years), the
    /// locality given, the phone, the e-mail, and the privilege's document. Returns the child's
    /// IIN and the normalised phone.
    pub fn validate(&self, today: NaiveDate) -> Result<(Iin, String), DomainError> {
        let iin = self.child.validate()?;
        super::may_register(self.child.birth_date, today)
            .map_err(|code| DomainError::new(code).field("child.birth_date"))?;
        if self.locality_id.trim().is_empty() {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("locality_id"));
        }
        let phone = normalize_phone(&self.phone)
            .ok_or_else(|| DomainError::new(ErrorCode::ValidationFailed).field("phone"))?;
        if let Some(email) = &self.email
            && !email.is_empty()
            && !plausible_email(email)
        {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("email"));
        }
        privilege_document(self.privilege, self.privilege_document.as_ref())?;
        Ok((iin, phone))
    }
}

impl ChangePrivilege {
    /// A privilege other than `none` comes with its document.
    pub fn validate(&self) -> Result<(), DomainError> {
        privilege_document(self.privilege, self.privilege_document.as_ref())
    }
}

/// A claimed privilege needs its supporting document (`privilege_proof`); `none` needs none.
fn privilege_document(
    category: PrivilegeCategory,
    document: Option<&DocumentRef>,
) -> Result<(), DomainError> {
    match document {
        None if category != PrivilegeCategory::None => {
            Err(DomainError::new(ErrorCode::MissingDocument).field("privilege_document"))
        }
        Some(d) if d.kind != DocumentKind::PrivilegeProof => {
            Err(DomainError::new(ErrorCode::ValidationFailed).field("privilege_document.kind"))
        }
        _ => Ok(()),
    }
}

/// `POST /api/preschool/applications/{id}/privilege` («Изменить льготность»): the claim goes
/// back to the education department's confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangePrivilege {
    pub privilege: PrivilegeCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privilege_document: Option<DocumentRef>,
}

/// `POST /api/preschool/applications/{id}/privilege/decision` (education department).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivilegeDecision {
    pub confirm: bool,
    /// Required when refusing: what the applicant is told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl PrivilegeDecision {
    /// The trimmed comment; a refusal needs one (what the applicant is told).
    pub fn validate(&self) -> Result<Option<String>, DomainError> {
        let comment = self
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if comment.is_some_and(|c| c.chars().count() > crate::review::MAX_COMMENT) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("comment"));
        }
        if !self.confirm && comment.is_none() {
            return Err(DomainError::new(ErrorCode::CommentRequired).field("comment"));
        }
        Ok(comment.map(str::to_string))
    }
}

/// A privilege as the application holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Privilege {
    pub category: PrivilegeCategory,
    pub status: PrivilegeStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// «Информация о заявителе».
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueApplicant {
    pub iin: String,
    pub full_name: String,
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub relation: Relation,
}

/// «Номер очереди» and «Номер очереди по льготной категории»: computed when read, so they
/// move as children ahead leave the queue. The privileged number is 0 without a confirmed
/// privilege (as the seed shows for «Без льготы»).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePosition {
    pub number: u32,
    pub privileged: u32,
}

/// A direction to a private kindergarten.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Direction {
    /// 1 for the application's first direction, 2 for the second…
    pub n: u32,
    pub org_id: String,
    pub org_name: Text,
    pub org_address: String,
    pub language: Lang,
    pub age_group: i32,
    pub issued_at: DateTime<FixedOffset>,
    pub expires_at: DateTime<FixedOffset>,
    /// The calendar days of the one extension, once used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_days: Option<u32>,
    pub state: DirectionState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// The applicant's signature: certificate serial and the signer's name.
    pub signature_serial: String,
    pub signed_by: String,
}

/// A queue application as its applicant (and the education department) reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueApplication {
    pub id: String,
    /// `УО.2026.000024.1`.
    pub number: String,
    pub registered_at: DateTime<FixedOffset>,
    pub child: Child,
    pub applicant: QueueApplicant,
    pub region: String,
    pub locality_id: String,
    pub language: Lang,
    pub privilege: Privilege,
    pub state: QueueState,
    /// «Дата и время последнего изменения».
    pub changed_at: DateTime<FixedOffset>,
    /// «В очереди с …»: the instant the child's place in the queue counts from (a return after
    /// a revoked or expired direction starts a new one at the end of the queue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_since: Option<DateTime<FixedOffset>>,
    /// While in the queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<QueuePosition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_until: Option<DateTime<FixedOffset>>,
    /// Directions that expired unused (the second removes the child from the queue).
    pub expiries: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal: Option<RemovalReason>,
    /// The current or last direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Why «Выбрать частный детский сад» is not offered now (an error code of
    /// `domain::preschool::choice_blocked`), or none when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_blocked: Option<crate::ErrorCode>,
}

/// `GET /api/preschool/applications/{id}/places`: a kindergarten with free state-order places
/// for the child's age group, in the child's locality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreePlace {
    pub org_id: String,
    pub org_name: Text,
    pub address: String,
    pub language: Lang,
    pub age_group: i32,
    pub free: u32,
}

/// `POST /api/preschool/applications/{id}/direction` («Подписать и отправить»): the choice,
/// signed with the applicant's personal certificate over
/// `domain::preschool::choice_payload`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChooseKindergarten {
    pub org_id: String,
    pub language: Lang,
    /// The applicant confirmed the warning that the queue number is not kept.
    pub warning_accepted: bool,
    /// Base64 of the signature.
    pub signature: String,
    /// The certificate chain, leaf first (PEM or base64 DER).
    pub certificates: Vec<String>,
}

/// `POST /api/preschool/applications/{id}/direction/extend`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtendDirection {
    /// Calendar days, 1–30.
    pub days: u32,
}

/// State-order places of a private kindergarten for one age group and language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub org_id: String,
    pub age_group: i32,
    pub language: Lang,
    pub count: u32,
    /// Directions issued and not cancelled (waiting or enrolled): the count never goes below.
    pub taken: u32,
}

impl Place {
    pub fn free(&self) -> u32 {
        self.count.saturating_sub(self.taken)
    }
}

/// `PUT /api/orgs/{org}/places`: publish or change the places of an age group and language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PutPlace {
    pub age_group: i32,
    pub language: Lang,
    pub count: u32,
}

/// One line of a kindergarten's (or a region's) directions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectionLine {
    pub application_id: String,
    pub number: String,
    pub child_name: String,
    pub child_birth_date: NaiveDate,
    pub direction: Direction,
    /// Working days left until the expiry while issued (0 on the last day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<u32>,
}

/// One line of the education department's privileges to confirm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivilegeClaim {
    pub application_id: String,
    pub number: String,
    pub child_name: String,
    pub child_birth_date: NaiveDate,
    pub locality_id: String,
    pub privilege: Privilege,
    pub claimed_at: DateTime<FixedOffset>,
}

/// One entry of «Общие документы».
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueDocument {
    pub kind: QueueDocumentKind,
    pub title: Text,
    pub date: NaiveDate,
}

#[cfg(test)]
mod tests;
