//! A person's profile (seed 002, 5.7 «Профиль»): the name, e-mail, phone and position they
//! show the service, editable by themselves (`GET/PUT /api/me/profile`). The language and the
//! night mode are the site's own settings.

use serde::{Deserialize, Serialize};

use crate::api::{Text, plausible_email};
use crate::{DomainError, ErrorCode, normalize_phone};

/// The longest name part or position accepted; longer input is a typing error.
pub const MAX_TEXT: usize = 100;
/// The longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub last_name: String,
    pub first_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `+7XXXXXXXXXX` once validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The position in both languages («Главный специалист» / «Бас маман»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Text>,
}

impl Profile {
    /// Before the person saved one: the name their identity token gives, «Фамилия Имя
    /// Отчество» split on spaces.
    pub fn from_token_name(name: &str) -> Profile {
        let mut parts = name.split_whitespace();
        let last_name = parts.next().unwrap_or_default().to_string();
        let first_name = parts.next().unwrap_or_default().to_string();
        let rest: Vec<&str> = parts.collect();
        Profile {
            last_name,
            first_name,
            middle_name: (!rest.is_empty()).then(|| rest.join(" ")),
            ..Profile::default()
        }
    }

    /// The profile as stored: parts trimmed, empty optional ones dropped, the phone in its
    /// normal form; 422 naming the field (`last_name`, `first_name`, `middle_name`, `email`,
    /// `phone`, `position.ru`, `position.kk`).
    pub fn validate(self) -> Result<Profile, DomainError> {
        let err = |f: &str| DomainError::new(ErrorCode::ValidationFailed).field(f);
        let text = |v: String, field: &str| -> Result<String, DomainError> {
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            if v.chars().count() > MAX_TEXT {
                return Err(err(field));
            }
            Ok(v)
        };
        let optional =
            |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let last_name = text(self.last_name, "last_name")?;
        let first_name = text(self.first_name, "first_name")?;
        for (v, field) in [(&last_name, "last_name"), (&first_name, "first_name")] {
            if v.is_empty() {
                return Err(err(field));
            }
        }
        let middle_name = optional(self.middle_name)
            .map(|m| text(m, "middle_name"))
            .transpose()?;
        let email = optional(self.email);
        if let Some(e) = &email
            && (!plausible_email(e) || e.len() > MAX_EMAIL)
        {
            return Err(err("email"));
        }
        let phone = optional(self.phone)
            .map(|p| normalize_phone(&p).ok_or_else(|| err("phone")))
            .transpose()?;
        let position = match self.position {
            None => None,
            Some(p) => {
                let ru = text(p.ru, "position.ru")?;
                let kk = text(p.kk, "position.kk")?;
                match (ru.is_empty(), kk.is_empty()) {
                    (true, true) => None,
                    (true, false) => return Err(err("position.ru")),
                    (false, true) => return Err(err("position.kk")),
                    (false, false) => Some(Text { ru, kk }),
                }
            }
        };
        Ok(Profile {
            last_name,
            first_name,
            middle_name,
            email,
            phone,
            position,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            last_name: " Серікова ".into(),
            first_name: "Дана".into(),
            middle_name: Some("  ".into()),
            email: Some(" dana@example.kz ".into()),
            phone: Some("8 701 234 56 78".into()),
            position: Some(Text {
                ru: "Главный  специалист".into(),
                kk: "Бас маман".into(),
            }),
        }
    }

    #[test]
    fn a_profile_is_stored_in_its_normal_form() {
        let p = profile().validate().unwrap();
        assert_eq!(p.last_name, "Серікова");
        assert_eq!(p.middle_name, None);
        assert_eq!(p.email.as_deref(), Some("dana@example.kz"));
        assert_eq!(p.phone.as_deref(), Some("+77012345678"));
        assert_eq!(p.position.unwrap().ru, "Главный специалист");
    }

    #[test]
    fn bad_fields_are_named() {
        type Edit = fn(&mut Profile);
        let cases: Vec<(Edit, &str)> = vec![
            (|p| p.last_name = " ".into(), "last_name"),
            (|p| p.first_name = "Д".repeat(101), "first_name"),
            (|p| p.middle_name = Some("М".repeat(101)), "middle_name"),
            (|p| p.email = Some("dana@".into()), "email"),
            (|p| p.phone = Some("12345".into()), "phone"),
            (
                |p| p.position.as_mut().unwrap().kk = " ".into(),
                "position.kk",
            ),
            (
                |p| p.position.as_mut().unwrap().ru = String::new(),
                "position.ru",
            ),
        ];
        for (edit, field) in cases {
            let mut p = profile();
            edit(&mut p);
            assert_eq!(p.validate().unwrap_err().field.as_deref(), Some(field));
        }
        let mut p = profile();
        p.position = Some(Text::default());
        assert_eq!(p.validate().unwrap().position, None, "no position at all");
    }

    #[test]
    fn the_token_name_is_split_into_parts() {
        let p = Profile::from_token_name(" Серікова  Дана Ержанқызы ");
        assert_eq!(
            (
                p.last_name.as_str(),
                p.first_name.as_str(),
                p.middle_name.as_deref()
            ),
            ("Серікова", "Дана", Some("Ержанқызы"))
        );
        assert_eq!(Profile::from_token_name("Дана").middle_name, None);
    }
}
