//! Reading ranges of entries: the key range a sort condition selects, taken a page at a time.

use std::ops::Bound;

use redb::{AccessGuard, StorageError};

use super::Bytes;
use super::keys::{prefix_end, push_component, push_escaped};
use super::unavailable;
use crate::{SortCondition, StoreError};
type Entry<'a> = Result<(AccessGuard<'a, Bytes>, AccessGuard<'a, Bytes>), StorageError>;

/// Whether entries follow the ones taken.
pub(super) type More = bool;
/// An entry's key and value, copied out of the read transaction.
pub(super) type Owned = (Vec<u8>, Vec<u8>);

/// Up to `limit` entries as owned (key, value) pairs, and whether more follow.
pub(super) fn take<'a>(
    iter: impl Iterator<Item = Entry<'a>>,
    limit: usize,
) -> Result<(Vec<Owned>, More), StoreError> {
    let mut found = Vec::new();
    for entry in iter {
        if found.len() == limit {
            return Ok((found, true));
        }
        let (k, v) = entry.map_err(unavailable)?;
        found.push((k.value().to_vec(), v.value().to_vec()));
    }
    Ok((found, false))
}

pub(super) fn lo_bytes(b: &Bound<Vec<u8>>) -> Vec<u8> {
    match b {
        Bound::Included(v) | Bound::Excluded(v) => v.clone(),
        Bound::Unbounded => Vec::new(),
    }
}

/// The key range `[lo, hi)` of a partition's entries that satisfy the sort condition. Works for
/// the items table and the indexes alike: an entry's key starts with its partition and sort
/// components, whatever follows.
pub(super) fn sort_range(
    pk: &str,
    sk: Option<&SortCondition>,
) -> Result<(Bound<Vec<u8>>, Vec<u8>), StoreError> {
    let mut partition = Vec::new();
    push_component(&mut partition, pk);
    // Component terminators end in 0x01, so the end of a component's range is always finite.
    let end_of = |prefix: &[u8]| prefix_end(prefix).unwrap_or_default();
    let partition_end = end_of(&partition);
    let exact = |s: &str| {
        let mut k = partition.clone();
        push_component(&mut k, s);
        k
    };
    let (lo, hi) = match sk {
        None => (partition.clone(), partition_end),
        Some(SortCondition::Eq(s)) => {
            let k = exact(s);
            let end = end_of(&k);
            (k, end)
        }
        Some(SortCondition::BeginsWith(p)) => {
            let mut k = partition.clone();
            push_escaped(&mut k, p);
            let end = end_of(&k);
            (k, end)
        }
        Some(SortCondition::Lt(s)) => (partition.clone(), exact(s)),
        Some(SortCondition::Le(s)) => (partition.clone(), end_of(&exact(s))),
        Some(SortCondition::Gt(s)) => (end_of(&exact(s)), partition_end),
        Some(SortCondition::Ge(s)) => (exact(s), partition_end),
        Some(SortCondition::Between(a, b)) => {
            if a.as_bytes() > b.as_bytes() {
                return Err(StoreError::Invalid(
                    "BETWEEN needs its lower bound first".into(),
                ));
            }
            (exact(a), end_of(&exact(b)))
        }
    };
    Ok((Bound::Included(lo), hi))
}
