//! The review queue's order, made atomic. Seed 001 decides strictly in order of arrival per
//! school, year and grade: no decision while an application submitted earlier is still «На
//! проверке». The queue index (gsi3) answers "is there one earlier", but an index read is not
//! part of a transaction, and a return racing a later decision would slip past it. So each queue
//! has an item with a version that every change of the queue's membership after submission
//! (a decision taking an application out, a return putting one back, a withdrawal) moves
//! from the version read to the next, on the condition that it is still the one read: two such
//! changes never both commit on the same reading of the queue.
//!
//! Submissions do not move it: a new application joins at the tail (its instant is read after
//! its number was taken), so it is never earlier than one being decided, and the opening-day
//! rush of submissions does not contend with decisions.
//!
//! Applications put back (returned for rework) are also kept on the item itself, so a decision
//! sees them on a consistent read even while the index is still catching up. So is who has
//! left the queue ([`domain::queue_line::Left`]), which gives an applicant their place.

use domain::api::Application;
use domain::lifecycle::{AppIndex, Change};
use domain::queue_line::Left;
use serde_json::Value;
use store::{CmpOp, Condition, Query, SortCondition, Store, StoreError, Update, WriteOp};

use super::queue_position;
use crate::keys;

/// The prefix of the attributes naming an application put back: `back_{id}` = its position.
const BACK: &str = "back_";
/// The attribute of the numbers that have left the queue.
const LEFT: &str = "left";

/// A queue as read: its version and the positions of the applications put back into it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueState {
    pub version: u64,
    back: Vec<(String, String)>,
    left: Left,
}

impl QueueState {
    /// The version a change written on this reading moves the queue to.
    pub fn next(&self) -> u64 {
        self.version + 1
    }
}

fn state_key(application: &Application) -> store::Key {
    keys::review_queue_state(
        &application.org_id,
        &application.academic_year.to_string(),
        application.grade,
    )
}

/// The application's queue, read consistently.
pub async fn read(store: &dyn Store, application: &Application) -> Result<QueueState, StoreError> {
    let Some(item) = store.get(&state_key(application)).await? else {
        return Ok(QueueState::default());
    };
    let version = item.get("v").and_then(Value::as_u64).unwrap_or(0);
    let back = item
        .iter()
        .filter_map(|(name, value)| {
            let id = name.strip_prefix(BACK)?;
            Some((id.to_string(), value.as_str()?.to_string()))
        })
        .collect();
    let left = Left::decode(item.get(LEFT).and_then(Value::as_str).unwrap_or_default());
    Ok(QueueState {
        version,
        back,
        left,
    })
}

/// The application's place in its review queue while it is in it (`None` otherwise, or for
/// one submitted before places were kept): one item read.
pub async fn place(
    store: &dyn Store,
    application: &Application,
) -> Result<Option<u64>, StoreError> {
    let in_queue = super::transition::state_of(application)
        .indexes()
        .contains(&AppIndex::ReviewQueue);
    let Some(seq) = application.queue_seq.filter(|_| in_queue) else {
        return Ok(None);
    };
    Ok(read(store, application).await?.left.place(seq))
}

/// Whether an application submitted before this one to the same school, year and grade is
/// still in the review queue, by the queue as read (`queue`) and the queue index.
pub async fn earlier_in_queue(
    store: &dyn Store,
    application: &Application,
    queue: &QueueState,
) -> Result<bool, StoreError> {
    let position = queue_position(application);
    if queue
        .back
        .iter()
        .any(|(id, p)| id != &application.id && *p < position)
    {
        return Ok(true);
    }
    let (attrs, index_pk, _) = super::transition::entry(application, AppIndex::ReviewQueue);
    let earlier = store
        .query(
            Query::index(attrs.name, index_pk)
                .sk(SortCondition::Lt(position))
                .limit(1),
        )
        .await?;
    Ok(!earlier.items.is_empty())
}

/// The queue's write for a change that moves the application into or out of the review queue
/// after its submission, from the version read to the next; `None` for any other change.
pub(crate) fn write(
    application: &Application,
    change: &Change,
    queue: Option<&QueueState>,
) -> Result<Option<WriteOp>, StoreError> {
    let enters = change.enter.contains(&AppIndex::ReviewQueue);
    let leaves = change.leave.contains(&AppIndex::ReviewQueue);
    if change.before.is_none() || !(enters || leaves) {
        return Ok(None);
    }
    let queue = queue.ok_or_else(|| {
        StoreError::Invalid("a change of the review queue without the queue read".into())
    })?;
    let back = format!("{BACK}{}", application.id);
    let mut update = Update::new().set("v", queue.next());
    update = if enters {
        update.set(&back, queue_position(application))
    } else {
        update.remove(&back)
    };
    if let Some(seq) = application.queue_seq {
        let mut left = queue.left.clone();
        left.set(seq, leaves);
        update = update.set(LEFT, left.encode());
    }
    let condition = if queue.version == 0 {
        Condition::AttrNotExists("v".into())
    } else {
        Condition::cmp("v", CmpOp::Eq, queue.version)
    };
    Ok(Some(WriteOp::Update {
        key: state_key(application),
        update,
        condition: Some(condition),
    }))
}

/// Whether a write is a queue's version write (its condition failing means the queue moved
/// since it was read: read again and retry).
pub fn is_queue_write(write: &WriteOp) -> bool {
    write.key().is_some_and(|k| keys::is_review_queue_state(&k))
}
