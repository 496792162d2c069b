//! What a [`DynamoStore`] asked of DynamoDB: per operation (GetItem, Query, PutItem,
//! UpdateItem, DeleteItem, TransactWriteItems), the requests, the capacity units DynamoDB
//! reported (`ReturnConsumedCapacity: TOTAL`; moto answers placeholders) and the units computed
//! from item sizes by DynamoDB's billing rules ([`capacity`]). A bench or a test takes a
//! [`Usage::snapshot`] before and after the work and subtracts ([`UsageSnapshot::since`]).
//!
//! The computed write units need the size of the item a write replaces (DynamoDB bills the
//! larger of the old and new image) and the indexes it is in (each GSI holding the item is
//! written too). The adapter does not read before it writes, so it remembers the size and
//! indexes of items it has seen lately (gets, query pages, puts, updates) by key; a write to
//! an item it has not seen is counted on what the request itself carries — a lower bound.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Mutex;

use aws_sdk_dynamodb::types::ConsumedCapacity;

use super::Attrs;
use super::capacity::{self, ReadKind};
use crate::table::TableDef;

/// The most items whose size the counter remembers (cleared when full: it only refines the
/// computed figures, and a long-lived Lambda must not grow without bound).
const REMEMBERED: usize = 20_000;

/// One operation's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OpUsage {
    pub requests: u64,
    /// Read units as DynamoDB reported them.
    pub reported_rcu: f64,
    /// Write units as DynamoDB reported them.
    pub reported_wcu: f64,
    /// Read units computed from item sizes.
    pub computed_rcu: f64,
    /// Write units computed from item sizes (table and GSIs).
    pub computed_wcu: f64,
}

impl OpUsage {
    fn add(&mut self, o: &OpUsage) {
        self.requests += o.requests;
        self.reported_rcu += o.reported_rcu;
        self.reported_wcu += o.reported_wcu;
        self.computed_rcu += o.computed_rcu;
        self.computed_wcu += o.computed_wcu;
    }

    fn minus(&self, o: &OpUsage) -> OpUsage {
        OpUsage {
            requests: self.requests.saturating_sub(o.requests),
            reported_rcu: self.reported_rcu - o.reported_rcu,
            reported_wcu: self.reported_wcu - o.reported_wcu,
            computed_rcu: self.computed_rcu - o.computed_rcu,
            computed_wcu: self.computed_wcu - o.computed_wcu,
        }
    }
}

/// The figures at one moment, by operation name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsageSnapshot {
    pub ops: BTreeMap<String, OpUsage>,
}

impl UsageSnapshot {
    /// What happened after `earlier` (operations with no request since are left out).
    pub fn since(&self, earlier: &UsageSnapshot) -> UsageSnapshot {
        let ops = self
            .ops
            .iter()
            .map(|(op, u)| {
                let before = earlier.ops.get(op).copied().unwrap_or_default();
                (op.clone(), u.minus(&before))
            })
            .filter(|(_, u)| u.requests > 0)
            .collect();
        UsageSnapshot { ops }
    }

    /// Adds another snapshot's figures (a bench summing its steps).
    pub fn add(&mut self, other: &UsageSnapshot) {
        for (op, u) in &other.ops {
            self.ops.entry(op.clone()).or_default().add(u);
        }
    }

    /// All operations together.
    pub fn total(&self) -> OpUsage {
        let mut t = OpUsage::default();
        for u in self.ops.values() {
            t.add(u);
        }
        t
    }

    pub fn requests(&self) -> u64 {
        self.total().requests
    }

    /// One operation's figures (zero when it was never called).
    pub fn op(&self, name: &str) -> OpUsage {
        self.ops.get(name).copied().unwrap_or_default()
    }
}

/// `GetItem×2 Query×1 TransactWriteItems×1`.
impl fmt::Display for UsageSnapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .ops
            .iter()
            .map(|(op, u)| format!("{op}×{}", u.requests))
            .collect();
        f.write_str(&parts.join(" "))
    }
}

/// What the counter knows of an item: its size and which indexes (by position in the table
/// definition) hold it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Seen {
    pub size: u64,
    pub indexes: u32,
}

/// The counter of one store instance.
#[derive(Default)]
pub struct Usage {
    ops: Mutex<BTreeMap<&'static str, OpUsage>>,
    seen: Mutex<HashMap<(String, String), Seen>>,
}

