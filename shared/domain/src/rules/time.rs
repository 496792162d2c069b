//! Almaty time: every wall time of the service is Kazakhstan's.

use chrono::{DateTime, FixedOffset, Utc};

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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn almaty_time() {
        let t = Utc.with_ymd_and_hms(2026, 5, 12, 7, 19, 12).unwrap();
        assert_eq!(to_almaty(t).to_rfc3339(), "2026-05-12T12:19:12+05:00");
        assert_eq!(almaty().local_minus_utc(), 5 * 3600);
    }
}
