//! `notices`: the caller's in-app notices (routes in infra/template.yaml), and the layout of
//! notices in the table, shared with the `notify` consumer (which writes them) and `me`
//! (which shows the unread count).
//!
//! | item | pk | sk |
//! |---|---|---|
//! | notice | `PERSON#{iin}` | `NOTICE#{id}` (the id starts with the event's UTC instant, so the partition reads newest first) |
//! | unread counter | `PERSON#{iin}` | `UNREAD#NOTICES` (`n`, changed in the same transaction as the notice put and the mark-read) |
//!
//! - `GET /api/me/notifications[?limit=&page_token=]` → `{"items":[Notice], "next_page_token"}`,
//!   newest first.
//! - `POST /api/me/notifications/{id}/read` → the notice, now read (own notices only, else 404;
//!   marking a read notice again is a no-op).

use std::sync::Arc;

use domain::api::List;
use domain::notices::Notice;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::{ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response, keys};
use store::{
    Condition, Key, Query, SortCondition, StoreError, Update, WriteOp, from_item, to_item,
};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("notices", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/me/notifications").is_some() {
        let caller = caller(&ctx, &req)?;
        return list(&ctx, &req, &caller.iin).await;
    }
    if let Some(p) = route(&req, Method::POST, "/api/me/notifications/{id}/read") {
        let caller = caller(&ctx, &req)?;
        return mark_read(&ctx, &caller.iin, &p["id"]).await;
    }
    Err(ApiError::not_found())
}

// ---------------------------------------------------------------- layout

const NOTICE_PREFIX: &str = "NOTICE#";
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

/// A notice's id: the event's UTC instant (sortable, URL-safe), then the outbox message id.
/// Deterministic, so a redelivered message maps to the same item.
pub fn notice_id(at: chrono::DateTime<chrono::FixedOffset>, message_id: &str) -> String {
    format!("{}-{message_id}", at.to_utc().format("%Y%m%dT%H%M%S%6fZ"))
}

pub fn notice_key(iin: &str, id: &str) -> Key {
    Key::new(keys::person_partition(iin), format!("{NOTICE_PREFIX}{id}"))
}

pub fn unread_key(iin: &str) -> Key {
    Key::new(keys::person_partition(iin), "UNREAD#NOTICES")
}

/// The writes that store a new notice for a person: the notice (only if it is not there yet:
/// write 0 fails on a redelivery) and the unread counter.
pub fn store_writes(iin: &str, notice: &Notice) -> Result<Vec<WriteOp>, ApiError> {
    Ok(vec![
        WriteOp::Put {
            item: to_item(&notice_key(iin, &notice.id), notice)?,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Update {
            key: unread_key(iin),
            update: Update::new().add("n", 1),
            condition: None,
        },
    ])
}

/// How many of the person's notices are unread.
pub async fn unread(ctx: &Ctx, iin: &str) -> Result<u32, ApiError> {
    Ok(match ctx.store.get(&unread_key(iin)).await? {
        Some(item) => item
            .get("n")
            .and_then(|n| n.as_i64())
            .map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX))
            .unwrap_or(0),
        None => 0,
    })
}

/// Ids are the instant, `-` and a uuid: anything else cannot name a notice.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

// ---------------------------------------------------------------- use cases

async fn list(ctx: &Ctx, req: &Request, iin: &str) -> ApiResult {
    let q = query(req);
    let limit = match q.get("limit") {
        None => DEFAULT_LIMIT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(ApiError::new(domain::ErrorCode::ValidationFailed).field("limit"));
            }
        },
    };
    // The page token is the last id of the previous page: this page is everything older.
    let after = q.get("page_token").cloned();
    let sk = match &after {
        Some(token) if valid_id(token) => {
            SortCondition::Between(NOTICE_PREFIX.to_string(), format!("{NOTICE_PREFIX}{token}"))
        }
        Some(_) => {
            return Err(ApiError::new(domain::ErrorCode::ValidationFailed).field("page_token"));
        }
        None => SortCondition::BeginsWith(NOTICE_PREFIX.to_string()),
    };
    // One more than the page (plus the token's own item, which `Between` includes) tells
    // whether there is a next page.
    let page = ctx
        .store
        .query(
            Query::table(keys::person_partition(iin))
                .sk(sk)
                .backward()
                .limit(limit as u32 + 2),
        )
        .await?;
    let mut items = Vec::new();
    for item in page.items {
        let notice: Notice = from_item(item)?;
        if after.as_deref() != Some(notice.id.as_str()) {
            items.push(notice);
        }
    }
    let more = items.len() > limit || page.next_page_token.is_some();
    items.truncate(limit);
    let next_page_token = if more {
        items.last().map(|n| n.id.clone())
    } else {
        None
    };
    Ok(ok(&List {
        items,
        next_page_token,
    }))
}

async fn mark_read(ctx: &Ctx, iin: &str, id: &str) -> ApiResult {
    if !valid_id(id) {
        return Err(ApiError::not_found());
    }
    let key = notice_key(iin, id);
    // The notice and the counter change together, and only if the notice was unread: the
    // count never drifts, whatever the retries.
    let writes = vec![
        WriteOp::Update {
            key: key.clone(),
            update: Update::new().set("read", true),
            condition: Some(Condition::And(vec![
                Condition::Exists,
                Condition::eq("read", false),
            ])),
        },
        WriteOp::Update {
            key: unread_key(iin),
            update: Update::new().add("n", -1),
            condition: None,
        },
    ];
    match ctx.store.transact(writes).await {
        Ok(()) | Err(StoreError::ConditionFailed { index: 0 }) => {}
        Err(e) => return Err(e.into()),
    }
    // Absent (or someone else's: the key is in the caller's own partition) → 404.
    match ctx.store.get(&key).await? {
        Some(item) => Ok(ok(&from_item::<Notice>(item)?)),
        None => Err(ApiError::not_found()),
    }
}
