use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use proptest::prelude::*;

use super::*;
use crate::{ErrorCode, Lang};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn queue_age_is_birth_to_six_full_years() {
    let today = date(2026, 5, 4);
    assert_eq!(may_register(today, today), Ok(()));
    assert_eq!(may_register(date(2019, 5, 5), today), Ok(()));
    assert_eq!(
        may_register(date(2019, 5, 4), today),
        Err(ErrorCode::NotPreschoolAge)
    );
    assert_eq!(
        may_register(date(2026, 5, 5), today),
        Err(ErrorCode::NotPreschoolAge),
        "not born yet"
    );
}

/// Issued Monday 4 May 2026: Thursday 7 May is a holiday and Monday 11 May the moved day off
/// of 9 May, so the fifth working day after is Wednesday 13 May.
#[test]
fn a_direction_lives_five_working_days_across_holidays() {
    let issued = at("2026-05-04T10:00:00+05:00");
    assert_eq!(
        direction_expires_at(issued),
        at("2026-05-14T00:00:00+05:00")
    );
    // Issued late on a Friday: the weekend does not count.
    assert_eq!(
        direction_expires_at(at("2026-06-05T23:30:00+05:00")),
        at("2026-06-13T00:00:00+05:00")
    );
}

#[test]
fn working_days_left_count_down_to_zero_on_the_last_day() {
    let expires = at("2026-05-14T00:00:00+05:00");
    assert_eq!(
        working_days_left(expires, at("2026-05-04T10:00:00+05:00")),
        5
    );
    assert_eq!(
        working_days_left(expires, at("2026-05-08T10:00:00+05:00")),
        2
    );
    assert_eq!(
        working_days_left(expires, at("2026-05-13T23:59:00+05:00")),
        0
    );
    assert_eq!(
        working_days_left(expires, at("2026-05-20T10:00:00+05:00")),
        0
    );
}

/// Expired at 00:00 on 14 May: ten working days, skipping 27 May (Kurban ait), end on 29 May.
#[test]
fn the_stop_list_lasts_ten_working_days() {
    let expired = at("2026-05-14T00:00:00+05:00");
    assert_eq!(stop_list_until(expired), at("2026-05-30T00:00:00+05:00"));
}

#[test]
fn one_extension_of_one_to_thirty_days() {
    let expires = at("2026-05-14T00:00:00+05:00");
    assert_eq!(
        extended_expiry(expires, false, 30),
        Ok(at("2026-06-13T00:00:00+05:00"))
    );
    assert_eq!(
        extended_expiry(expires, false, 1),
        Ok(expires + TimeDelta::days(1))
    );
    assert_eq!(
        extended_expiry(expires, false, 0),
        Err(ErrorCode::ValidationFailed)
    );
    assert_eq!(
        extended_expiry(expires, false, 31),
        Err(ErrorCode::ValidationFailed)
    );
    assert_eq!(
        extended_expiry(expires, true, 5),
        Err(ErrorCode::AlreadyExtended)
    );
}

#[test]
fn revocation_within_24_hours() {
    let issued = at("2026-05-04T10:00:00+05:00");
    assert_eq!(may_revoke(issued, issued + TimeDelta::hours(23)), Ok(()));
    assert_eq!(may_revoke(issued, issued + TimeDelta::hours(24)), Ok(()));
    assert_eq!(
        may_revoke(issued, issued + TimeDelta::hours(25)),
        Err(ErrorCode::RevokeWindowPassed)
    );
}

fn facts(birth: NaiveDate) -> ChoiceFacts {
    ChoiceFacts {
        state: QueueState::InQueue,
        birth,
        stop_until: None,
        free_places: true,
    }
}

#[test]
fn choosing_needs_queue_age_free_places_and_no_stop_list() {
    let now = at("2026-05-04T10:00:00+05:00");
    // 2 years 11 months, then exactly 3 on the birthday.
    assert_eq!(
        choice_blocked(facts(date(2023, 6, 4)), now),
        Some(ErrorCode::TooYoungToChoose)
    );
    assert_eq!(choice_blocked(facts(date(2023, 5, 4)), now), None);
    let three = date(2023, 1, 1);
    let directed = ChoiceFacts {
        state: QueueState::Directed,
        ..facts(three)
    };
    assert_eq!(choice_blocked(directed, now), Some(ErrorCode::NotInQueue));
    let stopped = ChoiceFacts {
        stop_until: Some(now + TimeDelta::seconds(1)),
        ..facts(three)
    };
    assert_eq!(choice_blocked(stopped, now), Some(ErrorCode::StopListed));
    let over = ChoiceFacts {
        stop_until: Some(now),
        ..facts(three)
    };
    assert_eq!(choice_blocked(over, now), None, "the stop-list ended");
    let full = ChoiceFacts {
        free_places: false,
        ..facts(three)
    };
    assert_eq!(choice_blocked(full, now), Some(ErrorCode::NoFreePlaces));
}

#[test]
fn only_a_confirmed_privilege_counts() {
    use PrivilegeCategory::*;
    assert_eq!(claimed(None), PrivilegeStatus::NotClaimed);
    assert_eq!(claimed(Extraordinary), PrivilegeStatus::Pending);
    assert_eq!(
        effective_category(FirstPriority, PrivilegeStatus::Pending),
        None
    );
    assert_eq!(
        effective_category(FirstPriority, PrivilegeStatus::Confirmed),
        FirstPriority
    );
    assert_eq!(
        effective_category(FirstPriority, PrivilegeStatus::Refused),
        None
    );
}

#[test]
fn numbers_have_the_seeds_shape() {
    let n = QueueNumber::new(at("2026-01-01T00:30:00+05:00"), 24, 1);
    assert_eq!(n.to_string(), "УО.2026.000024.1");
    // The year is Almaty's: 31 December 19:30 UTC is already 1 January there.
    assert_eq!(
        QueueNumber::new(at("2025-12-31T19:30:00Z"), 7, 2).year,
        2026
    );
}

#[test]
fn the_choice_payload_is_canonical() {
    let p = choice_payload(
        "a\nb",
        "УО.2026.000024.1",
        "200101500011",
        "org",
        Lang::Kk,
        2022,
    );
    assert!(p.starts_with("format=qabyldau.preschool.choice.v1\napplication_id=a b\n"));
    assert!(p.contains("\nlanguage=kk\nage_group=2022\n"));
    assert_eq!(p.lines().count(), 8);
}

proptest! {
    /// The expiry is always at least five whole days later, at Almaty midnight, and never on
    /// the far side of more than five working days.
    #[test]
    fn expiry_is_after_five_working_days(secs in 1_767_225_600i64..1_798_761_600i64) {
        let issued = DateTime::from_timestamp(secs, 0).unwrap();
        let expires = direction_expires_at(issued);
        prop_assert!(expires - issued > TimeDelta::days(5));
        let local = expires.with_timezone(&crate::almaty());
        prop_assert_eq!(local.time(), chrono::NaiveTime::MIN);
        let mut working = 0;
        let mut d = issued.with_timezone(&crate::almaty()).date_naive();
        while d < local.date_naive() {
            d = d.succ_opt().unwrap();
            if d < local.date_naive() && !crate::is_day_off(d) {
                working += 1;
            }
        }
        prop_assert_eq!(working, DIRECTION_WORKING_DAYS);
    }
}
