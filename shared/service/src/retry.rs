//! Backing off before retrying a transaction another one collided with.

use std::time::Duration;

/// Sleeps 5–24 ms (jittered, so colliding writers spread out) plus `step_ms` per attempt
/// already made.
pub async fn back_off(attempt: u32, step_ms: u64) {
    let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) % 20;
    tokio::time::sleep(Duration::from_millis(
        5 + jitter + u64::from(attempt) * step_ms,
    ))
    .await;
}
