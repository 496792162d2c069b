//! Organisations, the campaign, and class limits with their seats.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Text;
use crate::{AcademicYear, DomainError, ErrorCode, Iin, Lang, OrgKind};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateOrg {
    pub kind: OrgKind,
    pub name: Text,
    pub bin: String,
    pub region: String,
    pub locality_id: String,
    pub address: String,
    pub languages: Vec<Lang>,
    #[serde(default)]
    pub provides_transport: bool,
    #[serde(default)]
    pub private: bool,
    /// The director the region appoints with the organisation; without one the organisation
    /// has no cabinet until the region appoints one (`PUT /api/admin/orgs/{org}/director`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub director_iin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl CreateOrg {
    /// The checks that need nothing stored; returns the director's parsed IIN, if one is named.
    pub fn validate(&self) -> Result<Option<Iin>, DomainError> {
        if self.name.ru.trim().is_empty() || self.name.kk.trim().is_empty() {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("name"));
        }
        if self.bin.len() != 12 || !self.bin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("bin"));
        }
        for (field, v) in [
            ("region", &self.region),
            ("locality_id", &self.locality_id),
            ("address", &self.address),
        ] {
            if v.trim().is_empty() {
                return Err(DomainError::new(ErrorCode::ValidationFailed).field(field));
            }
        }
        if self.languages.is_empty() {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("languages"));
        }
        self.director_iin
            .as_deref()
            .map(|iin| {
                Iin::parse(iin)
                    .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("director_iin"))
            })
            .transpose()
    }
}

/// `PUT /api/admin/orgs/{org}/director`: the region admin appoints the director of an
/// organisation that has none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppointDirector {
    pub iin: String,
}

impl AppointDirector {
    pub fn validate(&self) -> Result<Iin, DomainError> {
        Iin::parse(self.iin.trim())
            .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("iin"))
    }
}

/// An organisation as stored and as its public profile shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Org {
    pub id: String,
    pub kind: OrgKind,
    pub name: Text,
    pub bin: String,
    pub region: String,
    pub locality_id: String,
    pub address: String,
    pub languages: Vec<Lang>,
    pub provides_transport: bool,
    pub private: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub created_at: DateTime<FixedOffset>,
}

/// `GET /api/campaign`: the service's business time and the academic year enrolment is for,
/// so that clients never decide those by their own clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub now: DateTime<FixedOffset>,
    pub academic_year: AcademicYear,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateLimit {
    pub academic_year: AcademicYear,
    pub grade: u8,
    pub language: Lang,
    pub seats: u32,
    pub classes: u32,
}

impl CreateLimit {
    pub fn validate(&self) -> Result<(), DomainError> {
        if !(1..=11).contains(&self.grade) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("grade"));
        }
        validate_seats(self.seats, self.classes)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateLimit {
    pub seats: u32,
    pub classes: u32,
}

/// The most seats one limit may hold; a guard against typing errors, not a rule of the service.
pub const MAX_SEATS: u32 = 2_000;

/// Seats and classes are both positive and plausible.
pub fn validate_seats(seats: u32, classes: u32) -> Result<(), DomainError> {
    if seats == 0 || seats > MAX_SEATS {
        return Err(DomainError::new(ErrorCode::ValidationFailed).field("seats"));
    }
    if classes == 0 || classes > seats {
        return Err(DomainError::new(ErrorCode::ValidationFailed).field("classes"));
    }
    Ok(())
}

/// A class limit as every response shows it, quotas and free seats included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    pub id: String,
    pub org_id: String,
    pub academic_year: AcademicYear,
    pub grade: u8,
    pub language: Lang,
    pub seats: u32,
    pub classes: u32,
    pub quota_outside: u32,
    pub quota_microdistrict: u32,
    pub taken_microdistrict: u32,
    pub taken_outside: u32,
    pub free_total: u32,
    pub free_outside: u32,
}

impl Limit {
    /// The figures the seat rules read.
    pub const fn counts(&self) -> crate::LimitCounts {
        crate::LimitCounts {
            seats: self.seats,
            quota_outside: self.quota_outside,
            taken_microdistrict: self.taken_microdistrict,
            taken_outside: self.taken_outside,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_and_classes_must_be_plausible() {
        assert!(validate_seats(40, 2).is_ok());
        assert!(validate_seats(0, 1).is_err());
        assert!(validate_seats(10, 0).is_err());
        assert!(validate_seats(3, 4).is_err());
        assert!(validate_seats(MAX_SEATS + 1, 10).is_err());
    }
}
