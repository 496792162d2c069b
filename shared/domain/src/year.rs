//! The academic year, written as OQU writes it: `2026-2027`.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An academic year from 1 September of its first year. Holds only four-digit years
/// (1000–9998 as the first), so every date derived from it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AcademicYear {
    first: i32,
}

/// The text is not `YYYY-YYYY` with the second year following the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcademicYearError;

impl fmt::Display for AcademicYearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an academic year is written like 2026-2027")
    }
}

impl std::error::Error for AcademicYearError {}

impl AcademicYear {
    /// The academic year starting in `first`, if that is a four-digit year below 9999.
    pub const fn new(first: i32) -> Option<AcademicYear> {
        if first >= 1000 && first <= 9998 {
            Some(AcademicYear { first })
        } else {
            None
        }
    }

    /// Parses `2026-2027` (surrounding whitespace ignored).
    pub fn parse(s: &str) -> Result<AcademicYear, AcademicYearError> {
        let (a, b) = s.trim().split_once('-').ok_or(AcademicYearError)?;
        let (a, b) = (four_digits(a)?, four_digits(b)?);
        if b != a + 1 {
            return Err(AcademicYearError);
        }
        AcademicYear::new(a).ok_or(AcademicYearError)
    }

    pub const fn first_year(self) -> i32 {
        self.first
    }

    pub const fn second_year(self) -> i32 {
        self.first + 1
    }

    /// The academic year whose 1st-grade enrolment a date belongs to: the one starting this
    /// September until 31 August, the next one from 1 September on.
    pub fn enrolment_for(date: NaiveDate) -> Option<AcademicYear> {
        use chrono::Datelike;
        AcademicYear::new(if date.month() >= 9 {
            date.year() + 1
        } else {
            date.year()
        })
    }

    /// 1 September of the first year: the day the age rule is counted on.
    pub fn september_first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.first, 9, 1).expect("four-digit years have a 1 September")
    }
}

fn four_digits(s: &str) -> Result<i32, AcademicYearError> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().map_err(|_| AcademicYearError)
    } else {
        Err(AcademicYearError)
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.first, self.first + 1)
    }
}

impl FromStr for AcademicYear {
    type Err = AcademicYearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AcademicYear::parse(s)
    }
}

impl Serialize for AcademicYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AcademicYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        AcademicYear::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrolment_year_turns_on_1_september() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let y = |s| AcademicYear::parse(s).unwrap();
        assert_eq!(
            AcademicYear::enrolment_for(d(2026, 5, 14)),
            Some(y("2026-2027"))
        );
        assert_eq!(
            AcademicYear::enrolment_for(d(2026, 8, 31)),
            Some(y("2026-2027"))
        );
        assert_eq!(
            AcademicYear::enrolment_for(d(2026, 9, 1)),
            Some(y("2027-2028"))
        );
        assert_eq!(
            AcademicYear::enrolment_for(d(2026, 11, 25)),
            Some(y("2027-2028"))
        );
    }
    use proptest::prelude::*;

    #[test]
    fn parses_the_oqu_form() {
        let y = AcademicYear::parse("2026-2027").unwrap();
        assert_eq!(y.first_year(), 2026);
        assert_eq!(y.second_year(), 2027);
        assert_eq!(
            y.september_first(),
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
        );
        assert_eq!(y.to_string(), "2026-2027");
        assert_eq!(" 2026-2027 ".parse::<AcademicYear>(), Ok(y));
        assert_eq!(serde_json::to_string(&y).unwrap(), "\"2026-2027\"");
        assert_eq!(
            serde_json::from_str::<AcademicYear>("\"2026-2027\"").unwrap(),
            y
        );
        assert!(AcademicYear::new(2025).unwrap() < y);
    }

    #[test]
    fn refuses_everything_else() {
        for s in [
            "",
            "2026",
            "2026-2028",
            "2026-2026",
            "2027-2026",
            "26-27",
            "2026-27",
            "2026 - 2027",
            "2026–2027",
            "+202-2027",
            "0999-1000",
            "9999-10000",
            "2026-2027-2028",
            "２０２６-２０２７",
        ] {
            assert_eq!(AcademicYear::parse(s), Err(AcademicYearError), "{s:?}");
        }
        assert!(serde_json::from_str::<AcademicYear>("\"2026-2028\"").is_err());
        assert!(serde_json::from_str::<AcademicYear>("2026").is_err());
        assert_eq!(AcademicYear::new(999), None);
        assert_eq!(AcademicYear::new(9999), None);
    }

    proptest! {
        #[test]
        fn display_round_trips(first in 1000i32..=9998) {
            let y = AcademicYear::new(first).unwrap();
            prop_assert_eq!(y.to_string().parse::<AcademicYear>(), Ok(y));
            prop_assert_eq!(y.september_first().to_string(), format!("{first}-09-01"));
        }

        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = AcademicYear::parse(&s);
        }
    }
}
