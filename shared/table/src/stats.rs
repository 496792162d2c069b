//! The report counters (`domain::monitoring`): per territory × service × Almaty day of
//! submission, how many applications stand in each column now, and how many were marked
//! overdue. Every state change adds to them in its own transaction: −1 on the column left, +1
//! on the column entered, on the day and on the hour of the application's submission (so a
//! period is resolved to the hour), at two levels (the locality, read by a region or a district;
//! the region, read by the ministry).
//!
//! A day's counters are spread over [`SHARDS`] items by application id, so one busy city's
//! opening minutes do not serialise on one item. A report reads one partition per territory
//! and service: at most days × shards items.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use domain::Service;
use domain::api::Application;
use domain::monitoring::counters::Delta;
use domain::monitoring::period::{self, DaySpan};
use domain::monitoring::{Column, Counts, RowLevel};
use domain::preschool::api::QueueApplication;
use serde_json::Value;
use store::{Item, Query, SortCondition, Store, StoreError, Update, WriteOp};

use crate::keys;

/// How many items one day's counters of a territory spread over.
pub const SHARDS: u32 = 4;

/// What the counters know of an application: which it is, where and when it was submitted.
#[derive(Clone, Debug)]
pub struct Counted<'a> {
    pub id: &'a str,
    pub service: Service,
    pub region: &'a str,
    pub locality: &'a str,
    pub submitted_at: DateTime<FixedOffset>,
}

impl<'a> Counted<'a> {
    pub fn of(app: &'a Application) -> Counted<'a> {
        Counted {
            id: &app.id,
            service: app.service,
            region: &app.region,
            locality: &app.locality_id,
            submitted_at: app.submitted_at,
        }
    }

    pub fn of_queue(app: &'a QueueApplication) -> Counted<'a> {
        Counted {
            id: &app.id,
            service: Service::Preschool,
            region: &app.region,
            locality: &app.locality_id,
            submitted_at: app.registered_at,
        }
    }
}

/// The partition of a territory's counters of a service.
fn partition(level: RowLevel, territory: &str, service: Service) -> String {
    let level = match level {
        RowLevel::Region => "REGION",
        RowLevel::Locality => "LOCALITY",
    };
    keys::stats_partition(level, territory, service.as_str())
}

fn hour_attr(name: &str, hour: u32) -> String {
    format!("{name}_h{hour:02}")
}

const OVERDUE: &str = "overdue";

/// The writes of one application's change: an unconditional update per territory level it
/// has (an application stored before territories were kept has none). Nothing when the
/// change moves nothing.
pub fn writes(counted: &Counted, delta: &Delta) -> Vec<WriteOp> {
    if delta.is_empty() {
        return Vec::new();
    }
    let (date, hour) = period::slot(counted.submitted_at);
    let shard = keys::shard(counted.id, SHARDS);
    let mut update = Update::new();
    let adds = delta
        .columns
        .iter()
        .map(|(c, n)| (c.as_str(), *n))
        .chain((delta.overdue != 0).then_some((OVERDUE, delta.overdue)));
    for (name, n) in adds {
        update = update.add(name, n).add(&hour_attr(name, hour), n);
    }
    [
        (RowLevel::Locality, counted.locality),
        (RowLevel::Region, counted.region),
    ]
    .into_iter()
    .filter(|(_, territory)| !territory.is_empty())
    .map(|(level, territory)| WriteOp::Update {
        key: keys::stats(&partition(level, territory, counted.service), date, shard),
        update: update.clone(),
        condition: None,
    })
    .collect()
}

fn is_counter(write: &WriteOp) -> bool {
    matches!(write, WriteOp::Update { key, condition: None, .. }
        if key.pk.starts_with(keys::STATS_PREFIX))
}

/// The writes of a transaction that changes several applications, with their counter updates
/// merged into one per item (a transaction may write an item once) and moved last, after the
/// other writes in their order. Additions that cancel out are dropped.
pub fn gather(writes: Vec<WriteOp>) -> Vec<WriteOp> {
    let (counters, mut out): (Vec<_>, Vec<_>) = writes.into_iter().partition(is_counter);
    let mut merged: BTreeMap<store::Key, BTreeMap<String, i64>> = BTreeMap::new();
    for write in counters {
        if let WriteOp::Update { key, update, .. } = write {
            let adds = merged.entry(key).or_default();
            for (name, n) in update.add {
                *adds.entry(name).or_default() += n;
            }
        }
    }
    for (key, adds) in merged {
        let update = adds
            .into_iter()
            .filter(|(_, n)| *n != 0)
            .fold(Update::new(), |u, (name, n)| u.add(&name, n));
        if update != Update::new() {
            out.push(WriteOp::Update {
                key,
                update,
                condition: None,
            });
        }
    }
    out
}

/// A territory's counts of a service over the days of a period (whole days from the day's
/// attributes, edge days from their hours). One query, paged.
pub async fn counts(
    store: &dyn Store,
    level: RowLevel,
    territory: &str,
    service: Service,
    spans: &[DaySpan],
) -> Result<Counts, StoreError> {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return Ok(Counts::default());
    };
    let by_date: HashMap<String, &DaySpan> =
        spans.iter().map(|s| (s.date.to_string(), s)).collect();
    let query = Query::table(partition(level, territory, service)).sk(SortCondition::Between(
        format!("{}#", first.date),
        format!("{}#~", last.date),
    ));
    let mut counts = Counts::default();
    for item in store::query_all(store, query).await? {
        let sk = item.get("sk").and_then(Value::as_str).unwrap_or_default();
        let Some(span) = sk.split('#').next().and_then(|d| by_date.get(d)) else {
            continue;
        };
        for column in Column::ALL {
            counts.add(column, sum(&item, column.as_str(), span));
        }
        counts.overdue += sum(&item, OVERDUE, span);
    }
    Ok(counts)
}

/// An attribute's count on the hours of `span` (the day's own attribute for a whole day).
fn sum(item: &Item, name: &str, span: &DaySpan) -> u64 {
    let get = |attr: &str| item.get(attr).and_then(Value::as_i64).unwrap_or(0);
    let n = if span.is_whole() {
        get(name)
    } else {
        span.hours.clone().map(|h| get(&hour_attr(name, h))).sum()
    };
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(id: &str) -> Counted<'_> {
        Counted {
            id,
            service: Service::Grade1,
            region: "astana",
            locality: "astana-city",
            submitted_at: DateTime::parse_from_rfc3339("2026-06-02T09:15:00+05:00").unwrap(),
        }
    }

