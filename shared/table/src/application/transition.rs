//! A status change as one conditional write: the lifecycle's [`Change`] becomes the
//! application's update (status, overdue flag, decision, and the index entries it enters and
//! leaves), on the condition that the application is still in the state read, together with
//! the seat it takes or frees and the child's guard it releases.

use chrono::{DateTime, Utc};
use domain::api::{Application, Decision, SignatureRecord};
use store::{Condition, Store, StoreError, Update, WriteOp};

use super::{Stored, queue_position};
use crate::keys::{self, GSI3, GSI4, Index};
use domain::lifecycle::{AppIndex, Change, Hold, State};
use domain::services::{SeatAccounting, rules};

use crate::{due, limit};

/// What the change records beside the state.
#[derive(Clone, Copy, Debug)]
pub enum Record<'a> {
    Nothing,
    /// The decision awaiting signature.
    Decision(&'a Decision),
    /// The director's signature of the final decision.
    Signature(&'a SignatureRecord),
    /// When the deadline was found passed.
    OverdueAt(DateTime<Utc>),
}

/// The application's state as the lifecycle knows it.
pub(crate) fn state_of(application: &Application) -> State {
    State {
        status: application.status,
        overdue: application.overdue,
        decision: application.decision.as_ref().map(|d| d.decision),
    }
}

/// The index attributes and the entry of an application in one of the indexes its state
/// decides.
pub(crate) fn entry(application: &Application, index: AppIndex) -> (Index, String, String) {
    match index {
        AppIndex::ReviewQueue => (
            GSI3,
            keys::review_queue(
                &application.org_id,
                &application.academic_year.to_string(),
                application.grade,
            ),
            queue_position(application),
        ),
        AppIndex::Due => (
            GSI4,
            due::partition(due::shard(&application.id)),
            due::sort_key(application.due_at.to_utc(), &application.id),
        ),
        AppIndex::Overdue => (
            GSI4,
            keys::overdue_index(&application.region),
            due::sort_key(application.due_at.to_utc(), &application.id),
        ),
    }
}

/// The writes of a change of a stored application ([`Stored::change`]), in this order: the application's update
/// (write 0: fails when the application is no longer as read), the seat taken or freed as the
/// service counts seats (write 1 when there is one: taking fails when no seat may be taken),
/// the child's guard released, the review queue's version moved when the application enters
/// or leaves the queue (its condition failing means: read the queue again and retry; see
/// [`super::queue`]), then the report's counters (unconditional). The caller adds the history event and the outbox message to
/// the same transaction.
pub fn transition(
    stored: &Stored,
    change: &Change,
    record: Record,
) -> Result<Vec<WriteOp>, StoreError> {
    let application = &stored.application;
    let before = stored.state();
    let mut update = Update::new().set("status", change.after.status.as_str());
    let mut condition = stored.unchanged();
    if change.after.overdue != before.overdue {
        update = update.set("overdue", change.after.overdue);
        condition.push(Condition::eq("overdue", before.overdue));
    }
    if change.after.decision.is_none() && stored.decision.is_some() {
        update = update.remove("decision");
    }
    update = match record {
        Record::Nothing => update,
        Record::Decision(d) => update.set("decision", to_value(d)?),
        Record::Signature(s) => update.set("signature", to_value(s)?),
        Record::OverdueAt(at) => update.set("overdue_at", domain::to_almaty(at).to_rfc3339()),
    };
    let mut entered = Vec::new();
    for index in &change.enter {
        let (attrs, pk, sk) = entry(application, *index);
        update = update.set(attrs.pk, pk).set(attrs.sk, sk);
        entered.push(attrs);
    }
    for index in &change.leave {
        let (attrs, _, _) = entry(application, *index);
        // The due and overdue indexes share gsi4: moving from one to the other only sets it.
        if !entered.contains(&attrs) {
            update = update.remove(attrs.pk).remove(attrs.sk);
        }
    }
    let mut writes = vec![WriteOp::Update {
        key: keys::application(&application.id),
        update,
        // One flat conjunction: DynamoDB refuses redundant parentheses.
        condition: Some(match condition.len() {
            1 => condition.remove(0),
            _ => Condition::And(condition),
        }),
    }];
    match (rules(application.service).seats(), change.seat) {
        (_, Hold::Unchanged) => {}
        (SeatAccounting::ClassLimit, Hold::Take) => writes.push(limit::take_seat(application)),
        (SeatAccounting::ClassLimit, Hold::Release) => writes.push(limit::free_seat(application)),
        // A college's decision takes no seat: its signed acceptance is ranked (below).
        (SeatAccounting::RankedList, _) => {}
        // Preschool places are taken by directions (`table::preschool`), never by the review
        // pipeline's transitions.
        (SeatAccounting::StateOrderPlace, _) => {
            return Err(StoreError::Invalid(
                "a reviewed application of a service with state-order places".into(),
            ));
        }
    }
    if let Some(write) = super::queue::write(application, change, stored.queue.as_ref())? {
        writes.push(write);
    }
    match change.child_guard {
        Hold::Unchanged => {}
        Hold::Release => writes.push(super::release_child_guard(application)),
        // Only a submission takes it, with the new item (`application::submit`).
        Hold::Take => {
            return Err(StoreError::Invalid(
                "a change of a stored application takes the child's guard".into(),
            ));
        }
    }
    // A signed college acceptance enters the ranked lists of the lines it names (last: plain
    // puts, no condition whose index a caller reads).
    if rules(application.service).seats() == SeatAccounting::RankedList
        && change.after.status == domain::Status::Accepted
        && before.status != domain::Status::Accepted
    {
        writes.extend(crate::college::rank::enter(application)?);
    }
    // The report's counters, last (unconditional).
    let became_overdue = change.after.overdue && !before.overdue;
    writes.extend(super::counters(
        application,
        Some(application),
        change.after.status,
        became_overdue,
    ));
    Ok(writes)
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(value).map_err(crate::invalid)
}

/// A closed application still in the due index (closed by a path that did not take it out)
/// would be read again by every sweep: take it out, only if it is indeed no longer open. (The
/// overdue index shares the attributes, so a closed one leaves the dashboard the same way.)
pub async fn leave_due_index_if_closed(store: &dyn Store, id: &str) -> Result<(), StoreError> {
    let closed = Condition::And(vec![
        Condition::AttrExists(GSI4.pk.into()),
        Condition::Not(Box::new(super::open())),
    ]);
    let update = Update::new().remove(GSI4.pk).remove(GSI4.sk);
    match store
        .update(&keys::application(id), update, Some(closed))
        .await
    {
        Ok(_) | Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => Ok(()),
        Err(e) => Err(e),
    }
}
