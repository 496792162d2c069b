//! An application: what the parent submits (and its checks that need no stored state), and
//! the application as every response shows it, with its decision, signature and history.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    AcademicYear, AdmissionType, DocumentKind, DomainError, ErrorCode, Iin, Lang, Relation, Role,
    Service, Sex, Status, grade1_age_eligible, missing_documents, normalize_phone,
};

use super::Text;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Child {
    pub iin: String,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: Option<String>,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

/// "Фамилия Имя Отчество" (an empty part left out).
pub fn full_name(last: &str, first: &str, middle: Option<&str>) -> String {
    [Some(last), Some(first), middle]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Child {
    /// The checks of a child as a form gives it (1st grade and the preschool queue alike): the
    /// IIN is valid and agrees with the birth date and sex given, the names are there and not
    /// too long. Returns the parsed IIN.
    pub fn validate(&self) -> Result<Iin, DomainError> {
        let iin = Iin::parse(&self.iin)
            .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("child.iin"))?;
        if iin.birth_date() != self.birth_date {
            return Err(DomainError::new(ErrorCode::IinMismatch).field("child.birth_date"));
        }
        if iin.sex() != self.sex {
            return Err(DomainError::new(ErrorCode::IinMismatch).field("child.sex"));
        }
        for (field, v) in [
            ("child.last_name", Some(&self.last_name)),
            ("child.first_name", Some(&self.first_name)),
            ("child.middle_name", self.middle_name.as_ref()),
        ] {
            let Some(v) = v else { continue };
            let required = field != "child.middle_name";
            if (required && v.trim().is_empty()) || v.chars().count() > MAX_NAME {
                return Err(DomainError::new(ErrorCode::ValidationFailed).field(field));
            }
        }
        Ok(iin)
    }

    /// "Фамилия Имя Отчество" (an empty middle name left out).
    pub fn full_name(&self) -> String {
        full_name(
            &self.last_name,
            &self.first_name,
            self.middle_name.as_deref(),
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Applicant {
    pub phone: String,
    #[serde(default)]
    pub email: Option<String>,
    pub relation: Relation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub kind: DocumentKind,
    pub file_id: String,
    /// The SHA-256 of the file's bytes (hex) as they were at submission; set by the service,
    /// whatever a client sends. Staff opening the document are told when the bytes differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Its pages (a PDF's page objects; an image is one), counted by the service at submission
    /// for the intake register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmitApplication {
    pub service: Service,
    pub org_id: String,
    pub academic_year: AcademicYear,
    pub language: Lang,
    pub child: Child,
    pub applicant: Applicant,
    /// Where the child actually lives, as the parent writes it. (The registered address is
    /// the population register's, not the parent's word.)
    #[serde(default)]
    pub actual_address: Option<String>,
    #[serde(default)]
    pub transport_requested: bool,
    #[serde(default)]
    pub special_needs: bool,
    pub documents: Vec<DocumentRef>,
}

impl SubmitApplication {
    /// Every check of a 1st-grade application that needs nothing stored: the child's IIN and its
    /// agreement with the birth date and sex given, the age rule, names, the phone, and the
    /// required documents. Returns the child's IIN and the normalised phone.
    pub fn validate(&self) -> Result<(Iin, String), DomainError> {
        let iin = self.child.validate()?;
        if !grade1_age_eligible(iin.birth_date(), self.academic_year) {
            return Err(DomainError::new(ErrorCode::AgeNotEligible).field("child.birth_date"));
        }
        let phone = normalize_phone(&self.applicant.phone).ok_or_else(|| {
            DomainError::new(ErrorCode::ValidationFailed).field("applicant.phone")
        })?;
        if let Some(email) = &self.applicant.email
            && !email.is_empty()
            && !plausible_email(email)
        {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("applicant.email"));
        }
        let given: Vec<DocumentKind> = self.documents.iter().map(|d| d.kind).collect();
        if let Some(kind) = missing_documents(self.special_needs, &given).first() {
            return Err(DomainError::new(ErrorCode::MissingDocument)
                .field(format!("documents.{}", kind.as_str())));
        }
        Ok((iin, phone))
    }
}

/// The longest name part accepted; longer input is a typing error.
const MAX_NAME: usize = 100;

/// Whether an e-mail address looks deliverable (`user@host.tld`, no spaces): the check of
/// [`SubmitApplication::validate`], public so a form can check the field as typed.
/// The e-mail address an applicant gave, if any (a blank one is none).
pub fn given_email(email: &Option<String>) -> Option<String> {
    email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
}

pub fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// An application as its applicant and the organisation's staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub number: u64,
    pub service: Service,
    pub org_id: String,
    /// The organisation's region and locality at submission (the region's journal, the
    /// monitoring counters and the department's access read them).
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub locality_id: String,
    pub academic_year: AcademicYear,
    pub grade: u8,
    pub language: Lang,
    pub status: Status,
    pub admission_type: AdmissionType,
    pub submitted_at: DateTime<FixedOffset>,
    pub due_at: DateTime<FixedOffset>,
    pub overdue: bool,
    pub applicant_iin: String,
    pub applicant_name: String,
    pub child: Child,
    pub applicant: Applicant,
    /// The registered address as the population register gave it at submission.
    pub registered_address_id: Option<String>,
    /// The register's text of the registered address, as it was at submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_address: Option<Text>,
    pub actual_address: Option<String>,
    pub transport_requested: bool,
    pub special_needs: bool,
    pub documents: Vec<DocumentRef>,
    /// The responsible executor the journal assigned, if any.
    #[serde(default)]
    pub assignee_iin: Option<String>,
    /// Their full name as it was when assigned (kept with the assignment, so the journal shows
    /// it without reading the staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_name: Option<String>,
    /// The decision awaiting (or carrying) the director's signature.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// The director's signature of the final decision.
    #[serde(default)]
    pub signature: Option<SignatureRecord>,
    #[serde(default)]
    pub overdue_at: Option<DateTime<FixedOffset>>,
    /// A college application's own part (seed 000): basis, certificate, score, specialties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub college: Option<crate::college::api::CollegeDetails>,
    /// Which to join its review queue it was (1, 2, …; [`crate::queue_line`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_seq: Option<u64>,
    /// Its place in the review queue now («Ваша очередь: N»), while it is in it: given when
    /// read, never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_place: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Accept,
    Reject,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportDecision {
    Approved,
    Denied,
}

/// An executor's or director's decision on an application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub decision: DecisionKind,
    #[serde(default)]
    pub reason: Option<crate::RejectReason>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub transport: Option<TransportDecision>,
    pub decided_by: String,
    /// Their full name, as their identity token gave it (absent in decisions made before names
    /// were kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by_name: Option<String>,
    pub decided_role: Role,
    pub decided_at: DateTime<FixedOffset>,
}

/// The stored proof of the director's signature (`GET /api/applications/{id}/signature`): enough
/// to verify the decision offline, with `openssl` or `qabyldau-local verify`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignatureRecord {
    /// The exact text signed (`domain::signing::payload`).
    pub payload: String,
    /// Standard base64: DER for ECDSA (as `openssl dgst -verify` reads it), the PKCS#1 v1.5
    /// bytes for RSA.
    pub signature: String,
    /// `ECDSA-SHA256` or `RSA-SHA256`.
    #[serde(default)]
    pub algorithm: String,
    /// The signing certificate first, then its intermediates, PEM.
    #[serde(default)]
    pub certificates: Vec<String>,
    /// The signing certificate's serial number, upper-case hex.
    #[serde(default)]
    pub certificate_serial: String,
    pub signer_iin: String,
    /// The certificate's `CN`.
    #[serde(default)]
    pub signer_name: String,
    /// The organisation's BIN, as the certificate names it.
    #[serde(default)]
    pub bin: String,
    pub signed_at: DateTime<FixedOffset>,
}

/// `GET /api/verify/{id}`: whether an application's signed decision verifies, for whoever holds
/// its paper. Public, so it names no one: initials only, and no IIN.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub id: String,
    pub valid: bool,
    /// Why not, when not: the stable code of the check that failed (`signature_invalid`,
    /// `certificate_untrusted`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    pub number: u64,
    pub service: Service,
    pub status: Status,
    pub org_name: Text,
    pub child_initials: String,
    pub signer_initials: String,
    pub certificate_serial: String,
    pub signed_at: DateTime<FixedOffset>,
}