    #[test]
    fn a_move_writes_both_levels_on_the_day_and_the_hour() {
        let delta = Delta::moving(Some(Column::Received), Column::Processing, false);
        let writes = writes(&counted("a"), &delta);
        assert_eq!(writes.len(), 2);
        let WriteOp::Update { key, update, .. } = &writes[0] else {
            panic!("{writes:?}");
        };
        assert!(key.pk == "STATS#LOCALITY#astana-city#grade1", "{key:?}");
        assert!(key.sk.starts_with("2026-06-02#"));
        assert_eq!(
            update.add,
            vec![
                ("received".into(), -1),
                ("received_h09".into(), -1),
                ("processing".into(), 1),
                ("processing_h09".into(), 1),
            ]
        );
        assert!(super::writes(&counted("a"), &Delta::default()).is_empty());
    }

    #[test]
    fn two_changes_on_one_counter_become_one_write() {
        let mut all = vec![WriteOp::Check {
            key: store::Key::new("APP#a", "APP"),
            condition: store::Condition::NotExists,
        }];
        all.extend(writes(
            &counted("a"),
            &Delta::moving(None, Column::Received, false),
        ));
        all.extend(writes(
            &counted("a"),
            &Delta::moving(Some(Column::Received), Column::Withdrawn, false),
        ));
        let out = gather(all);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(matches!(out[0], WriteOp::Check { .. }));
        let WriteOp::Update { update, .. } = &out[1] else {
            panic!()
        };
        assert_eq!(
            update.add,
            vec![("withdrawn".into(), 1), ("withdrawn_h09".into(), 1)]
        );
    }
}
