//! The application being filled in: everything the wizard asks, kept in localStorage under
//! the signed-in person's IIN so that nothing typed is lost on a reload or a failed submit.
//! Pure: the submission it makes here, the checks of each step (with the domain's rules) in
//! `checks`.

mod checks;

pub use checks::target;

use domain::address::SchoolListing;
use domain::api::{Applicant, Child, DocumentRef, SubmitApplication};
use domain::population::RegisteredAddress;
use domain::{
    AcademicYear, DocumentKind, Iin, Lang, Relation, Service, normalize_phone, required_documents,
};
use serde::{Deserialize, Serialize};

/// The wizard's steps: child, applicant, address and school, documents, review.
pub const STEPS: u8 = 5;

/// `(input id, message)` of a step's problems, in the order of its fields.
pub type Errors = Vec<(String, String)>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The step shown (1..=5).
    pub step: u8,
    pub child_iin: String,
    pub child_last_name: String,
    pub child_first_name: String,
    pub child_middle_name: String,
    pub phone: String,
    pub email: String,
    pub relation: Option<Relation>,
    pub locality_id: String,
    /// The registered address the population register gave for the child (none: it has none,
    /// and the child applies as outside every microdistrict).
    pub registered: Option<RegisteredAddress>,
    pub language: Option<Lang>,
    /// The chosen school as the listing showed it.
    pub school: Option<SchoolListing>,
    pub actual_address: String,
    pub transport: bool,
    pub special_needs: bool,
    /// Uploaded documents, one per kind.
    pub documents: Vec<DraftDoc>,
}

/// An uploaded document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftDoc {
    pub kind: DocumentKind,
    pub file_id: String,
    pub name: String,
    pub size: u64,
}

/// The localStorage key of a person's draft.
pub fn storage_key(iin: &str) -> String {
    format!("qabyldau.draft.{iin}")
}

impl Draft {
    /// A stored draft; anything unreadable starts afresh.
    pub fn from_json(s: &str) -> Draft {
        serde_json::from_str(s).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Nothing typed yet (the step alone does not count).
    pub fn is_empty(&self) -> bool {
        Draft {
            step: self.step,
            ..Draft::default()
        } == *self
    }

    pub fn step(&self) -> u8 {
        self.step.clamp(1, STEPS)
    }

    pub fn child_iin(&self) -> Option<Iin> {
        Iin::parse(self.child_iin.trim()).ok()
    }

    /// The uploaded document of a kind.
    pub fn document(&self, kind: DocumentKind) -> Option<&DraftDoc> {
        self.documents.iter().find(|d| d.kind == kind)
    }

    /// Replaces the document of its kind.
    pub fn set_document(&mut self, doc: DraftDoc) {
        self.documents.retain(|d| d.kind != doc.kind);
        self.documents.push(doc);
    }

    /// The transport request counts only where the chosen school offers transport.
    pub fn transport_requested(&self) -> bool {
        self.transport && self.school.as_ref().is_some_and(|s| s.provides_transport)
    }

    /// The documents the application carries: the uploaded ones among the required kinds.
    pub fn document_refs(&self) -> Vec<DocumentRef> {
        required_documents(self.special_needs)
            .into_iter()
            .filter_map(|kind| self.document(kind))
            .map(|d| DocumentRef {
                kind: d.kind,
                file_id: d.file_id.clone(),
                sha256: None,
                pages: None,
            })
            .collect()
    }
    /// The request `POST /api/applications` takes, once the child's IIN, the relation, the
    /// school and the language are there.
    pub fn submission(&self, year: AcademicYear) -> Option<SubmitApplication> {
        let iin = self.child_iin()?;
        let school = self.school.as_ref()?;
        let trimmed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Some(SubmitApplication {
            service: Service::Grade1,
            org_id: school.id.clone(),
            academic_year: year,
            language: self.language?,
            child: Child {
                iin: iin.as_str().to_string(),
                last_name: self.child_last_name.trim().to_string(),
                first_name: self.child_first_name.trim().to_string(),
                middle_name: trimmed(&self.child_middle_name),
                birth_date: iin.birth_date(),
                sex: iin.sex(),
            },
            applicant: Applicant {
                phone: normalize_phone(&self.phone).unwrap_or_else(|| self.phone.trim().into()),
                email: trimmed(&self.email),
                relation: self.relation?,
            },
            actual_address: trimmed(&self.actual_address),
            transport_requested: self.transport_requested(),
            special_needs: self.special_needs,
            documents: self.document_refs(),
        })
    }
}

#[cfg(test)]
pub(super) mod fixtures {
    use super::*;
    use chrono::NaiveDate;
    use domain::address::FreeSeats;
    use domain::{Sex, first_valid_iin};

