//! Queue applications: registration (the child's guard, the region's number), every later
//! change as a versioned put, the applicant's list, the queue positions and the privileges the
//! education department has to confirm.

use chrono::{DateTime, Datelike, Utc};
use domain::monitoring::Column;
use domain::monitoring::counters::Delta;
use domain::preschool::api::{QueueApplication, QueuePosition};
use domain::preschool::{PrivilegeCategory, PrivilegeStatus, QueueState, effective_category};
use serde::{Deserialize, Serialize};
use store::{
    CmpOp, Condition, Item, Key, Query, SortCondition, Store, StoreError, Update, WriteOp,
};

use super::{VERSION, at_version};
use crate::keys::{self, GSI1, GSI2, GSI3, instant};

const SK: &str = "PRESCHOOL";

/// A queue application as stored: the view without its computed parts, and its version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    #[serde(flatten)]
    pub app: QueueApplication,
    pub version: u64,
    /// How many directions the application has had (the next one is `directions + 1`).
    #[serde(default)]
    pub directions: u32,
    /// When the pending privilege was claimed (its place in the department's list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_at: Option<DateTime<Utc>>,
}

pub(crate) fn key(id: &str) -> Key {
    Key::new(keys::application_partition(id), SK)
}

fn guard_key(child_iin: &str) -> Key {
    Key::new(format!("CHILD#{child_iin}"), SK)
}

fn counter_key(region: &str, year: i32) -> Key {
    Key::new(keys::region_index(region), format!("COUNTER#{SK}#{year}"))
}

fn person_index(iin: &str) -> String {
    format!("PERSON#{iin}#{SK}")
}

/// The queue of a locality and age group (birth year).
fn queue_index(locality: &str, age_group: i32) -> String {
    format!("PQUEUE#{locality}#{age_group}")
}

fn privileges_index(region: &str) -> String {
    format!("{}#PRIVILEGES", keys::region_index(region))
}

/// The application's age group: the child's birth year.
pub fn age_group(app: &QueueApplication) -> i32 {
    app.child.birth_date.year()
}

fn queue_sort_key(app: &QueueApplication) -> Option<String> {
    let since = app.queued_since?;
    Some(format!("{}#{}", instant(since.to_utc()), app.id))
}

/// The item of `stored`, with its index entries as its state says.
fn item(stored: &Stored) -> Result<Item, StoreError> {
    let app = &stored.app;
    let mut item = store::to_item(&key(&app.id), stored)?;
    GSI2.insert(
        &mut item,
        person_index(&app.applicant.iin),
        format!("{}#{}", instant(app.registered_at.to_utc()), app.id),
    );
    if app.state == QueueState::InQueue
        && let Some(sk) = queue_sort_key(app)
    {
        GSI3.insert(&mut item, queue_index(&app.locality_id, age_group(app)), sk);
    }
    // A claim of an application that became final waits for nobody.
    if app.privilege.status == PrivilegeStatus::Pending && !app.state.is_final() {
        let claimed = stored
            .claimed_at
            .unwrap_or_else(|| app.registered_at.to_utc());
        GSI1.insert(
            &mut item,
            privileges_index(&app.region),
            format!("{}#{}", instant(claimed), app.id),
        );
    }
    Ok(item)
}

/// The child's guard: which application is active and how many there were.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Guard {
    #[serde(default)]
    pub active: Option<String>,
    #[serde(default)]
    pub count: u32,
}

pub async fn guard(store: &dyn Store, child_iin: &str) -> Result<Guard, StoreError> {
    Ok(crate::get(store, &guard_key(child_iin))
        .await?
        .unwrap_or_default())
}

/// The next running number of the region's registrations in `year`. Taken before the
/// registration's transaction: a registration that then fails leaves a gap, never a duplicate.
pub async fn next_number(store: &dyn Store, region: &str, year: i32) -> Result<u64, StoreError> {
    let item = store
        .update(&counter_key(region, year), Update::new().add("n", 1), None)
        .await?;
    item.get("n")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| StoreError::Invalid("a counter without n".into()))
}

