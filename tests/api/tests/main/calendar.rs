//! The review deadline through the API: `due_at` is one working day (Monday–Friday
//! 09:00–18:30 Almaty, except days off) after the submission, by the dev clock.
//!
//! Each scenario is written once and instantiated for both stores by `scenarios!`.

use api_tests::*;
use chrono::{DateTime, FixedOffset, TimeDelta};

scenarios!(
    thursday_noon_is_due_friday_noon,
    saturday_is_due_monday_evening
);

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Sets the dev clock to `now`, submits a fresh application to a fresh school and returns
/// its `submitted_at` and `due_at`.
async fn submit_at(h: &Harness, now: &str) -> (DateTime<FixedOffset>, DateTime<FixedOffset>) {
    let school = h.school().await;
    let parent = h.person("Сәуле Күнтізбеева").await;
    h.set_clock(now).await;
    let (s, app) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {app}");
    let submitted = time_plus5(&app, "submitted_at");
    let due = time_plus5(&app, "due_at");
    // The application as read back carries the same deadline.
    let id = str_field(&app, "id");
    let got = h.read_application(&parent.token, &id).await;
    assert_eq!(time_plus5(&got, "due_at"), due, "{got}");
    (submitted, due)
}

/// Whether `got` is `want` give or take the seconds the dev clock ran on during the test.
fn about(got: DateTime<FixedOffset>, want: DateTime<FixedOffset>) -> bool {
    (got - want).abs() < TimeDelta::minutes(1)
}

async fn thursday_noon_is_due_friday_noon(h: Harness) {
    // Seed 001: submitted Thursday 12:30 → to be processed by Friday 12:30.
    let (submitted, due) = submit_at(&h, "2026-05-14T12:30:00+05:00").await;
    assert!(
        about(submitted, t("2026-05-14T12:30:00+05:00")),
        "submitted_at {submitted} does not follow the dev clock"
    );
    assert!(
        about(due, t("2026-05-15T12:30:00+05:00")),
        "due_at {due} is not Friday 12:30"
    );
    // Working time that ran on since the clock was set runs on in the deadline too.
    assert_eq!(due - submitted, TimeDelta::hours(24), "{submitted} → {due}");
}

async fn saturday_is_due_monday_evening(h: Harness) {
    // Outside working time the day counts from Monday 09:00: due at its end, 18:30.
    let (submitted, due) = submit_at(&h, "2026-05-16T10:00:00+05:00").await;
    assert!(
        about(submitted, t("2026-05-16T10:00:00+05:00")),
        "submitted_at {submitted} does not follow the dev clock"
    );
    assert_eq!(due, t("2026-05-18T18:30:00+05:00"), "due_at {due}");
}
