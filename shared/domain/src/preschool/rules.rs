//! The rules of the kindergarten service (seed 004), as pure functions.
//!
//! Time: a direction lives 5 working days and the stop-list lasts 10, counted on the
//! Kazakhstan calendar of [`crate::calendar`]. Our reading: the day of issue (or of the expiry)
//! does not count, and the last working day counts whole — the direction is valid until 00:00
//! (Almaty) after the fifth working day that follows the day of issue.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

use crate::{ErrorCode, age_on, almaty, is_day_off};

use super::{PrivilegeCategory, PrivilegeStatus, QueueState};

/// Children from birth up to 6 full years are registered in the queue.
pub const MAX_QUEUE_AGE: u32 = 6;
/// A private kindergarten is chosen from 3 full years.
pub const MIN_CHOICE_AGE: u32 = 3;
/// The working days a direction waits for the child.
pub const DIRECTION_WORKING_DAYS: u32 = 5;
/// The working days of the stop-list after an expired direction.
pub const STOP_LIST_WORKING_DAYS: u32 = 10;
/// The calendar days one extension may add.
pub const MAX_EXTENSION_DAYS: u32 = 30;
/// Expiries that remove the child from the queue.
pub const EXPIRIES_TO_REMOVAL: u32 = 2;

/// The applicant may revoke a direction within this time of its issue.
pub fn revoke_window() -> TimeDelta {
    TimeDelta::hours(24)
}

/// May a child born on `birth` be registered in the queue on `today`?
pub fn may_register(birth: NaiveDate, today: NaiveDate) -> Result<(), ErrorCode> {
    if birth > today || age_on(birth, today) > MAX_QUEUE_AGE {
        return Err(ErrorCode::NotPreschoolAge);
    }
    Ok(())
}

/// 00:00 Almaty after the `n`-th working day following the Almaty day of `from` (see the module
/// documentation). Saturates at the end of chrono's range.
pub fn after_working_days(from: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    let mut day = from.with_timezone(&almaty()).date_naive();
    let mut left = n;
    while left > 0 {
        let Some(next) = day.succ_opt() else {
            return DateTime::<Utc>::MAX_UTC;
        };
        day = next;
        if !is_day_off(day) {
            left -= 1;
        }
    }
    day.succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| t.and_local_timezone(almaty()).single())
        .map_or(DateTime::<Utc>::MAX_UTC, |t| t.to_utc())
}

/// When a direction issued at `issued` expires unless the child arrives.
pub fn direction_expires_at(issued: DateTime<Utc>) -> DateTime<Utc> {
    after_working_days(issued, DIRECTION_WORKING_DAYS)
}

/// Until when a child whose direction expired at `expired` may not choose again.
pub fn stop_list_until(expired: DateTime<Utc>) -> DateTime<Utc> {
    after_working_days(expired, STOP_LIST_WORKING_DAYS)
}

/// The working days a direction expiring at `expires_at` has left at `now`: those after today
/// up to its last day (0 on the last day itself, and once it expired).
pub fn working_days_left(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    let today = now.with_timezone(&almaty()).date_naive();
    // The direction's last day is the one its 00:00 expiry ends.
    let last = (expires_at - TimeDelta::seconds(1))
        .with_timezone(&almaty())
        .date_naive();
    today
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= last)
        .filter(|d| !is_day_off(*d))
        .count()
        .try_into()
        .unwrap_or(u32::MAX)
}

/// The new expiry of a direction extended by `days` calendar days, or why not.
pub fn extended_expiry(
    expires_at: DateTime<Utc>,
    already_extended: bool,
    days: u32,
) -> Result<DateTime<Utc>, ErrorCode> {
    if already_extended {
        return Err(ErrorCode::AlreadyExtended);
    }
    if !(1..=MAX_EXTENSION_DAYS).contains(&days) {
        return Err(ErrorCode::ValidationFailed);
    }
    Ok(expires_at + TimeDelta::days(days.into()))
}

/// May the applicant revoke a direction issued at `issued`, at `now`?
pub fn may_revoke(issued: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), ErrorCode> {
    if now - issued > revoke_window() {
        return Err(ErrorCode::RevokeWindowPassed);
    }
    Ok(())
}

/// What the choice of a private kindergarten depends on, read at `now`.
#[derive(Clone, Copy, Debug)]
pub struct ChoiceFacts {
    pub state: QueueState,
    pub birth: NaiveDate,
    pub stop_until: Option<DateTime<Utc>>,
    /// Whether any kindergarten of the locality has a free place for the child's age group.
    pub free_places: bool,
}

/// Why the applicant may not choose a private kindergarten now (seed 004: the child is in the
/// queue, is 3 or older, there are free places; and the child is not on the stop-list), the
/// first condition that fails, as its error code; `None` when the choice is open.
pub fn choice_blocked(facts: ChoiceFacts, now: DateTime<Utc>) -> Option<ErrorCode> {
    let today = now.with_timezone(&almaty()).date_naive();
    if facts.state != QueueState::InQueue {
        Some(ErrorCode::NotInQueue)
    } else if age_on(facts.birth, today) < MIN_CHOICE_AGE {
        Some(ErrorCode::TooYoungToChoose)
    } else if facts.stop_until.is_some_and(|until| now < until) {
        Some(ErrorCode::StopListed)
    } else if !facts.free_places {
        Some(ErrorCode::NoFreePlaces)
    } else {
        None
    }
}

/// The privilege a claim starts with: none claimed, or pending the department's confirmation.
pub fn claimed(category: PrivilegeCategory) -> PrivilegeStatus {
    match category {
        PrivilegeCategory::None => PrivilegeStatus::NotClaimed,
        _ => PrivilegeStatus::Pending,
    }
}

/// The category the child queues with: only a confirmed one counts.
pub fn effective_category(
    category: PrivilegeCategory,
    status: PrivilegeStatus,
) -> PrivilegeCategory {
    match status {
        PrivilegeStatus::Confirmed => category,
        _ => PrivilegeCategory::None,
    }
}

/// The number of a queue application, `УО.2026.000024.1` (seed 004): the year of registration,
/// the region's running number of that year, and the child's registration count (1 the first
/// time; a child removed from the queue and registered again gets 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueNumber {
    pub year: i32,
    pub seq: u64,
    pub n: u32,
}

impl QueueNumber {
    pub fn new(registered: DateTime<Utc>, seq: u64, n: u32) -> QueueNumber {
        QueueNumber {
            year: registered.with_timezone(&almaty()).year(),
            seq,
            n,
        }
    }
}

impl fmt::Display for QueueNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "УО.{}.{:06}.{}", self.year, self.seq, self.n)
    }
}

/// The birth year a queue and a place's age group are keyed by.
pub fn age_group(birth: NaiveDate) -> i32 {
    birth.year()
}

/// The canonical text the applicant signs when choosing a kindergarten: one `key=value` per
/// line in a fixed order (as the director's decision payload, `crate::signing`), so the client
/// signs exactly what the server recomputes.
pub fn choice_payload(
    application_id: &str,
    number: &str,
    child_iin: &str,
    org_id: &str,
    language: crate::Lang,
    birth_year: i32,
) -> String {
    let year = birth_year.to_string();
    let lines = [
        ("format", "qabyldau.preschool.choice.v1"),
        ("application_id", application_id),
        ("application_number", number),
        ("child_iin", child_iin),
        ("org_id", org_id),
        ("language", language.as_str()),
        ("age_group", &year),
        // The applicant confirmed the seed's warning: the queue number is not kept.
        ("queue_number_not_kept", "true"),
    ];
    crate::signing::canonical(lines)
}

#[cfg(test)]
mod tests;
