//! The state-order places of a private kindergarten, one item per age group and language:
//! `count` published by the kindergarten, `taken` by the directions that stand (issued or
//! enrolled). A direction takes a place with a conditional add in its own transaction, so the
//! places are never over-booked however many parents race for the last one.

use domain::Lang;
use domain::api::Text;
use domain::preschool::api::Place;
use serde::{Deserialize, Serialize};
use store::{CmpOp, Condition, Key, Query, Store, StoreError, Update, WriteOp};

use crate::keys::{self, GSI1, GSI2};

const PREFIX: &str = "PLACE#";

/// Places as stored, with what the parents' list shows of their kindergarten.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    #[serde(flatten)]
    pub place: Place,
    pub org_name: Text,
    pub address: String,
    pub region: String,
    pub locality_id: String,
}

pub(crate) fn key(org: &str, age_group: i32, language: Lang) -> Key {
    Key::new(
        keys::org_partition(org),
        format!("{PREFIX}{age_group}#{language}"),
    )
}

fn locality_index(locality: &str, age_group: i32) -> String {
    format!("{}#PLACES#{age_group}", keys::locality_partition(locality))
}

fn region_index(region: &str) -> String {
    format!("{}#PLACES", keys::region_index(region))
}

/// Publishes places for an age group and language, or changes their count: never below the
/// directions that stand (write fails with the condition then) — `places_below_outstanding`.
pub async fn put(store: &dyn Store, stored: &Stored) -> Result<Place, StoreError> {
    let p = &stored.place;
    let k = key(&p.org_id, p.age_group, p.language);
    let update = Update::new()
        .set("org_id", p.org_id.as_str())
        .set("age_group", i64::from(p.age_group))
        .set("language", p.language.as_str())
        .set("count", i64::from(p.count))
        .set(
            "org_name",
            serde_json::to_value(&stored.org_name).map_err(crate::invalid)?,
        )
        .set("address", stored.address.as_str())
        .set("region", stored.region.as_str())
        .set("locality_id", stored.locality_id.as_str())
        .set(GSI1.pk, region_index(&stored.region))
        .set(
            GSI1.sk,
            format!("{}#{}#{}", p.org_id, p.age_group, p.language),
        )
        .set(GSI2.pk, locality_index(&stored.locality_id, p.age_group))
        .set(GSI2.sk, format!("{}#{}", p.org_id, p.language));
    // `taken` starts at 0 with a new item (created on the condition that it is new, so a
    // direction taken meanwhile is never reset); an existing item keeps its own and may not
    // go below it.
    let below = Condition::cmp("taken", CmpOp::Le, i64::from(p.count));
    let item = if store.get(&k).await?.is_none() {
        let create = update.clone().set("taken", 0i64);
        match store.update(&k, create, Some(Condition::NotExists)).await {
            Err(StoreError::ConditionFailed { .. }) => {
                store.update(&k, update, Some(below)).await?
            }
            other => other?,
        }
    } else {
        store.update(&k, update, Some(below)).await?
    };
    Ok(store::from_item::<Stored>(item)?.place)
}

pub async fn get(
    store: &dyn Store,
    org: &str,
    age_group: i32,
    language: Lang,
) -> Result<Option<Stored>, StoreError> {
    crate::get(store, &key(org, age_group, language)).await
}

/// The kindergarten's places, by age group and language.
pub async fn of_org(store: &dyn Store, org: &str) -> Result<Vec<Stored>, StoreError> {
    crate::all(
        store,
        Query::table(keys::org_partition(org)).sk(store::SortCondition::BeginsWith(PREFIX.into())),
    )
    .await
}

/// The places of a locality for an age group, in every kindergarten and language.
pub async fn of_locality(
    store: &dyn Store,
    locality: &str,
    age_group: i32,
) -> Result<Vec<Stored>, StoreError> {
    crate::all(
        store,
        Query::index(GSI2.name, locality_index(locality, age_group)),
    )
    .await
}

/// One page of the region's places.
pub async fn of_region(
    store: &dyn Store,
    region: &str,
    limit: u32,
    token: Option<String>,
) -> Result<crate::Page<Stored>, StoreError> {
    let page = store
        .query(
            Query::index(GSI1.name, region_index(region))
                .limit(limit)
                .page(token),
        )
        .await?;
    crate::typed(page)
}

/// The write that takes a place for a direction: fails (condition) when none is free.
pub fn take(org: &str, age_group: i32, language: Lang) -> WriteOp {
    WriteOp::Update {
        key: key(org, age_group, language),
        update: Update::new().add("taken", 1),
        condition: Some(Condition::And(vec![
            Condition::Exists,
            Condition::cmp_attr("taken", CmpOp::Lt, "count"),
        ])),
    }
}

/// The write that returns a direction's place.
pub fn release(org: &str, age_group: i32, language: Lang) -> WriteOp {
    WriteOp::Update {
        key: key(org, age_group, language),
        update: Update::new().add("taken", -1),
        condition: Some(Condition::cmp("taken", CmpOp::Gt, 0i64)),
    }
}
