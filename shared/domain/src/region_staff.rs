//! Education department staff («Отдел образования»): the region admin appoints a person by IIN
//! as `edu_department` of their region, and removes them. The appointment needs no consent: it
//! is the authority's own staff, named by the authority. These are the request/response types
//! and the checks that need nothing stored.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::staff::MAX_NAME_CHARS;
use crate::wire::wire_enum;
use crate::{DomainError, ErrorCode, Iin};

wire_enum! {
    /// The territory an education department serves. Only regions today; the monitoring of
    /// districts and the ministry adds its levels here.
    TerritoryLevel {
        Region => "region",
    }
}

/// `POST /api/admin/edu-staff`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppointEduStaff {
    pub iin: String,
    /// The person's full name, if the admin knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An appointment that passed [`AppointEduStaff::validate`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAppointment {
    pub iin: Iin,
    /// Spaces collapsed; `None` when blank.
    pub name: Option<String>,
}

impl AppointEduStaff {
    /// A valid IIN of someone other than the admin (`admin_iin`: who appoints does not confirm
    /// privileges themselves) and a name of at most [`MAX_NAME_CHARS`] characters.
    pub fn validate(&self, admin_iin: &str) -> Result<ValidAppointment, DomainError> {
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
        Ok(ValidAppointment { iin, name })
    }
}

/// An appointment as stored and as the admin's list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EduStaff {
    pub iin: String,
    pub region: String,
    pub level: TerritoryLevel,
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

    fn body(iin: &str, name: Option<&str>) -> AppointEduStaff {
        AppointEduStaff {
            iin: iin.into(),
            name: name.map(str::to_string),
        }
    }

    #[test]
    fn a_valid_appointment_keeps_a_tidy_name() {
        let v = body(PERSON, Some("  Серікова   Дана "))
            .validate(ADMIN)
            .unwrap();
        assert_eq!(v.iin.as_str(), PERSON);
        assert_eq!(v.name.as_deref(), Some("Серікова Дана"));
        assert_eq!(body(PERSON, Some("  ")).validate(ADMIN).unwrap().name, None);
        assert_eq!(body(PERSON, None).validate(ADMIN).unwrap().name, None);
    }

    #[test]
    fn bad_input_names_its_field() {
        let e = body("061211600013", None).validate(ADMIN).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidIin, Some("iin"))
        );
        let e = body("12", None).validate(ADMIN).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("iin"));
        let e = body(ADMIN, None).validate(ADMIN).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::ValidationFailed, Some("iin"))
        );
        let long = "А".repeat(MAX_NAME_CHARS + 1);
        let e = body(PERSON, Some(&long)).validate(ADMIN).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"));
    }

    #[test]
    fn the_stored_shape_reads_back() {
        let a = EduStaff {
            iin: PERSON.into(),
            region: "astana".into(),
            level: TerritoryLevel::Region,
            name: None,
            since: DateTime::parse_from_rfc3339("2026-05-14T09:00:00+05:00").unwrap(),
            appointed_by: ADMIN.into(),
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["level"], "region");
        assert!(v.get("name").is_none());
        assert_eq!(serde_json::from_value::<EduStaff>(v).unwrap(), a);
    }
}
