//! The college service's wire types: a college's specialty lines, the application as the
//! applicant sends it (and the college's part of the stored application), the campaign, the
//! ranked lists and the applicant's place in them.

use serde::{Deserialize, Serialize};

use super::rank::{Ranked, Seat, Split};
use super::{
    Campaign, EducationBasis, MAX_CHOICES, OfferKey, QuotaCategory, Score, StudyForm,
    required_documents, valid_code,
};
use crate::api::{Applicant, Child, DocumentRef, Text};
use crate::{AcademicYear, DomainError, ErrorCode, Iin, Lang, normalize_phone};

/// One specialty line a college offers, as staff write it and everybody reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Specialty {
    /// [`OfferKey::id`]; set by the service.
    #[serde(default)]
    pub id: String,
    /// The classifier code, e.g. `06130100`.
    pub code: String,
    /// The classifier name, e.g. «Программное обеспечение».
    pub name: Text,
    /// The qualification awarded, e.g. «4S06130103 Разработчик программного обеспечения».
    pub qualification: Text,
    pub language: Lang,
    pub form: StudyForm,
    pub basis: EducationBasis,
    pub state_places: u32,
    pub paid_places: u32,
}

/// The most places one line may carry: more is a typing error.
pub const MAX_PLACES: u32 = 10_000;
const MAX_TEXT: usize = 300;

impl Specialty {
    pub fn key(&self) -> OfferKey {
        OfferKey {
            code: self.code.clone(),
            language: self.language,
            form: self.form,
            basis: self.basis,
        }
    }

    /// The checks of a line as a form sends it; sets its `id`.
    pub fn validate(mut self) -> Result<Specialty, DomainError> {
        let err = |f: &str| DomainError::new(ErrorCode::ValidationFailed).field(f);
        self.code = self.code.trim().to_string();
        if !valid_code(&self.code) {
            return Err(err("code"));
        }
        for (field, text) in [
            ("name", &mut self.name),
            ("qualification", &mut self.qualification),
        ] {
            for (lang, v) in [("ru", &mut text.ru), ("kk", &mut text.kk)] {
                *v = v.trim().to_string();
                if v.is_empty() || v.chars().count() > MAX_TEXT {
                    return Err(err(&format!("{field}.{lang}")));
                }
            }
        }
        if self.language == Lang::En {
            return Err(err("language"));
        }
        if self.state_places > MAX_PLACES {
            return Err(err("state_places"));
        }
        if self.paid_places > MAX_PLACES {
            return Err(err("paid_places"));
        }
        self.id = self.key().id();
        Ok(self)
    }
}

/// One of the up to four specialties of an application, in priority order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub language: Lang,
    pub form: StudyForm,
}

impl Choice {
    /// The line this choice names on the application's basis.
    pub fn offer(&self, basis: EducationBasis) -> OfferKey {
        OfferKey {
            code: self.code.clone(),
            language: self.language,
            form: self.form,
            basis,
        }
    }
}

/// The college's part of a stored application (`Application.college`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollegeDetails {
    pub basis: EducationBasis,
    pub certificate_number: String,
    pub average_score: Score,
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub quota: Option<QuotaCategory>,
    pub dormitory: bool,
}

/// `POST /api/college/applications`: by the applicant (16 or older) or a legal representative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmitCollegeApplication {
    pub org_id: String,
    pub academic_year: AcademicYear,
    /// Who enters the college (the applicant themselves, or the representative's child).
    pub student: Child,
    /// The contact of who applies; the relation is the register's (or `student`), whatever is sent.
    pub applicant: Applicant,
    pub basis: EducationBasis,
    pub certificate_number: String,
    /// A number, checked here (3.0–5.0, two decimals) so a wrong one names its field.
    pub average_score: f64,
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub quota: Option<QuotaCategory>,
    /// Disability of group I or II, or from childhood (the 031/у conclusion is required).
    #[serde(default)]
    pub disability: bool,
    #[serde(default)]
    pub dormitory: bool,
    pub documents: Vec<DocumentRef>,
}

const MAX_CERTIFICATE: usize = 40;