/// The writes of a registration: the application (write 0, new), then the child's guard
/// (write 1: fails when another application became active since `guard` was read), then the
/// report's counters.
pub fn register(stored: &Stored, guard: &Guard) -> Result<Vec<WriteOp>, StoreError> {
    let app = &stored.app;
    let guard_condition = if guard.count == 0 {
        Condition::NotExists
    } else {
        Condition::And(vec![
            Condition::eq("count", guard.count),
            Condition::AttrNotExists("active".into()),
        ])
    };
    let counted = crate::stats::Counted::of_queue(app);
    let delta = Delta::moving(None, Column::of_queue(app), false);
    Ok([
        WriteOp::Put {
            item: item(stored)?,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Update {
            key: guard_key(&app.child.iin),
            update: Update::new()
                .set("active", app.id.as_str())
                .set("count", guard.count + 1),
            condition: Some(guard_condition),
        },
    ]
    .into_iter()
    .chain(crate::stats::writes(&counted, &delta))
    .collect())
}

/// The write that replaces the application read as `before` with `after` (same id); fails
/// (condition) when it changed since it was read. An application that became final also frees
/// the child's guard, so the child may register again. The report's counters follow, last.
pub fn replace(before: &Stored, after: &Stored) -> Result<Vec<WriteOp>, StoreError> {
    let mut next = after.clone();
    next.version = before.version + 1;
    let mut writes = vec![WriteOp::Put {
        item: item(&next)?,
        condition: Some(at_version(before.version)),
    }];
    if next.app.state.is_final() && !before.app.state.is_final() {
        writes.push(WriteOp::Update {
            key: guard_key(&next.app.child.iin),
            update: Update::new().remove("active"),
            condition: Some(Condition::eq("active", next.app.id.as_str())),
        });
    }
    // The report's counters follow its column, last (unconditional).
    let delta = Delta::moving(
        Some(Column::of_queue(&before.app)),
        Column::of_queue(&next.app),
        false,
    );
    writes.extend(crate::stats::writes(
        &crate::stats::Counted::of_queue(&before.app),
        &delta,
    ));
    Ok(writes)
}

pub async fn get(store: &dyn Store, id: &str) -> Result<Option<Stored>, StoreError> {
    crate::get(store, &key(id)).await
}

/// The applicant's queue applications, newest first.
pub async fn of_applicant(store: &dyn Store, iin: &str) -> Result<Vec<Stored>, StoreError> {
    crate::all(store, Query::index(GSI2.name, person_index(iin)).backward()).await
}

/// «Номер очереди» and «Номер очереди по льготной категории» of an application in the queue:
/// 1 + the children ahead of it in its locality and age group; among them, those with the same
/// confirmed privilege for the second (0 without one). Read from the queue index, so they move
/// as children ahead leave.
pub async fn position(
    store: &dyn Store,
    app: &QueueApplication,
) -> Result<Option<QueuePosition>, StoreError> {
    let (QueueState::InQueue, Some(sk)) = (app.state, queue_sort_key(app)) else {
        return Ok(None);
    };
    let mine = effective_category(app.privilege.category, app.privilege.status);
    let ahead = store::query_all(
        store,
        Query::index(GSI3.name, queue_index(&app.locality_id, age_group(app)))
            .sk(SortCondition::Lt(sk)),
    )
    .await?;
    let mut privileged = 0u32;
    for item in &ahead {
        let other: QueueApplication = store::from_item(item.clone())?;
        if mine != PrivilegeCategory::None
            && effective_category(other.privilege.category, other.privilege.status) == mine
        {
            privileged += 1;
        }
    }
    let number = u32::try_from(ahead.len()).unwrap_or(u32::MAX - 1) + 1;
    Ok(Some(QueuePosition {
        number,
        privileged: if mine == PrivilegeCategory::None {
            0
        } else {
            privileged + 1
        },
    }))
}

/// One page of the region's privileges waiting for confirmation, oldest claim first.
pub async fn pending_privileges(
    store: &dyn Store,
    region: &str,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Stored>, StoreError> {
    let page = store
        .query(
            Query::index(GSI1.name, privileges_index(region))
                .limit(limit)
                .page(token),
        )
        .await?;
    crate::typed(page)
}

/// The condition that the application is still at the version read (for a transaction that
/// changes other items on its strength).
pub fn unchanged(stored: &Stored) -> WriteOp {
    WriteOp::Check {
        key: key(&stored.app.id),
        condition: Condition::cmp(VERSION, CmpOp::Eq, stored.version),
    }
}
