//! The college service (seed 000): «Прием документов в организации технического и
//! профессионального, послесреднего образования». It runs on the shared review → decision →
//! signature/return → notice → deadline pipeline (`services::College`); what is its own is
//! here: the vocabularies and the average score, the campaign and the quota table of order
//! No. 261 ([`rules`]), the ranked list per specialty ([`rank`]) and the wire types ([`api`]).

pub mod api;
pub mod rank;
pub mod rules;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;
use crate::{Lang, MsgLang};

pub use rules::*;

wire_enum! {
    /// «На базе»: the education the applicant enters with.
    EducationBasis {
        /// After grade 9 (basic secondary).
        Grade9 => "grade9",
        /// After grade 11 (general secondary).
        Grade11 => "grade11",
        /// After technical and vocational education.
        Tvet => "tvet",
    }
}

impl EducationBasis {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            EducationBasis::Grade9 => lang.pick("На базе 9 классов", "9 сынып негізінде"),
            EducationBasis::Grade11 => lang.pick("На базе 11 классов", "11 сынып негізінде"),
            EducationBasis::Tvet => lang.pick("На базе ТиПО", "ТжКБ негізінде"),
        }
    }
}

wire_enum! {
    /// «Форма обучения».
    StudyForm {
        FullTime => "full_time",
        PartTime => "part_time",
        Evening => "evening",
    }
}

impl StudyForm {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            StudyForm::FullTime => lang.pick("Очная", "Күндізгі"),
            StudyForm::PartTime => lang.pick("Заочная", "Сырттай"),
            StudyForm::Evening => lang.pick("Вечерняя", "Кешкі"),
        }
    }
}

wire_enum! {
    /// A category of the admission quota of the state order (order No. 261, see
    /// [`rules::QUOTA_TABLE`]).
    QuotaCategory {
        /// Persons with disabilities of groups I and II, disabled from childhood, disabled
        /// children.
        Disability => "disability",
        /// Combat veterans and persons equal to them.
        Veterans => "veterans",
        /// Rural youth, for the specialties of rural development.
        RuralYouth => "rural_youth",
        /// Ethnic Kazakhs who are not citizens of the Republic of Kazakhstan.
        Kandas => "kandas",
        /// Orphans and children left without parental care.
        Orphans => "orphans",
        /// Children from large families.
        LargeFamilies => "large_families",
    }
}

impl QuotaCategory {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            QuotaCategory::Disability => lang.pick(
                "Лица с инвалидностью I, II групп, инвалидностью с детства, дети с инвалидностью",
                "I, II топтағы мүгедектігі бар адамдар, бала кезінен мүгедектер, мүгедектігі бар \
                 балалар",
            ),
            QuotaCategory::Veterans => lang.pick(
                "Ветераны боевых действий и лица, приравненные к ним",
                "Соғыс ардагерлері және оларға теңестірілген адамдар",
            ),
            QuotaCategory::RuralYouth => lang.pick(
                "Сельская молодёжь (специальности развития села)",
                "Ауыл жастары (ауылды дамыту мамандықтары)",
            ),
            QuotaCategory::Kandas => lang.pick(
                "Лица казахской национальности, не являющиеся гражданами Республики Казахстан",
                "Қазақстан Республикасының азаматы болып табылмайтын қазақ ұлтының адамдары",
            ),
            QuotaCategory::Orphans => lang.pick(
                "Дети-сироты и дети, оставшиеся без попечения родителей",
                "Жетім балалар және ата-анасының қамқорлығынсыз қалған балалар",
            ),
            QuotaCategory::LargeFamilies => lang.pick(
                "Дети из многодетных семей",
                "Көп балалы отбасылардың балалары",
            ),
        }
    }
}

/// An average score of a certificate or diploma, 3.00–5.00, kept in hundredths so that
/// ranking compares integers. Travels as a JSON number (`4.25`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u16);

impl Score {
    pub const MIN: Score = Score(300);
    pub const MAX: Score = Score(500);

    /// A score from its decimal value: 3.0–5.0 with at most two decimals.
    pub fn parse(value: f64) -> Option<Score> {
        let hundredths = (value * 100.0).round();
        if !value.is_finite() || (value * 100.0 - hundredths).abs() > 1e-6 {
            return None;
        }
        let score = Score(hundredths as u16);
        (300.0..=500.0).contains(&hundredths).then_some(score)
    }

    pub const fn from_hundredths(h: u16) -> Option<Score> {
        if h >= Score::MIN.0 && h <= Score::MAX.0 {
            Some(Score(h))
        } else {
            None
        }
    }

    pub const fn hundredths(self) -> u16 {
        self.0
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Score, D::Error> {
        let v = f64::deserialize(d)?;
        Score::parse(v).ok_or_else(|| serde::de::Error::custom("a score from 3.0 to 5.0"))
    }
}

/// What one specialty line of a college is identified by: the classifier code, the language,
/// the form and the basis. A college may offer the same code in two languages or on two
/// bases, each with its own places and its own ranked list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OfferKey {
    pub code: String,
    pub language: Lang,
    pub form: StudyForm,
    pub basis: EducationBasis,
}

impl OfferKey {
    /// The line's id in URLs and keys: `06130100-ru-full_time-grade9`.
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{}-{}",
            self.code,
            self.language.as_str(),
            self.form.as_str(),
            self.basis.as_str()
        )
    }

    /// The key named by [`OfferKey::id`].
    pub fn parse_id(id: &str) -> Option<OfferKey> {
        let mut parts = id.split('-');
        let (code, language, form, basis) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || !valid_code(code) {
            return None;
        }
        Some(OfferKey {
            code: code.to_string(),
            language: language.parse().ok()?,
            form: form.parse().ok()?,
            basis: basis.parse().ok()?,
        })
    }
}

/// A classifier code: 8 digits (`06130100`).
pub fn valid_code(code: &str) -> bool {
    code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests;
