//! Directions to private kindergartens: one item per direction of an application, listed for
//! the kindergarten and the region, and — while issued — in a sparse due index sharded like the
//! review deadlines' (`crate::due`), so the expiry job reads only the directions whose time is
//! up, never a scan.

use chrono::{DateTime, NaiveDate, Utc};
use domain::preschool::DirectionState;
use domain::preschool::api::Direction;
use serde::{Deserialize, Serialize};
use store::{Item, Key, Query, SortCondition, Store, StoreError, WriteOp};

use super::at_version;
use crate::keys::{self, GSI1, GSI2, GSI4, instant};

/// How many partitions issued directions spread over.
pub const SHARDS: u32 = 2;

/// A direction as stored, with what the kindergarten's list shows of its child.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub application_id: String,
    pub number: String,
    pub region: String,
    pub child_name: String,
    pub child_birth_date: NaiveDate,
    pub direction: Direction,
    pub version: u64,
}

pub(crate) fn key(application_id: &str, n: u32) -> Key {
    Key::new(
        keys::application_partition(application_id),
        format!("DIRECTION#{n:03}"),
    )
}

fn org_index(org: &str) -> String {
    format!("{}#DIRECTIONS", keys::org_partition(org))
}

fn region_index(region: &str) -> String {
    format!("{}#DIRECTIONS", keys::region_index(region))
}

fn due_partition(shard: u32) -> String {
    format!("DIRDUE#{shard}")
}

/// The shard of an application's directions: stable.
pub fn shard(application_id: &str) -> u32 {
    keys::shard(application_id, SHARDS)
}

fn item(stored: &Stored) -> Result<Item, StoreError> {
    let d = &stored.direction;
    let mut item = store::to_item(&key(&stored.application_id, d.n), stored)?;
    let issued = format!(
        "{}#{}",
        instant(d.issued_at.to_utc()),
        stored.application_id
    );
    GSI1.insert(&mut item, org_index(&d.org_id), issued.clone());
    GSI2.insert(&mut item, region_index(&stored.region), issued);
    if d.state == DirectionState::Issued {
        GSI4.insert(
            &mut item,
            due_partition(shard(&stored.application_id)),
            format!(
                "{}#{}",
                instant(d.expires_at.to_utc()),
                stored.application_id
            ),
        );
    }
    Ok(item)
}

/// The write of a new direction (fails when the application already has one with its `n`).
pub fn issue(stored: &Stored) -> Result<WriteOp, StoreError> {
    let mut first = stored.clone();
    first.version = 1;
    Ok(WriteOp::Put {
        item: item(&first)?,
        condition: Some(at_version(0)),
    })
}

/// The write that replaces the direction read as `before` with `after`; fails (condition) when
/// it changed since it was read.
pub fn replace(before: &Stored, after: &Stored) -> Result<WriteOp, StoreError> {
    let mut next = after.clone();
    next.version = before.version + 1;
    Ok(WriteOp::Put {
        item: item(&next)?,
        condition: Some(at_version(before.version)),
    })
}

pub async fn get(
    store: &dyn Store,
    application_id: &str,
    n: u32,
) -> Result<Option<Stored>, StoreError> {
    crate::get(store, &key(application_id, n)).await
}

/// One page of the directions issued to a kindergarten, newest first.
pub async fn of_org(
    store: &dyn Store,
    org: &str,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Stored>, StoreError> {
    let page = store
        .query(
            Query::index(GSI1.name, org_index(org))
                .backward()
                .limit(limit)
                .page(token),
        )
        .await?;
    crate::typed(page)
}

/// One page of the region's directions, newest first.
pub async fn of_region(
    store: &dyn Store,
    region: &str,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Stored>, StoreError> {
    let page = store
        .query(
            Query::index(GSI2.name, region_index(region))
                .backward()
                .limit(limit)
                .page(token),
        )
        .await?;
    crate::typed(page)
}

/// One page of a shard's issued directions that expire at or before `now`, oldest first.
/// Each item is typed on its own, so one unreadable item does not stop the rest.
pub async fn due(
    store: &dyn Store,
    shard: u32,
    now: DateTime<Utc>,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Result<Stored, StoreError>>, StoreError> {
    // `{now}#~` sorts after every `{now}#{id}`: an expiry at exactly now is due.
    let page = store
        .query(
            Query::index(GSI4.name, due_partition(shard))
                .sk(SortCondition::Lt(format!("{}#~", instant(now))))
                .limit(limit)
                .page(token),
        )
        .await?;
    Ok(crate::Page {
        items: page.items.into_iter().map(store::from_item).collect(),
        next_page_token: page.next_page_token,
    })
}
