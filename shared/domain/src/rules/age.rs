//! The age rule of 1st grade: who may enrol in an academic year, and the birth dates that
//! means.

use chrono::{Datelike, NaiveDate};

use crate::AcademicYear;

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

#[cfg(test)]
mod tests {
    use super::*;
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn year(first: i32) -> AcademicYear {
        AcademicYear::new(first).unwrap()
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let lo = date(1900, 1, 1).num_days_from_ce();
        let hi = date(2100, 12, 31).num_days_from_ce();
        (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
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

    proptest! {
        #[test]
        fn eligible_iff_inside_the_window(first in 2000i32..2100, days in 0i64..(12 * 366)) {
            let year = AcademicYear::new(first).unwrap();
            let birth = NaiveDate::from_ymd_opt(first - 10, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let (a, b) = grade1_birth_window(year);
            prop_assert_eq!(grade1_age_eligible(birth, year), a <= birth && birth <= b);
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
    }
}
