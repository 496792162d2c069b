//! Education department staff («Отдел образования»): the region admin appoints a person by IIN
//! as `edu_department` of their region or of one of its districts, and removes them; the
//! ministry level is appointed by the operator (no national admin exists). The appointment
//! needs no consent: it is the authority's own staff, named by the authority. These are the
//! request/response types and the checks that need nothing stored.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::staff::MAX_NAME_CHARS;
use crate::territory::{self, Scope};
use crate::{DomainError, ErrorCode, Iin};

/// `POST /api/admin/edu-staff`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppointEduStaff {
    pub iin: String,
    /// The person's full name, if the admin knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A district of the admin's region (`territory::districts`); absent: the whole region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
}

/// An appointment that passed [`AppointEduStaff::validate`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAppointment {
    pub iin: Iin,
    /// Spaces collapsed; `None` when blank.
    pub name: Option<String>,
    /// The region, or the named district of it.
    pub scope: Scope,
}

impl AppointEduStaff {
    /// A valid IIN of someone other than the admin (`admin_iin`: who appoints does not confirm
    /// privileges themselves), a name of at most [`MAX_NAME_CHARS`] characters and, if named, a
    /// district of the admin's `region`.
    pub fn validate(&self, admin_iin: &str, region: &str) -> Result<ValidAppointment, DomainError> {
        let iin = Iin::parse(&self.iin)
            .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("iin"))?;
        if iin.as_str() == admin_iin {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("iin"));
        }
        let name = self
            .name
            .as_deref()
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|n| !n.is_empty());
        if name
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NAME_CHARS)
        {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("name"));
        }
        let scope = match self
            .district
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => Scope::Region {
                region: region.to_string(),
            },
            Some(d) => match territory::district(d) {
                Some(district) if district.region == region => Scope::District {
                    region: region.to_string(),
                    district: district.id.clone(),
                },
                _ => return Err(DomainError::new(ErrorCode::ValidationFailed).field("district")),
            },
        };
        Ok(ValidAppointment { iin, name, scope })
    }
}

/// An appointment as stored and as the admin's list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EduStaff {
    pub iin: String,
    /// Stored and sent flat: `"level": "region", "region": "astana"` (the shape of the
    /// appointments made before districts and the ministry).
    #[serde(flatten)]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub since: DateTime<FixedOffset>,
    /// The IIN of the admin who appointed them.
    pub appointed_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: &str = "800101300016";
    const PERSON: &str = "850315400015";

    const REGION: &str = "karaganda";

    fn body(iin: &str, name: Option<&str>) -> AppointEduStaff {
        AppointEduStaff {
            iin: iin.into(),
            name: name.map(str::to_string),
            district: None,
        }
    }

    #[test]
    fn a_valid_appointment_keeps_a_tidy_name() {
        let v = body(PERSON, Some("  Серікова   Дана "))
            .validate(ADMIN, REGION)
            .unwrap();
        assert_eq!(v.iin.as_str(), PERSON);
        assert_eq!(v.name.as_deref(), Some("Серікова Дана"));
        assert_eq!(
            body(PERSON, Some("  "))
                .validate(ADMIN, REGION)
                .unwrap()
                .name,
            None
        );
        assert_eq!(
            body(PERSON, None).validate(ADMIN, REGION).unwrap().name,
            None
        );
        assert_eq!(
            body(PERSON, None).validate(ADMIN, REGION).unwrap().scope,
            Scope::Region {
                region: REGION.into()
            }
        );
    }

    #[test]
    fn a_district_must_be_of_the_admins_region() {
        let mut b = body(PERSON, None);
        b.district = Some("karaganda-city".into());
        assert_eq!(
            b.validate(ADMIN, REGION).unwrap().scope,
            Scope::District {
                region: REGION.into(),
                district: "karaganda-city".into()
            }
        );
        for (district, region) in [("karaganda-city", "astana"), ("atlantis", REGION)] {
            b.district = Some(district.into());
            let e = b.validate(ADMIN, region).unwrap_err();
            assert_eq!(
                (e.code, e.field.as_deref()),
                (ErrorCode::ValidationFailed, Some("district"))
            );
        }
        b.district = Some(" ".into());
        assert_eq!(
            b.validate(ADMIN, REGION).unwrap().scope.level(),
            territory::TerritoryLevel::Region
        );
    }

    #[test]
    fn bad_input_names_its_field() {
        let e = body("061211600013", None)
            .validate(ADMIN, REGION)
            .unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidIin, Some("iin"))
        );
        let e = body("12", None).validate(ADMIN, REGION).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("iin"));
        let e = body(ADMIN, None).validate(ADMIN, REGION).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::ValidationFailed, Some("iin"))
        );
        let long = "А".repeat(MAX_NAME_CHARS + 1);
        let e = body(PERSON, Some(&long))
            .validate(ADMIN, REGION)
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"));
    }

    #[test]
    fn the_stored_shape_reads_back() {
        let a = EduStaff {
            iin: PERSON.into(),
            scope: Scope::Region {
                region: "astana".into(),
            },
            name: None,
            since: DateTime::parse_from_rfc3339("2026-05-14T09:00:00+05:00").unwrap(),
            appointed_by: ADMIN.into(),
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["level"], "region");
        assert_eq!(v["region"], "astana");
        assert!(v.get("name").is_none());
        assert_eq!(serde_json::from_value::<EduStaff>(v).unwrap(), a);
        // An item stored before scopes reads back as a region appointment.
        let old = serde_json::json!({"iin": PERSON, "region": "astana", "level": "region",
            "since": "2026-05-14T09:00:00+05:00", "appointed_by": ADMIN});
        assert_eq!(serde_json::from_value::<EduStaff>(old).unwrap(), a);
        let m = EduStaff {
            scope: Scope::Ministry,
            ..a
        };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["level"], "ministry");
        assert_eq!(serde_json::from_value::<EduStaff>(v).unwrap(), m);
    }
}
