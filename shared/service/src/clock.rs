//! Time is a port: every rule that reads "now" reads it here, so tests and the local runner's
//! dev clock can stand on any date.

use chrono::{DateTime, Duration, Utc};
use std::sync::RwLock;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that can be moved to any instant and runs on from there in real time (an offset
/// over the system clock), so that consecutive calls still get distinct instants.
#[derive(Default)]
pub struct DevClock {
    offset: RwLock<Duration>,
}

impl DevClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// From now on the clock reads `at`, running on in real time.
    pub fn set(&self, at: DateTime<Utc>) {
        let offset = at - Utc::now();
        *self.offset.write().unwrap_or_else(|p| p.into_inner()) = offset;
    }

    /// Back to real time.
    pub fn reset(&self) {
        *self.offset.write().unwrap_or_else(|p| p.into_inner()) = Duration::zero();
    }
}

impl Clock for DevClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.read().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_clock_moves_and_runs_on() {
        let c = DevClock::new();
        let at = DateTime::parse_from_rfc3339("2026-05-14T12:30:00+05:00")
            .unwrap()
            .with_timezone(&Utc);
        c.set(at);
        let a = c.now();
        let b = c.now();
        assert!(a >= at && a - at < Duration::seconds(5));
        assert!(b >= a);
        c.reset();
        assert!((c.now() - Utc::now()).num_seconds().abs() < 5);
    }
}
