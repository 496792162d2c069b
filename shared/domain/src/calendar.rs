//! The working calendar of review deadlines (seeds 000/001: an application is processed
//! within one working day).
//!
//! Working time is Monday–Friday 09:00–18:30 Almaty wall time, except days off. Days off are
//! data (`data/kz-days-off.json`, compiled in): the holidays by law, the weekdays off because a
//! holiday fell on a weekend ("moved"), and the government's transfers, each with its source.
//! For a year the data does not cover only Saturdays and Sundays are days off: an unknown
//! holiday makes a deadline early, never late, and the data file is the place to fix it.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc, Weekday};
use serde::Deserialize;

use crate::almaty;

/// Working time starts at 09:00…
pub const WORK_START: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => panic!("09:00 is a valid time"),
};

/// …and ends at 18:30 (exclusive): a working day is 9 h 30 min.
pub const WORK_END: NaiveTime = match NaiveTime::from_hms_opt(18, 30, 0) {
    Some(t) => t,
    None => panic!("18:30 is a valid time"),
};

/// The data, compiled in: the domain crate does no I/O.
const DATA: &str = include_str!("../data/kz-days-off.json");

/// What a day-off entry is, see the `about` field of the data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOffKind {
    /// A holiday by law.
    Holiday,
    /// A weekday off because a holiday fell on a Saturday or Sunday.
    Moved,
    /// A government transfer: this day is off, the weekend day `from` is worked.
    Transfer,
}

/// A name in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DayOffName {
    pub ru: String,
    pub kk: String,
}

/// One entry of the data file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DayOff {
    pub date: NaiveDate,
    pub kind: DayOffKind,
    /// Holidays only: whether a weekend occurrence gives the next working day off (not for
    /// 7 January and the first day of Kurban Ait).
    #[serde(default)]
    pub moves: bool,
    /// Moved days only: the holiday they compensate.
    #[serde(default, rename = "for")]
    pub for_holiday: Option<NaiveDate>,
    /// Transfers only: the weekend day that becomes a working day.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    pub name: DayOffName,
    pub source: String,
}

#[derive(Deserialize)]
struct DataFile {
    years: Vec<i32>,
    days: Vec<DayOff>,
}

/// The data in the form the rules ask it.
struct Calendar {
    years: BTreeSet<i32>,
    entries: Vec<DayOff>,
    /// Every date an entry makes a day off.
    off: BTreeSet<NaiveDate>,
    /// Saturdays and Sundays that a transfer makes working days.
    worked: BTreeSet<NaiveDate>,
}

fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(|| {
        // Compiled-in constant data, not input: the unit tests parse it, so this cannot fail
        // in a build whose tests pass.
        let file: DataFile = serde_json::from_str(DATA).expect("data/kz-days-off.json is valid");
        Calendar {
            years: file.years.iter().copied().collect(),
            off: file.days.iter().map(|d| d.date).collect(),
            worked: file.days.iter().filter_map(|d| d.from).collect(),
            entries: file.days,
        }
    })
}

/// The entries of the data file (for listings and checks).
pub fn days_off_data() -> &'static [DayOff] {
    &calendar().entries
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether `date` (an Almaty calendar day) is a day off: a holiday, a moved or transferred
/// day off, or a Saturday or Sunday that no transfer makes a working day. Outside the years
/// the data covers, only Saturdays and Sundays.
pub fn is_day_off(date: NaiveDate) -> bool {
    let cal = calendar();
    if !cal.years.contains(&date.year()) {
        return is_weekend(date);
    }
    if cal.worked.contains(&date) {
        return false;
    }
    cal.off.contains(&date) || is_weekend(date)
}

