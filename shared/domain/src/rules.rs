//! The pure rules of 1st-grade enrolment: the 3-to-1 class limit, free seats, the age rule,
//! required documents, accepted files, Almaty time, phone numbers. (The review deadline is in
//! `calendar`.)

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use crate::{AcademicYear, AdmissionType, DocumentKind, ErrorCode};

// ---------------------------------------------------------------- class limits

/// How the seats of one parallel divide (seed 001, «правило 3 к 1»): a quarter, rounded down,
/// for children from outside the microdistrict, the rest for the microdistrict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quota {
    pub outside: u32,
    pub microdistrict: u32,
}

impl Quota {
    /// 40 seats → 10 outside and 30 microdistrict; 7 → 1 and 6; 3 → 0 and 3.
    pub const fn for_seats(seats: u32) -> Quota {
        let outside = seats / 4;
        Quota {
            outside,
            microdistrict: seats - outside,
        }
    }
}

/// A limit's seats, its outside quota as stored, and what its accepted applications took, to
/// derive free seats from. The quota is [`Quota::for_seats`] when the limit is written and is
/// stored with it: the seat condition compares the stored figure, so free seats are shown from
/// that same figure (one source, even if the rule changes later).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LimitCounts {
    pub seats: u32,
    pub quota_outside: u32,
    pub taken_microdistrict: u32,
    pub taken_outside: u32,
}

impl LimitCounts {
    /// A limit just written with `seats`: the quota of the rule, nothing taken.
    pub const fn new(seats: u32) -> LimitCounts {
        LimitCounts {
            seats,
            quota_outside: Quota::for_seats(seats).outside,
            taken_microdistrict: 0,
            taken_outside: 0,
        }
    }

    pub const fn quota(&self) -> Quota {
        Quota {
            outside: self.quota_outside,
            microdistrict: self.seats.saturating_sub(self.quota_outside),
        }
    }

    /// Seats not yet taken. Never below zero: microdistrict children may be accepted beyond
    /// the limit («Заявки по микроучастку можно принимать сверх расчётного лимита»).
    pub const fn free_total(&self) -> u32 {
        self.seats
            .saturating_sub(self.taken_microdistrict.saturating_add(self.taken_outside))
    }

    /// Seats still open to children from outside the microdistrict: what is left of their
    /// quarter, but never more than the free seats overall.
    pub const fn free_outside(&self) -> u32 {
        let left = self.quota().outside.saturating_sub(self.taken_outside);
        let free = self.free_total();
        if left < free { left } else { free }
    }

    /// Whether an acceptance of this type fits: a microdistrict child always does, an
    /// outside one only while [`free_outside`](Self::free_outside) is above zero
    /// (otherwise `limit_exhausted`).
    pub const fn can_accept(&self, admission: AdmissionType) -> bool {
        match admission {
            AdmissionType::Microdistrict => true,
            AdmissionType::Outside => self.free_outside() > 0,
        }
    }
}

impl AdmissionType {
    /// The free-seat figure that applies to a child of this admission type: every free seat
    /// for the microdistrict, what is left of the outside quota otherwise.
    pub const fn free_seats(self, free_total: u32, free_outside: u32) -> u32 {
        match self {
            AdmissionType::Microdistrict => free_total,
            AdmissionType::Outside => free_outside,
        }
    }
}

// ---------------------------------------------------------------- age

/// Full years of age on `date` (0 before birth).
///
/// A child born on 29 February becomes a year older on 1 March in non-leap years: the
/// birthday has not come while 28 February lasts.
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> u32 {
    if date < birth {
        return 0;
    }
    let had_birthday = (date.month(), date.day()) >= (birth.month(), birth.day());
    let years = date.year() - birth.year() - i32::from(!had_birthday);
    u32::try_from(years).unwrap_or(0)
}

