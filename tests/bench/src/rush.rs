//! The opening-day rush: `concurrency` parents at a time, each submitting once, until every
//! prepared submission is sent; each one's latency and whether it was a 201.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// One parent's submission: their token and the application body.
pub struct Submission {
    pub token: String,
    pub body: Value,
}

/// What a load run measured.
pub struct Measured {
    /// Every request's latency, sorted.
    pub latencies: Vec<Duration>,
    /// The requests that did not succeed: status (0 when no answer) and body.
    pub errors: Vec<(u16, String)>,
    pub elapsed: Duration,
    /// The successful answers' bodies, in no particular order.
    pub created: Vec<Value>,
}

impl Measured {
    pub fn rate(&self) -> f64 {
        self.created.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// The `q`-quantile latency in ms (nearest rank).
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank =
            ((q * self.latencies.len() as f64).ceil() as usize).clamp(1, self.latencies.len());
        self.latencies[rank - 1].as_secs_f64() * 1e3
    }
}

/// POSTs each submission to `url` with `concurrency` in flight.
pub async fn fire(
    client: &reqwest::Client,
    url: &str,
    jobs: Vec<Submission>,
    concurrency: usize,
) -> Measured {
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (jobs, next, client, url) =
                (jobs.clone(), next.clone(), client.clone(), url.to_string());
            tokio::spawn(async move {
                let mut mine = (Vec::new(), Vec::new(), Vec::new());
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else {
                        return mine;
                    };
                    let t = Instant::now();
                    let answer = client
                        .post(&url)
                        .bearer_auth(&job.token)
                        .json(&job.body)
                        .send()
                        .await;
                    let outcome = match answer {
                        Ok(r) => {
                            let status = r.status().as_u16();
                            let text = r.text().await.unwrap_or_default();
                            (status, text)
                        }
                        Err(e) => (0, e.to_string()),
                    };
                    mine.0.push(t.elapsed());
                    match outcome {
                        (201, text) => match serde_json::from_str(&text) {
                            Ok(v) => mine.2.push(v),
                            Err(_) => mine.1.push((201, text)),
                        },
                        other => mine.1.push(other),
                    }
                }
            })
        })
        .collect();
    let mut m = Measured {
        latencies: Vec::new(),
        errors: Vec::new(),
        elapsed: Duration::ZERO,
        created: Vec::new(),
    };
    for w in workers {
        let (lat, err, created) = w.await.expect("load worker");
        m.latencies.extend(lat);
        m.errors.extend(err);
        m.created.extend(created);
    }
    m.elapsed = started.elapsed();
    m.latencies.sort();
    m
}