impl SubmitCollegeApplication {
    /// Every check that needs nothing stored: the student, the phone, the certificate and its
    /// score, one to four distinct choices, the documents. Returns the student's IIN, the
    /// normalised phone and the college's part of the application.
    pub fn validate(&self) -> Result<(Iin, String, CollegeDetails), DomainError> {
        let err = |f: &str| DomainError::new(ErrorCode::ValidationFailed).field(f);
        // The child's checks, with the fields named as this form names them.
        let iin = self.student.validate().map_err(|mut e| {
            e.field = e.field.map(|f| f.replacen("child.", "student.", 1));
            e
        })?;
        let phone = normalize_phone(&self.applicant.phone).ok_or_else(|| err("applicant.phone"))?;
        if let Some(email) = &self.applicant.email
            && !email.is_empty()
            && !crate::api::plausible_email(email)
        {
            return Err(err("applicant.email"));
        }
        let certificate = self.certificate_number.trim();
        if certificate.is_empty() || certificate.chars().count() > MAX_CERTIFICATE {
            return Err(err("certificate_number"));
        }
        let score = Score::parse(self.average_score).ok_or_else(|| err("average_score"))?;
        if self.choices.is_empty() || self.choices.len() > MAX_CHOICES {
            return Err(err("choices"));
        }
        for (i, c) in self.choices.iter().enumerate() {
            if !valid_code(&c.code) || c.language == Lang::En || self.choices[..i].contains(c) {
                return Err(err(&format!("choices.{i}")));
            }
        }
        let given: Vec<_> = self.documents.iter().map(|d| d.kind).collect();
        if let Some(kind) = required_documents(self.disability, self.quota)
            .into_iter()
            .find(|k| !given.contains(k))
        {
            return Err(DomainError::new(ErrorCode::MissingDocument)
                .field(format!("documents.{}", kind.as_str())));
        }
        Ok((
            iin,
            phone,
            CollegeDetails {
                basis: self.basis,
                certificate_number: certificate.to_string(),
                average_score: score,
                choices: self.choices.clone(),
                quota: self.quota,
                dormitory: self.dormitory,
            },
        ))
    }
}

/// One college of `GET /api/public/colleges?locality_id=`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollegeListing {
    pub id: String,
    pub name: Text,
    pub address: String,
}

/// `GET /api/public/colleges/{org}`: a college's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollegePage {
    pub org_id: String,
    pub name: Text,
    #[serde(default)]
    pub address: Option<String>,
    pub specialties: Vec<Specialty>,
    /// The campaign of the year asked (the current one by default).
    pub campaign: Campaign,
    /// Whether applications are accepted now.
    pub open_now: bool,
}

/// One row of a ranked list as it is shown: the IIN masked; the name to the college's staff
/// only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankRow {
    pub position: u32,
    pub seat: Seat,
    pub number: u64,
    pub iin_masked: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    pub score: Score,
    #[serde(default)]
    pub quota: Option<QuotaCategory>,
    pub priority: u8,
}

impl RankRow {
    /// A ranked entry as shown: to the college's staff (`staff`) with the name and the
    /// application, to everyone else without; the IIN masked to all.
    pub fn of(ranked: &Ranked, staff: bool) -> RankRow {
        let e = &ranked.entry;
        RankRow {
            position: ranked.position,
            seat: ranked.seat,
            number: e.number,
            iin_masked: crate::mask_iin(&e.iin),
            name: staff.then(|| e.name.clone()),
            application_id: staff.then(|| e.application_id.clone()),
            score: e.score,
            quota: e.quota,
            priority: e.priority,
        }
    }
}

/// `GET /api/public/colleges/{org}/specialties/{id}/ranking[?year=]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedList {
    pub specialty: Specialty,
    pub academic_year: AcademicYear,
    pub split: Split,
    pub rows: Vec<RankRow>,
}

/// The applicant's place in one line they chose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyLine {
    pub priority: u8,
    pub specialty: Specialty,
    /// None until the acceptance is signed (only signed acceptances are ranked).
    pub position: Option<u32>,
    pub seat: Option<Seat>,
    /// How many are ranked in the line.
    pub ranked: u32,
    pub split: Split,
}

/// `GET /api/college/applications/{id}/rank`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyRank {
    pub application_id: String,
    pub lines: Vec<MyLine>,
}
