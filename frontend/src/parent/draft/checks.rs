//! The wizard's checks of each step, with the domain's rules, and where an error of the API
//! belongs in the wizard.

use domain::api::plausible_email;
use domain::{
    AcademicYear, DocumentKind, ErrorCode, Iin, MsgLang, grade1_age_eligible, missing_documents,
    normalize_phone,
};

use super::{Draft, Errors, STEPS};
use crate::i18n::{tr, trf};

impl Draft {
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
    use super::super::DraftDoc;
    use super::super::fixtures::*;
    use super::*;
    use chrono::NaiveDate;
    use domain::{Lang, Relation, Sex, first_valid_iin};

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
    fn step_three_needs_locality_language_and_school() {
        let mut d = complete();
        // No registered address is no error: the child applies as outside.
        d.registered = None;
        d.locality_id.clear();
        d.school = None;
        d.language = None;
        let ids: Vec<_> = d
            .errors(3, MsgLang::Ru, year())
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(ids, ["locality", "language", "schools"]);
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
        // A refusal of the register lands on the child's IIN.
        assert_eq!(
            target(Some("child.iin"), "not_legal_representative"),
            (1, "child-iin".into())
        );
        assert_eq!(target(None, "duplicate_application"), (5, String::new()));
        assert_eq!(
            target(Some("something_else"), "validation_failed"),
            (5, String::new())
        );
    }
}
