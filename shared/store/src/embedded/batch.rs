//! Group commit: one writer thread owns every write transaction. Concurrent calls queue up
//! while a commit is being made durable; the writer then applies all that waited in ONE redb
//! write transaction, each call judged alone in arrival order (its conditions against the
//! state the calls before it left, before any of its own writes, so a call that fails writes
//! nothing and fails no other), commits once and only then answers each caller. A caller told
//! `Ok` has its writes committed (durably: redb's default durability), as without batching;
//! what batching saves is one commit, and so one fsync, per call.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use super::{Inner, unavailable};
use crate::{Item, Key, StoreError, WriteOp};

/// The most calls one redb transaction takes: bounds how long the first caller of a batch
/// waits behind the others when the queue is long.
const MAX_BATCH: usize = 256;

/// What a call answers: each write's resulting item (`None` for a delete or check).
pub(super) type Outcome = Result<Vec<Option<Item>>, StoreError>;

/// One validated write call waiting for the writer.
struct Call {
    writes: Vec<WriteOp>,
    keys: Vec<Key>,
    reply: oneshot::Sender<Outcome>,
}

/// The writer thread and its queue; dropping it lets the thread finish the queued calls and
/// joins it, so the database file is closed when the store is dropped.
pub(super) struct Writer {
    queue: Option<mpsc::Sender<Call>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    pub(super) fn start(inner: Arc<Inner>) -> Result<Writer, StoreError> {
        let (queue, calls) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("embedded-store-writer".into())
            .spawn(move || run(&inner, calls))
            .map_err(unavailable)?;
        Ok(Writer {
            queue: Some(queue),
            thread: Some(thread),
        })
    }

    /// Queues a validated call (`keys`: each write's key) and waits until its batch is
    /// committed or its conditions failed.
    pub(super) async fn execute(&self, writes: Vec<WriteOp>, keys: Vec<Key>) -> Outcome {
        let stopped = || unavailable("the writer has stopped");
        let (reply, answer) = oneshot::channel();
        self.queue
            .as_ref()
            .ok_or_else(stopped)?
            .send(Call {
                writes,
                keys,
                reply,
            })
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        drop(self.queue.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Takes whatever has queued (at least one call, at most [`MAX_BATCH`]) and commits it, until
/// the store is dropped.
fn run(inner: &Inner, calls: mpsc::Receiver<Call>) {
    while let Ok(first) = calls.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match calls.try_recv() {
                Ok(call) => batch.push(call),
                Err(_) => break,
            }
        }
        let outcomes = apply(inner, &batch);
        for (call, outcome) in batch.into_iter().zip(outcomes) {
            // A caller that gave up (its future dropped) no longer listens: nothing to do.
            let _ = call.reply.send(outcome);
        }
    }
}

/// Each call's outcome. A storage error anywhere fails the whole batch (nothing of it is
/// committed), as it would have failed each call alone.
fn apply(inner: &Inner, batch: &[Call]) -> Vec<Outcome> {
    let all = |e: StoreError| batch.iter().map(|_| Err(e.clone())).collect();
    let txn = match inner.db.begin_write() {
        Ok(t) => t,
        Err(e) => return all(unavailable(e)),
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for call in batch {
        let outcome = inner.execute_in(&txn, &call.writes, &call.keys);
        // Conditions and invalid results are found before a call writes anything; only the
        // storage itself fails halfway.
        if let Err(e @ StoreError::Unavailable(_)) = outcome {
            let _ = txn.abort();
            return all(e);
        }
        outcomes.push(outcome);
    }
    if !outcomes.iter().any(Result::is_ok) {
        // Every call failed its conditions: nothing was written, nothing to make durable.
        let _ = txn.abort();
        return outcomes;
    }
    match txn.commit() {
        Ok(()) => {
            inner.commits.fetch_add(1, Ordering::Relaxed);
            outcomes
        }
        Err(e) => all(unavailable(e)),
    }
}
