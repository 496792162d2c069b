//! The address register and school microdistricts as stored, shared by the microdistrict
//! function (search, attach, detach, public school listing), submission (the admission type)
//! and the register import.
//!
//! | item | pk | sk |
//! |---|---|---|
//! | locality | `LOCALITY#{locality}` | `LOCALITY` |
//! | street / building (for search) | `LOCALITY#{locality}` | `STREET#{street}` / `BUILDING#{street}#{number}` |
//! | address by id | `ADDRESS#{address}` | `ADDRESS` |
//! | attached address (the microdistrict) | `ORG#{org}` | `MICRO#{address}` |
//! | attached school (reverse lookup) | `ADDRESS#{address}` | `ORG#{org}` |
//!
//! Schools carry gsi2 `LOCALITY#{locality}#ORGS` / `ORG#{org}` so a locality's schools are one
//! query.

use std::collections::BTreeSet;

use domain::address::{AddressItem, AddressKind, RegisterLocality, register_addresses};
use domain::{AdmissionType, ErrorCode, MsgLang};
use serde::{Deserialize, Serialize};
use store::{Key, Query, SortCondition, Store, WriteOp, from_item, to_item};

use crate::{ApiError, Ctx, keys};

/// The register entry of an address, looked up by its id.
pub fn address_key(address_id: &str) -> Key {
    Key::new(address_partition(address_id), "ADDRESS")
}

pub fn address_partition(address_id: &str) -> String {
    format!("ADDRESS#{address_id}")
}

/// An address in an organisation's microdistrict.
pub fn attachment(org_id: &str, address_id: &str) -> Key {
    Key::new(
        format!("ORG#{org_id}"),
        format!("{MICRO_PREFIX}{address_id}"),
    )
}

pub const MICRO_PREFIX: &str = "MICRO#";

/// The reverse of [`attachment`]: a school whose microdistrict holds the address.
pub fn attached_school(address_id: &str, org_id: &str) -> Key {
    Key::new(address_partition(address_id), format!("ORG#{org_id}"))
}

pub const ATTACHED_SCHOOL_PREFIX: &str = "ORG#";

/// The gsi2 partition of a locality's organisations.
pub fn locality_orgs_index(locality_id: &str) -> String {
    format!("LOCALITY#{locality_id}#ORGS")
}

pub fn locality_partition(locality_id: &str) -> String {
    format!("LOCALITY#{locality_id}")
}

/// An attachment as stored (both ways): the address as it was when attached, and who did it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentItem {
    pub org_id: String,
    pub address: AddressItem,
    pub attached_at: chrono::DateTime<chrono::FixedOffset>,
    pub attached_by: String,
}

/// Imports (or re-imports, overwriting names and texts) localities of the address register.
/// The local runner's demo seed calls this; a deployment imports the official register with the
/// same function, e.g. from a one-off task reading the same JSON shape
/// (`[{"id","region","name":{"ru","kk"},"streets":[{"id","name","buildings":[..]}]}]`).
/// Returns how many addresses were written. Attachments are untouched.
pub async fn import_register(
    store: &dyn Store,
    localities: &[RegisterLocality],
) -> Result<usize, ApiError> {
    let mut count = 0;
    for locality in localities {
        let addresses = register_addresses(locality).map_err(|e| {
            ApiError::new(ErrorCode::ValidationFailed).log(format!("register: {e}"))
        })?;
        let record = serde_json::json!({
            "id": locality.id, "region": locality.region, "name": locality.name,
        });
        let mut writes = vec![
            WriteOp::Put {
                item: to_item(&keys::locality(&locality.id), &record)?,
                condition: None,
            },
            WriteOp::Put {
                item: to_item(&keys::locality_listing(&locality.id), &record)?,
                condition: None,
            },
        ];
        for a in &addresses {
            let key = match (&a.kind, &a.number) {
                (AddressKind::Building, Some(n)) => keys::building(&locality.id, &a.street_id, n),
                _ => keys::street(&locality.id, &a.street_id),
            };
            for key in [key, address_key(&a.id)] {
                writes.push(WriteOp::Put {
                    item: to_item(&key, a)?,
                    condition: None,
                });
            }
        }
        count += addresses.len();
        // Plain puts, batched: a re-import is idempotent, so a partial one is simply redone.
        let mut writes = writes.into_iter().peekable();
        while writes.peek().is_some() {
            let batch: Vec<WriteOp> = writes
                .by_ref()
                .take(store::MAX_TRANSACTION_WRITES)
                .collect();
            store.transact(batch).await?;
        }
    }
    Ok(count)
}

