//! The application being filled in: everything the wizard asks, kept in localStorage under
//! the signed-in person's IIN so that nothing typed is lost on a reload or a failed submit.
//! Pure: the checks of each step (with the domain's rules) and the submission it makes.

use domain::address::{Address, SchoolListing};
use domain::api::{Applicant, Child, DocumentRef, SubmitApplication, plausible_email};
use domain::{
    AcademicYear, DocumentKind, ErrorCode, Iin, Lang, MsgLang, Relation, Service,
    grade1_age_eligible, missing_documents, normalize_phone, required_documents,
};
use serde::{Deserialize, Serialize};

use crate::i18n::{tr, trf};

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
    /// The address search as typed.
    pub address_query: String,
    /// The registered address chosen from the register (a building).
    pub address: Option<Address>,
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
            })
            .collect()
    }

    /// The problems of one step, checked with the domain's rules.
    pub fn errors(&self, step: u8, lang: MsgLang, year: AcademicYear) -> Errors {
        let mut out = Errors::new();
        let mut push = |id: &str, msg: String| out.push((id.to_string(), msg));
        match step {
            1 => {
                let iin = self.child_iin.trim();
                if iin.is_empty() {
                    push("child-iin", tr(lang, "wiz_err_iin_required").into());
                } else {
                    match Iin::parse(iin) {
                        Err(_) => push("child-iin", ErrorCode::InvalidIin.message(lang).into()),
                        Ok(iin) if !grade1_age_eligible(iin.birth_date(), year) => {
                            push("child-iin", ErrorCode::AgeNotEligible.message(lang).into())
                        }
                        Ok(_) => {}
                    }
                }
                if self.child_last_name.trim().is_empty() {
                    push("child-last-name", tr(lang, "wiz_err_last_name").into());
                }
                if self.child_first_name.trim().is_empty() {
                    push("child-first-name", tr(lang, "wiz_err_first_name").into());
                }
            }
            2 => {
                if normalize_phone(&self.phone).is_none() {
                    push("applicant-phone", tr(lang, "wiz_err_phone").into());
                }
                let email = self.email.trim();
                if !email.is_empty() && !plausible_email(email) {
                    push("applicant-email", tr(lang, "wiz_err_email").into());
                }
                if self.relation.is_none() {
                    push("applicant-relation", tr(lang, "wiz_err_relation").into());
                }
            }
            3 => {
                if self.locality_id.is_empty() {
                    push("locality", tr(lang, "wiz_err_locality").into());
                } else if self.address.is_none() {
                    push("address-search", tr(lang, "wiz_err_address").into());
                }
                if self.language.is_none() {
                    push("language", tr(lang, "wiz_err_language").into());
                }
                match (&self.school, self.language) {
                    (None, _) => push("schools", tr(lang, "wiz_err_school").into()),
                    (Some(s), Some(l)) if !s.languages.contains(&l) => push(
                        "language",
                        ErrorCode::LanguageNotOffered.message(lang).into(),
                    ),
                    _ => {}
                }
            }
            4 => {
                let given: Vec<DocumentKind> =
                    self.document_refs().iter().map(|d| d.kind).collect();
                for kind in missing_documents(self.special_needs, &given) {
                    push(
                        &format!("doc-{}", kind.as_str()),
                        trf(lang, "wiz_err_document", &[("title", kind.title(lang))]),
                    );
                }
            }
            _ => {}
        }
        out
    }

    /// The first step with problems, and its problems.
    pub fn first_invalid_step(&self, lang: MsgLang, year: AcademicYear) -> Option<(u8, Errors)> {
        (1..STEPS)
            .map(|s| (s, self.errors(s, lang, year)))
            .find(|(_, e)| !e.is_empty())
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
            registered_address_id: self.address.as_ref().map(|a| a.id.clone()),
            actual_address: trimmed(&self.actual_address),
            transport_requested: self.transport_requested(),
            special_needs: self.special_needs,
            documents: self.document_refs(),
        })
    }
}

