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
    /// No seat is taken by a decision: a signed acceptance enters the ranked lists of the
    /// specialties the application names, and the places are read against them (seed 000).
    RankedList,
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

    /// The grounds a refusal may name ([`reject_reasons`]).
    fn reject_reasons(&self) -> &'static [RejectReason] {
        reject_reasons(self.service())
    }

    /// How an acceptance counts against what the organisation offers ([`seats`]).
    fn seats(&self) -> SeatAccounting {
        seats(self.service())
    }

    /// When an application submitted at `submitted` must be processed by.
    fn due_at(&self, submitted: DateTime<Utc>) -> DateTime<Utc>;

    /// The receipt notice: the application, what it applies for and where, and that it waits
    /// for review (each language's word order differs, so the whole sentence is the service's).
    fn receipt(&self, facts: &NoticeFacts, lang: MsgLang) -> String;

    /// Whether an application is decided only after every earlier one of its queue (seed 001's
    /// strict order). A college ranks by score instead: order does not bind the review.
    fn strict_order(&self) -> bool {
        true
    }

    /// Whether the one-active-application guard is per organisation (a college: one
    /// application per applicant per college per year) rather than per year (1st grade: one
    /// school).
    fn guard_per_org(&self) -> bool {
        false
    }

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

/// «Прием документов в организации технического и профессионального, послесреднего
/// образования» (seed 000): the executor accepts the documents or refuses, the director signs
/// (one working day); a signed acceptance is ranked per specialty ([`crate::college::rank`]).
pub struct College;

/// The grounds a college refusal may name: the general grounds of the 1st-grade list,
/// without «переполненность класс-комплектов» (seed 000 lists none of its own).
pub const COLLEGE_REFUSAL: [RejectReason; 6] = [
    RejectReason::UnreliableDocuments,
    RejectReason::NonCompliance,
    RejectReason::NegativeAuthorityResponse,
    RejectReason::CourtActivityBan,
    RejectReason::CourtRightDeprivation,
    RejectReason::NoPersonalDataConsent,
];

impl ServiceRules for College {
    fn service(&self) -> Service {
        Service::College
    }

    fn title(&self, lang: MsgLang) -> &'static str {
        lang.pick(
            "Прием документов в организации технического и профессионального, послесреднего \
             образования",
            "Техникалық және кәсіптік, орта білімнен кейінгі білім беру ұйымдарына құжаттар \
             қабылдау",
        )
    }

    fn org_kind(&self) -> OrgKind {
        OrgKind::College
    }

    /// `special_needs` stands for a disability of group I/II or from childhood here; the
    /// quota's document is [`crate::college::required_documents`]'s.
    fn required_documents(&self, special_needs: bool) -> Vec<DocumentKind> {
        crate::college::required_documents(special_needs, None)
    }

    /// No age rule: the basis of education decides; who may apply is the submission's check.
    fn eligible(&self, _birth: NaiveDate, _year: AcademicYear) -> bool {
        true
    }

    /// One working day (seed 000), the same calendar as 1st grade.
    fn due_at(&self, submitted: DateTime<Utc>) -> DateTime<Utc> {
        crate::calendar::due_at(submitted)
    }

    fn receipt(&self, facts: &NoticeFacts, lang: MsgLang) -> String {
        let (n, who) = (facts.number, &facts.child_name);
        let college = lang.pick(&facts.school.ru, &facts.school.kk);
        match lang {
            MsgLang::Ru => format!(
                "Заявление №{n} ({who}) о приёме документов в «{college}» подано и ожидает \
                 проверки."
            ),
            MsgLang::Kk => format!(
                "«{college}» колледжіне құжаттарды қабылдау туралы №{n} өтініш ({who}) берілді \
                 және тексеруді күтуде."
            ),
        }
    }

    fn strict_order(&self) -> bool {
        false
    }

    fn guard_per_org(&self) -> bool {
        true
    }
}

/// The grounds a refusal of the service may name. Data the site reads too: a plain match, so a
/// page that lists them does not link every service's rules (and the calendar behind them).
pub const fn reject_reasons(service: Service) -> &'static [RejectReason] {
    match service {
        Service::Grade1 => &RejectReason::ALL,
        Service::Preschool => &PRIVILEGE_REFUSAL,
        Service::College => &COLLEGE_REFUSAL,
    }
}

/// How an accepted application of the service counts against what the organisation offers.
pub const fn seats(service: Service) -> SeatAccounting {
    match service {
        Service::Grade1 => SeatAccounting::ClassLimit,
        Service::Preschool => SeatAccounting::StateOrderPlace,
        Service::College => SeatAccounting::RankedList,
    }
}

/// The rules of a service.
pub fn rules(service: Service) -> &'static dyn ServiceRules {
    match service {
        Service::Grade1 => &Grade1,
        Service::Preschool => &Preschool,
        Service::College => &College,
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
        assert!(r.strict_order());
        assert!(!r.guard_per_org());
    }

    #[test]
    fn college_is_the_seed_000_service() {
        let r = rules(Service::College);
        assert_eq!(r.org_kind(), OrgKind::College);
        assert_eq!(r.seats(), SeatAccounting::RankedList);
        assert!(!r.strict_order());
        assert!(r.guard_per_org());
        assert_eq!(r.reject_reasons().len(), 6);
        assert!(
            !r.reject_reasons()
                .contains(&RejectReason::ClassesOverfilled)
        );
        // Arrives on a Saturday: due by the end of Monday's working day plus one (seed 000:
        // «до 18:30 первого рабочего дня» is the 1st-grade calendar's reading of one day).
        let sat = DateTime::parse_from_rfc3339("2026-07-04T10:00:00+05:00")
            .unwrap()
            .to_utc();
        assert_eq!(r.due_at(sat), crate::calendar::due_at(sat));
        assert!(r.due_at(sat) > sat);
    }
}