/// May the child enrol into 1st grade in this academic year?
///
/// Yes if 6 or 7 full years old on 1 September of the year's first year, or if the child
/// turns 6 later in that calendar year (the parents' choice to start early). For 2026-2027:
/// born 2 September 2018 to 31 December 2020 inclusive.
pub fn grade1_age_eligible(birth: NaiveDate, year: AcademicYear) -> bool {
    let age = age_on(birth, year.september_first());
    (6..=7).contains(&age) || birth.year() == year.first_year() - 6
}

/// The birth dates [`grade1_age_eligible`] accepts, first and last inclusive: what the service
/// page tells parents ("born from … to …").
pub fn grade1_birth_window(year: AcademicYear) -> (NaiveDate, NaiveDate) {
    let sept1 = year.september_first();
    // 7 full years but not yet 8 on 1 September: born after 1 September eight years before.
    let first = sept1
        .with_year(sept1.year() - 8)
        .and_then(|d| d.succ_opt())
        .expect("1 September exists in every year");
    let last = NaiveDate::from_ymd_opt(year.first_year() - 6, 12, 31).expect("31 December exists");
    (first, last)
}

// ---------------------------------------------------------------- documents

/// The documents an application must carry (seed 001, «Документы»); the ПМПК conclusion only
/// for a child with special educational needs.
pub fn required_documents(special_needs: bool) -> Vec<DocumentKind> {
    let mut kinds = vec![
        DocumentKind::Photo,
        DocumentKind::VaccinationCard,
        DocumentKind::HealthPassport,
    ];
    if special_needs {
        kinds.push(DocumentKind::PmpkConclusion);
    }
    kinds
}

/// The required documents not among `given`, in the order of [`required_documents`].
pub fn missing_documents(special_needs: bool, given: &[DocumentKind]) -> Vec<DocumentKind> {
    required_documents(special_needs)
        .into_iter()
        .filter(|kind| !given.contains(kind))
        .collect()
}

// ---------------------------------------------------------------- files

/// The largest file accepted: 5 MB.
pub const MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

/// PDF, JPEG and PNG only.
pub const ALLOWED_CONTENT_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// The file picker's `accept` attribute for [`ALLOWED_CONTENT_TYPES`] (with the extensions,
/// for systems that do not map types to files).
pub const ACCEPTED_FILES_ATTRIBUTE: &str =
    "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";

/// Checks a file the client announces before uploading it. The content type is compared
/// without case and without parameters (`image/png; q=1` is PNG).
pub fn check_file(content_type: &str, size: u64) -> Result<(), ErrorCode> {
    if size == 0 {
        return Err(ErrorCode::ValidationFailed);
    }
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !ALLOWED_CONTENT_TYPES
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(essence))
    {
        return Err(ErrorCode::FileTypeNotAllowed);
    }
    if size > MAX_FILE_SIZE {
        return Err(ErrorCode::FileTooLarge);
    }
    Ok(())
}

// ---------------------------------------------------------------- time

/// Seconds east of UTC of Kazakhstan's single time zone (UTC+5 all year since 1 March 2024).
const ALMATY_OFFSET_SECS: i32 = 5 * 3600;

/// Checked at compile time, so `almaty()` cannot fail.
const ALMATY: FixedOffset = match FixedOffset::east_opt(ALMATY_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("UTC+5 is a valid offset"),
};

/// Asia/Almaty as a fixed offset. Correct for every instant from 1 March 2024; older
/// instants (UTC+6 in Almaty) are not a concern of a service that starts later.
pub const fn almaty() -> FixedOffset {
    ALMATY
}

/// The instant as Almaty wall time, the way every response renders times (`+05:00`), to the
/// microsecond (the precision the table's sort keys and the signing payload keep).
pub fn to_almaty(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    use chrono::SubsecRound;
    t.trunc_subsecs(6).with_timezone(&ALMATY)
}

// ---------------------------------------------------------------- phone