impl Usage {
    pub fn snapshot(&self) -> UsageSnapshot {
        let ops = lock(&self.ops);
        UsageSnapshot {
            ops: ops.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }

    /// Forgets every figure (and the remembered item sizes).
    pub fn reset(&self) {
        lock(&self.ops).clear();
        lock(&self.seen).clear();
    }

    /// Records one request: what DynamoDB reported and what the rules compute.
    pub(super) fn record(
        &self,
        op: &'static str,
        reported: &[ConsumedCapacity],
        computed_rcu: f64,
        computed_wcu: f64,
    ) {
        let reads = matches!(
            op,
            "GetItem" | "Query" | "TransactGetItems" | "BatchGetItem"
        );
        let (mut rcu, mut wcu) = (0.0, 0.0);
        for c in reported {
            match (c.read_capacity_units(), c.write_capacity_units()) {
                (None, None) => {
                    let units = c.capacity_units().unwrap_or(0.0);
                    if reads { rcu += units } else { wcu += units }
                }
                (r, w) => {
                    rcu += r.unwrap_or(0.0);
                    wcu += w.unwrap_or(0.0);
                }
            }
        }
        lock(&self.ops).entry(op).or_default().add(&OpUsage {
            requests: 1,
            reported_rcu: rcu,
            reported_wcu: wcu,
            computed_rcu,
            computed_wcu,
        });
    }

    /// What is known of the item at `key`.
    pub(super) fn seen(&self, pk: &str, sk: &str) -> Option<Seen> {
        lock(&self.seen)
            .get(&(pk.to_owned(), sk.to_owned()))
            .copied()
    }

    /// Remembers an item as it is now (`None`: deleted).
    pub(super) fn remember(&self, pk: &str, sk: &str, now: Option<Seen>) {
        let mut seen = lock(&self.seen);
        let key = (pk.to_owned(), sk.to_owned());
        match now {
            Some(s) => {
                if seen.len() >= REMEMBERED {
                    seen.clear();
                }
                seen.insert(key, s);
            }
            None => {
                seen.remove(&key);
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The indexes (bit per position in `def`) whose key attributes the item carries.
pub(super) fn indexes_of(def: &TableDef, item: &Attrs) -> u32 {
    def.indexes
        .iter()
        .enumerate()
        .filter(|(_, ix)| {
            item.contains_key(&ix.hash_key)
                && ix.range_key.as_ref().is_none_or(|r| item.contains_key(r))
        })
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// The indexes whose key attributes are among `names` (an update setting or removing them).
pub(super) fn indexes_named<'a>(
    def: &TableDef,
    names: impl Iterator<Item = &'a str> + Clone,
) -> u32 {
    def.indexes
        .iter()
        .enumerate()
        .filter(|(_, ix)| {
            names
                .clone()
                .any(|n| n == ix.hash_key || Some(n) == ix.range_key.as_deref())
        })
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// The write units of one item write: the table's (on the larger of the old and new image,
/// doubled in a transaction) plus one write per index holding the item before or after (not
/// doubled: index maintenance is not part of the transaction's two-phase protocol).
pub(super) fn write_cost(old: Option<Seen>, new: Seen, transactional: bool) -> f64 {
    let old = old.unwrap_or_default();
    let size = old.size.max(new.size);
    let indexes = (old.indexes | new.indexes).count_ones();
    capacity::write_units(size, transactional)
        + f64::from(indexes) * capacity::write_units(size, false)
}

/// The read units of a get of an item of `size` (0 when missing).
pub(super) fn get_cost(size: u64, consistent: bool) -> f64 {
    let kind = if consistent {
        ReadKind::Strong
    } else {
        ReadKind::Eventual
    };
    capacity::read_units(size, kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodb::types::AttributeValue;

    #[test]
    fn snapshots_subtract_per_operation() {
        let u = Usage::default();
        u.record("GetItem", &[], 1.0, 0.0);
        let before = u.snapshot();
        u.record("GetItem", &[], 1.0, 0.0);
        u.record("TransactWriteItems", &[], 0.0, 6.0);
        u.record("TransactWriteItems", &[], 0.0, 4.0);
        let d = u.snapshot().since(&before);
        assert_eq!(d.op("GetItem").requests, 1);
        assert_eq!(d.op("TransactWriteItems").requests, 2);
        assert_eq!(d.op("TransactWriteItems").computed_wcu, 10.0);
        assert_eq!(d.requests(), 3);
        assert_eq!(d.to_string(), "GetItem×1 TransactWriteItems×2");
        u.reset();
        assert_eq!(u.snapshot().requests(), 0);
    }

    #[test]
    fn reported_capacity_goes_to_reads_or_writes() {
        let u = Usage::default();
        let c = |units: f64| ConsumedCapacity::builder().capacity_units(units).build();
        u.record("Query", &[c(0.5)], 0.5, 0.0);
        u.record("PutItem", &[c(1.0)], 0.0, 1.0);
        let split = ConsumedCapacity::builder()
            .capacity_units(3.0)
            .read_capacity_units(1.0)
            .write_capacity_units(2.0)
            .build();
        u.record("TransactWriteItems", &[split], 1.0, 2.0);
        let s = u.snapshot();
        assert_eq!(s.op("Query").reported_rcu, 0.5);
        assert_eq!(s.op("PutItem").reported_wcu, 1.0);
        assert_eq!(s.op("TransactWriteItems").reported_rcu, 1.0);
        assert_eq!(s.op("TransactWriteItems").reported_wcu, 2.0);
    }

    #[test]
    fn writes_bill_the_larger_image_and_each_index() {
        let new = Seen {
            size: 900,
            indexes: 0,
        };
        assert_eq!(write_cost(None, new, false), 1.0);
        assert_eq!(write_cost(None, new, true), 2.0);
        // The old image was 2.5 KB and in two indexes: 3 units, doubled, plus 3 per index.
        let old = Seen {
            size: 2500,
            indexes: 0b101,
        };
        assert_eq!(write_cost(Some(old), new, true), 6.0 + 6.0);
        assert_eq!(get_cost(0, true), 1.0);
        assert_eq!(get_cost(5000, false), 1.0);
    }

    #[test]
    fn index_membership_follows_the_key_attributes() {
        let def = TableDef::deployed();
        let ix = &def.indexes[0];
        let mut item: Attrs = HashMap::from([("pk".into(), AttributeValue::S("a".into()))]);
        assert_eq!(indexes_of(&def, &item), 0);
        item.insert(ix.hash_key.clone(), AttributeValue::S("h".into()));
        if let Some(r) = &ix.range_key {
            item.insert(r.clone(), AttributeValue::S("r".into()));
        }
        assert_eq!(indexes_of(&def, &item) & 1, 1);
        assert_eq!(
            indexes_named(&def, [ix.hash_key.as_str()].into_iter()) & 1,
            1
        );
        assert_eq!(indexes_named(&def, ["other"].into_iter()), 0);
    }
}
