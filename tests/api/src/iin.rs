//! IIN and BIN generation: valid check digits, fresh (process-unique) numbers for a birth date
//! and sex, adults, and organisations' BINs.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{Datelike, NaiveDate};

/// An IIN whose check digit is wrong.
pub const INVALID_IIN: &str = "061211600013";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A process-wide counter with a random-ish start, so generated IINs do not collide with each
/// other nor (very likely) with the dev seed's.
pub fn next_counter() -> u32 {
    static START: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let start = *START.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        (nanos ^ std::process::id().wrapping_mul(2_654_435_761)) % 5000 + 100
    });
    start + COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// The IIN check digit of the first 11 digits, or `None` when the number cannot be valid.
pub fn check_digit(d11: &[u8]) -> Option<u8> {
    let w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    let w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let sum = |w: &[u32; 11]| -> u32 {
        d11.iter()
            .zip(w.iter())
            .map(|(&d, &w)| d as u32 * w)
            .sum::<u32>()
            % 11
    };
    let c = sum(&w1);
    let c = if c == 10 { sum(&w2) } else { c };
    if c == 10 { None } else { Some(c as u8) }
}

/// Appends the check digit to 11 digits, `None` if no check digit exists for them.
pub fn with_check_digit(d11: &str) -> Option<String> {
    let digits: Vec<u8> = d11.bytes().map(|b| b - b'0').collect();
    assert_eq!(digits.len(), 11, "{d11}");
    check_digit(&digits).map(|c| format!("{d11}{c}"))
}

/// A valid IIN for a person born on `date` of the given sex with the serial `serial` (0..=9999),
/// or `None` if that serial has no valid check digit.
pub fn iin_for(date: NaiveDate, male: bool, serial: u32) -> Option<String> {
    let century = match (date.year() / 100, male) {
        (18, true) => 1,
        (18, false) => 2,
        (19, true) => 3,
        (19, false) => 4,
        (20, true) => 5,
        (20, false) => 6,
        _ => panic!("no IIN century digit for {date}"),
    };
    with_check_digit(&format!(
        "{:02}{:02}{:02}{century}{:04}",
        date.year() % 100,
        date.month(),
        date.day(),
        serial % 10000
    ))
}

/// A fresh (unique in this process) valid IIN for that birth date and sex.
pub fn fresh_iin(date: NaiveDate, male: bool) -> String {
    loop {
        if let Some(iin) = iin_for(date, male, next_counter() % 10000) {
            return iin;
        }
    }
}

/// A fresh adult IIN (born in the 1980s).
pub fn adult_iin() -> String {
    let n = next_counter();
    let date = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Days::new((n % 3600) as u64);
    fresh_iin(date, n % 2 == 1)
}

/// A 12-digit BIN with a valid check digit (registered 2010s, legal entity).
pub fn bin(n: u32) -> String {
    let mut k = n;
    loop {
        let d11 = format!("{:02}{:02}40{:05}", 10 + k % 10, 1 + k % 12, k % 100_000);
        if let Some(b) = with_check_digit(&d11) {
            return b;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert_eq!(
            with_check_digit("80010130001").as_deref(),
            Some("800101300016")
        );
        // 061211600013 is invalid: its check digit is 2.
        assert_eq!(
            with_check_digit("06121160001").as_deref(),
            Some("061211600012")
        );
        assert_ne!(
            with_check_digit(&INVALID_IIN[..11]).as_deref(),
            Some(INVALID_IIN)
        );
        let d = NaiveDate::from_ymd_opt(2019, 5, 10).unwrap();
        let iin = fresh_iin(d, true);
        assert!(iin.starts_with("1905105"), "{iin}");
        assert_eq!(bin(7).len(), 12);
    }
}
