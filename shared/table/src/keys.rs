//! Every partition and sort key and every index attribute, spelled once (the layout is in the
//! crate documentation).

use chrono::{DateTime, SecondsFormat, Utc};
use store::Key;

/// The index attributes of the one table: `gsi{n}pk` / `gsi{n}sk`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Index {
    pub name: &'static str,
    pub pk: &'static str,
    pub sk: &'static str,
}

/// An organisation's applications (journal) and staff; regions' organisations and education
/// department staff.
pub(crate) const GSI1: Index = Index {
    name: "gsi1",
    pk: "gsi1pk",
    sk: "gsi1sk",
};
/// A person's applications; a locality's organisations.
pub(crate) const GSI2: Index = Index {
    name: "gsi2",
    pk: "gsi2pk",
    sk: "gsi2sk",
};
/// The review queues (sparse).
pub(crate) const GSI3: Index = Index {
    name: "gsi3",
    pk: "gsi3pk",
    sk: "gsi3sk",
};
/// The due index (sparse, sharded).
pub(crate) const GSI4: Index = Index {
    name: "gsi4",
    pk: "gsi4pk",
    sk: "gsi4sk",
};
/// Pending outbox messages (sparse, sharded).
pub(crate) const GSI5: Index = Index {
    name: "gsi5",
    pk: "gsi5pk",
    sk: "gsi5sk",
};

/// A region's applications by submission (the education department's journal).
pub(crate) const GSI6: Index = Index {
    name: "gsi6",
    pk: "gsi6pk",
    sk: "gsi6sk",
};

impl Index {
    /// Puts an item into this index.
    pub fn insert(self, item: &mut store::Item, pk: String, sk: String) {
        item.insert(self.pk.into(), pk.into());
        item.insert(self.sk.into(), sk.into());
    }

    /// The item's sort key in this index, if it is in it.
    pub fn sort_key(self, item: &store::Item) -> Option<&str> {
        item.get(self.sk).and_then(|v| v.as_str())
    }
}

pub(crate) fn org_partition(org: &str) -> String {
    format!("ORG#{org}")
}

pub(crate) fn org(org: &str) -> Key {
    Key::new(org_partition(org), "PROFILE")
}

pub(crate) fn bin_guard(bin: &str) -> Key {
    Key::new(format!("BIN#{bin}"), "ORG")
}

pub(crate) fn region_index(region: &str) -> String {
    format!("REGION#{region}")
}

/// An event of a region's own records, in the table's `REGION#{region}` partition (the same
/// name as its organisations' gsi1 partition, which is another namespace).
pub(crate) fn region_event(region: &str, at: DateTime<Utc>, id: &str) -> Key {
    Key::new(region_index(region), event_sk(at, id))
}

/// A region's education department staff (an index partition beside the region's
/// organisations, as `ORG#{org}#STAFF` is beside an organisation's items).
pub(crate) fn region_staff_index(region: &str) -> String {
    format!("REGION#{region}#STAFF")
}

pub(crate) const EDU_STAFF_PREFIX: &str = "EDUSTAFF#";

/// The ministry's education department staff (no region's: one small partition).
pub(crate) const MINISTRY_STAFF_INDEX: &str = "MINISTRY#STAFF";

/// A person's appointment to an education department, in the person's partition beside their
/// `MEMBER#` items: `EDUSTAFF#REGION#{region}`, `EDUSTAFF#DISTRICT#{district}` or
/// `EDUSTAFF#MINISTRY`.
pub(crate) fn edu_staff(iin: &str, scope: &domain::territory::Scope) -> Key {
    use domain::territory::Scope;
    let territory = match scope {
        Scope::Ministry => "MINISTRY".to_string(),
        Scope::Region { region } => format!("REGION#{region}"),
        Scope::District { district, .. } => format!("DISTRICT#{district}"),
    };
    Key::new(
        person_partition(iin),
        format!("{EDU_STAFF_PREFIX}{territory}"),
    )
}

pub(crate) const LIMIT_PREFIX: &str = "LIMIT#";

pub(crate) fn limit(org: &str, limit_id: &str) -> Key {
    Key::new(org_partition(org), format!("{LIMIT_PREFIX}{limit_id}"))
}

pub(crate) fn application_counter(org: &str) -> Key {
    Key::new(org_partition(org), "COUNTER#APPLICATIONS")
}

pub(crate) const EVENT_PREFIX: &str = "EVENT#";

fn event_sk(at: DateTime<Utc>, id: &str) -> String {
    format!("{EVENT_PREFIX}{}#{id}", instant(at))
}

pub(crate) fn org_event(org: &str, at: DateTime<Utc>, id: &str) -> Key {
    Key::new(org_partition(org), event_sk(at, id))
}

pub(crate) fn person_partition(iin: &str) -> String {
    format!("PERSON#{iin}")
}

/// A person's own profile (seed 002, 5.7), in their partition.
pub(crate) fn profile(iin: &str) -> Key {
    Key::new(person_partition(iin), "PROFILE")
}

pub(crate) fn person_event(iin: &str, at: DateTime<Utc>, id: &str) -> Key {
    Key::new(person_partition(iin), event_sk(at, id))
}

pub(crate) const MEMBER_PREFIX: &str = "MEMBER#";

pub(crate) fn membership(iin: &str, org: &str) -> Key {
    Key::new(person_partition(iin), format!("{MEMBER_PREFIX}{org}"))
}

pub(crate) fn staff_index(org: &str) -> String {
    format!("ORG#{org}#STAFF")
}

pub(crate) fn file(id: &str) -> Key {
    Key::new(format!("FILE#{id}"), "FILE")
}

pub(crate) fn application_partition(id: &str) -> String {
    format!("APP#{id}")
}

