//! The in-process queue: the local runner's default and the fast double for unit tests.
//!
//! It keeps SQS's standard-queue semantics where consumers can observe them — visibility
//! timeouts, receive counts, per-receive receipts, long polling, and the redrive to a
//! dead-letter list after [`MAX_RECEIVES`] receives — so code that works against it works
//! against SQS. Messages live in memory only: a restart of the local runner loses them, which
//! the outbox relay covers (it re-sends what was not delivered).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::{MAX_RECEIVES, Message, Queue, QueueError, check_body, check_max, check_receive};

/// An in-memory standard queue with its dead-letter list.
#[derive(Default)]
pub struct EmbeddedQueue {
    state: Mutex<State>,
    /// Wakes long-polling receivers when a message may have become visible (send, release).
    arrivals: Notify,
    unavailable: AtomicBool,
}

#[derive(Default)]
struct State {
    /// Sequence numbers are never reused, so a receipt names its message unambiguously and
    /// iteration order is send order (SQS gives no order; this is merely deterministic).
    next_seq: u64,
    live: BTreeMap<u64, Entry>,
    dead: BTreeMap<u64, Entry>,
}

struct Entry {
    id: String,
    body: String,
    receive_count: u32,
    /// `None` or a past instant: visible.
    invisible_until: Option<Instant>,
    /// The nonce of every receipt issued for this message, latest last (at most
    /// `MAX_RECEIVES`, since the message is dead-lettered after that).
    nonces: Vec<String>,
}

impl Entry {
    fn visible_at(&self, now: Instant) -> bool {
        self.invisible_until.is_none_or(|t| t <= now)
    }
}

impl EmbeddedQueue {
    pub fn new() -> Self {
        Self::default()
    }

    /// Simulates an outage: while set, every operation fails with `Unavailable` and leaves
    /// the queue untouched.
    pub fn set_unavailable(&self, unavailable: bool) {
        self.unavailable.store(unavailable, Ordering::SeqCst);
    }

    fn check_available(&self) -> Result<(), QueueError> {
        if self.unavailable.load(Ordering::SeqCst) {
            Err(QueueError::Unavailable(
                "embedded queue is unavailable (simulated outage)".into(),
            ))
        } else {
            Ok(())
        }
    }

    /// A panic while holding the lock cannot leave the state half-updated in a way that
    /// matters more than losing the queue, so a poisoned lock is simply taken over.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// One non-blocking receive pass. Returns the messages and, when there are none, the
    /// earliest instant an in-flight message becomes visible again (to sleep until then).
    fn try_receive(
        &self,
        max: usize,
        visibility: Duration,
        now: Instant,
    ) -> (Vec<Message>, Option<Instant>) {
        let mut state = self.state();
        let mut out = Vec::new();
        let mut to_dead = Vec::new();
        // Validation caps `visibility` at 12 h, so the addition cannot overflow.
        let hidden_until = now.checked_add(visibility);
        for (&seq, entry) in state.live.iter_mut() {
            if out.len() >= max {
                break;
            }
            if !entry.visible_at(now) {
                continue;
            }
            if entry.receive_count >= MAX_RECEIVES {
                to_dead.push(seq);
                continue;
            }
            let nonce = uuid::Uuid::new_v4().simple().to_string();
            entry.receive_count += 1;
            entry.invisible_until = hidden_until;
            out.push(Message {
                id: entry.id.clone(),
                body: entry.body.clone(),
                receipt: format!("{seq}.{nonce}"),
                receive_count: entry.receive_count,
            });
            entry.nonces.push(nonce);
        }
        for seq in to_dead {
            if let Some(mut entry) = state.live.remove(&seq) {
                tracing::warn!(
                    message_id = %entry.id,
                    receive_count = entry.receive_count,
                    "message moved to the dead-letter queue"
                );
                entry.invisible_until = None;
                entry.nonces.clear();
                state.dead.insert(seq, entry);
            }
        }
        let next_visible = if out.is_empty() {
            state
                .live
                .values()
                .filter_map(|e| e.invisible_until.filter(|&t| t > now))
                .min()
        } else {
            None
        };
        (out, next_visible)
    }
}