/// The instant of `time` on the Almaty day `date`, `None` beyond chrono's range.
fn instant(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    date.and_time(time)
        .and_local_timezone(almaty())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Almaty wall time of `t`, `None` at the very end of chrono's range (where
/// `naive_local` would panic).
fn wall(t: DateTime<Utc>) -> Option<NaiveDateTime> {
    t.naive_utc()
        .checked_add_signed(TimeDelta::seconds(almaty().local_minus_utc().into()))
}

/// Whether `t` is working time: 09:00 ≤ Almaty wall time < 18:30 on a day that is not a day off.
pub fn is_working_time(t: DateTime<Utc>) -> bool {
    wall(t).is_some_and(|local| {
        !is_day_off(local.date()) && WORK_START <= local.time() && local.time() < WORK_END
    })
}

/// Longer than any run of days off (the longest is about a week): a bound for the searches.
const MAX_DAYS_OFF_IN_A_ROW: u32 = 60;

/// The first working day on or after `date`, `None` beyond chrono's range.
fn working_day_from(date: NaiveDate) -> Option<NaiveDate> {
    let mut d = date;
    for _ in 0..=MAX_DAYS_OFF_IN_A_ROW {
        if !is_day_off(d) {
            return Some(d);
        }
        d = d.succ_opt()?;
    }
    None
}

/// `t` itself if it is working time, otherwise the start (09:00) of the next working time.
/// Saturates at the end of chrono's range.
pub fn next_working_start(t: DateTime<Utc>) -> DateTime<Utc> {
    next_start(t).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn next_start(t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if is_working_time(t) {
        return Some(t);
    }
    let local = wall(t)?;
    let from = if local.time() < WORK_START {
        local.date()
    } else {
        local.date().succ_opt()?
    };
    instant(working_day_from(from)?, WORK_START)
}

/// The review deadline: the instant at which one working day (9 h 30 min of working time) has
/// passed, counted from `submitted` or, outside working time, from the start of the next
/// working time. Thursday 12:30 → Friday 12:30; Thursday 20:00 → Friday 18:30; Saturday →
/// Monday 18:30; Friday 12:00 before a Monday off → Tuesday 12:00. Saturates at the end of
/// chrono's range.
pub fn due_at(submitted: DateTime<Utc>) -> DateTime<Utc> {
    due(submitted).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn due(submitted: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut remaining = WORK_END - WORK_START;
    let mut start = next_start(submitted)?;
    // At most two iterations: a day's share is never more than one working day.
    loop {
        let day = wall(start)?.date();
        let end = instant(day, WORK_END)?;
        let available = end - start;
        if remaining <= available {
            return start.checked_add_signed(remaining);
        }
        remaining -= available;
        start = instant(working_day_from(day.succ_opt()?)?, WORK_START)?;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// An instant given as Almaty wall time.
    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        almaty()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_data_parses_and_is_sourced() {
        let data = days_off_data();
        assert!(data.len() > 40);
        for y in 2025..=2027 {
            assert!(calendar().years.contains(&y), "{y} is not covered");
        }
        for d in data {
            assert!(!d.source.trim().is_empty(), "{d:?} has no source");
            assert!(!d.name.ru.is_empty() && !d.name.kk.is_empty(), "{d:?}");
            assert!(calendar().years.contains(&d.date.year()), "{d:?}");
            match d.kind {
                DayOffKind::Holiday => assert!(d.for_holiday.is_none() && d.from.is_none()),
                DayOffKind::Moved => {
                    assert!(d.for_holiday.is_some() && d.from.is_none(), "{d:?}");
                    assert!(!is_weekend(d.date), "{d:?}");
                }
                DayOffKind::Transfer => {
                    let from = d.from.unwrap_or_else(|| panic!("{d:?} has no from"));
                    assert!(is_weekend(from) && !is_weekend(d.date), "{d:?}");
                }
            }
        }
    }

    #[test]
    fn the_public_holidays_are_there() {
        for y in 2025..=2027 {
            for (m, d) in [
                (1, 1),
                (1, 2),
                (1, 7),
                (3, 8),
                (3, 21),
                (3, 22),
                (3, 23),
                (5, 1),
                (5, 7),
                (5, 9),
                (7, 6),
                (8, 30),
                (10, 25),
                (12, 16),
            ] {
                let day = date(y, m, d);
                assert!(
                    days_off_data()
                        .iter()
                        .any(|e| e.date == day && e.kind == DayOffKind::Holiday),
                    "{day} is not a holiday"
                );
                assert!(is_day_off(day), "{day}");
            }
        }
        for kurban in [date(2025, 6, 6), date(2026, 5, 27), date(2027, 5, 16)] {
            assert!(is_day_off(kurban), "{kurban}");
        }
    }

    /// Labour Code art. 85: a holiday (except 7 January and Kurban Ait) on a Saturday or Sunday
    /// gives the next working day off. Recomputed from the holidays, it must equal the data's
    /// moved days exactly.
    #[test]
    fn moved_days_follow_the_rule() {
        let data = days_off_data();
        let holidays: BTreeSet<NaiveDate> = data
            .iter()
            .filter(|d| d.kind == DayOffKind::Holiday)
            .map(|d| d.date)
            .collect();
        let mut expected = BTreeMap::new();
        let mut taken = BTreeSet::new();
        for h in data
            .iter()
            .filter(|d| d.kind == DayOffKind::Holiday && d.moves && is_weekend(d.date))
        {
            let mut c = h.date.succ_opt().unwrap();
            while is_weekend(c) || holidays.contains(&c) || taken.contains(&c) {
                c = c.succ_opt().unwrap();
            }
            taken.insert(c);
            expected.insert(c, h.date);
        }
        let actual: BTreeMap<NaiveDate, NaiveDate> = data
            .iter()
            .filter(|d| d.kind == DayOffKind::Moved)
            .map(|d| (d.date, d.for_holiday.unwrap()))
            .collect();
        assert_eq!(actual, expected);
        // And the two that never move are marked so.
        for d in data.iter().filter(|d| d.kind == DayOffKind::Holiday) {
            let fixed = (d.date.month(), d.date.day()) == (1, 7) || d.name.ru.contains("Курбан");
            assert_eq!(d.moves, !fixed, "{d:?}");
        }
    }

    /// The 2026 days off as published (eGov): every listed date is a day off, and no other
    /// weekday of 2026 is.
    #[test]
    fn days_off_2026_as_published() {
        let ranges = [
            ((1, 1), (1, 4)),
            ((1, 7), (1, 7)),
            ((3, 7), (3, 9)),
            ((3, 21), (3, 25)),
            ((5, 1), (5, 3)),
            ((5, 7), (5, 7)),
            ((5, 9), (5, 11)),
            ((5, 27), (5, 27)),
            ((7, 6), (7, 6)),
            ((8, 30), (8, 31)),
            ((10, 25), (10, 26)),
            ((12, 16), (12, 16)),
        ];
        let mut listed = BTreeSet::new();
        for ((m1, d1), (m2, d2)) in ranges {
            let mut d = date(2026, m1, d1);
            while d <= date(2026, m2, d2) {
                listed.insert(d);
                d = d.succ_opt().unwrap();
            }
        }
        let mut d = date(2026, 1, 1);
        while d.year() == 2026 {
            if listed.contains(&d) {
                assert!(is_day_off(d), "{d} is listed but not a day off");
            } else if !is_weekend(d) {
                assert!(!is_day_off(d), "{d} is a day off but not listed");
            } else {
                assert!(is_day_off(d), "weekend {d} is not a day off");
            }
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn transfers() {
        // Order № 436 of 21.11.2024: Sunday 5 January 2025 worked for Friday 3 January.
        assert!(is_day_off(date(2025, 1, 3)));
        assert!(!is_day_off(date(2025, 1, 5)));
        assert!(is_working_time(at(2025, 1, 5, 10, 0)));
        assert_eq!(due_at(at(2025, 1, 2, 12, 0)), at(2025, 1, 5, 18, 30));
    }

    #[test]
    fn outside_the_data_only_weekends() {
        assert!(!is_day_off(date(2030, 1, 1)));
        assert!(is_day_off(date(2030, 1, 5)));
        assert!(!is_day_off(date(2024, 12, 16)));
    }

    #[test]
    fn working_time() {
        // 2026-05-14 is a Thursday.
        assert!(!is_working_time(at(2026, 5, 14, 8, 59)));
        assert!(is_working_time(at(2026, 5, 14, 9, 0)));
        assert!(is_working_time(at(2026, 5, 14, 18, 29)));
        assert!(!is_working_time(at(2026, 5, 14, 18, 30)));
        assert!(!is_working_time(at(2026, 5, 16, 12, 0)));
        // Almaty's day counts, not UTC's: 02:00 Friday is 21:00 Thursday UTC.
        assert!(!is_working_time(at(2026, 5, 15, 2, 0)));
        assert_eq!(
            next_working_start(at(2026, 5, 14, 12, 0)),
            at(2026, 5, 14, 12, 0)
        );
        assert_eq!(
            next_working_start(at(2026, 5, 14, 7, 0)),
            at(2026, 5, 14, 9, 0)
        );
        assert_eq!(
            next_working_start(at(2026, 5, 14, 18, 30)),
            at(2026, 5, 15, 9, 0)
        );
        assert_eq!(
            next_working_start(at(2026, 5, 8, 19, 0)),
            at(2026, 5, 12, 9, 0)
        );
    }

    #[test]
    fn deadlines() {
        // Seed 001: Thursday 12:30 → Friday 12:30.
        assert_eq!(due_at(at(2026, 5, 14, 12, 30)), at(2026, 5, 15, 12, 30));
        // After hours on Thursday → the whole of Friday.
        assert_eq!(due_at(at(2026, 5, 14, 20, 0)), at(2026, 5, 15, 18, 30));
        assert_eq!(due_at(at(2026, 5, 14, 18, 30)), at(2026, 5, 15, 18, 30));
        assert_eq!(due_at(at(2026, 5, 14, 9, 0)), at(2026, 5, 14, 18, 30));
        assert_eq!(due_at(at(2026, 5, 14, 6, 0)), at(2026, 5, 14, 18, 30));
        // Saturday → Monday 18:30.
        assert_eq!(due_at(at(2026, 5, 16, 10, 0)), at(2026, 5, 18, 18, 30));
        // Friday 12:30 → Monday 12:30.
        assert_eq!(due_at(at(2026, 5, 15, 12, 30)), at(2026, 5, 18, 12, 30));
        // Friday before a Monday off (7–9 March 2026) → Tuesday.
        assert_eq!(due_at(at(2026, 3, 6, 12, 0)), at(2026, 3, 10, 12, 0));
        // Friday 20 March before Nauryz (21–25 March) → Thursday 26 March.
        assert_eq!(due_at(at(2026, 3, 20, 15, 0)), at(2026, 3, 26, 15, 0));
        // Wednesday before the 7 May holiday → Friday 8 May.
        assert_eq!(due_at(at(2026, 5, 6, 10, 0)), at(2026, 5, 8, 10, 0));
        // New Year: Wednesday 31 December 2025 16:00 → Monday 5 January 2026.
        assert_eq!(due_at(at(2025, 12, 31, 16, 0)), at(2026, 1, 5, 16, 0));
        assert_eq!(due_at(DateTime::<Utc>::MAX_UTC), DateTime::<Utc>::MAX_UTC);
    }

    fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
        let lo = at(2024, 3, 1, 0, 0).timestamp();
        let hi = at(2030, 1, 1, 0, 0).timestamp();
        (lo..hi, 0u32..1_000_000_000).prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
    }

    proptest! {
        #[test]
        fn due_is_later_and_in_working_time(submitted in any_instant()) {
            let due = due_at(submitted);
            prop_assert!(due > submitted);
            // Inside working time, or exactly at its end.
            let local = due.with_timezone(&almaty()).naive_local();
            prop_assert!(
                is_working_time(due)
                    || (local.time() == WORK_END && !is_day_off(local.date())),
                "{due}"
            );
            // One working day, and no more than the longest run of days off.
            prop_assert!(due - submitted >= WORK_END - WORK_START);
            prop_assert!(due - submitted <= TimeDelta::days(10));
        }

        #[test]
        fn due_never_moves_backwards(a in any_instant(), step in 0i64..(10 * 86_400)) {
            let b = a + TimeDelta::seconds(step);
            prop_assert!(due_at(a) <= due_at(b));
        }

        #[test]
        fn next_start_is_working_time(t in any_instant()) {
            let s = next_working_start(t);
            prop_assert!(s >= t);
            prop_assert!(is_working_time(s));
        }
    }
}
