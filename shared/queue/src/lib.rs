//! The queue port: how notifications leave the outbox and reach their consumers.
//!
//! The port mirrors the parts of SQS standard queues the system relies on — at-least-once
//! delivery, visibility timeouts, receive counts and a dead-letter queue fed by a redrive
//! policy — so that the embedded adapter (local runner, unit tests) and the SQS adapter
//! (deployments, moto) behave alike. Both pass the contract suite in `tests/contract.rs`.
//!
//! Limits are checked here, once, for both adapters: input SQS would reject is rejected by
//! the embedded adapter too, so nothing that works locally fails only in AWS.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;

pub mod embedded;
pub mod sqs;

pub use embedded::EmbeddedQueue;
pub use sqs::{SqsQueue, ensure_queues, sqs_client};

/// After this many receives without a delete, a message goes to the dead-letter queue (on
/// the next receive attempt, as SQS's `maxReceiveCount` does).
pub const MAX_RECEIVES: u32 = 5;

/// Most messages one `receive` returns (the SQS limit).
pub const MAX_BATCH: u32 = 10;

/// Longest long-poll wait (the SQS limit).
pub const MAX_WAIT: Duration = Duration::from_secs(20);

/// Longest visibility timeout or release delay (the SQS limit).
pub const MAX_VISIBILITY: Duration = Duration::from_secs(12 * 60 * 60);

/// Largest message body in bytes. SQS now accepts 1 MiB, but 256 KiB is what every SQS
/// implementation we run against (AWS, LocalStack, moto) accepts; notifications are tiny.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// One received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Stable across redeliveries: what idempotent consumers key on.
    pub id: String,
    pub body: String,
    /// Changes on every receive; `delete` and `release` take it.
    pub receipt: String,
    /// How many times this message has been received, this time included (1 on first delivery).
    pub receive_count: u32,
}

/// Why a queue operation failed.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum QueueError {
    /// The queue could not be reached or failed; retrying later may succeed.
    #[error("queue unavailable: {0}")]
    Unavailable(String),
    /// The request itself is wrong (bad body, out-of-range argument, unknown receipt);
    /// retrying it unchanged will not help.
    #[error("invalid queue request: {0}")]
    Invalid(String),
}

/// A standard (at-least-once, unordered) queue with a dead-letter queue behind it.
#[async_trait]
pub trait Queue: Send + Sync {
    /// Sends one message; returns its id.
    ///
    /// The body must be non-empty, at most [`MAX_BODY_BYTES`], and use only the characters
    /// SQS accepts (no control characters other than tab, newline and carriage return).
    async fn send(&self, body: &str) -> Result<String, QueueError>;

    /// Receives up to `max` (1..=10) messages, making them invisible for `visibility`; waits
    /// up to `wait` for the first one.
    ///
    /// `visibility` is at most 12 h and `wait` at most 20 s; adapters may round both up (SQS
    /// counts whole seconds). An empty result after the wait is not an error. A message
    /// already received [`MAX_RECEIVES`] times is moved to the dead-letter queue instead of
    /// being returned.
    async fn receive(
        &self,
        max: u32,
        visibility: Duration,
        wait: Duration,
    ) -> Result<Vec<Message>, QueueError>;

    /// Deletes a received message: the consumer is done with it.
    ///
    /// Deleting an already deleted message succeeds, so a retried delete is harmless.
    async fn delete(&self, receipt: &str) -> Result<(), QueueError>;

    /// Makes a received message visible again after `after` (zero = now): how a failed
    /// message is retried.
    ///
    /// Fails with `Invalid` when the message is no longer in flight with this receipt
    /// (deleted, dead-lettered, or its visibility already ran out); callers can log that and
    /// move on, since the message is then visible or gone anyway.
    async fn release(&self, receipt: &str, after: Duration) -> Result<(), QueueError>;

    /// Receives from the dead-letter queue (for operators and tests).
    ///
    /// A peek: dead messages are neither removed nor hidden, so repeated calls see them again.
    async fn receive_dead(&self, max: u32) -> Result<Vec<Message>, QueueError>;
}

/// Lets a shared queue (`Arc<dyn Queue>`) be wrapped, e.g. in [`Flaky`].
#[async_trait]
impl<Q: Queue + ?Sized> Queue for Arc<Q> {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        (**self).send(body).await
    }
    async fn receive(
        &self,
        max: u32,
        visibility: Duration,
        wait: Duration,
    ) -> Result<Vec<Message>, QueueError> {
        (**self).receive(max, visibility, wait).await
    }
    async fn delete(&self, receipt: &str) -> Result<(), QueueError> {
        (**self).delete(receipt).await
    }
    async fn release(&self, receipt: &str, after: Duration) -> Result<(), QueueError> {
        (**self).release(receipt, after).await
    }
    async fn receive_dead(&self, max: u32) -> Result<Vec<Message>, QueueError> {
        (**self).receive_dead(max).await
    }
}

/// Any queue with an outage switch: while down, every operation fails with `Unavailable`
/// and nothing reaches the inner queue. Tests of the outbox use it to show that a message
/// written while SQS is down is still delivered once it is back.
pub struct Flaky<Q> {
    inner: Q,
    down: AtomicBool,
}