/// Splits a receipt `"{seq}.{nonce}"` issued by this queue.
fn parse_receipt(receipt: &str) -> Result<(u64, &str), QueueError> {
    receipt
        .split_once('.')
        .and_then(|(seq, nonce)| Some((seq.parse().ok()?, nonce)))
        .filter(|(_, nonce)| !nonce.is_empty())
        .ok_or_else(|| QueueError::Invalid(format!("not a receipt of this queue: {receipt:?}")))
}

#[async_trait]
impl Queue for EmbeddedQueue {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        self.check_available()?;
        check_body(body)?;
        let id = uuid::Uuid::new_v4().to_string();
        {
            let mut state = self.state();
            let seq = state.next_seq;
            state.next_seq += 1;
            state.live.insert(
                seq,
                Entry {
                    id: id.clone(),
                    body: body.to_owned(),
                    receive_count: 0,
                    invisible_until: None,
                    nonces: Vec::new(),
                },
            );
        }
        self.arrivals.notify_waiters();
        Ok(id)
    }

    async fn receive(
        &self,
        max: u32,
        visibility: Duration,
        wait: Duration,
    ) -> Result<Vec<Message>, QueueError> {
        self.check_available()?;
        check_receive(max, visibility, wait)?;
        let deadline = Instant::now() + wait;
        loop {
            // Register for wake-ups before looking, so a send between the look and the
            // sleep is not missed.
            let arrival = self.arrivals.notified();
            tokio::pin!(arrival);
            arrival.as_mut().enable();

            let now = Instant::now();
            let (messages, next_visible) = self.try_receive(max as usize, visibility, now);
            if !messages.is_empty() || now >= deadline {
                return Ok(messages);
            }
            let until = next_visible.map_or(deadline, |t| t.min(deadline));
            tokio::select! {
                _ = &mut arrival => {}
                _ = tokio::time::sleep_until(until) => {}
            }
        }
    }

    async fn delete(&self, receipt: &str) -> Result<(), QueueError> {
        self.check_available()?;
        let (seq, nonce) = parse_receipt(receipt)?;
        let mut state = self.state();
        if seq >= state.next_seq {
            return Err(QueueError::Invalid(format!(
                "not a receipt of this queue: {receipt:?}"
            )));
        }
        match state.live.get(&seq) {
            // Any receipt ever issued for the message deletes it: the consumer holding it has
            // finished the work, and consumers are idempotent.
            Some(entry) if entry.nonces.iter().any(|n| n == nonce) => {
                state.live.remove(&seq);
                Ok(())
            }
            Some(_) => Err(QueueError::Invalid(format!(
                "not a receipt of this queue: {receipt:?}"
            ))),
            // Already deleted (or dead-lettered): deleting again is harmless.
            None => Ok(()),
        }
    }

    async fn release(&self, receipt: &str, after: Duration) -> Result<(), QueueError> {
        self.check_available()?;
        crate::check_visibility("release delay", after)?;
        let (seq, nonce) = parse_receipt(receipt)?;
        {
            let mut state = self.state();
            let now = Instant::now();
            let entry = state
                .live
                .get_mut(&seq)
                .ok_or_else(|| QueueError::Invalid("message does not exist".into()))?;
            // Only the latest receipt may release: an older one belongs to a consumer whose
            // visibility ran out, and the message may now be in another consumer's hands.
            if entry.nonces.last().map(String::as_str) != Some(nonce) || entry.visible_at(now) {
                return Err(QueueError::Invalid(
                    "message is not in flight with this receipt".into(),
                ));
            }
            entry.invisible_until = if after.is_zero() {
                None
            } else {
                now.checked_add(after)
            };
        }
        // Receivers may be sleeping until the old visibility deadline; let them recompute.
        self.arrivals.notify_waiters();
        Ok(())
    }

    async fn receive_dead(&self, max: u32) -> Result<Vec<Message>, QueueError> {
        self.check_available()?;
        check_max(max)?;
        let mut state = self.state();
        Ok(state
            .dead
            .iter_mut()
            .take(max as usize)
            .map(|(seq, entry)| {
                // Like an SQS receive with zero visibility: counted, but not hidden.
                entry.receive_count = entry.receive_count.saturating_add(1);
                Message {
                    id: entry.id.clone(),
                    body: entry.body.clone(),
                    receipt: format!("dead-{seq}.{}", uuid::Uuid::new_v4().simple()),
                    receive_count: entry.receive_count,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    const NO_WAIT: Duration = Duration::ZERO;

    #[tokio::test]
    async fn outage_switch_fails_everything_and_keeps_messages() {
        let q = EmbeddedQueue::new();
        let id = q.send("before").await.unwrap();
        q.set_unavailable(true);
        let down = |r: Result<_, QueueError>| matches!(r, Err(QueueError::Unavailable(_)));
        assert!(down(q.send("during").await.map(|_| ())));
        assert!(down(
            q.receive(1, Duration::from_secs(5), NO_WAIT)
                .await
                .map(|_| ())
        ));
        assert!(down(q.delete("0.x").await));
        assert!(down(q.release("0.x", NO_WAIT).await));
        assert!(down(q.receive_dead(1).await.map(|_| ())));
        q.set_unavailable(false);
        let got = q
            .receive(10, Duration::from_secs(5), NO_WAIT)
            .await
            .unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id, id);
    }

    #[tokio::test]
    async fn long_poll_wakes_on_send() {
        let q = Arc::new(EmbeddedQueue::new());
        let sender = {
            let q = Arc::clone(&q);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                q.send("late").await.unwrap();
            })
        };
        let started = std::time::Instant::now();
        let got = q
            .receive(1, Duration::from_secs(5), Duration::from_secs(10))
            .await
            .unwrap();
        sender.await.unwrap();
        assert_eq!(got.len(), 1);
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn long_poll_wakes_when_visibility_runs_out() {
        let q = EmbeddedQueue::new();
        q.send("m").await.unwrap();
        let first = q
            .receive(1, Duration::from_millis(200), NO_WAIT)
            .await
            .unwrap();
        assert_eq!(first.len(), 1);
        let started = std::time::Instant::now();
        let again = q
            .receive(1, Duration::from_secs(5), Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].receive_count, 2);
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn only_the_latest_receipt_releases_but_any_deletes() {
        let q = EmbeddedQueue::new();
        q.send("m").await.unwrap();
        let a = q
            .receive(1, Duration::ZERO, NO_WAIT)
            .await
            .unwrap()
            .remove(0);
        let b = q
            .receive(1, Duration::from_secs(30), NO_WAIT)
            .await
            .unwrap()
            .remove(0);
        assert_eq!(b.receive_count, 2);
        assert!(matches!(
            q.release(&a.receipt, NO_WAIT).await,
            Err(QueueError::Invalid(_))
        ));
        q.delete(&a.receipt).await.unwrap();
        assert!(
            q.receive(1, Duration::ZERO, NO_WAIT)
                .await
                .unwrap()
                .is_empty()
        );
    }

    #[tokio::test]
    async fn forged_receipts_are_invalid() {
        let q = EmbeddedQueue::new();
        q.send("m").await.unwrap();
        let m = q
            .receive(1, Duration::from_secs(30), NO_WAIT)
            .await
            .unwrap()
            .remove(0);
        for bad in ["", "x", "0.", "0.nope", "99.abc", "dead-0.abc"] {
            assert!(
                matches!(q.delete(bad).await, Err(QueueError::Invalid(_))),
                "{bad:?}"
            );
        }
        q.delete(&m.receipt).await.unwrap();
    }

    #[tokio::test]
    async fn release_of_expired_message_is_invalid() {
        let q = EmbeddedQueue::new();
        q.send("m").await.unwrap();
        let m = q
            .receive(1, Duration::from_millis(10), NO_WAIT)
            .await
            .unwrap()
            .remove(0);
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(matches!(
            q.release(&m.receipt, NO_WAIT).await,
            Err(QueueError::Invalid(_))
        ));
    }
}
