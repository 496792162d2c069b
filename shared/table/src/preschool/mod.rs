//! The kindergarten service (seed 004) as stored: queue applications ([`queue`]), the
//! state-order places of private kindergartens ([`place`]) and the directions to them
//! ([`direction`]).
//!
//! | item | pk | sk | indexes |
//! |---|---|---|---|
//! | queue application | `APP#{id}` | `PRESCHOOL` | gsi2: `PERSON#{iin}#PRESCHOOL` / `{registered}#{id}`; gsi3 while in the queue: `PQUEUE#{locality}#{age group}` / `{queued since}#{id}`; gsi1 while a privilege waits: `REGION#{region}#PRIVILEGES` / `{claimed}#{id}` |
//! | its events | `APP#{id}` | `EVENT#{at}#{id}` | |
//! | direction | `APP#{id}` | `DIRECTION#{n}` | gsi1: `ORG#{org}#DIRECTIONS` / `{issued}#{id}`; gsi2: `REGION#{region}#DIRECTIONS` / `{issued}#{id}`; gsi4 while issued: `DIRDUE#{shard}` / `{expires}#{id}` (sparse, sharded) |
//! | the child's queue guard | `CHILD#{iin}` | `PRESCHOOL` | |
//! | the region's number counter | `REGION#{region}` | `COUNTER#PRESCHOOL#{year}` | |
//! | places of an age group and language | `ORG#{org}` | `PLACE#{age group}#{lang}` | gsi1: `REGION#{region}#PLACES` / `{org}#{age group}#{lang}`; gsi2: `LOCALITY#{locality}#PLACES#{age group}` / `{org}#{lang}` |
//!
//! Every change of an application or a direction puts the whole item on the condition that
//! its `version` is the one read (optimistic locking), with its index entries recomputed from
//! the new state by one function each, so an index can never disagree with the state.

pub mod direction;
pub mod place;
pub mod queue;

/// The attribute every versioned item carries.
pub(crate) const VERSION: &str = "version";

/// The condition of replacing an item read at `version` (0: it must not exist yet).
pub(crate) fn at_version(version: u64) -> store::Condition {
    if version == 0 {
        store::Condition::NotExists
    } else {
        store::Condition::eq(VERSION, version)
    }
}