/// «М. М. Е.» for «Мурат Малика Ерланқызы»: the first letter of each part of a name.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|part| part.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One entry of an application's history (the audit trail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEvent {
    pub at: DateTime<FixedOffset>,
    /// The IIN of who acted (`system` for the service itself).
    pub actor: String,
    /// Their full name, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    pub role: String,
    pub action: String,
    pub comment: Option<String>,
    /// The school queue's version this event moved it to (decisions, returns, withdrawals
    /// from review): the order in which the queue changed, for staff and for audits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_version: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::first_valid_iin;

    fn submission(birth: NaiveDate, sex: Sex) -> SubmitApplication {
        SubmitApplication {
            service: Service::Grade1,
            org_id: "org".into(),
            academic_year: "2026-2027".parse().unwrap(),
            language: Lang::Ru,
            child: Child {
                iin: first_valid_iin(birth, sex).as_str().to_string(),
                last_name: "Абаев".into(),
                first_name: "Нурлан".into(),
                middle_name: None,
                birth_date: birth,
                sex,
            },
            applicant: Applicant {
                phone: "+7 701 123 45 67".into(),
                email: Some("a@example.kz".into()),
                relation: Relation::Mother,
            },
            actual_address: None,
            transport_requested: false,
            special_needs: false,
            documents: [
                DocumentKind::Photo,
                DocumentKind::VaccinationCard,
                DocumentKind::HealthPassport,
            ]
            .into_iter()
            .map(|kind| DocumentRef {
                kind,
                file_id: "f".into(),
                sha256: None,
                pages: None,
            })
            .collect(),
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn initials_keep_one_letter_of_each_part() {
        assert_eq!(initials("Мурат Малика Ерланқызы"), "М. М. Е.");
        assert_eq!(initials("  әлия   ұлан "), "Ә. Ұ.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn a_complete_submission_is_valid() {
        let (iin, phone) = submission(date(2019, 5, 10), Sex::Male).validate().unwrap();
        assert_eq!(iin.birth_date(), date(2019, 5, 10));
        assert_eq!(phone, "+77011234567");
    }

    #[test]
    fn birth_date_and_sex_must_agree_with_the_iin() {
        let mut s = submission(date(2019, 5, 10), Sex::Male);
        s.child.birth_date = date(2019, 5, 11);
        assert_eq!(s.validate().unwrap_err().code, ErrorCode::IinMismatch);
        let mut s = submission(date(2019, 5, 10), Sex::Male);
        s.child.sex = Sex::Female;
        assert_eq!(s.validate().unwrap_err().code, ErrorCode::IinMismatch);
    }

    #[test]
    fn an_invalid_iin_is_named() {
        let mut s = submission(date(2019, 5, 10), Sex::Male);
        s.child.iin = "061211600013".into();
        let e = s.validate().unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidIin);
        assert_eq!(e.field.as_deref(), Some("child.iin"));
    }

    #[test]
    fn too_old_a_child_is_not_eligible() {
        let s = submission(date(2015, 5, 10), Sex::Female);
        assert_eq!(s.validate().unwrap_err().code, ErrorCode::AgeNotEligible);
    }

    #[test]
    fn special_needs_require_the_pmpk_conclusion() {
        let mut s = submission(date(2019, 5, 10), Sex::Male);
        s.special_needs = true;
        let e = s.validate().unwrap_err();
        assert_eq!(e.code, ErrorCode::MissingDocument);
        assert_eq!(e.field.as_deref(), Some("documents.pmpk_conclusion"));
    }

    #[test]
    fn a_bad_phone_or_email_is_refused() {
        let mut s = submission(date(2019, 5, 10), Sex::Male);
        s.applicant.phone = "12".into();
        assert_eq!(
            s.validate().unwrap_err().field.as_deref(),
            Some("applicant.phone")
        );
        let mut s = submission(date(2019, 5, 10), Sex::Male);
        s.applicant.email = Some("not an email".into());
        assert_eq!(
            s.validate().unwrap_err().field.as_deref(),
            Some("applicant.email")
        );
    }

    #[test]
    fn full_names_skip_an_empty_middle_name() {
        let mut c = submission(date(2020, 1, 1), Sex::Male).child;
        c.last_name = " Абаев ".into();
        c.middle_name = Some(" ".into());
        assert_eq!(c.full_name(), "Абаев Нурлан");
        c.middle_name = Some("Серикович".into());
        assert_eq!(c.full_name(), "Абаев Нурлан Серикович");
    }

    #[test]
    fn a_blank_email_is_none() {
        assert_eq!(
            given_email(&Some(" a@example.kz ".into())).as_deref(),
            Some("a@example.kz")
        );
        assert_eq!(given_email(&Some("  ".into())), None);
        assert_eq!(given_email(&None), None);
    }

    #[test]
    fn plausible_emails() {
        assert!(plausible_email("a@example.kz"));
        assert!(plausible_email("ata.ana+1@mail.ru"));
        for s in [
            "",
            "a",
            "@example.kz",
            "a@example",
            "a b@example.kz",
            "a@exa mple.kz",
        ] {
            assert!(!plausible_email(s), "{s:?}");
        }
    }
}
