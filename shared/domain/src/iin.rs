//! The IIN (ЖСН), Kazakhstan's 12-digit individual identification number.
//!
//! Layout: `YYMMDD` birth date, one digit for century and sex, four serial digits, one check
//! digit. Parsing checks all of it, so an [`Iin`] in hand is always well-formed and its birth
//! date and sex can be read without failure ("parse, don't validate").

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Sex;

/// A valid IIN. `Debug` shows it masked so that it does not leak into logs by accident;
/// `Display` and serde give all twelve digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin(String);

/// Why a text is not an IIN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IinError {
    /// Not exactly 12 ASCII digits.
    Format,
    /// The 7th digit is not 1–6.
    CenturyDigit,
    /// The first six digits are not a date.
    BirthDate,
    /// The 12th digit is not the check digit of the first eleven.
    Checksum,
}

impl fmt::Display for IinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IinError::Format => "an IIN is exactly 12 digits",
            IinError::CenturyDigit => "the 7th digit of an IIN must be 1 to 6",
            IinError::BirthDate => "the first six digits of an IIN are not a valid date",
            IinError::Checksum => "the check digit of the IIN does not match",
        })
    }
}

impl std::error::Error for IinError {}

impl Iin {
    /// How many digits an IIN has.
    pub const LEN: usize = 12;

    /// Accepts exactly 12 digits, with surrounding whitespace ignored.
    pub fn parse(s: &str) -> Result<Iin, IinError> {
        let s = s.trim();
        let digits = digits(s).ok_or(IinError::Format)?;
        decode(&digits)?;
        let body: &[u8; 11] = digits.first_chunk().ok_or(IinError::Format)?;
        if check_digit(body) != Some(digits[11]) {
            return Err(IinError::Checksum);
        }
        Ok(Iin(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.decoded().0
    }

    pub fn sex(&self) -> Sex {
        self.decoded().1
    }

    /// `********` and the last four digits, for logs and for screens that need not show it all.
    pub fn masked(&self) -> String {
        mask_iin(&self.0)
    }

    fn decoded(&self) -> (NaiveDate, Sex) {
        digits(&self.0)
            .and_then(|d| decode(&d).ok())
            .expect("an Iin is valid by construction")
    }
}

/// Masks an IIN (or anything that should have been one) for logs: `********` and the last four
/// characters. Not the first six: they are the birth date. Input of eight characters or fewer
/// is masked completely.
pub fn mask_iin(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::from("********");
    if chars.len() > 8 {
        out.extend(&chars[chars.len() - 4..]);
    }
    out
}

/// Builds a valid IIN for a birth date and sex, with `serial` (0–9999) as digits 8–11.
///
/// Meant for tests and seed data of every crate: real IINs are issued by the state, never made
/// up here. Returns `None` when the birth year is outside 1800–2099 (no century digit exists),
/// when `serial` has more than four digits, or when this serial has no check digit (the
/// checksum comes out as 10 with both weightings) — then try the next serial.
pub fn iin_for(birth: NaiveDate, sex: Sex, serial: u32) -> Option<Iin> {
    let century = match birth.year() {
        1800..=1899 => 1,
        1900..=1999 => 3,
        2000..=2099 => 5,
        _ => return None,
    } + match sex {
        Sex::Male => 0,
        Sex::Female => 1,
    };
    if serial > 9999 {
        return None;
    }
    let body = format!(
        "{:02}{:02}{:02}{century}{serial:04}",
        birth.year() % 100,
        birth.month(),
        birth.day()
    );
    let mut digits = [0u8; 11];
    for (d, b) in digits.iter_mut().zip(body.bytes()) {
        *d = b - b'0';
    }
    let check = check_digit(&digits)?;
    Some(Iin(format!("{body}{check}")))
}

/// The first valid IIN for a birth date and sex (serials tried from 1 up); for tests.
///
/// # Panics
/// If the birth year is outside 1800–2099, where no IIN can exist.
pub fn first_valid_iin(birth: NaiveDate, sex: Sex) -> Iin {
    (1..=9999)
        .find_map(|serial| iin_for(birth, sex, serial))
        .expect("an IIN needs a birth year within 1800..=2099")
}

/// The twelve digits' values, if `s` is exactly twelve ASCII digits.
fn digits(s: &str) -> Option<[u8; 12]> {
    let bytes: &[u8; 12] = s.as_bytes().try_into().ok()?;
    let mut digits = [0u8; 12];
    for (d, &b) in digits.iter_mut().zip(bytes) {
        if !b.is_ascii_digit() {
            return None;
        }
        *d = b - b'0';
    }
    Some(digits)
}

/// Birth date and sex from the first seven digits.
fn decode(d: &[u8; 12]) -> Result<(NaiveDate, Sex), IinError> {
    let century = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return Err(IinError::CenturyDigit),
    };
    let sex = if d[6] % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    let two = |i: usize| u32::from(d[i]) * 10 + u32::from(d[i + 1]);
    let year = century + i32::from(d[0]) * 10 + i32::from(d[1]);
    let date = NaiveDate::from_ymd_opt(year, two(2), two(4)).ok_or(IinError::BirthDate)?;
    Ok((date, sex))
}

/// The check digit of the first eleven digits: Σ dᵢ·i mod 11; if that is 10, again with the
/// weights 3, 4, …, 11, 1, 2; if it is 10 again, there is none and the number is not issued.
fn check_digit(d: &[u8; 11]) -> Option<u8> {
    const FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let weighted = |weights: &[u32; 11]| {
        let sum: u32 = d.iter().zip(weights).map(|(&d, w)| u32::from(d) * w).sum();
        sum % 11
    };
    [FIRST, SECOND]
        .iter()
        .map(weighted)
        .find(|&c| c != 10)
        .and_then(|c| u8::try_from(c).ok())
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Iin").field(&self.masked()).finish()
    }
}