impl<Q> Flaky<Q> {
    /// Wraps `inner`, initially up.
    pub fn new(inner: Q) -> Self {
        Self {
            inner,
            down: AtomicBool::new(false),
        }
    }

    /// Starts (`true`) or ends (`false`) the simulated outage.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::SeqCst)
    }

    pub fn inner(&self) -> &Q {
        &self.inner
    }

    fn check(&self) -> Result<(), QueueError> {
        if self.is_down() {
            Err(QueueError::Unavailable(
                "queue is down (simulated outage)".into(),
            ))
        } else {
            Ok(())
        }
    }
}

#[async_trait]
impl<Q: Queue> Queue for Flaky<Q> {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        self.check()?;
        self.inner.send(body).await
    }
    async fn receive(
        &self,
        max: u32,
        visibility: Duration,
        wait: Duration,
    ) -> Result<Vec<Message>, QueueError> {
        self.check()?;
        self.inner.receive(max, visibility, wait).await
    }
    async fn delete(&self, receipt: &str) -> Result<(), QueueError> {
        self.check()?;
        self.inner.delete(receipt).await
    }
    async fn release(&self, receipt: &str, after: Duration) -> Result<(), QueueError> {
        self.check()?;
        self.inner.release(receipt, after).await
    }
    async fn receive_dead(&self, max: u32) -> Result<Vec<Message>, QueueError> {
        self.check()?;
        self.inner.receive_dead(max).await
    }
}

/// Rejects bodies SQS would reject, so the embedded adapter cannot accept more than SQS.
pub(crate) fn check_body(body: &str) -> Result<(), QueueError> {
    if body.is_empty() {
        return Err(QueueError::Invalid("message body is empty".into()));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(QueueError::Invalid(format!(
            "message body is {} bytes, more than {MAX_BODY_BYTES}",
            body.len()
        )));
    }
    // SQS allows #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF; a Rust
    // string cannot hold surrogates, so only the rest needs checking.
    if let Some(c) = body
        .chars()
        .find(|&c| !matches!(c, '\t' | '\n' | '\r' | ' '..='\u{FFFD}' | '\u{10000}'..))
    {
        return Err(QueueError::Invalid(format!(
            "message body contains character U+{:04X}, which SQS does not accept",
            u32::from(c)
        )));
    }
    Ok(())
}

pub(crate) fn check_max(max: u32) -> Result<(), QueueError> {
    if (1..=MAX_BATCH).contains(&max) {
        Ok(())
    } else {
        Err(QueueError::Invalid(format!(
            "max must be 1..={MAX_BATCH}, got {max}"
        )))
    }
}

pub(crate) fn check_receive(
    max: u32,
    visibility: Duration,
    wait: Duration,
) -> Result<(), QueueError> {
    check_max(max)?;
    check_visibility("visibility", visibility)?;
    if whole_seconds(wait) > MAX_WAIT.as_secs() {
        return Err(QueueError::Invalid(format!(
            "wait must be at most {} s, got {wait:?}",
            MAX_WAIT.as_secs()
        )));
    }
    Ok(())
}

pub(crate) fn check_visibility(what: &str, d: Duration) -> Result<(), QueueError> {
    if whole_seconds(d) > MAX_VISIBILITY.as_secs() {
        return Err(QueueError::Invalid(format!(
            "{what} must be at most {} s, got {d:?}",
            MAX_VISIBILITY.as_secs()
        )));
    }
    Ok(())
}

/// A duration in whole seconds, rounded up: SQS counts in seconds, and rounding down could
/// turn a short visibility timeout into none at all.
pub(crate) fn whole_seconds(d: Duration) -> u64 {
    d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_sqs_rejects_are_invalid() {
        assert!(check_body("{\"to\":\"a\"}\n\tтекст 😀").is_ok());
        assert!(matches!(check_body(""), Err(QueueError::Invalid(_))));
        assert!(matches!(check_body("a\u{0}b"), Err(QueueError::Invalid(_))));
        assert!(matches!(
            check_body("\u{FFFE}"),
            Err(QueueError::Invalid(_))
        ));
        assert!(check_body(&"x".repeat(MAX_BODY_BYTES)).is_ok());
        assert!(matches!(
            check_body(&"x".repeat(MAX_BODY_BYTES + 1)),
            Err(QueueError::Invalid(_))
        ));
    }

    #[test]
    fn receive_limits() {
        let s = Duration::from_secs;
        assert!(check_receive(1, s(0), s(0)).is_ok());
        assert!(check_receive(10, MAX_VISIBILITY, MAX_WAIT).is_ok());
        assert!(check_receive(0, s(1), s(0)).is_err());
        assert!(check_receive(11, s(1), s(0)).is_err());
        assert!(check_receive(1, MAX_VISIBILITY + Duration::from_millis(1), s(0)).is_err());
        assert!(check_receive(1, s(1), MAX_WAIT + Duration::from_millis(1)).is_err());
    }

    #[test]
    fn whole_seconds_rounds_up() {
        assert_eq!(whole_seconds(Duration::ZERO), 0);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1000)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
    }
}
