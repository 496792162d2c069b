//! The application form as typed, and the request it makes once the domain's checks pass
//! (`SubmitCollegeApplication::validate`): each refusal at the input it names.

use domain::api::{Applicant, Child};
use domain::college::api::{Choice, Specialty, SubmitCollegeApplication};
use domain::college::{EducationBasis, MAX_CHOICES, QuotaCategory};
use domain::{AcademicYear, DomainError, ErrorCode, Iin, MsgLang, Relation};
use frontend::upload::Uploaded;

/// `(input id, message)`.
pub type Errors = Vec<(String, String)>;

/// What is typed, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// For one's child (a legal representative); else the applicant applies for themselves.
    pub for_child: bool,
    /// The child's IIN (one's own is the signed-in person's).
    pub iin: String,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    pub basis: Option<EducationBasis>,
    pub certificate: String,
    pub score: String,
    /// The chosen lines' ids in priority order; empty where none is chosen.
    pub choices: [String; MAX_CHOICES],
    pub quota: Option<QuotaCategory>,
    pub disability: bool,
    pub dormitory: bool,
    pub documents: Vec<Uploaded>,
    pub phone: String,
    pub email: String,
}

impl Form {
    /// The form with the signed-in person's name as the student's (`Фамилия Имя Отчество`).
    pub fn new(full_name: &str) -> Form {
        let mut parts = full_name.split_whitespace().map(str::to_string);
        Form {
            last_name: parts.next().unwrap_or_default(),
            first_name: parts.next().unwrap_or_default(),
            middle_name: parts.collect::<Vec<_>>().join(" "),
            ..Form::default()
        }
    }

    /// The checks that need nothing stored, for the college `org` of `year` with `lines`; the
    /// request once they pass. `own_iin` is the signed-in person's.
    pub fn check(
        &self,
        lang: MsgLang,
        own_iin: &str,
        org: &str,
        year: AcademicYear,
        lines: &[Specialty],
    ) -> Result<SubmitCollegeApplication, Errors> {
        let one = |id: &str, e: DomainError| vec![(id.to_string(), e.message(lang).to_string())];
        let iin_text = if self.for_child {
            self.iin.trim()
        } else {
            own_iin
        };
        let iin = Iin::parse(iin_text)
            .map_err(|_| one("co-iin", DomainError::new(ErrorCode::InvalidIin)))?;
        let basis = self
            .basis
            .ok_or_else(|| one("co-basis", DomainError::new(ErrorCode::ValidationFailed)))?;
        // The chosen lines in order, with the select each came from.
        let mut slots = Vec::new();
        let mut choices = Vec::new();
        for (i, id) in self.choices.iter().enumerate() {
            if let Some(s) = lines.iter().find(|s| !id.is_empty() && s.id == *id) {
                slots.push(i);
                choices.push(Choice {
                    code: s.code.clone(),
                    language: s.language,
                    form: s.form,
                });
            }
        }
        let score = self
            .score
            .trim()
            .replace(',', ".")
            .parse()
            .unwrap_or(f64::NAN);
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let req = SubmitCollegeApplication {
            org_id: org.to_string(),
            academic_year: year,
            student: Child {
                iin: iin.as_str().to_string(),
                last_name: self.last_name.trim().to_string(),
                first_name: self.first_name.trim().to_string(),
                middle_name: opt(&self.middle_name),
                birth_date: iin.birth_date(),
                sex: iin.sex(),
            },
            // The register names the relation; the server keeps its own.
            applicant: Applicant {
                phone: self.phone.trim().to_string(),
                email: opt(&self.email),
                relation: if self.for_child {
                    Relation::Guardian
                } else {
                    Relation::Student
                },
            },
            basis,
            certificate_number: self.certificate.trim().to_string(),
            average_score: score,
            choices,
            quota: self.quota,
            disability: self.disability,
            dormitory: self.dormitory,
            documents: self.documents.iter().map(|d| d.doc.clone()).collect(),
        };
        match req.validate() {
            Ok(_) => Ok(req),
            Err(e) => Err(vec![(
                input_of(e.field.as_deref(), &slots),
                e.message(lang).to_string(),
            )]),
        }
    }
}

