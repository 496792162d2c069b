//! The store's own rate: what a submission commits (the school's counter read, the numbered
//! transaction of counter, child's guard, application, history event and receipt, and the
//! receipt marked sent after the queue took it: `service::submission::submit_numbered`, the
//! code the HTTP handler runs) driven straight against an embedded store on the same disk,
//! with the same concurrency and the same spread over schools, without HTTP, sign-in or the
//! handler's reads. The ceiling of this design on this machine.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use domain::api::{Applicant, Application, Child, Org};
use domain::lifecycle::Change;
use domain::services::rules;
use domain::{AcademicYear, Lang, Service};
use service::access::Caller;
use service::submission::{self, Submission};
use service::{ApiError, Ctx};
use store::embedded::EmbeddedStore;
use store::{StoreError, WriteOp};

/// One submission: the parent and the application's child and applicant parts.
pub struct Job {
    pub caller: Caller,
    pub child: Child,
    pub applicant: Applicant,
}

pub struct StoreRate {
    pub submissions: usize,
    pub elapsed: Duration,
    /// Write calls per redb commit (group commit at work when above 1).
    pub calls_per_commit: f64,
}

impl StoreRate {
    pub fn rate(&self) -> f64 {
        self.submissions as f64 / self.elapsed.as_secs_f64()
    }
}

/// A 1st-grade submission without a child's guard to take over (the rush has none).
struct Plain<'a> {
    change: &'a Change,
}

impl Submission for Plain<'_> {
    fn writes(
        &self,
        application: &Application,
        last: u64,
        _now: DateTime<Utc>,
    ) -> Result<Vec<WriteOp>, ApiError> {
        Ok(table::application::submit(application, last, self.change)?)
    }

    async fn condition_failed(&mut self, _: &Application, index: usize) -> Result<(), ApiError> {
        Err(StoreError::ConditionFailed { index }.into())
    }
}

/// Submits job `i` to `orgs[i % orgs.len()]`, `concurrency` at a time, on a fresh store file
/// in `dir`.
pub async fn measure(
    dir: &std::path::Path,
    orgs: &[Org],
    jobs: Vec<Job>,
    concurrency: usize,
) -> StoreRate {
    let store = Arc::new(EmbeddedStore::open(dir.join("store-rate.redb")).expect("open the store"));
    let ctx = Arc::new(Ctx::for_tests(
        store.clone(),
        Arc::new(queue::embedded::EmbeddedQueue::new()),
        Arc::new(service::sms::SmsSink::default()),
        Utc::now(),
        dir,
    ));
    let year: AcademicYear = serde_json::from_value(api_tests::YEAR.into()).expect("year");
    let (jobs, orgs) = (Arc::new(jobs), Arc::new(orgs.to_vec()));
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (ctx, jobs, orgs, next) = (ctx.clone(), jobs.clone(), orgs.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { return };
                    let service = rules(Service::Grade1);
                    let org = &orgs[i % orgs.len()];
                    let (mut application, change) = submission::draft(
                        &job.caller,
                        service,
                        org,
                        year,
                        Lang::Ru,
                        job.child.clone(),
                        job.applicant.clone(),
                    )
                    .expect("draft");
                    let mut plain = Plain { change: &change };
                    submission::submit_numbered(
                        &ctx,
                        &job.caller,
                        service,
                        &mut application,
                        &mut plain,
                    )
                    .await
                    .unwrap_or_else(|e| panic!("store-rate submission {i}: {e:?}"));
                }
            })
        })
        .collect();
    for w in workers {
        w.await.expect("store-rate worker");
    }
    let elapsed = started.elapsed();
    // Each submission makes two write calls: the numbered transaction and the receipt's mark.
    let calls = 2.0 * jobs.len() as f64;
    StoreRate {
        submissions: jobs.len(),
        elapsed,
        calls_per_commit: calls / store.commits().max(1) as f64,
    }
}
