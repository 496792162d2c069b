//! What AWS runs on its own when deployed: the EventBridge schedules (each job on its rate) and
//! the SQS event source (the consumer gets batches; failed messages come back after their
//! visibility timeout and go to the dead-letter queue after 5 receives).

use std::sync::Arc;
use std::time::Duration;

use service::lambda::Consumer;

use crate::app::State;
use crate::routes::{TEMPLATE, consumers, template_consumers, template_schedules};

/// How long a received message stays invisible while the consumer works on it.
const VISIBILITY: Duration = Duration::from_secs(30);
/// How long one receive waits for messages (a long poll).
const WAIT: Duration = Duration::from_secs(1);
/// Batches of one queue handled at once: Lambda's SQS event source likewise runs several
/// invocations side by side (five pollers to start with), so one slow batch holds up no other.
const POLLERS: usize = 4;

pub fn spawn(state: Arc<State>) -> Result<(), String> {
    for (job, period) in template_schedules(TEMPLATE)? {
        let state = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.tick().await; // the first tick is immediate; the schedule's is one period later
            loop {
                tick.tick().await;
                match run_job(&state, &job).await {
                    Ok(n) => tracing::info!(job, processed = n, "scheduled job done"),
                    Err(e) => tracing::error!(job, error = %e, "scheduled job failed"),
                }
            }
        });
    }
    let hosted = consumers();
    for name in template_consumers(TEMPLATE)? {
        let consumer = *hosted
            .get(name.as_str())
            .ok_or_else(|| format!("the template's SQS consumer `{name}` is not hosted"))?;
        for _ in 0..POLLERS {
            let (state, name) = (state.clone(), name.clone());
            tokio::spawn(async move { poll(&state, &name, consumer).await });
        }
    }
    Ok(())
}

/// Receives batches for one consumer and settles each message as the consumer reports it.
async fn poll(state: &State, name: &str, consumer: Consumer) {
    loop {
        let messages = match state.ctx.queue.receive(10, VISIBILITY, WAIT).await {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(consumer = name, error = %e, "queue unavailable");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if messages.is_empty() {
            continue;
        }
        let receipts: Vec<(String, String)> = messages
            .iter()
            .map(|m| (m.id.clone(), m.receipt.clone()))
            .collect();
        let failed = consumer(state.ctx.clone(), messages).await;
        for (id, receipt) in receipts {
            if failed.contains(&id) {
                // Back on the queue after a short pause, as SQS would after visibility.
                let _ = state
                    .ctx
                    .queue
                    .release(&receipt, Duration::from_secs(2))
                    .await;
            } else if let Err(e) = state.ctx.queue.delete(&receipt).await {
                tracing::warn!(consumer = name, error = %e, "delete failed");
            }
        }
    }
}

/// Runs a scheduled job now (the timer, or `POST /api/dev/jobs/{job}`).
pub async fn run_job(state: &State, job: &str) -> Result<u64, String> {
    let run = *crate::routes::jobs()
        .get(job)
        .ok_or_else(|| format!("no job {job}"))?;
    run(state.ctx.clone())
        .await
        .map_err(|e| format!("{}: {}", e.code.as_str(), e.log.unwrap_or_default()))
}