/// The input a field of a refusal (the domain's or the API's) names; `slots` are the selects
/// the request's choices came from.
pub fn input_of(field: Option<&str>, slots: &[usize]) -> String {
    let field = field.unwrap_or_default();
    let fixed = match field {
        "student" | "student.iin" | "student.birth_date" | "student.sex" => "co-iin",
        "student.last_name" => "co-last-name",
        "student.first_name" => "co-first-name",
        "student.middle_name" => "co-middle-name",
        "applicant.phone" => "co-phone",
        "applicant.email" => "co-email",
        "basis" => "co-basis",
        "certificate_number" => "co-certificate",
        "average_score" => "co-score",
        "choices" => "co-choice-0",
        "quota" => "co-quota",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.into();
    }
    if let Some(i) = field.strip_prefix("choices.") {
        let slot = i.parse::<usize>().ok().and_then(|i| slots.get(i).copied());
        return format!("co-choice-{}", slot.unwrap_or(0));
    }
    if let Some(kind) = field.strip_prefix("documents.") {
        return format!("doc-{kind}");
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Lang, college::StudyForm};

    fn line(code: &str, language: Lang) -> Specialty {
        Specialty {
            id: String::new(),
            code: code.into(),
            name: domain::api::Text {
                ru: "Программное обеспечение".into(),
                kk: "Бағдарламалық қамтамасыз ету".into(),
            },
            qualification: domain::api::Text {
                ru: "Разработчик".into(),
                kk: "Әзірлеуші".into(),
            },
            language,
            form: StudyForm::FullTime,
            basis: EducationBasis::Grade9,
            state_places: 10,
            paid_places: 5,
        }
        .validate()
        .unwrap()
    }

    fn filled() -> (Form, Vec<Specialty>) {
        let lines = vec![line("06130100", Lang::Ru), line("06130100", Lang::Kk)];
        let mut f = Form::new("Абаев Нурлан Серикович");
        f.basis = Some(EducationBasis::Grade9);
        f.certificate = "ЖОБ 0012345".into();
        f.score = "4,25".into();
        // The second select left empty: the third names the second priority.
        f.choices[0] = lines[0].id.clone();
        f.choices[2] = lines[1].id.clone();
        f.phone = "+7 701 123 45 67".into();
        (f, lines)
    }

    const OWN: &str = "080315501008";

    #[test]
    fn a_filled_form_makes_the_request_with_its_choices_in_order() {
        let (f, lines) = filled();
        let year = "2026-2027".parse().unwrap();
        let err = f.check(MsgLang::Ru, OWN, "org", year, &lines).unwrap_err();
        // Every document missing first: the certificate's input is named.
        assert_eq!(err[0].0, "doc-education_document");
        let (mut f, lines) = filled();
        f.documents = domain::college::required_documents(false, None)
            .into_iter()
            .map(|kind| Uploaded {
                doc: domain::api::DocumentRef {
                    kind,
                    file_id: "f".into(),
                    sha256: None,
                    pages: None,
                },
                name: "a.pdf".into(),
                size: 1,
            })
            .collect();
        let req = f.check(MsgLang::Ru, OWN, "org", year, &lines).unwrap();
        assert_eq!(req.average_score, 4.25);
        assert_eq!(req.student.last_name, "Абаев");
        assert_eq!(req.student.middle_name.as_deref(), Some("Серикович"));
        assert_eq!(req.applicant.relation, Relation::Student);
        let langs: Vec<_> = req.choices.iter().map(|c| c.language).collect();
        assert_eq!(langs, [Lang::Ru, Lang::Kk]);
    }

    #[test]
    fn refusals_point_at_their_inputs() {
        let (mut f, lines) = filled();
        let year = "2026-2027".parse().unwrap();
        f.score = "5,5".into();
        f.documents.clear();
        let at = |f: &Form| {
            f.check(MsgLang::Ru, OWN, "org", year, &lines).unwrap_err()[0]
                .0
                .clone()
        };
        assert_eq!(at(&f), "co-score");
        f.for_child = true;
        f.iin = "123".into();
        assert_eq!(at(&f), "co-iin");
        // The same line twice: the second select that names it.
        assert_eq!(input_of(Some("choices.1"), &[0, 2]), "co-choice-2");
        assert_eq!(
            input_of(Some("documents.medical_certificate"), &[]),
            "doc-medical_certificate"
        );
        assert_eq!(input_of(Some("org_id"), &[]), "");
    }
}