/// Normalises a Kazakhstan mobile number to `+77XXXXXXXXX`.
///
/// Accepts `+7 701 234 56 78`, `+7 (701) 234-56-78`, `87012345678`, `77012345678`,
/// `7012345678`. Mobile means the national number starts with 70x, 74x, 75x, 76x or 77x;
/// landlines (71x–73x, e.g. Astana 7172, Almaty 727) and other countries are refused.
pub fn normalize_phone(s: &str) -> Option<String> {
    let s = s.trim();
    let (plus, rest) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut digits = String::with_capacity(11);
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let national = match (plus, digits.len()) {
        (true, 11) => digits.strip_prefix('7')?,
        (false, 11) => digits.strip_prefix(['7', '8'])?,
        (false, 10) => digits.as_str(),
        _ => return None,
    };
    let mut chars = national.chars();
    let mobile = chars.next() == Some('7') && matches!(chars.next(), Some('0' | '4'..='7'));
    mobile.then(|| format!("+7{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn the_birth_window_is_exactly_what_the_age_rule_accepts() {
        let year = AcademicYear::parse("2026-2027").unwrap();
        let (first, last) = grade1_birth_window(year);
        assert_eq!(first, NaiveDate::from_ymd_opt(2018, 9, 2).unwrap());
        assert_eq!(last, NaiveDate::from_ymd_opt(2020, 12, 31).unwrap());
        assert!(grade1_age_eligible(first, year) && grade1_age_eligible(last, year));
        assert!(!grade1_age_eligible(first.pred_opt().unwrap(), year));
        assert!(!grade1_age_eligible(last.succ_opt().unwrap(), year));
    }

    proptest! {
        #[test]
        fn eligible_iff_inside_the_window(first in 2000i32..2100, days in 0i64..(12 * 366)) {
            let year = AcademicYear::new(first).unwrap();
            let birth = NaiveDate::from_ymd_opt(first - 10, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let (a, b) = grade1_birth_window(year);
            prop_assert_eq!(grade1_age_eligible(birth, year), a <= birth && birth <= b);
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn year(first: i32) -> AcademicYear {
        AcademicYear::new(first).unwrap()
    }

    #[test]
    fn quota_is_three_to_one() {
        assert_eq!(
            Quota::for_seats(40),
            Quota {
                outside: 10,
                microdistrict: 30
            }
        );
        assert_eq!(
            Quota::for_seats(7),
            Quota {
                outside: 1,
                microdistrict: 6
            }
        );
        assert_eq!(
            Quota::for_seats(3),
            Quota {
                outside: 0,
                microdistrict: 3
            }
        );
        assert_eq!(
            Quota::for_seats(0),
            Quota {
                outside: 0,
                microdistrict: 0
            }
        );
    }

    #[test]
    fn free_seats() {
        let mut c = LimitCounts {
            taken_microdistrict: 0,
            taken_outside: 0,
            ..LimitCounts::new(40)
        };
        assert_eq!((c.free_total(), c.free_outside()), (40, 10));
        c.taken_outside = 9;
        assert_eq!((c.free_total(), c.free_outside()), (31, 1));
        assert!(c.can_accept(AdmissionType::Outside));
        c.taken_outside = 10;
        assert_eq!(c.free_outside(), 0);
        assert!(!c.can_accept(AdmissionType::Outside));
        // The microdistrict fills the class: nothing is left for outside either.
        let c = LimitCounts {
            taken_microdistrict: 38,
            taken_outside: 0,
            ..LimitCounts::new(40)
        };
        assert_eq!((c.free_total(), c.free_outside()), (2, 2));
        let c = LimitCounts {
            taken_microdistrict: 45,
            taken_outside: 3,
            ..LimitCounts::new(40)
        };
        assert_eq!((c.free_total(), c.free_outside()), (0, 0));
        assert!(c.can_accept(AdmissionType::Microdistrict));
        assert!(!c.can_accept(AdmissionType::Outside));
        let c = LimitCounts {
            taken_microdistrict: 0,
            taken_outside: 0,
            ..LimitCounts::new(3)
        };
        assert!(!c.can_accept(AdmissionType::Outside));
        let c = LimitCounts {
            taken_microdistrict: u32::MAX,
            taken_outside: 5,
            ..LimitCounts::new(u32::MAX)
        };
        assert_eq!(c.free_total(), 0);
    }

    #[test]
    fn age_in_full_years() {
        assert_eq!(age_on(date(2020, 9, 1), date(2026, 9, 1)), 6);
        assert_eq!(age_on(date(2020, 9, 2), date(2026, 9, 1)), 5);
        assert_eq!(age_on(date(2020, 9, 1), date(2020, 9, 1)), 0);
        assert_eq!(age_on(date(2020, 9, 1), date(2019, 9, 1)), 0);
        // 29 February: a year older on 1 March in a non-leap year, on 29 February in a leap one.
        assert_eq!(age_on(date(2020, 2, 29), date(2026, 2, 28)), 5);
        assert_eq!(age_on(date(2020, 2, 29), date(2026, 3, 1)), 6);
        assert_eq!(age_on(date(2020, 2, 29), date(2028, 2, 28)), 7);
        assert_eq!(age_on(date(2020, 2, 29), date(2028, 2, 29)), 8);
    }

    #[test]
    fn grade1_age_boundaries_for_2026() {
        let y = year(2026);
        assert!(
            !grade1_age_eligible(date(2018, 9, 1), y),
            "8 on 1 September"
        );
        assert!(grade1_age_eligible(date(2018, 9, 2), y), "7 on 1 September");
        assert!(grade1_age_eligible(date(2019, 9, 1), y));
        assert!(grade1_age_eligible(date(2020, 9, 1), y), "6 on 1 September");
        assert!(
            grade1_age_eligible(date(2020, 9, 2), y),
            "turns 6 in September"
        );
        assert!(
            grade1_age_eligible(date(2020, 12, 31), y),
            "turns 6 on 31 December"
        );
        assert!(
            !grade1_age_eligible(date(2021, 1, 1), y),
            "turns 6 next year"
        );
        assert!(!grade1_age_eligible(date(2026, 1, 1), y));
        assert!(grade1_age_eligible(date(2020, 2, 29), y));
    }

    #[test]
    fn documents() {
        use DocumentKind::*;
        assert_eq!(
            required_documents(false),
            [Photo, VaccinationCard, HealthPassport]
        );
        assert_eq!(
            required_documents(true),
            [Photo, VaccinationCard, HealthPassport, PmpkConclusion]
        );
        assert_eq!(
            missing_documents(false, &[HealthPassport, Photo]),
            [VaccinationCard]
        );
        assert_eq!(missing_documents(true, &[]), required_documents(true));
        assert!(
            missing_documents(false, &[Photo, Photo, VaccinationCard, HealthPassport]).is_empty()
        );
        assert_eq!(
            missing_documents(true, &[Photo, VaccinationCard, HealthPassport]),
            [PmpkConclusion]
        );
        // An extra ПМПК conclusion without special needs is harmless.
        assert!(missing_documents(false, &DocumentKind::ALL).is_empty());
    }

    #[test]
    fn files() {
        assert_eq!(check_file("application/pdf", 1), Ok(()));
        assert_eq!(check_file("image/jpeg", MAX_FILE_SIZE), Ok(()));
        assert_eq!(check_file("IMAGE/PNG; charset=binary", 100), Ok(()));
        assert_eq!(check_file("image/png", 0), Err(ErrorCode::ValidationFailed));
        assert_eq!(
            check_file("image/png", MAX_FILE_SIZE + 1),
            Err(ErrorCode::FileTooLarge)
        );
        assert_eq!(
            check_file("image/gif", 100),
            Err(ErrorCode::FileTypeNotAllowed)
        );
        assert_eq!(check_file("", 100), Err(ErrorCode::FileTypeNotAllowed));
        assert_eq!(
            check_file("application/pdfx", 100),
            Err(ErrorCode::FileTypeNotAllowed)
        );
        assert_eq!(MAX_FILE_SIZE, 5_242_880);
    }

    #[test]
    fn almaty_time() {
        let t = Utc.with_ymd_and_hms(2026, 5, 12, 7, 19, 12).unwrap();
        assert_eq!(to_almaty(t).to_rfc3339(), "2026-05-12T12:19:12+05:00");
        assert_eq!(almaty().local_minus_utc(), 5 * 3600);
    }

    #[test]
    fn phones() {
        for s in [
            "+7 701 234 56 78",
            "+7 (701) 234-56-78",
            "+77012345678",
            "87012345678",
            "8 701 234 5678",
            "77012345678",
            "7012345678",
            " +7\u{a0}701\u{a0}234\u{a0}56\u{a0}78 ",
        ] {
            assert_eq!(normalize_phone(s).as_deref(), Some("+77012345678"), "{s:?}");
        }
        assert_eq!(
            normalize_phone("+7 747 000 00 00").as_deref(),
            Some("+77470000000")
        );
        assert_eq!(
            normalize_phone("+7 777 123 45 67").as_deref(),
            Some("+77771234567")
        );
        for s in [
            "",
            "12",
            "+7",
            "+8 701 234 56 78",
            "+77012345678 ext 1",
            "++77012345678",
            "+7 7172 55 55 55",
            "+7 727 255 55 55",
            "+7 916 123 45 67",
            "89161234567",
            "+770123456789",
            "770123456",
            "+7 701 234 56 7８",
            "+7-701-234-56-78+",
        ] {
            assert_eq!(normalize_phone(s), None, "{s:?}");
        }
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let lo = date(1900, 1, 1).num_days_from_ce();
        let hi = date(2100, 12, 31).num_days_from_ce();
        (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
    }

    proptest! {
        #[test]
        fn quota_sums_to_seats(seats in any::<u32>()) {
            let q = Quota::for_seats(seats);
            prop_assert_eq!(q.outside + q.microdistrict, seats);
            prop_assert_eq!(q.outside, seats / 4);
            prop_assert!(q.microdistrict >= 3 * q.outside);
        }

        #[test]
        fn free_seats_stay_within_the_limit(
            seats in 0u32..5000, micro in 0u32..6000, outside in 0u32..2000,
        ) {
            let c = LimitCounts { taken_microdistrict: micro, taken_outside: outside, ..LimitCounts::new(seats) };
            prop_assert!(c.free_total() <= seats);
            prop_assert!(c.free_outside() <= c.free_total());
            prop_assert!(c.free_outside() <= c.quota().outside);
            if micro + outside <= seats {
                prop_assert_eq!(c.free_total(), seats - micro - outside);
            }
        }

        #[test]
        fn eligibility_is_a_date_range(birth in any_date(), first in 1910i32..2090) {
            let earliest = date(first - 8, 9, 2);
            let latest = date(first - 6, 12, 31);
            prop_assert_eq!(
                grade1_age_eligible(birth, year(first)),
                earliest <= birth && birth <= latest,
            );
        }

        #[test]
        fn age_grows_by_one_each_year(birth in any_date(), later in any_date()) {
            // (29 February has no "same day next year"; skip it.)
            if let Some(next) = later.with_year(later.year() + 1)
                && birth <= later
            {
                prop_assert_eq!(age_on(birth, next), age_on(birth, later) + 1);
            }
        }

        #[test]
        fn phone_normalisation_is_idempotent(s in "\\+?[0-9 ()-]{0,20}") {
            if let Some(p) = normalize_phone(&s) {
                prop_assert_eq!(p.len(), 12);
                prop_assert_eq!(normalize_phone(&p), Some(p.clone()));
            }
        }

        #[test]
        fn check_file_never_panics(ct in ".*", size in any::<u64>()) {
            let _ = check_file(&ct, size);
        }

        #[test]
        fn normalize_phone_never_panics(s in ".*") {
            let _ = normalize_phone(&s);
        }
    }
}
