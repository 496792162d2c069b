//! Applications: the item with the indexes it belongs to (the organisation's journal and the
//! person's list hold every application; the review queue and the due index only those whose
//! state puts them there), its number counter, the child's one-active-application guard, and
//! the lists the use cases read.

mod guard;
pub mod queue;
mod transition;

use domain::api::Application;
use domain::journal::JournalFilter;
use domain::lifecycle::{AppIndex, Change, Event, Hold, InvalidTransition};
use serde_json::{Value, json};
use store::{CmpOp, Condition, Query, SortCondition, Store, StoreError, Update, WriteOp};

use crate::keys::{self, GSI1, GSI2, GSI6};

pub use guard::{guard_holder, submit_taking_over};
pub use transition::{Record, leave_due_index_if_closed, transition};

/// An application and its `decision` attribute exactly as stored (`None` when there is none):
/// what a use case that acts on a decision (signs, returns, withdraws) read.
pub struct Stored {
    pub application: Application,
    pub decision: Option<Value>,
    /// The review queue as read with the application ([`load_queued`]), for the changes that
    /// move it into or out of the queue.
    pub queue: Option<queue::QueueState>,
}

impl Stored {
    /// The application's state as the lifecycle knows it.
    pub fn state(&self) -> domain::lifecycle::State {
        transition::state_of(&self.application)
    }

    /// What `event` does to this application, by its service's lifecycle; [`transition`]
    /// turns it into writes.
    pub fn change(&self, event: Event) -> Result<Change, InvalidTransition> {
        domain::services::rules(self.application.service).transition(Some(self.state()), event)
    }

    pub(crate) fn of(item: store::Item) -> Result<Stored, StoreError> {
        let decision = item.get("decision").filter(|v| !v.is_null()).cloned();
        Ok(Stored {
            application: store::from_item(item)?,
            decision,
            queue: None,
        })
    }

    /// The application is still in the status we read and, if it had a decision, still has
    /// that very decision. Compared with the stored value itself (not a re-serialisation), so
    /// it holds whatever shape the deciding use case wrote. A decision returned and made again
    /// while we worked is another value: the write fails instead of acting on a stale read.
    pub(crate) fn unchanged(&self) -> Vec<Condition> {
        let mut all = vec![Condition::eq("status", self.application.status.as_str())];
        if let Some(d) = &self.decision {
            all.push(Condition::eq("decision", d.clone()));
        }
        all
    }
}

/// The application with its decision as stored.
pub async fn load(store: &dyn Store, id: &str) -> Result<Option<Stored>, StoreError> {
    match store.get(&keys::application(id)).await? {
        Some(item) => Ok(Some(Stored::of(item)?)),
        None => Ok(None),
    }
}

/// The application with its decision and its review queue as stored. Each is checked again
/// when a change is written: the application's status and the queue's version.
pub async fn load_queued(store: &dyn Store, id: &str) -> Result<Option<Stored>, StoreError> {
    let Some(mut stored) = load(store, id).await? else {
        return Ok(None);
    };
    stored.queue = Some(queue::read(store, &stored.application).await?);
    Ok(Some(stored))
}

pub async fn get(store: &dyn Store, id: &str) -> Result<Option<Application>, StoreError> {
    crate::get(store, &keys::application(id)).await
}

// ---------------------------------------------------------------- submission

/// An organisation's counter as read: the last number it gave (0 before the first) and the
/// last place number of each of its review queues ([`domain::queue_line`]).
pub struct Counter {
    pub last: u64,
    item: Option<store::Item>,
}

impl Counter {
    /// The last to join `application`'s review queue (0 before the first).
    pub fn last_in_queue(&self, application: &Application) -> u64 {
        self.item
            .as_ref()
            .and_then(|item| item.get(&queue_counter(application)))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    }
}