impl FromStr for Iin {
    type Err = IinError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iin::parse(s)
    }
}

impl AsRef<str> for Iin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Iin> for String {
    fn from(iin: Iin) -> String {
        iin.0
    }
}

impl Serialize for Iin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Iin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Iin::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_example_is_valid() {
        let iin = Iin::parse("061211600012").unwrap();
        assert_eq!(iin.as_str(), "061211600012");
        assert_eq!(iin.birth_date(), date(2006, 12, 11));
        // 7th digit 6: born in the 2000s, and even means female.
        assert_eq!(iin.sex(), Sex::Female);
        assert_eq!(iin.to_string(), "061211600012");
        assert_eq!(iin.masked(), "********0012");
        assert_eq!(format!("{iin:?}"), "Iin(\"********0012\")");
        assert_eq!(Iin::parse("  061211600012\n").unwrap(), iin);
    }

    #[test]
    fn century_and_sex_come_from_the_seventh_digit() {
        // Same date and serial with each century digit.
        for (c, year, sex) in [
            (1, 1806, Sex::Male),
            (2, 1806, Sex::Female),
            (3, 1906, Sex::Male),
            (4, 1906, Sex::Female),
            (5, 2006, Sex::Male),
            (6, 2006, Sex::Female),
        ] {
            let iin = iin_for(date(year, 12, 11), sex, 12).unwrap();
            assert_eq!(&iin.as_str()[6..7], c.to_string());
            let parsed = Iin::parse(iin.as_str()).unwrap();
            assert_eq!(
                (parsed.birth_date(), parsed.sex()),
                (date(year, 12, 11), sex)
            );
        }
        assert_eq!(
            iin_for(date(2006, 12, 11), Sex::Male, 1).unwrap().as_str(),
            "061211500013"
        );
    }

    #[test]
    fn invalid_ones_say_why() {
        use IinError::*;
        for (s, e) in [
            ("", Format),
            ("06121160001", Format),
            ("0612116000123", Format),
            ("06121160001a", Format),
            ("０６１２１１６０００１２", Format),
            ("061211 600012", Format),
            ("+61211600012", Format),
            ("061211000012", CenturyDigit),
            ("061211700012", CenturyDigit),
            ("061311600012", BirthDate),
            ("061200600012", BirthDate),
            ("061232600012", BirthDate),
            ("000229300000", BirthDate), // 1900 was not a leap year
            ("061211600013", Checksum),
            ("061211600011", Checksum),
        ] {
            assert_eq!(Iin::parse(s), Err(e), "{s:?}");
            assert!(!e.to_string().is_empty());
        }
        // 2000 was a leap year.
        assert!(Iin::parse(first_valid_iin(date(2000, 2, 29), Sex::Female).as_str()).is_ok());
    }

    #[test]
    fn serde_is_the_plain_string_and_checks() {
        let iin = Iin::parse("061211600012").unwrap();
        assert_eq!(serde_json::to_string(&iin).unwrap(), "\"061211600012\"");
        assert_eq!(
            serde_json::from_str::<Iin>("\"061211600012\"").unwrap(),
            iin
        );
        assert!(serde_json::from_str::<Iin>("\"061211600013\"").is_err());
        assert!(serde_json::from_str::<Iin>("61211600012").is_err());
    }

    #[test]
    fn masking_for_logs() {
        assert_eq!(mask_iin("061211600012"), "********0012");
        assert_eq!(mask_iin("061211"), "********");
        assert_eq!(mask_iin("06121160"), "********");
        assert_eq!(mask_iin(""), "********");
        assert_eq!(mask_iin("ЖСН-0612116"), "********2116");
    }

    #[test]
    fn iin_for_refuses_what_cannot_exist() {
        assert_eq!(iin_for(date(1799, 1, 1), Sex::Male, 1), None);
        assert_eq!(iin_for(date(2100, 1, 1), Sex::Male, 1), None);
        assert_eq!(iin_for(date(2019, 1, 1), Sex::Male, 10_000), None);
        // Some serials have no check digit at all; they are skipped, not mis-built.
        let birth = date(2019, 5, 10);
        let skipped = (0..=9999)
            .filter(|&s| iin_for(birth, Sex::Male, s).is_none())
            .count();
        assert!(skipped > 0 && skipped < 9999);
        assert_eq!(first_valid_iin(birth, Sex::Male).birth_date(), birth);
    }

    fn any_birth() -> impl Strategy<Value = NaiveDate> {
        let lo = date(1800, 1, 1).num_days_from_ce();
        let hi = date(2099, 12, 31).num_days_from_ce();
        (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
    }

    fn any_sex() -> impl Strategy<Value = Sex> {
        prop_oneof![Just(Sex::Male), Just(Sex::Female)]
    }

    proptest! {
        #[test]
        fn iin_for_round_trips(birth in any_birth(), sex in any_sex(), serial in 0u32..=9999) {
            if let Some(iin) = iin_for(birth, sex, serial) {
                let parsed = Iin::parse(iin.as_str()).unwrap();
                prop_assert_eq!(parsed.birth_date(), birth);
                prop_assert_eq!(parsed.sex(), sex);
                prop_assert_eq!(&parsed, &iin);
                let json = serde_json::to_string(&iin).unwrap();
                prop_assert_eq!(serde_json::from_str::<Iin>(&json).unwrap(), iin);
            }
        }

        #[test]
        fn first_valid_iin_always_exists(birth in any_birth(), sex in any_sex()) {
            let iin = first_valid_iin(birth, sex);
            prop_assert_eq!(iin.birth_date(), birth);
            prop_assert_eq!(iin.sex(), sex);
        }

        #[test]
        fn any_other_check_digit_is_refused(
            birth in any_birth(), sex in any_sex(), serial in 0u32..=9999, other in 0u8..=9,
        ) {
            if let Some(iin) = iin_for(birth, sex, serial) {
                let s = iin.as_str();
                let other = char::from(b'0' + other);
                if s.ends_with(other) {
                    return Ok(());
                }
                let changed = format!("{}{other}", &s[..11]);
                prop_assert_eq!(Iin::parse(&changed), Err(IinError::Checksum));
            }
        }

        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = Iin::parse(&s);
            let _ = mask_iin(&s);
        }

        #[test]
        fn parse_never_panics_on_digits(s in "[0-9]{10,13}") {
            if let Ok(iin) = Iin::parse(&s) {
                // Anything accepted reads back without failure.
                let _ = (iin.birth_date(), iin.sex(), iin.masked());
            }
        }
    }
}
