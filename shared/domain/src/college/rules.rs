//! The college's rules that need no stored state: the campaign (admission period and quota
//! shares per year), the documents an application must carry, and who may apply.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::QuotaCategory;
use crate::{AcademicYear, DocumentKind, ErrorCode};

/// One row of the quota table: a category's share of the state-order places, in basis points
/// (1% = 100), with where the figure comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaShare {
    pub category: QuotaCategory,
    pub basis_points: u16,
}

/// The source line of a row of [`QUOTA_TABLE`], and whether the figure was checked against
/// the order's text.
pub struct QuotaSource {
    pub category: QuotaCategory,
    pub basis_points: u16,
    pub source: &'static str,
    pub confirmed: bool,
}

/// Order of the Minister of Education No. 261 of 15 August 2023 «Об утверждении размеров квоты
/// приема…» (https://adilet.zan.kz/rus/docs/V2300033298), as the issue lists the shares. The
/// order's text could not be read from here, so none is marked confirmed; a region sets other
/// figures per year in its campaign (`PUT /api/admin/college-campaign/{year}`).
pub const QUOTA_TABLE: [QuotaSource; 6] = [
    QuotaSource {
        category: QuotaCategory::Disability,
        basis_points: 100,
        source: "Приказ № 261 от 15.08.2023, п. 1 (лица с инвалидностью I, II групп…): 1%",
        confirmed: false,
    },
    QuotaSource {
        category: QuotaCategory::Veterans,
        basis_points: 50,
        source: "Приказ № 261 от 15.08.2023 (ветераны боевых действий…): 0,5%",
        confirmed: false,
    },
    QuotaSource {
        category: QuotaCategory::RuralYouth,
        basis_points: 3500,
        source: "Приказ № 261 от 15.08.2023 (сельская молодёжь, специальности развития села): 35%",
        confirmed: false,
    },
    QuotaSource {
        category: QuotaCategory::Kandas,
        basis_points: 400,
        source: "Приказ № 261 от 15.08.2023 (лица казахской национальности, не граждане РК): 4%",
        confirmed: false,
    },
    QuotaSource {
        category: QuotaCategory::Orphans,
        basis_points: 100,
        source: "Приказ № 261 от 15.08.2023 (дети-сироты и оставшиеся без попечения): 1%",
        confirmed: false,
    },
    QuotaSource {
        category: QuotaCategory::LargeFamilies,
        basis_points: 500,
        source: "Приказ № 261 от 15.08.2023 (дети из многодетных семей): 5%",
        confirmed: false,
    },
];

/// A year's college admission campaign of a region: the period applications are accepted in
/// (whole days, Almaty time, both included) and the quota shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub academic_year: AcademicYear,
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    pub quotas: Vec<QuotaShare>,
}

impl Campaign {
    /// What a year is when the region set nothing: 20 June – 25 August of the year the
    /// academic year starts, the shares of [`QUOTA_TABLE`].
    pub fn default_for(academic_year: AcademicYear) -> Campaign {
        let y = academic_year.first_year();
        Campaign {
            academic_year,
            opens: NaiveDate::from_ymd_opt(y, 6, 20).expect("a date"),
            closes: NaiveDate::from_ymd_opt(y, 8, 25).expect("a date"),
            quotas: QUOTA_TABLE
                .iter()
                .map(|q| QuotaShare {
                    category: q.category,
                    basis_points: q.basis_points,
                })
                .collect(),
        }
    }

    /// Whether applications are accepted at `now` (else 422 `campaign_closed`).
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        let today = crate::to_almaty(now).date_naive();
        self.opens <= today && today <= self.closes
    }

    /// The share of a category, 0 when the campaign names none.
    pub fn share(&self, category: QuotaCategory) -> u16 {
        self.quotas
            .iter()
            .find(|q| q.category == category)
            .map_or(0, |q| q.basis_points)
    }

    /// A campaign as a region sends it: the period in order and within the year before the
    /// academic year to its end (early and winter intakes exist), each category once, no share
    /// above 100%, all shares together at most 100%.
    pub fn validate(&self) -> Result<(), crate::DomainError> {
        let err = |field: &str| crate::DomainError::new(ErrorCode::ValidationFailed).field(field);
        let years = self.academic_year.first_year() - 1..=self.academic_year.second_year();
        if self.opens > self.closes || !years.contains(&self.opens.year()) {
            return Err(err("opens"));
        }
        if !years.contains(&self.closes.year()) {
            return Err(err("closes"));
        }
        let mut seen = Vec::new();
        let mut total = 0u32;
        for (i, q) in self.quotas.iter().enumerate() {
            if seen.contains(&q.category) || q.basis_points > 10_000 {
                return Err(err(&format!("quotas.{i}")));
            }
            seen.push(q.category);
            total += u32::from(q.basis_points);
        }
        if total > 10_000 {
            return Err(err("quotas"));
        }
        Ok(())
    }
}

/// The documents an application must carry: the certificate or diploma, the 3×4 photo and the
/// medical certificate 075/у always; the medical-social expertise conclusion 031/у for
/// disability of group I or II or from childhood; the supporting document of a quota category
/// (for the disability category the 031/у is that document).
pub fn required_documents(disability: bool, quota: Option<QuotaCategory>) -> Vec<DocumentKind> {
    let mut out = vec![
        DocumentKind::EducationDocument,
        DocumentKind::Photo,
        DocumentKind::MedicalCertificate,
    ];
    if disability || quota == Some(QuotaCategory::Disability) {
        out.push(DocumentKind::MseConclusion);
    }
    if quota.is_some_and(|q| q != QuotaCategory::Disability) {
        out.push(DocumentKind::QuotaProof);
    }
    out
}

/// The age from which applicants apply for themselves; younger ones through a legal
/// representative.
pub const SELF_APPLY_AGE: u32 = 16;

/// The most specialties an application names, in priority order.
pub const MAX_CHOICES: usize = 4;

/// Whether the applicant, born on `birth`, may apply for themselves on `today`.
pub fn may_apply_alone(birth: NaiveDate, today: NaiveDate) -> bool {
    crate::age_on(birth, today) >= SELF_APPLY_AGE
}

/// The academic year a college admission on `today` is for by default: the one starting this
/// September until the end of August, the next one from September.
pub fn admission_year(today: NaiveDate) -> AcademicYear {
    let first = if today.month() <= 8 {
        today.year()
    } else {
        today.year() + 1
    };
    AcademicYear::new(first).expect("a four-digit year")
}
