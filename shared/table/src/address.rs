//! The address register and school microdistricts. An address attached to a school's
//! microdistrict is stored both ways (the school's list and the address's schools), written
//! and deleted together.

use std::collections::BTreeSet;

use domain::address::{AddressItem, AddressKind, Locality, RegisterLocality, register_addresses};
use domain::{AdmissionType, MsgLang};
use serde::{Deserialize, Serialize};
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp, to_item};

use crate::keys;

const MICRO_PREFIX: &str = "MICRO#";
const ATTACHED_SCHOOL_PREFIX: &str = "ORG#";

fn address_partition(address_id: &str) -> String {
    format!("ADDRESS#{address_id}")
}

fn address_key(address_id: &str) -> Key {
    Key::new(address_partition(address_id), "ADDRESS")
}

/// An address in an organisation's microdistrict.
fn attachment_key(org_id: &str, address_id: &str) -> Key {
    Key::new(
        keys::org_partition(org_id),
        format!("{MICRO_PREFIX}{address_id}"),
    )
}

/// The reverse: a school whose microdistrict holds the address.
fn attached_school_key(address_id: &str, org_id: &str) -> Key {
    Key::new(
        address_partition(address_id),
        format!("{ATTACHED_SCHOOL_PREFIX}{org_id}"),
    )
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
) -> Result<usize, StoreError> {
    let mut count = 0;
    for locality in localities {
        let addresses = register_addresses(locality)
            .map_err(|e| StoreError::Invalid(format!("register: {e}")))?;
        // The district and the KATO code too: a district's department sees its localities by
        // it, and the journal shows the code.
        let record = Locality {
            id: locality.id.clone(),
            region: locality.region.clone(),
            name: locality.name.clone(),
            district: locality.district.clone(),
            kato: locality.kato.clone(),
        };
        let mut writes = Vec::new();
        for key in [
            keys::locality(&locality.id),
            keys::locality_listing(&locality.id),
        ] {
            writes.push(WriteOp::Put {
                item: to_item(&key, &record)?,
                condition: None,
            });
        }
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
    store: &dyn Store,
    region: Option<&str>,
) -> Result<Vec<Locality>, StoreError> {
    let mut out: Vec<Locality> = crate::all(store, Query::table(keys::LOCALITIES)).await?;
    out.retain(|l| region.is_none_or(|r| l.region == r));
    out.sort_by(|a, b| a.name.ru.cmp(&b.name.ru));
    Ok(out)
}

/// A locality of the register by its id.
pub async fn locality(store: &dyn Store, id: &str) -> Result<Option<Locality>, StoreError> {
    crate::get(store, &keys::locality(id)).await
}

/// An address of the register by its id.
pub async fn get(store: &dyn Store, address_id: &str) -> Result<Option<AddressItem>, StoreError> {
    crate::get(store, &address_key(address_id)).await
}

/// Whether a child registered at `address` applies to `org_id` by microdistrict: it is
/// `microdistrict` when that building or its whole street is attached to the school. `None`
/// when the address is not a building.
pub async fn admission_type(
    store: &dyn Store,
    org_id: &str,
    address: &AddressItem,
) -> Result<Option<AdmissionType>, StoreError> {
    if address.kind != AddressKind::Building {
        return Ok(None);
    }
    for id in [&address.id, &address.street_id] {
        if store.get(&attachment_key(org_id, id)).await?.is_some() {
            return Ok(Some(AdmissionType::Microdistrict));
        }
    }
    Ok(Some(AdmissionType::Outside))
}

/// The schools whose microdistrict holds the address (the building itself or its street).
pub async fn schools_of(
    store: &dyn Store,
    address: &AddressItem,
) -> Result<BTreeSet<String>, StoreError> {
    let mut ids = vec![address.id.clone()];
    if address.kind == AddressKind::Building {
        ids.push(address.street_id.clone());
    }
    let mut out = BTreeSet::new();
    for id in ids {
        let query = Query::table(address_partition(&id))
            .sk(SortCondition::BeginsWith(ATTACHED_SCHOOL_PREFIX.into()));
        let attachments: Vec<AttachmentItem> = crate::all(store, query).await?;
        out.extend(attachments.into_iter().map(|a| a.org_id));
    }
    Ok(out)
}

/// The addresses of an organisation's microdistrict, in display order.
pub async fn attached(store: &dyn Store, org_id: &str) -> Result<Vec<AddressItem>, StoreError> {
    let query = Query::table(keys::org_partition(org_id))
        .sk(SortCondition::BeginsWith(MICRO_PREFIX.into()));
    let attachments: Vec<AttachmentItem> = crate::all(store, query).await?;
    let mut out: Vec<AddressItem> = attachments.into_iter().map(|a| a.address).collect();
    out.sort_by_key(AddressItem::order_key);
    Ok(out)
}

/// An attachment of the organisation's microdistrict.
pub async fn attachment(
    store: &dyn Store,
    org_id: &str,
    address_id: &str,
) -> Result<Option<AttachmentItem>, StoreError> {
    crate::get(store, &attachment_key(org_id, address_id)).await
}

/// Attaches an address both ways; write 0 fails its condition when it is attached already.
pub fn attach(attachment: &AttachmentItem) -> Result<Vec<WriteOp>, StoreError> {
    let (org_id, address_id) = (&attachment.org_id, &attachment.address.id);
    Ok(vec![
        WriteOp::Put {
            item: to_item(&attachment_key(org_id, address_id), attachment)?,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Put {
            item: to_item(&attached_school_key(address_id, org_id), attachment)?,
            condition: None,
        },
    ])
}

/// Detaches an address both ways; write 0 fails its condition when it was detached already.
pub fn detach(org_id: &str, address_id: &str) -> Vec<WriteOp> {
    vec![
        WriteOp::Delete {
            key: attachment_key(org_id, address_id),
            condition: Some(Condition::Exists),
        },
        WriteOp::Delete {
            key: attached_school_key(address_id, org_id),
            condition: None,
        },
    ]
}

/// The most addresses one search returns.
pub const SEARCH_LIMIT: usize = 50;

/// Streets and buildings of a locality matching `q` (see [`AddressItem::matches`]), in display
/// order, at most [`SEARCH_LIMIT`]. The register of one locality is small enough to filter
/// in memory (a city has thousands of addresses, a few pages).
pub async fn search(
    store: &dyn Store,
    locality_id: &str,
    q: &str,
    lang: MsgLang,
) -> Result<Vec<domain::address::Address>, StoreError> {
    let q = domain::address::normalize(q);
    let mut found = Vec::new();
    for prefix in [keys::STREET_PREFIX, keys::BUILDING_PREFIX] {
        let query = Query::table(keys::locality_partition(locality_id))
            .sk(SortCondition::BeginsWith(prefix.into()));
        let items: Vec<AddressItem> = crate::all(store, query).await?;
        found.extend(items.into_iter().filter(|a| a.matches(&q)));
    }
    found.sort_by_key(AddressItem::order_key);
    Ok(found
        .iter()
        .take(SEARCH_LIMIT)
        .map(|a| a.view(lang))
        .collect())
}
