//! A report period in the counters' resolution: the counters keep each Almaty day and each of
//! its hours, so a period is read as its whole days plus the hours of its edge days. An hour
//! counts when it overlaps the period: the period is widened to whole hours (its start rounded
//! down, its end rounded up), never narrowed, so nothing submitted in the period is lost.

use std::ops::Range;

use chrono::{DateTime, Duration, DurationRound, FixedOffset, NaiveDate, Timelike};

use crate::almaty;

/// A day of a period and the hours of it (Almaty time, `0..24` for a whole day) that count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySpan {
    pub date: NaiveDate,
    pub hours: Range<u32>,
}

impl DaySpan {
    pub fn is_whole(&self) -> bool {
        self.hours == (0..24)
    }
}

/// The Almaty day and hour an instant counts in.
pub fn slot(at: DateTime<FixedOffset>) -> (NaiveDate, u32) {
    let local = at.with_timezone(&almaty());
    (local.date_naive(), local.hour())
}

/// The days of `[from, to)` in order, each with the hours that overlap it; empty when `to`
/// is not after `from`.
pub fn days(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> Vec<DaySpan> {
    if to <= from {
        return Vec::new();
    }
    let hour = Duration::hours(1);
    let start = floor_hour(from);
    let end = {
        let f = floor_hour(to);
        if f == to { f } else { f + hour }
    };
    let last = (end - hour).date_naive();
    let mut out = Vec::new();
    let mut date = start.date_naive();
    while date <= last {
        let lo = if date == start.date_naive() {
            start.hour()
        } else {
            0
        };
        let hi = if date == end.date_naive() {
            end.hour()
        } else {
            24
        };
        out.push(DaySpan {
            date,
            hours: lo..hi,
        });
        date = date.succ_opt().expect("a date in range");
    }
    out
}

fn floor_hour(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let local = at.with_timezone(&almaty());
    local
        .duration_trunc(Duration::hours(1))
        .expect("an hour divides any instant")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn edge_days_keep_their_hours_and_inner_days_are_whole() {
        let spans = days(
            at("2026-06-01T09:30:00+05:00"),
            at("2026-06-03T10:00:00+05:00"),
        );
        assert_eq!(
            spans,
            vec![
                DaySpan {
                    date: d("2026-06-01"),
                    hours: 9..24
                },
                DaySpan {
                    date: d("2026-06-02"),
                    hours: 0..24
                },
                DaySpan {
                    date: d("2026-06-03"),
                    hours: 0..10
                },
            ]
        );
        assert!(spans[1].is_whole() && !spans[0].is_whole());
    }

    #[test]
    fn a_period_given_in_another_offset_is_read_in_almaty_time() {
        // 04:00Z is 09:00 in Almaty; a period ending on the last second of a day covers it.
        let spans = days(at("2026-06-01T04:00:00Z"), at("2026-06-01T23:59:59+05:00"));
        assert_eq!(
            spans,
            vec![DaySpan {
                date: d("2026-06-01"),
                hours: 9..24
            }]
        );
        assert_eq!(slot(at("2026-06-01T19:30:00Z")), (d("2026-06-02"), 0));
        assert!(
            days(
                at("2026-06-01T10:00:00+05:00"),
                at("2026-06-01T10:00:00+05:00")
            )
            .is_empty()
        );
    }

    /// Every hour (by its start instant) that overlaps `[from, to)`, counted one by one.
    fn overlapping(
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
    ) -> BTreeSet<(NaiveDate, u32)> {
        let mut h = floor_hour(from) - Duration::hours(2);
        let mut out = BTreeSet::new();
        while h < to + Duration::hours(2) {
            if h < to && h + Duration::hours(1) > from {
                out.insert(slot(h));
            }
            h += Duration::hours(1);
        }
        out
    }

    proptest! {
        #[test]
        fn whole_days_and_edge_hours_cover_exactly_the_hours_of_the_period(
            start in 0i64..(400 * 24 * 3600),
            length in 1i64..(30 * 24 * 3600),
            offset_hours in -12i32..14,
        ) {
            let zone = FixedOffset::east_opt(offset_hours * 3600).unwrap();
            let base = at("2026-01-01T00:00:00+05:00");
            let from = (base + Duration::seconds(start)).with_timezone(&zone);
            let to = from + Duration::seconds(length);
            let spans = days(from, to);
            let covered: BTreeSet<(NaiveDate, u32)> = spans
                .iter()
                .flat_map(|s| s.hours.clone().map(move |h| (s.date, h)))
                .collect();
            let count: usize = spans.iter().map(|s| s.hours.len()).sum();
            prop_assert_eq!(count, covered.len(), "no hour twice");
            prop_assert_eq!(covered, overlapping(from, to));
            prop_assert!(spans.windows(2).all(|w| w[0].date < w[1].date));
            prop_assert!(spans.iter().all(|s| !s.hours.is_empty() && s.hours.end <= 24));
            prop_assert!(spans[1..spans.len().saturating_sub(1).max(1)].iter().all(DaySpan::is_whole));
        }
    }
}
