//! The due index: every open application carries `DUE#{shard}` / `{due_at}#{id}` until it
//! becomes final, is withdrawn or is marked overdue, so the overdue sweep reads only the
//! applications whose deadline has passed — never a scan.
//!
//! Sharded over [`SHARDS`] partitions by a stable hash of the application id, because the sort
//! key (the due instant) only grows and DynamoDB cannot split such a partition by itself. Two
//! shards carry 2 × 1,000 write units per second: opening day's peak (on the order of 100,000
//! applications in the first ten minutes, ~170/s, ~2 units each) uses a fifth of that, and the
//! sweep reads at most one page per shard while the due items fit a page. Raise it if the peak
//! grows; the sweep's cost grows with it.

use chrono::{DateTime, Utc};
use store::{Query, SortCondition, Store, StoreError};

use crate::application::Stored;
use crate::keys::{self, GSI4};

/// How many partitions open applications spread over.
pub const SHARDS: u32 = 2;

/// The shard of an application: stable (the same id always maps to the same shard).
pub fn shard(id: &str) -> u32 {
    keys::shard(id, SHARDS)
}

pub(crate) fn partition(shard: u32) -> String {
    format!("DUE#{shard}")
}

/// Due instant first, so "due before now" is one range condition.
pub(crate) fn sort_key(due_at: DateTime<Utc>, id: &str) -> String {
    format!("{}#{id}", keys::instant(due_at))
}

/// Everything due strictly before `now` sorts below this bound (`#` follows the instant).
fn due_before(now: DateTime<Utc>) -> String {
    keys::instant(now)
}

/// One page of a shard's applications due before `now`, oldest first. Each item is typed on its
/// own, so one that does not read as an application does not stop the sweep of the rest.
pub async fn page(
    store: &dyn Store,
    shard: u32,
    now: DateTime<Utc>,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Result<Stored, StoreError>>, StoreError> {
    let page = store
        .query(
            Query::index(GSI4.name, partition(shard))
                .sk(SortCondition::Lt(due_before(now)))
                .limit(limit)
                .page(token),
        )
        .await?;
    Ok(crate::Page {
        items: page.items.into_iter().map(Stored::of).collect(),
        next_page_token: page.next_page_token,
    })
}

/// Whether the application is in the due index (not the overdue one, which shares gsi4).
pub async fn contains(store: &dyn Store, id: &str) -> Result<bool, StoreError> {
    Ok(store
        .get(&keys::application(id))
        .await?
        .is_some_and(|item| {
            item.get(GSI4.pk)
                .and_then(|v| v.as_str())
                .is_some_and(|pk| pk == partition(shard(id)))
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_stable_and_spread() {
        assert_eq!(shard("abc"), shard("abc"));
        let used: std::collections::BTreeSet<u32> = (0..200)
            .map(|_| shard(&uuid::Uuid::new_v4().to_string()))
            .collect();
        assert_eq!(used.len(), SHARDS as usize);
    }

    #[test]
    fn due_keys_sort_against_now() {
        let due = DateTime::parse_from_rfc3339("2026-05-15T12:30:00+05:00")
            .unwrap()
            .to_utc();
        let key = sort_key(due, "id-1");
        assert!(key.as_str() >= due_before(due).as_str());
        assert!(key < due_before(due + chrono::Duration::microseconds(1)));
        assert!(key > due_before(due - chrono::Duration::minutes(1)));
    }
}
