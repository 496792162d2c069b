//! A school's orders (`domain::orders`): the order, a marker per enrolled child (so no child is
//! in two orders), a marker per registered number (so no number repeats in a year) and the
//! book's counter of a year (its running number and the highest order number).
//!
//! | item | pk | sk |
//! |---|---|---|
//! | order | `ORG#{org}` | `ORDER#{id}` |
//! | the order an application is in | `APP#{id}` | `ORDER` |
//! | registered order number | `ORG#{org}` | `ORDERNO#{year}#{number}` |
//! | registry book counter of a year | `ORG#{org}` | `ORDERBOOK#{year}` |
//! | class composition of a year and language | `ORG#{org}` | `CLASSES#{year}#{lang}` |

use domain::classes::Composition;
use domain::orders::{Order, OrderKind, OrderStatus};
use domain::{AcademicYear, Lang};
use serde::{Deserialize, Serialize};
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp};

use crate::keys;

const PREFIX: &str = "ORDER#";

fn order_key(org: &str, id: &str) -> Key {
    Key::new(keys::org_partition(org), format!("{PREFIX}{id}"))
}

fn child_key(application_id: &str) -> Key {
    Key::new(keys::application_partition(application_id), "ORDER")
}

fn number_key(org: &str, year: i32, number: u32) -> Key {
    Key::new(
        keys::org_partition(org),
        format!("ORDERNO#{year}#{number:06}"),
    )
}

fn book_key(org: &str, year: i32) -> Key {
    Key::new(keys::org_partition(org), format!("ORDERBOOK#{year}"))
}

/// What points from an application (or a number) to its order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Marker {
    org_id: String,
    order_id: String,
}

/// The registry book's counter of a year: the last running number given and the highest
/// order number registered (the next free one follows it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    pub seq: u32,
    pub max_number: u32,
}

/// Every order of the organisation (a school has tens a year).
pub async fn list(store: &dyn Store, org: &str) -> Result<Vec<Order>, StoreError> {
    let query = Query::table(keys::org_partition(org)).sk(SortCondition::BeginsWith(PREFIX.into()));
    crate::all(store, query).await
}

pub async fn get(store: &dyn Store, org: &str, id: &str) -> Result<Option<Order>, StoreError> {
    crate::get(store, &order_key(org, id)).await
}

/// The order the application's child is in, if any.
pub async fn of_application(
    store: &dyn Store,
    application_id: &str,
) -> Result<Option<Order>, StoreError> {
    let Some(marker) = crate::get::<Marker>(store, &child_key(application_id)).await? else {
        return Ok(None);
    };
    get(store, &marker.org_id, &marker.order_id).await
}

/// Puts a new order, only if its id is new.
pub fn put_new(order: &Order) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&order_key(&order.org_id, &order.id), order)?,
        condition: Some(Condition::NotExists),
    })
}

/// A new enrolment draft: the order (if its id is new) and a marker per child (if the child is
/// in no order). Write 0 is the order; write `1 + i` is the marker of `order.children[i]`.
pub fn create(order: &Order) -> Result<Vec<WriteOp>, StoreError> {
    let mut writes = vec![put_new(order)?];
    for child in &order.children {
        let marker = Marker {
            org_id: order.org_id.clone(),
            order_id: order.id.clone(),
        };
        writes.push(WriteOp::Put {
            item: store::to_item(&child_key(&child.application_id), &marker)?,
            condition: Some(Condition::NotExists),
        });
    }
    Ok(writes)
}

/// Discards a draft (write 0, only while it is one); an enrolment draft frees its children (a
/// class-composition order holds no child's marker: its children may be in enrolment orders).
pub fn discard(order: &Order) -> Vec<WriteOp> {
    let mut writes = vec![WriteOp::Delete {
        key: order_key(&order.org_id, &order.id),
        condition: Some(Condition::eq("status", OrderStatus::Draft.as_str())),
    }];
    if order.kind == OrderKind::Enrolment {
        writes.extend(order.children.iter().map(|c| WriteOp::Delete {
            key: child_key(&c.application_id),
            condition: None,
        }));
    }
    writes
}

/// The book's counter of a year, if anything was registered in it.
pub async fn book(store: &dyn Store, org: &str, year: i32) -> Result<Option<Book>, StoreError> {
    crate::get(store, &book_key(org, year)).await
}

/// Registers `order` (already carrying its registration): write 0 moves it from draft, write 1
/// takes its number (fails if the number is taken), write 2 moves the year's counter from
/// `before` to `after` (fails if another registration moved it first: read again and retry).
pub fn register(
    order: &Order,
    year: i32,
    before: Option<Book>,
    after: Book,
) -> Result<Vec<WriteOp>, StoreError> {
    let r = order
        .registration
        .as_ref()
        .ok_or_else(|| StoreError::Invalid("an order registered without a registration".into()))?;
    let marker = Marker {
        org_id: order.org_id.clone(),
        order_id: order.id.clone(),
    };
    let counter = match before {
        None => Condition::NotExists,
        Some(b) => Condition::eq("seq", u64::from(b.seq)),
    };
    Ok(vec![
        WriteOp::Put {
            item: store::to_item(&order_key(&order.org_id, &order.id), order)?,
            condition: Some(Condition::eq("status", OrderStatus::Draft.as_str())),
        },
        WriteOp::Put {
            item: store::to_item(&number_key(&order.org_id, year, r.number), &marker)?,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Put {
            item: store::to_item(&book_key(&order.org_id, year), &after)?,
            condition: Some(counter),
        },
    ])
}

/// Writes the signed order, only if it is still registered and unsigned.
pub fn sign(order: &Order) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&order_key(&order.org_id, &order.id), order)?,
        condition: Some(Condition::eq("status", OrderStatus::Registered.as_str())),
    })
}

fn composition_key(org: &str, year: AcademicYear, language: Lang) -> Key {
    Key::new(
        keys::org_partition(org),
        format!("CLASSES#{year}#{}", language.as_str()),
    )
}

/// The year's class composition of a language, if one was made.
pub async fn composition(
    store: &dyn Store,
    org: &str,
    year: AcademicYear,
    language: Lang,
) -> Result<Option<Composition>, StoreError> {
    crate::get(store, &composition_key(org, year, language)).await
}

/// Writes `c` (its `version` already the next one) only over the version `read` (`None`: only
/// if there was none).
pub fn put_composition(c: &Composition, read: Option<u64>) -> Result<WriteOp, StoreError> {
    let condition = match read {
        None => Condition::NotExists,
        Some(v) => Condition::eq("version", v),
    };
    Ok(WriteOp::Put {
        item: store::to_item(&composition_key(&c.org_id, c.academic_year, c.language), c)?,
        condition: Some(condition),
    })
}
