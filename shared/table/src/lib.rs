//! The table model: the one place that knows how each entity is stored in the one table — its
//! partition and sort keys, the indexes it belongs to and the writes that move it. Use cases
//! call typed functions here (`application::submit`, `staff::list`, `due::page`...) and never
//! spell a key or an index attribute. Partitions are per organisation, per application, per
//! person and per file — never one hot key for the whole country.
//!
//! | item | pk | sk | indexes |
//! |---|---|---|---|
//! | organisation | `ORG#{org}` | `PROFILE` | gsi1: `REGION#{region}` / `ORG#{org}`; gsi2: `LOCALITY#{locality}#ORGS` / `ORG#{org}` |
//! | BIN guard (one organisation per BIN) | `BIN#{bin}` | `ORG` | |
//! | class limit | `ORG#{org}` | `LIMIT#{year}-{grade}-{lang}` | |
//! | application counter | `ORG#{org}` | `COUNTER#APPLICATIONS` | |
//! | organisation event | `ORG#{org}` | `EVENT#{at}#{id}` | |
//! | membership | `PERSON#{iin}` | `MEMBER#{org}` | gsi1: `ORG#{org}#STAFF` / `{iin}` |
//! | staff invitation, the person's side | `PERSON#{iin}` | `CONSENT#{id}` | |
//! | staff invitation, the organisation's side | `ORG#{org}` | `INVITE#{iin}` | gsi1: `ORG#{org}#STAFF` / `PENDING#{iin}` |
//! | person event | `PERSON#{iin}` | `EVENT#{at}#{id}` | |
//! | profile (name, e-mail, phone, position) | `PERSON#{iin}` | `PROFILE` | |
//! | education department appointment | `PERSON#{iin}` | `EDUSTAFF#REGION#{region}`, `EDUSTAFF#DISTRICT#{district}`, `EDUSTAFF#MINISTRY` | gsi1: `REGION#{region}#STAFF` / `{iin}` (a district's in its region's), `MINISTRY#STAFF` / `{iin}` |
//! | region event | `REGION#{region}` | `EVENT#{at}#{id}` | |
//! | admission campaign of a service (the college's: its campaign item) | `REGION#{region}` | `CAMPAIGN#{service}#{year}` | |
//! | notice | `PERSON#{iin}` | `NOTICE#{id}` | |
//! | unread notices counter | `PERSON#{iin}` | `UNREAD#NOTICES` | |
//! | SMS sent marker | `SMS#{message}` | `TO#{phone}` | |
//! | e-mail sent marker | `EMAIL#{message}` | `TO#{address}` | |
//! | file | `FILE#{id}` | `FILE` | |
//! | application | `APP#{id}` | `APP` | gsi1: `ORG#{org}#APPS` / `{submitted}#{number}`; gsi2: `PERSON#{iin}#APPS` / `{submitted}`; gsi6: `REGION#{region}#APPS` / `{submitted}#{id}` |
//! | (application, while in the review queue) | | | gsi3: `QUEUE#{org}#{year}#{grade}` / `{submitted}#{number}` (sparse) |
//! | review queue version, applications put back | `ORG#{org}` | `QUEUE#{year}#{grade}` | |
//! | (application, while due) | | | gsi4: `DUE#{shard}` / `{due_at}#{id}` (sparse, sharded) |
//! | (application, while open and overdue) | | | gsi4: `OVERDUE#{region}` / `{due_at}#{id}` (sparse, in the due index's place) |
//! | application event | `APP#{id}` | `EVENT#{at}#{id}` | |
//! | active-application guard | `CHILD#{iin}` | `YEAR#{year}` (a college's: `YEAR#{year}#ORG#{org}`) | |
//! | outbox message | `OUTBOX#{id}` | `OUTBOX` | gsi5 while pending: `OUTBOX#{shard}` / `{at}#{id}` (sparse, sharded) |
//! | locality (address register) | `LOCALITY#{locality}` | `LOCALITY` | |
//! | the list of localities | `LOCALITIES` | `LOCALITY#{locality}` | |
//! | street | `LOCALITY#{locality}` | `STREET#{street}` | |
//! | building | `LOCALITY#{locality}` | `BUILDING#{street}#{number}` | |
//! | address by id (street or building) | `ADDRESS#{id}` | `ADDRESS` | |
//! | microdistrict address of a school | `ORG#{org}` | `MICRO#{address}` | |
//! | school whose microdistrict holds an address | `ADDRESS#{address}` | `ORG#{org}` | |
//! | report counters of a day (one item per shard) | `STATS#{LOCALITY\|REGION}#{territory}#{service}` | `{YYYY-MM-DD}#{shard}` | |
//! | seed marker | `SEED#{name}` | `LOADED` | |
//! | response templates, messages sent | see [`reply`] | | |
//! | orders, their markers and registry book | see [`order`] | | |
//! | the kindergarten service's items | see [`preschool`] | | |
//! | the college service's items | see [`college`] | | |
//!
//! Functions here take the store (`&dyn Store`) and return store errors; what an error means to
//! a caller is the use case's business.

mod keys;

pub mod address;
pub mod application;
pub mod audit;
pub mod campaign;
pub mod college;
pub mod due;
pub mod file;
pub mod limit;
pub mod notice;
pub mod order;
pub mod org;
pub mod outbox;
pub mod overdue;
pub mod preschool;
pub mod profile;
pub mod region_staff;
pub mod reply;
pub mod seed;
pub mod staff;
pub mod stats;

pub use store::{Store, StoreError};

/// A page of a list that can grow without bound, with the token of the next one.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_page_token: Option<String>,
}

/// A value that is not a JSON object, or does not match its stored shape.
fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

/// The typed value of an item, if there is one.
async fn get<T: serde::de::DeserializeOwned>(
    store: &dyn Store,
    key: &store::Key,
) -> Result<Option<T>, StoreError> {
    match store.get(key).await? {
        Some(item) => Ok(Some(store::from_item(item)?)),
        None => Ok(None),
    }
}

/// A page of the store, typed.
fn typed<T: serde::de::DeserializeOwned>(page: store::Page) -> Result<Page<T>, StoreError> {
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(store::from_item)
            .collect::<Result<_, _>>()?,
        next_page_token: page.next_page_token,
    })
}

/// Every item of a small partition (or index partition), typed.
async fn all<T: serde::de::DeserializeOwned>(
    store: &dyn Store,
    query: store::Query,
) -> Result<Vec<T>, StoreError> {
    store::query_all(store, query)
        .await?
        .into_iter()
        .map(store::from_item)
        .collect()
}

/// Writes a marker item unless it is there already (a marker says something happened once;
/// a second writer finds it and is content).
async fn put_once(
    store: &dyn Store,
    key: &store::Key,
    value: &serde_json::Value,
) -> Result<(), StoreError> {
    let item = store::to_item(key, value)?;
    match store.put(item, Some(store::Condition::NotExists)).await {
        Ok(()) | Err(StoreError::ConditionFailed { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}
