//! The layout of the one table: every partition and sort key is built here, so the shape of
//! the data can be read in one place. Partitions are per organisation, per application, per
//! person and per file — never one hot key for the whole country.
//!
//! | item | pk | sk | indexes |
//! |---|---|---|---|
//! | organisation | `ORG#{org}` | `PROFILE` | gsi1: `REGION#{region}` / `ORG#{org}`; gsi2: `LOCALITY#{locality}#ORGS` / `ORG#{org}` |
//! | BIN guard (one organisation per BIN) | `BIN#{bin}` | `ORG` | |
//! | class limit | `ORG#{org}` | `LIMIT#{year}#{grade}#{lang}` | |
//! | application counter | `ORG#{org}` | `COUNTER#APPLICATIONS` | |
//! | organisation event | `ORG#{org}` | `EVENT#{at}#{id}` | |
//! | membership | `PERSON#{iin}` | `MEMBER#{org}` | gsi1: `ORG#{org}#STAFF` / `{iin}` |
//! | staff invitation, the person's side | `PERSON#{iin}` | `CONSENT#{id}` | |
//! | staff invitation, the organisation's side | `ORG#{org}` | `INVITE#{iin}` | gsi1: `ORG#{org}#STAFF` / `PENDING#{iin}` |
//! | director's signing key | `PERSON#{iin}` | `SIGNING_KEY` | |
//! | person event (key registered) | `PERSON#{iin}` | `EVENT#{at}#{id}` | |
//! | file | `FILE#{id}` | `FILE` | |
//! | application | `APP#{id}` | `APP` | gsi1: `ORG#{org}#APPS` / `{submitted}#{number}`; gsi2: `PERSON#{iin}#APPS` / `{submitted}` |
//! | (application, while `in_review`) | | | gsi3: `QUEUE#{org}#{year}#{grade}#{lang}` / `{submitted}#{number}` (sparse: the review queue) |
//! | application event | `APP#{id}` | `EVENT#{at}#{id}` | |
//! | active-application guard | `CHILD#{iin}` | `YEAR#{year}` | |
//! | locality (address register) | `LOCALITY#{locality}` | `LOCALITY` | |
//! | street | `LOCALITY#{locality}` | `STREET#{street}` | |
//! | building | `LOCALITY#{locality}` | `BUILDING#{street}#{number}` | |
//! | address by id (street or building) | `ADDRESS#{id}` | `ADDRESS` | |
//! | microdistrict address of a school | `ORG#{org}` | `MICRO#{address}` | |
//! | school whose microdistrict holds an address | `ADDRESS#{address}` | `ORG#{org}` | |
//! | seed marker | `SEED#{name}` | `LOADED` | |

use chrono::{DateTime, SecondsFormat, Utc};
use store::Key;

pub fn org(org: &str) -> Key {
    Key::new(format!("ORG#{org}"), "PROFILE")
}

pub fn bin_guard(bin: &str) -> Key {
    Key::new(format!("BIN#{bin}"), "ORG")
}

pub fn region_index(region: &str) -> String {
    format!("REGION#{region}")
}

pub fn limit_partition(org: &str) -> String {
    format!("ORG#{org}")
}

pub fn limit(org: &str, limit_id: &str) -> Key {
    Key::new(limit_partition(org), format!("LIMIT#{limit_id}"))
}

pub const LIMIT_PREFIX: &str = "LIMIT#";

pub fn application_counter(org: &str) -> Key {
    Key::new(format!("ORG#{org}"), "COUNTER#APPLICATIONS")
}

pub fn org_event(org: &str, at: DateTime<Utc>, id: &str) -> Key {
    Key::new(format!("ORG#{org}"), format!("EVENT#{}#{id}", instant(at)))
}

pub fn person_partition(iin: &str) -> String {
    format!("PERSON#{iin}")
}

pub fn membership(iin: &str, org: &str) -> Key {
    Key::new(person_partition(iin), format!("MEMBER#{org}"))
}

pub const MEMBER_PREFIX: &str = "MEMBER#";

pub fn staff_index(org: &str) -> String {
    format!("ORG#{org}#STAFF")
}

pub fn file(id: &str) -> Key {
    Key::new(format!("FILE#{id}"), "FILE")
}

pub fn application(id: &str) -> Key {
    Key::new(application_partition(id), "APP")
}

pub fn application_partition(id: &str) -> String {
    format!("APP#{id}")
}

pub fn application_event(id: &str, at: DateTime<Utc>, event_id: &str) -> Key {
    Key::new(
        application_partition(id),
        format!("EVENT#{}#{event_id}", instant(at)),
    )
}

pub const EVENT_PREFIX: &str = "EVENT#";

pub fn org_applications_index(org: &str) -> String {
    format!("ORG#{org}#APPS")
}

/// Queue order: the submission instant, ties broken by the organisation's number.
pub fn queue_position(submitted: DateTime<Utc>, number: u64) -> String {
    format!("{}#{number:010}", instant(submitted))
}

/// The review queue of one organisation, year, grade and language: only applications still
/// `in_review` carry it (gsi3), so "is anything earlier still in review?" is one small query.
pub fn review_queue(org: &str, year: &str, grade: u8, language: &str) -> String {
    format!("QUEUE#{org}#{year}#{grade}#{language}")
}

pub fn person_applications_index(iin: &str) -> String {
    format!("PERSON#{iin}#APPS")
}

pub fn child_guard(child_iin: &str, academic_year: &str) -> Key {
    Key::new(
        format!("CHILD#{child_iin}"),
        format!("YEAR#{academic_year}"),
    )
}

pub fn locality(locality: &str) -> Key {
    Key::new(format!("LOCALITY#{locality}"), "LOCALITY")
}

/// The register's list of localities (one small partition: a few thousand localities
/// nationwide), so the site can offer them without a Scan.
pub fn locality_listing(locality: &str) -> Key {
    Key::new("LOCALITIES", format!("LOCALITY#{locality}"))
}

pub fn street(locality: &str, street: &str) -> Key {
    Key::new(format!("LOCALITY#{locality}"), format!("STREET#{street}"))
}

pub fn building(locality: &str, street: &str, number: &str) -> Key {
    Key::new(
        format!("LOCALITY#{locality}"),
        format!("BUILDING#{street}#{number}"),
    )
}

pub fn seed_marker(name: &str) -> Key {
    Key::new(format!("SEED#{name}"), "LOADED")
}

/// A stable shard of an id among `shards` (the same id always maps to the same shard), for
/// indexes whose sort key only grows and so must be spread over partitions by hand.
pub fn shard(id: &str, shards: u32) -> u32 {
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
