//! Storing a new application under the organisation's next number, for every service that
//! numbers its applications per organisation (1st grade, college). Numbers follow the order
//! of submission: each attempt reads the counter, then the clock, and commits the counter's
//! step, the child's guard, the application, its history event and the receipt (outbox) in one
//! transaction; another submission that took the number first makes it read again.

use chrono::{DateTime, Utc};
use domain::api::{Applicant, Application, Child};
use domain::lifecycle::{AppIndex, Change, Event};
use domain::services::ServiceRules;
use domain::{AcademicYear, AdmissionType, ErrorCode, Lang, to_almaty};
use store::{StoreError, WriteOp};
use table::outbox::{self, NoticeEvent, OutboxMessage};
use table::{application, audit};

use crate::access::Caller;
use crate::{ApiError, Ctx};

/// How often a submission retries when another one took the next number first. Each retry
/// re-reads the counter; under an organisation's opening-minute rush a few retries suffice.
const NUMBER_ATTEMPTS: u32 = 25;

/// A new application of `service` by `caller` for `child`, in the status the service's
/// lifecycle starts it in (with that change, for the writes): a fresh id, not numbered nor
/// timed yet ([`submit_numbered`] does both when it stores it), with nobody responsible, no
/// decision, signature or lateness, and none of what only some services ask (addresses,
/// transport, special needs, documents, the college's part): the submission sets those.
pub fn draft(
    caller: &Caller,
    service: &dyn ServiceRules,
    org: &domain::api::Org,
    academic_year: AcademicYear,
    language: Lang,
    child: Child,
    applicant: Applicant,
) -> Result<(Application, Change), ApiError> {
    let change = service
        .transition(None, Event::Submit)
        .map_err(|e| ApiError::internal(format!("{e:?}")))?;
    let unset = to_almaty(DateTime::UNIX_EPOCH);
    let application = Application {
        id: uuid::Uuid::new_v4().to_string(),
        number: 0,
        service: service.service(),
        org_id: org.id.clone(),
        region: org.region.clone(),
        locality_id: org.locality_id.clone(),
        academic_year,
        grade: 1,
        language,
        status: change.after.status,
        admission_type: AdmissionType::Outside,
        submitted_at: unset,
        due_at: unset,
        overdue: false,
        applicant_iin: caller.iin.clone(),
        applicant_name: caller.name.clone(),
        child,
        applicant,
        registered_address_id: None,
        registered_address: None,
        actual_address: None,
        transport_requested: false,
        special_needs: false,
        documents: Vec::new(),
        assignee_iin: None,
        assignee_name: None,
        decision: None,
        signature: None,
        overdue_at: None,
        college: None,
        // Joining a review queue: its place number is taken with the number.
        queue_seq: change.enter.contains(&AppIndex::ReviewQueue).then_some(0),
        queue_place: None,
    };
    Ok((application, change))
}

/// What a submission does beyond the numbering.
pub trait Submission {
    /// The writes of one attempt at `application` (number, `submitted_at` and `due_at` set)
    /// after the counter read `last`: the counter's step first (write 0, as
    /// `table::application::submit` gives it), then whatever the service holds. The history
    /// event and the receipt are added after them.
    fn writes(
        &self,
        application: &Application,
        last: u64,
        now: DateTime<Utc>,
    ) -> Result<Vec<WriteOp>, ApiError>;

    /// A condition failed on write `index` (not the counter's): `Ok` to try again (what was
    /// read has been looked at anew), or the error that answers the submission.
    fn condition_failed(
        &mut self,
        application: &Application,
        index: usize,
    ) -> impl Future<Output = Result<(), ApiError>> + Send;
}

/// Stores `application` as submitted by `caller` under its organisation's next number, its
/// instant read after the counter (a later number never gets an earlier instant) and its
/// deadline the service's; sends the receipt after commit. `application` is left as stored.
pub async fn submit_numbered(
    ctx: &Ctx,
    caller: &Caller,
    service: &dyn ServiceRules,
    application: &mut Application,
    submission: &mut impl Submission,
) -> Result<(), ApiError> {
    let store = ctx.store.as_ref();
    for attempt in 0..NUMBER_ATTEMPTS {
        let counter = application::counter(store, &application.org_id).await?;
        let last = counter.last;
        let now = ctx.now();
        application.number = last + 1;
        if application.queue_seq.is_some() {
            application.queue_seq = Some(counter.last_in_queue(application) + 1);
        }
        application.submitted_at = to_almaty(now);
        application.due_at = to_almaty(service.due_at(now));
        let mut writes = submission.writes(application, last, now)?;
        writes.push(audit::application_event(
            &application.id,
            now,
            &caller.iin,
            "applicant",
            "submitted",
            None,
        )?);
        // The receipt to the applicant, in the same transaction (outbox).
        let receipt = OutboxMessage::new(
            NoticeEvent::Submitted,
            &application.id,
            &application.org_id,
            now,
        );
        writes.push(outbox::write(&receipt)?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                crate::outbox::send_after_commit(ctx, &[receipt]).await;
                return Ok(());
            }
            Err(StoreError::ConditionFailed { index: 0 }) | Err(StoreError::Conflict) => {
                // Someone took this number first: back off a little (jittered) and retry.
                crate::retry::back_off(attempt, 5).await;
            }
            Err(StoreError::ConditionFailed { index }) => {
                submission.condition_failed(application, index).await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("no application number after retries"))
}

/// 422 `campaign_closed` on `academic_year`, naming the dates, unless the region's campaign
/// of the service for the year accepts applications today (a service without a period always
/// does).
pub async fn require_campaign_open(
    ctx: &Ctx,
    region: &str,
    service: domain::Service,
    year: AcademicYear,
) -> Result<(), ApiError> {
    let campaign =
        table::campaign::get(ctx.store.as_ref(), region, service, year, ctx.now()).await?;
    match campaign {
        Some(c) => c
            .require_open()
            .map_err(|e| ApiError::from(e).detail(c.closed_text())),
        None => Ok(()),
    }
}