/// Where an error of the API belongs: the step and the input (`""`: the form as a whole),
/// from the request field it names or else from its code.
pub fn target(field: Option<&str>, code: &str) -> (u8, String) {
    let at = |step: u8, id: &str| (step, id.to_string());
    match field {
        Some("child.iin" | "child.birth_date" | "child.sex") => at(1, "child-iin"),
        Some("child.last_name") => at(1, "child-last-name"),
        Some("child.first_name") => at(1, "child-first-name"),
        Some("child.middle_name") => at(1, "child-middle-name"),
        Some("applicant.phone") => at(2, "applicant-phone"),
        Some("applicant.email") => at(2, "applicant-email"),
        Some("applicant.relation") => at(2, "applicant-relation"),
        Some("org_id") => at(3, "schools"),
        Some("language") => at(3, "language"),
        Some("registered_address_id") => at(3, "address-search"),
        Some("actual_address") => at(3, "actual-address"),
        Some("transport_requested") => at(3, "transport"),
        Some("special_needs") => at(3, "special-needs"),
        Some(f) if f.starts_with("documents") => {
            let kind = f
                .strip_prefix("documents.")
                .and_then(|k| k.parse::<DocumentKind>().ok())
                .unwrap_or(DocumentKind::Photo);
            (4, format!("doc-{}", kind.as_str()))
        }
        Some(_) => at(5, ""),
        None => match code {
            "invalid_iin" | "iin_mismatch" | "age_not_eligible" => at(1, "child-iin"),
            "language_not_offered" | "no_limit" => at(3, "language"),
            "missing_document"
            | "document_not_found"
            | "file_type_not_allowed"
            | "file_too_large" => at(4, "doc-photo"),
            _ => at(5, ""),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use domain::address::{AddressKind, FreeSeats};
    use domain::{Sex, first_valid_iin};

    fn year() -> AcademicYear {
        "2026-2027".parse().unwrap()
    }

    fn school(transport: bool) -> SchoolListing {
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

    fn complete() -> Draft {
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
            address_query: String::new(),
            address: Some(Address {
                id: "astana-e117-37".into(),
                kind: AddressKind::Building,
                text: "г. Астана, Улица Е 117, дом 37".into(),
                street_id: "astana-e117".into(),
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
        assert_eq!(s.registered_address_id.as_deref(), Some("astana-e117-37"));
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

    #[test]
    fn step_one_checks_the_iin_the_age_and_the_names() {
        let lang = MsgLang::Ru;
        let ids = |d: &Draft| -> Vec<String> {
            d.errors(1, lang, year()).into_iter().map(|e| e.0).collect()
        };
        let d = Draft::default();
        assert_eq!(
            ids(&d),
            ["child-iin", "child-last-name", "child-first-name"]
        );
        let mut d = complete();
        d.child_iin = "123".into();
        assert_eq!(
            d.errors(1, lang, year())[0].1,
            ErrorCode::InvalidIin.message(lang)
        );
        d.child_iin = first_valid_iin(NaiveDate::from_ymd_opt(2015, 1, 1).unwrap(), Sex::Male)
            .as_str()
            .into();
        assert_eq!(
            d.errors(1, lang, year())[0].1,
            ErrorCode::AgeNotEligible.message(lang)
        );
    }

    #[test]
    fn step_two_checks_phone_email_and_relation() {
        let mut d = complete();
        d.phone = "+7 7172 55 55 55".into();
        d.email = "not an email".into();
        d.relation = None;
        let ids: Vec<_> = d
            .errors(2, MsgLang::Kk, year())
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(
            ids,
            ["applicant-phone", "applicant-email", "applicant-relation"]
        );
        d.email = "ana@mail.kz".into();
        d.phone = "+7 701 234 56 78".into();
        d.relation = Some(Relation::Guardian);
        assert!(d.errors(2, MsgLang::Kk, year()).is_empty());
    }

    #[test]
    fn step_three_needs_address_language_and_school() {
        let mut d = complete();
        d.address = None;
        d.school = None;
        d.language = None;
        let ids: Vec<_> = d
            .errors(3, MsgLang::Ru, year())
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(ids, ["address-search", "language", "schools"]);
        let mut d = complete();
        d.language = Some(Lang::En);
        assert_eq!(d.errors(3, MsgLang::Ru, year())[0].0, "language");
    }

    #[test]
    fn special_needs_ask_for_the_pmpk_conclusion() {
        let mut d = complete();
        d.special_needs = true;
        let e = d.errors(4, MsgLang::Ru, year());
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, "doc-pmpk_conclusion");
        assert_eq!(d.first_invalid_step(MsgLang::Ru, year()).unwrap().0, 4);
        d.set_document(DraftDoc {
            kind: DocumentKind::PmpkConclusion,
            file_id: "p".into(),
            name: "pmpk.pdf".into(),
            size: 1,
        });
        assert!(d.errors(4, MsgLang::Ru, year()).is_empty());
        assert_eq!(d.submission(year()).unwrap().documents.len(), 4);
        // Unticked again: the conclusion stays in the draft but is not sent.
        d.special_needs = false;
        assert_eq!(d.submission(year()).unwrap().documents.len(), 3);
        // A replaced document keeps one per kind.
        d.set_document(DraftDoc {
            kind: DocumentKind::Photo,
            file_id: "new".into(),
            name: "photo.png".into(),
            size: 1,
        });
        assert_eq!(
            d.documents
                .iter()
                .filter(|x| x.kind == DocumentKind::Photo)
                .count(),
            1
        );
        assert_eq!(d.document(DocumentKind::Photo).unwrap().file_id, "new");
    }

    #[test]
    fn api_errors_land_on_their_step_and_input() {
        assert_eq!(
            target(Some("child.birth_date"), "iin_mismatch"),
            (1, "child-iin".into())
        );
        assert_eq!(
            target(Some("applicant.phone"), "validation_failed"),
            (2, "applicant-phone".into())
        );
        assert_eq!(target(Some("org_id"), "not_found"), (3, "schools".into()));
        assert_eq!(
            target(Some("documents.pmpk_conclusion"), "missing_document"),
            (4, "doc-pmpk_conclusion".into())
        );
        assert_eq!(
            target(Some("documents"), "document_not_found"),
            (4, "doc-photo".into())
        );
        assert_eq!(target(None, "no_limit"), (3, "language".into()));
        assert_eq!(target(None, "duplicate_application"), (5, String::new()));
        assert_eq!(
            target(Some("something_else"), "validation_failed"),
            (5, String::new())
        );
    }
}