/// The register's localities, of one region or all, by name.
pub async fn localities(
    ctx: &Ctx,
    region: Option<&str>,
) -> Result<Vec<domain::address::Locality>, ApiError> {
    let items = all(ctx, Query::table("LOCALITIES")).await?;
    let mut out = items
        .into_iter()
        .map(from_item::<domain::address::Locality>)
        .collect::<Result<Vec<_>, _>>()?;
    out.retain(|l| region.is_none_or(|r| l.region == r));
    out.sort_by(|a, b| a.name.ru.cmp(&b.name.ru));
    Ok(out)
}

/// An address of the register by its id.
pub async fn address(ctx: &Ctx, address_id: &str) -> Result<Option<AddressItem>, ApiError> {
    match ctx.store.get(&address_key(address_id)).await? {
        Some(item) => Ok(Some(from_item(item)?)),
        None => Ok(None),
    }
}

/// Whether a child registered at `address_id` applies to `org_id` by microdistrict: the
/// address must be a building of the register (else 422 on `registered_address_id`); it is
/// `microdistrict` when that building or its whole street is attached to the school.
pub async fn admission_type(
    ctx: &Ctx,
    org_id: &str,
    address_id: &str,
) -> Result<AdmissionType, ApiError> {
    let invalid = || ApiError::new(ErrorCode::ValidationFailed).field("registered_address_id");
    let building = address(ctx, address_id).await?.ok_or_else(invalid)?;
    if building.kind != AddressKind::Building {
        return Err(invalid());
    }
    for id in [&building.id, &building.street_id] {
        if ctx.store.get(&attachment(org_id, id)).await?.is_some() {
            return Ok(AdmissionType::Microdistrict);
        }
    }
    Ok(AdmissionType::Outside)
}

/// The schools whose microdistrict holds the address (the building itself or its street).
pub async fn schools_of(ctx: &Ctx, address: &AddressItem) -> Result<BTreeSet<String>, ApiError> {
    let mut ids = vec![address.id.clone()];
    if address.kind == AddressKind::Building {
        ids.push(address.street_id.clone());
    }
    let mut out = BTreeSet::new();
    for id in ids {
        let items = all(
            ctx,
            Query::table(address_partition(&id))
                .sk(SortCondition::BeginsWith(ATTACHED_SCHOOL_PREFIX.into())),
        )
        .await?;
        for item in items {
            out.insert(from_item::<AttachmentItem>(item)?.org_id);
        }
    }
    Ok(out)
}

/// The addresses of an organisation's microdistrict, in display order.
pub async fn attached(ctx: &Ctx, org_id: &str) -> Result<Vec<AddressItem>, ApiError> {
    let items = all(
        ctx,
        Query::table(format!("ORG#{org_id}")).sk(SortCondition::BeginsWith(MICRO_PREFIX.into())),
    )
    .await?;
    let mut out = items
        .into_iter()
        .map(|i| from_item::<AttachmentItem>(i).map(|a| a.address))
        .collect::<Result<Vec<_>, _>>()?;
    out.sort_by_key(AddressItem::order_key);
    Ok(out)
}

/// The most addresses one search returns.
pub const SEARCH_LIMIT: usize = 50;

/// Streets and buildings of a locality matching `q` (see [`AddressItem::matches`]), in display
/// order, at most [`SEARCH_LIMIT`]. The register of one locality is small enough to filter
/// in memory (a city has thousands of addresses, a few pages).
pub async fn search(
    ctx: &Ctx,
    locality_id: &str,
    q: &str,
    lang: MsgLang,
) -> Result<Vec<domain::address::Address>, ApiError> {
    let q = domain::address::normalize(q);
    let mut found = Vec::new();
    for prefix in ["STREET#", "BUILDING#"] {
        let items = all(
            ctx,
            Query::table(locality_partition(locality_id))
                .sk(SortCondition::BeginsWith(prefix.into())),
        )
        .await?;
        for item in items {
            let a: AddressItem = from_item(item)?;
            if a.matches(&q) {
                found.push(a);
            }
        }
    }
    found.sort_by_key(AddressItem::order_key);
    Ok(found
        .iter()
        .take(SEARCH_LIMIT)
        .map(|a| a.view(lang))
        .collect())
}

/// Every item of a query, over all its pages.
pub async fn all(ctx: &Ctx, query: Query) -> Result<Vec<store::Item>, ApiError> {
    Ok(store::query_all(ctx.store.as_ref(), query).await?)
}
