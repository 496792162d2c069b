//! Staff of an organisation («Персонал»): the director adds an employee by IIN with a position
//! from the reference list and the roles «Исполнитель» (executor) and/or «Сотрудник ОСО» (oso);
//! the employee must give consent before the membership becomes active, and their full name
//! (from the identity token) is kept from then on. These are the request/response types and
//! the checks that need nothing stored.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use crate::api::Text;
use crate::wire::wire_enum;
use crate::{DomainError, ErrorCode, Iin, MsgLang, Role};

/// The roles a director may give (the director role itself is appointed by the region admin).
pub const GRANTABLE_ROLES: [Role; 3] = [Role::Executor, Role::Oso, Role::Office];

/// The longest name kept of a person (a longer token name is cut).
pub const MAX_NAME_CHARS: usize = 200;

wire_enum! {
    /// A position from the reference list (seed 001: «Выберите должность из справочника»).
    Position {
        Director => "director",
        DeputyDirector => "deputy_director",
        Secretary => "secretary",
        Clerk => "clerk",
        Teacher => "teacher",
        Psychologist => "psychologist",
        SocialPedagogue => "social_pedagogue",
        Methodologist => "methodologist",
        SpeechTherapist => "speech_therapist",
        /// Not in the list; also what a free-text position stored before the list reads as.
        Other => "other",
    }
}

impl Position {
    /// The name in Russian and in Kazakh.
    pub const fn names(self) -> (&'static str, &'static str) {
        match self {
            Position::Director => ("Директор", "Директор"),
            Position::DeputyDirector => ("Заместитель директора", "Директордың орынбасары"),
            Position::Secretary => ("Секретарь", "Хатшы"),
            Position::Clerk => ("Делопроизводитель", "Іс жүргізуші"),
            Position::Teacher => ("Учитель", "Мұғалім"),
            Position::Psychologist => ("Психолог", "Психолог"),
            Position::SocialPedagogue => ("Социальный педагог", "Әлеуметтік педагог"),
            Position::Methodologist => ("Методист", "Әдіскер"),
            Position::SpeechTherapist => ("Логопед", "Логопед"),
            Position::Other => ("Другое", "Басқа"),
        }
    }

    pub fn title(self, lang: MsgLang) -> &'static str {
        let (ru, kk) = self.names();
        lang.pick(ru, kk)
    }

    /// Whether a director may give it: every position but the director's own, which comes with
    /// the appointment by the region admin.
    pub fn invitable(self) -> bool {
        self != Position::Director
    }

    /// A position as a client sends it: its code, or its name in Russian or Kazakh in any case
    /// (clients that sent the name as text keep working). `None` for anything else.
    pub fn parse_input(s: &str) -> Option<Position> {
        let s = s.trim();
        if let Ok(p) = s.parse::<Position>() {
            return Some(p);
        }
        if same_letters(s, "завуч") {
            return Some(Position::DeputyDirector);
        }
        Position::ALL.into_iter().find(|p| {
            let (ru, kk) = p.names();
            same_letters(s, ru) || same_letters(s, kk)
        })
    }

    /// A stored position, read tolerantly: positions were free text before the list, so what
    /// names no entry («Заместитель директора по УР» aside) reads as [`Position::Other`].
    pub fn read(s: &str) -> Position {
        Position::parse_input(s).unwrap_or_else(|| {
            let s = s.trim();
            let deputy = Position::DeputyDirector.names().0;
            match s.char_indices().nth(deputy.chars().count()) {
                Some((end, _)) if same_letters(&s[..end], deputy) => Position::DeputyDirector,
                _ => Position::Other,
            }
        })
    }
}

/// Equal but for the case of Russian and Kazakh letters. By hand: the standard library's
/// case tables would weigh on the site's wasm, and the names of the list need only these.
fn same_letters(a: &str, b: &str) -> bool {
    a.chars().map(fold).eq(b.chars().map(fold))
}

/// The lower case of a Russian or Kazakh (or ASCII) capital; any other character as it is.
fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ё' | 'І' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        // Ғ Қ Ң Ү Ұ Һ Ә Ө: each capital right before its small letter.
        'Ғ' | 'Қ' | 'Ң' | 'Ү' | 'Ұ' | 'Һ' | 'Ә' | 'Ө' => {
            char::from_u32(c as u32 + 1).unwrap_or(c)
        }
        _ => c,
    }
}

/// Serde `deserialize_with` for a stored optional position ([`Position::read`]; missing, null
/// or empty is `None`).
pub fn stored_position<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Position>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    Ok(s.filter(|s| !s.trim().is_empty())
        .map(|s| Position::read(&s)))
}

/// Serde `deserialize_with` for a stored position that is always there.
pub fn stored_position_required<'de, D: Deserializer<'de>>(d: D) -> Result<Position, D::Error> {
    Ok(stored_position(d)?.unwrap_or(Position::Other))
}

/// A person's name as kept from their identity token: trimmed, inner runs of spaces made one,
/// at most [`MAX_NAME_CHARS`]; `None` when the token named nobody.
pub fn person_name(token_name: &str) -> Option<String> {
    let name: String = token_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// `POST /api/orgs/{org}/staff`. The position stays text here so that an unknown one is 422
/// naming the field, not an unreadable body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddStaff {
    pub iin: String,
    /// A [`Position`] code (or its name, see [`Position::parse_input`]).
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// An invitation that passed [`AddStaff::validate`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidStaff {
    pub iin: Iin,
    pub position: Position,
    /// Non-empty, only grantable roles, each once, in the order of [`GRANTABLE_ROLES`].
    pub roles: Vec<Role>,
}

impl AddStaff {
    /// A valid IIN of someone other than the director (`director_iin`), a position of the list
    /// other than the director's, and a non-empty set of executor/oso roles.
    pub fn validate(&self, director_iin: &str) -> Result<ValidStaff, DomainError> {
        let iin = Iin::parse(&self.iin)
            .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("iin"))?;
        if iin.as_str() == director_iin {
            // The director already holds every school role.
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("iin"));
        }
        let position = Position::parse_input(&self.position)
            .filter(|p| p.invitable())
            .ok_or_else(|| DomainError::new(ErrorCode::ValidationFailed).field("position"))?;
        if self.roles.is_empty() || self.roles.iter().any(|r| !GRANTABLE_ROLES.contains(r)) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("roles"));
        }
        let roles = GRANTABLE_ROLES
            .into_iter()
            .filter(|r| self.roles.contains(r))
            .collect();
        Ok(ValidStaff {
            iin,
            position,
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
    /// The full name, known once the person signed in or consented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// None for a director appointed before positions were kept.
    #[serde(default)]
    pub position: Option<Position>,
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
    pub position: Position,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_at: Option<DateTime<FixedOffset>>,
}

#[cfg(test)]
mod tests;