pub async fn counter(store: &dyn Store, org_id: &str) -> Result<Counter, StoreError> {
    let item = store.get(&keys::application_counter(org_id)).await?;
    let last = item
        .as_ref()
        .and_then(|item| item.get("n"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    Ok(Counter { last, item })
}

/// The counter's attribute of a review queue's last place number: the queue's numbers move
/// with the organisation's, under its condition, so no other item is written.
fn queue_counter(application: &Application) -> String {
    format!("q_{}_{}", application.academic_year, application.grade)
}

/// The writes that submit an application numbered `last + 1` (the lifecycle's submission
/// `change`): the organisation's counter (write 0 fails when another submission took the
/// number), the child's active-application guard (write 1 fails when the child has one this
/// year) and the application in the indexes the change enters (write 2).
pub fn submit(
    application: &Application,
    last: u64,
    change: &Change,
) -> Result<Vec<WriteOp>, StoreError> {
    if change.before.is_some() || change.child_guard != Hold::Take {
        return Err(StoreError::Invalid("not a submission".into()));
    }
    let counter = if last == 0 {
        Condition::AttrNotExists("n".into())
    } else {
        Condition::cmp("n", CmpOp::Eq, last)
    };
    let guard = store::to_item(
        &guard_key(application),
        &json!({"application_id": application.id, "org_id": application.org_id}),
    )?;
    Ok([
        WriteOp::Update {
            key: keys::application_counter(&application.org_id),
            update: match application.queue_seq {
                Some(seq) => Update::new()
                    .set("n", application.number)
                    .set(&queue_counter(application), seq),
                None => Update::new().set("n", application.number),
            },
            condition: Some(counter),
        },
        WriteOp::Put {
            item: guard,
            condition: Some(Condition::NotExists),
        },
        new_item(application, &change.enter)?,
    ]
    .into_iter()
    .chain(counters(application, None, change.after.status, false))
    .collect())
}

/// The report counters' writes of an application moving from `before` (as read; `None`:
/// submitted now) to `status`, with the same executor named or not.
pub(crate) fn counters(
    application: &Application,
    before: Option<&Application>,
    status: domain::Status,
    became_overdue: bool,
) -> Vec<WriteOp> {
    use domain::monitoring::{Column, counters::Delta};
    let after = Column::of_state(status, application.assignee_iin.is_some());
    let delta = Delta::moving(before.map(Column::of), after, became_overdue);
    crate::stats::writes(&crate::stats::Counted::of(application), &delta)
}

/// The application as a new item, in the journal, the person's list and the indexes of its
/// state (for loading data as it would have been submitted; a submission is [`submit`]).
pub fn put(application: &Application) -> Result<WriteOp, StoreError> {
    new_item(application, &transition::state_of(application).indexes())
}

fn new_item(application: &Application, indexes: &[AppIndex]) -> Result<WriteOp, StoreError> {
    let mut item = store::to_item(&keys::application(&application.id), application)?;
    let submitted = application.submitted_at.to_utc();
    GSI1.insert(
        &mut item,
        keys::org_applications_index(&application.org_id),
        queue_position(application),
    );
    GSI2.insert(
        &mut item,
        keys::person_applications_index(&application.applicant_iin),
        keys::instant(submitted),
    );
    // Applications from before regions were recorded stay out of the region's journal.
    if !application.region.is_empty() {
        GSI6.insert(
            &mut item,
            keys::region_applications_index(&application.region),
            keys::region_position(submitted, &application.id),
        );
    }
    for index in indexes {
        let (attrs, pk, sk) = transition::entry(application, *index);
        attrs.insert(&mut item, pk, sk);
    }
    Ok(WriteOp::Put {
        item,
        condition: Some(Condition::NotExists),
    })
}

/// Queue order: the submission instant, ties broken by the organisation's number.
fn queue_position(application: &Application) -> String {
    keys::queue_position(application.submitted_at.to_utc(), application.number)
}

/// The child's one-active-application guard this application takes: per year, or per year and
/// organisation where the service says so (a college: one per applicant per college).
pub(crate) fn guard_key(application: &Application) -> store::Key {
    let year = application.academic_year.to_string();
    if domain::services::rules(application.service).guard_per_org() {
        keys::child_guard_at(&application.child.iin, &year, &application.org_id)
    } else {
        keys::child_guard(&application.child.iin, &year)
    }
}

/// Deletes the child's active-application guard for the application's year, so the child may
/// apply again. Only this application's own guard: one of another application is left alone
/// (the write fails instead).
pub fn release_child_guard(application: &Application) -> WriteOp {
    WriteOp::Delete {
        key: guard_key(application),
        condition: Some(Condition::Or(vec![
            Condition::NotExists,
            Condition::eq("application_id", application.id.as_str()),
        ])),
    }
}

/// Names the responsible executor with their name as it is now, while the application is as
/// read: its status, and whether somebody was responsible (else the write fails). The first
/// one named takes it from «Поступило» to «В обработке» in the report's counters. The caller
/// reads it open.
pub fn assign(application: &Application, iin: &str, name: Option<&str>) -> Vec<WriteOp> {
    assigning(application, iin, name, Vec::new())
}

/// [`assign`] of one of several applications named at once: only an application of `org_id`
/// still «На проверке» whose responsible is someone else (or nobody), as read. The write fails
/// otherwise: another organisation's, past review, already this executor's, or changed since
/// it was read.
pub fn assign_in_review(
    application: &Application,
    org_id: &str,
    iin: &str,
    name: Option<&str>,
) -> Vec<WriteOp> {
    let mut condition = vec![
        Condition::eq("org_id", org_id),
        // `Not(=)` rather than `<>`: the DynamoDB adapter's `<>` carries its own
        // parentheses, which DynamoDB refuses as redundant.
        Condition::Not(Box::new(Condition::eq("assignee_iin", iin))),
    ];
    if application.status != domain::Status::InReview {
        // Read past review: the write fails, as it must.
        condition.push(Condition::eq("status", domain::Status::InReview.as_str()));
    }
    assigning(application, iin, name, condition)
}

fn assigning(
    application: &Application,
    iin: &str,
    name: Option<&str>,
    mut condition: Vec<Condition>,
) -> Vec<WriteOp> {
    condition.push(Condition::eq("status", application.status.as_str()));
    // Somebody is named when the attribute holds an IIN (a string of digits); nobody is
    // missing or null. A comparison with a string is false on both.
    let named = Condition::cmp("assignee_iin", CmpOp::Ge, "0");
    condition.push(match application.assignee_iin {
        None => Condition::Not(Box::new(named)),
        Some(_) => named,
    });
    let mut named = application.clone();
    named.assignee_iin = Some(iin.to_string());
    let mut writes = vec![WriteOp::Update {
        key: keys::application(&application.id),
        update: assignee(iin, name),
        condition: Some(Condition::And(condition)),
    }];
    writes.extend(counters(
        &named,
        Some(application),
        application.status,
        false,
    ));
    writes
}

fn assignee(iin: &str, name: Option<&str>) -> Update {
    let update = Update::new().set("assignee_iin", iin);
    match name {
        Some(name) => update.set("assignee_name", name),
        None => update.remove("assignee_name"),
    }
}

/// The application is still open (`Status::is_open`), as a condition on its stored status.
fn open() -> Condition {
    Condition::Or(
        domain::Status::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .map(|s| Condition::eq("status", s.as_str()))
            .collect(),
    )
}

// ---------------------------------------------------------------- lists

/// An application with its position in the journal (what a page token names).
pub struct Positioned {
    pub position: String,
    pub application: Application,
}

/// One read of an organisation's journal in queue order, within the filter's submission range
/// (`from`, `to`, and after the position of the page token). An empty range reads nothing.
pub async fn journal(
    store: &dyn Store,
    org_id: &str,
    filter: &JournalFilter,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Positioned>, StoreError> {
    let partition = keys::org_applications_index(org_id);
    positioned(store, GSI1, partition, filter, limit, token).await
}

/// Every application the organisation received for `year`, in queue order (read in chunks: a
/// school's year is a few hundred).
pub async fn of_org_year(
    store: &dyn Store,
    org_id: &str,
    year: domain::AcademicYear,
) -> Result<Vec<Application>, StoreError> {
    const CHUNK: u32 = 500;
    let everything = JournalFilter::default();
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let page = journal(store, org_id, &everything, CHUNK, token).await?;
        out.extend(
            page.items
                .into_iter()
                .map(|e| e.application)
                .filter(|a| a.academic_year == year),
        );
        token = page.next_page_token;
        if token.is_none() {
            return Ok(out);
        }
    }
}

/// One read of a region's journal (gsi6) in submission order, as [`journal`] reads an
/// organisation's: within the filter's submission range and after its page token's position.
pub async fn region_journal(
    store: &dyn Store,
    region: &str,
    filter: &JournalFilter,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Positioned>, StoreError> {
    let partition = keys::region_applications_index(region);
    positioned(store, GSI6, partition, filter, limit, token).await
}

async fn positioned(
    store: &dyn Store,
    index: keys::Index,
    partition: String,
    filter: &JournalFilter,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Positioned>, StoreError> {
    let lower = match (filter.from.map(keys::instant), filter.after.clone()) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let upper = filter.before.map(keys::instant);
    let range = match (lower, upper) {
        (Some(l), Some(u)) if l > u => {
            return Ok(crate::Page {
                items: Vec::new(),
                next_page_token: None,
            });
        }
        (Some(l), Some(u)) => Some(SortCondition::Between(l, u)),
        (Some(l), None) => Some(SortCondition::Ge(l)),
        (None, Some(u)) => Some(SortCondition::Lt(u)),
        (None, None) => None,
    };
    let mut query = Query::index(index.name, partition).limit(limit).page(token);
    if let Some(r) = range {
        query = query.sk(r);
    }
    let page = store.query(query).await?;
    let mut items = Vec::new();
    for item in page.items {
        let position = index.sort_key(&item).unwrap_or_default().to_string();
        items.push(Positioned {
            position,
            application: store::from_item(item)?,
        });
    }
    Ok(crate::Page {
        items,
        next_page_token: page.next_page_token,
    })
}

/// A person's applications, newest first, one page.
pub async fn of_person(
    store: &dyn Store,
    iin: &str,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Application>, StoreError> {
    let page = store
        .query(
            Query::index(GSI2.name, keys::person_applications_index(iin))
                .backward()
                .limit(limit)
                .page(token),
        )
        .await?;
    crate::typed(page)
}