    pub fn year() -> AcademicYear {
        "2026-2027".parse().unwrap()
    }

    pub fn school(transport: bool) -> SchoolListing {
        SchoolListing {
            id: "org-72".into(),
            name: domain::api::Text {
                ru: "Школа № 72".into(),
                kk: "№ 72 мектеп".into(),
            },
            address: "г. Астана".into(),
            languages: vec![Lang::Kk, Lang::Ru],
            provides_transport: transport,
            in_microdistrict: true,
            free_seats: vec![FreeSeats {
                academic_year: year(),
                language: Lang::Ru,
                seats: 40,
                free_total: 40,
                free_outside: 10,
            }],
        }
    }

    pub fn complete() -> Draft {
        let iin = first_valid_iin(NaiveDate::from_ymd_opt(2019, 5, 10).unwrap(), Sex::Female);
        Draft {
            step: 5,
            child_iin: iin.as_str().into(),
            child_last_name: " Абаева ".into(),
            child_first_name: "Айша".into(),
            child_middle_name: " ".into(),
            phone: "8 701 234 56 78".into(),
            email: String::new(),
            relation: Some(Relation::Mother),
            locality_id: "astana".into(),
            registered: Some(RegisteredAddress {
                id: "astana-e117-37".into(),
                locality_id: "astana".into(),
                text: domain::api::Text {
                    ru: "г. Астана, Улица Е 117, дом 37".into(),
                    kk: "Астана қ., Е 117 көшесі, 37 үй".into(),
                },
            }),
            language: Some(Lang::Ru),
            school: Some(school(false)),
            actual_address: String::new(),
            transport: true,
            special_needs: false,
            documents: [
                DocumentKind::Photo,
                DocumentKind::VaccinationCard,
                DocumentKind::HealthPassport,
            ]
            .into_iter()
            .map(|kind| DraftDoc {
                kind,
                file_id: format!("f-{kind}"),
                name: "scan.pdf".into(),
                size: 1000,
            })
            .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use chrono::NaiveDate;
    use domain::{MsgLang, Sex};

    #[test]
    fn a_complete_draft_makes_a_valid_submission() {
        let d = complete();
        assert_eq!(d.first_invalid_step(MsgLang::Ru, year()), None);
        let s = d.submission(year()).unwrap();
        let (iin, phone) = s.validate().unwrap();
        assert_eq!(
            iin.birth_date(),
            NaiveDate::from_ymd_opt(2019, 5, 10).unwrap()
        );
        assert_eq!(phone, "+77012345678");
        assert_eq!(s.child.sex, Sex::Female);
        assert_eq!(s.child.last_name, "Абаева");
        assert_eq!(s.child.middle_name, None);
        assert_eq!(s.applicant.email, None);
        assert_eq!(s.documents.len(), 3);
        // The school offers no transport: the ticked box is not sent.
        assert!(!s.transport_requested);
        let mut d = d;
        d.school = Some(school(true));
        assert!(d.submission(year()).unwrap().transport_requested);
    }

    #[test]
    fn the_draft_survives_storage() {
        let d = complete();
        assert_eq!(Draft::from_json(&d.to_json()), d);
        assert_eq!(Draft::from_json("not json"), Draft::default());
        assert_eq!(Draft::from_json("{\"step\":3}").step(), 3);
        assert_eq!(Draft::default().step(), 1);
        assert!(
            Draft {
                step: 4,
                ..Draft::default()
            }
            .is_empty()
        );
        assert!(!complete().is_empty());
        assert_eq!(storage_key("880808300017"), "qabyldau.draft.880808300017");
    }
}
