//! A service is a registration: the rules that differ between e-services (documents,
//! eligibility, reject reasons, seat accounting, deadline, lifecycle, name, the receipt's words) sit behind
//! [`ServiceRules`], and the review → decision → signature/return → notice → deadline pipeline
//! asks [`rules`] for the application's service. Adding a service is a rules type and a line
//! in [`rules`] (see the README, "Adding a service").

use chrono::{DateTime, NaiveDate, Utc};

use crate::lifecycle::{self, Change, Event, InvalidTransition, State};
use crate::notices::NoticeFacts;
use crate::{AcademicYear, DocumentKind, MsgLang, OrgKind, RejectReason, Service};

/// How an accepted application counts against what the organisation offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatAccounting {
    /// A seat of the class limit of the application's year, grade and language, under the 3:1
    /// rule (seed 001).
    ClassLimit,
    /// A state-order place of a private kindergarten for the child's age group and language,
    /// taken when a direction is issued (seed 004).
    StateOrderPlace,
}

/// The rules of one e-service.
pub trait ServiceRules: Sync {
    fn service(&self) -> Service;

    /// The service's name as the portal shows it.
    fn title(&self, lang: MsgLang) -> &'static str;

    /// The kind of organisation that provides the service.
    fn org_kind(&self) -> OrgKind;

    /// The documents an application must carry.
    fn required_documents(&self, special_needs: bool) -> Vec<DocumentKind>;

    /// Whether a child born on `birth` may apply for `year`.
    fn eligible(&self, birth: NaiveDate, year: AcademicYear) -> bool;

    /// The grounds a refusal may name.
    fn reject_reasons(&self) -> &'static [RejectReason];

    fn seats(&self) -> SeatAccounting;

    /// When an application submitted at `submitted` must be processed by.
    fn due_at(&self, submitted: DateTime<Utc>) -> DateTime<Utc>;

    /// The receipt notice: the application, what it applies for and where, and that it waits
    /// for review (each language's word order differs, so the whole sentence is the service's).
    fn receipt(&self, facts: &NoticeFacts, lang: MsgLang) -> String;

    /// The service's lifecycle; every service so far shares the one of [`lifecycle`].
    fn transition(&self, before: Option<State>, event: Event) -> Result<Change, InvalidTransition> {
        lifecycle::transition(before, event)
    }
}

/// «Прием документов и зачисление детей в 1 класс» (seeds 001, 003).
pub struct Grade1;

impl ServiceRules for Grade1 {
    fn service(&self) -> Service {
        Service::Grade1
    }

    fn title(&self, lang: MsgLang) -> &'static str {
        lang.pick(
            "Прием документов и зачисление детей в первый класс",
            "Бірінші сыныпқа құжаттарды қабылдау және балаларды қабылдау",
        )
    }

    fn org_kind(&self) -> OrgKind {
        OrgKind::School
    }

    fn required_documents(&self, special_needs: bool) -> Vec<DocumentKind> {
        crate::required_documents(special_needs)
    }

    fn eligible(&self, birth: NaiveDate, year: AcademicYear) -> bool {
        crate::grade1_age_eligible(birth, year)
    }

    fn reject_reasons(&self) -> &'static [RejectReason] {
        &RejectReason::ALL
    }

    fn seats(&self) -> SeatAccounting {
        SeatAccounting::ClassLimit
    }

    fn receipt(&self, facts: &NoticeFacts, lang: MsgLang) -> String {
        let (n, child) = (facts.number, &facts.child_name);
        let school = lang.pick(&facts.school.ru, &facts.school.kk);
        match lang {
            MsgLang::Ru => format!(
                "Заявление №{n} о приёме в 1 класс ({child}) в «{school}» подано и ожидает \
                 проверки."
            ),
            MsgLang::Kk => format!(
                "«{school}» 1-сыныбына қабылдау туралы №{n} өтініш ({child}) берілді және \
                 тексеруді күтуде."
            ),
        }
    }

    /// One working day (seed 001).
    fn due_at(&self, submitted: DateTime<Utc>) -> DateTime<Utc> {
        crate::calendar::due_at(submitted)
    }
}