pub(crate) fn application(id: &str) -> Key {
    Key::new(application_partition(id), "APP")
}

pub(crate) fn application_event(id: &str, at: DateTime<Utc>, event_id: &str) -> Key {
    Key::new(application_partition(id), event_sk(at, event_id))
}

pub(crate) fn org_applications_index(org: &str) -> String {
    format!("ORG#{org}#APPS")
}

/// Queue order: the submission instant, ties broken by the organisation's number.
/// A region's applications (gsi6), in the order of submission.
pub(crate) fn region_applications_index(region: &str) -> String {
    format!("REGION#{region}#APPS")
}

/// An application's position in its region's journal: the submission instant, then its id
/// (numbers are per organisation, so they do not order a region).
pub(crate) fn region_position(submitted: DateTime<Utc>, id: &str) -> String {
    format!("{}#{id}", instant(submitted))
}

pub(crate) fn queue_position(submitted: DateTime<Utc>, number: u64) -> String {
    format!("{}#{number:010}", instant(submitted))
}

/// The review queue of one organisation, year and grade, across languages: seed 001's strict
/// order is the school's, «по дате и времени поступления».
pub(crate) fn review_queue(org: &str, year: &str, grade: u8) -> String {
    format!("QUEUE#{org}#{year}#{grade}")
}

/// The review queue's own item: its version and the applications put back into it.
pub(crate) fn review_queue_state(org: &str, year: &str, grade: u8) -> Key {
    Key::new(org_partition(org), format!("{QUEUE_PREFIX}{year}#{grade}"))
}

const QUEUE_PREFIX: &str = "QUEUE#";

/// Whether a key is a review queue's own item.
pub(crate) fn is_review_queue_state(key: &Key) -> bool {
    key.sk.starts_with(QUEUE_PREFIX) && key.pk.starts_with("ORG#")
}

pub(crate) fn person_applications_index(iin: &str) -> String {
    format!("PERSON#{iin}#APPS")
}

/// The guard of a service with one active application per organisation (a college).
pub(crate) fn child_guard_at(child_iin: &str, academic_year: &str, org: &str) -> Key {
    Key::new(
        format!("CHILD#{child_iin}"),
        format!("YEAR#{academic_year}#ORG#{org}"),
    )
}

pub(crate) fn child_guard(child_iin: &str, academic_year: &str) -> Key {
    Key::new(
        format!("CHILD#{child_iin}"),
        format!("YEAR#{academic_year}"),
    )
}

pub(crate) fn locality_partition(locality: &str) -> String {
    format!("LOCALITY#{locality}")
}

pub(crate) fn locality(locality: &str) -> Key {
    Key::new(locality_partition(locality), "LOCALITY")
}

/// The register's list of localities (one small partition: a few thousand localities
/// nationwide), so the site can offer them without a Scan.
pub(crate) const LOCALITIES: &str = "LOCALITIES";

pub(crate) fn locality_listing(locality: &str) -> Key {
    Key::new(LOCALITIES, format!("LOCALITY#{locality}"))
}

pub(crate) const STREET_PREFIX: &str = "STREET#";
pub(crate) const BUILDING_PREFIX: &str = "BUILDING#";

pub(crate) fn street(locality: &str, street: &str) -> Key {
    Key::new(
        locality_partition(locality),
        format!("{STREET_PREFIX}{street}"),
    )
}

pub(crate) fn building(locality: &str, street: &str, number: &str) -> Key {
    Key::new(
        locality_partition(locality),
        format!("{BUILDING_PREFIX}{street}#{number}"),
    )
}

pub(crate) fn locality_orgs_index(locality: &str) -> String {
    format!("LOCALITY#{locality}#ORGS")
}

/// The organisation's entry in an index of organisations (by region, by locality).
pub(crate) fn org_entry(org: &str) -> String {
    format!("ORG#{org}")
}

/// A region's admission campaign of a service and academic year, in the region's partition.
pub(crate) fn campaign_sk(service: &str, year: &str) -> String {
    format!("CAMPAIGN#{service}#{year}")
}

/// A region's open overdue applications (gsi4, in the place of the due index's `DUE#{shard}`).
pub(crate) fn overdue_index(region: &str) -> String {
    format!("OVERDUE#{region}")
}

pub(crate) fn seed_marker(name: &str) -> Key {
    Key::new(format!("SEED#{name}"), "LOADED")
}

/// The report counters of a territory (`LOCALITY` or `REGION`) and service.
pub(crate) fn stats_partition(level: &str, territory: &str, service: &str) -> String {
    format!("{STATS_PREFIX}{level}#{territory}#{service}")
}

pub(crate) const STATS_PREFIX: &str = "STATS#";

/// One day's counters of a territory and service, one item per shard (`{YYYY-MM-DD}#{shard}`).
pub(crate) fn stats(partition: &str, date: chrono::NaiveDate, shard: u32) -> Key {
    Key::new(partition, format!("{date}#{shard}"))
}

/// A stable shard of an id among `shards` (the same id always maps to the same shard), for
/// indexes whose sort key only grows and so must be spread over partitions by hand.
pub(crate) fn shard(id: &str, shards: u32) -> u32 {
    id.bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % shards.max(1)
}

/// A sortable UTC instant with fixed width (so string order is time order).
pub fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_sort_as_time() {
        let a = DateTime::parse_from_rfc3339("2026-05-14T09:00:00.5+05:00")
            .unwrap()
            .to_utc();
        let b = DateTime::parse_from_rfc3339("2026-05-14T09:00:01+05:00")
            .unwrap()
            .to_utc();
        assert!(instant(a) < instant(b));
        assert!(queue_position(a, 9) < queue_position(a, 10));
        assert_eq!(instant(a), "2026-05-14T04:00:00.500000Z");
    }
}