/// «Постановка на очередь детей дошкольного возраста» and the directions to private
/// kindergartens under the state order (seed 004). Registration is accepted at once; the
/// review is the education department's confirmation of a claimed privilege (one working
/// day, the same calendar), and its refusal names one of [`PRIVILEGE_REFUSAL`].
pub struct Preschool;

/// The grounds on which a privilege is not confirmed.
pub const PRIVILEGE_REFUSAL: [RejectReason; 2] = [
    RejectReason::UnreliableDocuments,
    RejectReason::NonCompliance,
];

impl ServiceRules for Preschool {
    fn service(&self) -> Service {
        Service::Preschool
    }

    fn title(&self, lang: MsgLang) -> &'static str {
        lang.pick(
            "Постановка на очередь детей дошкольного возраста и направление в детские сады",
            "Мектеп жасына дейінгі балаларды кезекке қою және балабақшаларға жолдама беру",
        )
    }

    fn org_kind(&self) -> OrgKind {
        OrgKind::Kindergarten
    }

    /// Only a privilege needs a document: `privileged` stands for the claim here.
    fn required_documents(&self, privileged: bool) -> Vec<DocumentKind> {
        if privileged {
            vec![DocumentKind::PrivilegeProof]
        } else {
            Vec::new()
        }
    }

    /// From birth to 6 full years on 1 September of the year's first year.
    fn eligible(&self, birth: NaiveDate, year: AcademicYear) -> bool {
        crate::preschool::may_register(birth, year.september_first()).is_ok()
    }

    fn reject_reasons(&self) -> &'static [RejectReason] {
        &PRIVILEGE_REFUSAL
    }

    fn seats(&self) -> SeatAccounting {
        SeatAccounting::StateOrderPlace
    }

    fn due_at(&self, submitted: DateTime<Utc>) -> DateTime<Utc> {
        crate::calendar::due_at(submitted)
    }

    fn receipt(&self, facts: &NoticeFacts, lang: MsgLang) -> String {
        let child = &facts.child_name;
        match lang {
            MsgLang::Ru => format!("Ребёнок ({child}) поставлен в очередь в детский сад."),
            MsgLang::Kk => format!("Бала ({child}) балабақшаға кезекке қойылды."),
        }
    }
}

/// The rules of a service.
pub fn rules(service: Service) -> &'static dyn ServiceRules {
    match service {
        Service::Grade1 => &Grade1,
        Service::Preschool => &Preschool,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_is_registered_under_its_own_kind() {
        for s in Service::ALL {
            let r = rules(s);
            assert_eq!(r.service(), s);
            assert_ne!(r.title(MsgLang::Ru), r.title(MsgLang::Kk));
            assert!(!r.reject_reasons().is_empty());
            assert!(!r.required_documents(true).is_empty());
        }
    }

    #[test]
    fn grade1_is_the_seed_001_service() {
        let r = rules(Service::Grade1);
        assert_eq!(r.org_kind(), OrgKind::School);
        assert_eq!(r.seats(), SeatAccounting::ClassLimit);
        let thu = DateTime::parse_from_rfc3339("2026-05-14T12:30:00+05:00")
            .unwrap()
            .to_utc();
        assert_eq!(
            r.due_at(thu),
            DateTime::parse_from_rfc3339("2026-05-15T12:30:00+05:00").unwrap()
        );
        let year: AcademicYear = "2026-2027".parse().unwrap();
        assert!(r.eligible(NaiveDate::from_ymd_opt(2019, 5, 1).unwrap(), year));
        assert!(!r.eligible(NaiveDate::from_ymd_opt(2022, 5, 1).unwrap(), year));
    }
}
