//! `orders`: a school's enrolment orders and their registry book (seed 003 «Приказы», «Регистрация
//! приказа», «Книга регистраций приказов»). Rules and types: `domain::orders`; the paper:
//! `functions/paperwork`.
//!
//! - `GET /api/orgs/{org}/orders[?academic_year=]` → `List<Order>`, newest first
//!   ([`Permission::ViewOrders`]); `GET …/orders/{id}` → the order.
//! - `GET /api/orgs/{org}/order-candidates?academic_year=` → `List<OrderChild>`: the signed
//!   acceptances in no order yet ([`Permission::PrepareOrders`]).
//! - `POST /api/orgs/{org}/orders` ([`NewOrder`]) → 201 the draft; a retry of the same
//!   `order_id` → 200 the order. 409 `not_orderable` (field `application_ids`) when one of
//!   them is not a signed acceptance of the year or is in an order. `DELETE …/orders/{id}`
//!   discards a draft and frees its children (204).
//! - `POST …/orders/{id}/register` ([`RegisterOrder`], [`Permission::RegisterOrders`]): see
//!   [`register`].
//! - `GET …/orders/{id}/signing-payload` and `POST …/orders/{id}/sign` (the director, with the
//!   legal-entity certificate of the school's BIN): see [`sign`].
//! - `GET /api/orgs/{org}/order-book?year=2026` → `List<BookRow>` («Книга регистрации
//!   приказов» of a calendar year, [`Permission::ViewOrders`]).
//! - Class composition, `…/classes/{year}/{language}…`: see [`classes`]. `POST …/orders` with
//!   `kind: classes` and a `language` makes the order «О комплектовании классов» of the
//!   composition, which it freezes (discarding the draft thaws it).

mod classes;
mod sign;

use std::sync::Arc;

use chrono::Datelike;
use domain::api::{List, Text};
use domain::classes::Composition;
use domain::orders::{self, NewOrder, Order, OrderChild, OrderKind, OrderStatus};
use domain::permissions::Permission;
use domain::{AcademicYear, ErrorCode, Lang, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
pub(crate) use service::access::Acting as Act;
use service::access::{caller, require};
use service::http::{
    academic_year, created, json_body, no_content, ok, query, required_academic_year, route,
};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::order;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("orders", ctx, req, handle))
}

const ORDERS: &str = "/api/orgs/{org}/orders";
const ORDER: &str = "/api/orgs/{org}/orders/{id}";
const CANDIDATES: &str = "/api/orgs/{org}/order-candidates";
const BOOK: &str = "/api/orgs/{org}/order-book";
const REGISTER: &str = "/api/orgs/{org}/orders/{id}/register";
const PAYLOAD: &str = "/api/orgs/{org}/orders/{id}/signing-payload";
const SIGN: &str = "/api/orgs/{org}/orders/{id}/sign";
const CLASSES: &str = "/api/orgs/{org}/classes/{year}/{language}";
const DISTRIBUTE: &str = "/api/orgs/{org}/classes/{year}/{language}/distribute";
const CLASS_CHILD: &str = "/api/orgs/{org}/classes/{year}/{language}/children/{child}";
const CLASS: &str = "/api/orgs/{org}/classes/{year}/{language}/{class}";

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    let routes = [
        (Method::GET, ORDERS, Permission::ViewOrders),
        (Method::POST, ORDERS, Permission::PrepareOrders),
        (Method::GET, CANDIDATES, Permission::PrepareOrders),
        (Method::GET, BOOK, Permission::ViewOrders),
        (Method::GET, ORDER, Permission::ViewOrders),
        (Method::DELETE, ORDER, Permission::PrepareOrders),
        (Method::POST, REGISTER, Permission::RegisterOrders),
        (Method::GET, PAYLOAD, Permission::Sign),
        (Method::POST, SIGN, Permission::Sign),
        (Method::GET, CLASSES, Permission::ViewOrders),
        (Method::POST, DISTRIBUTE, Permission::PrepareOrders),
        (Method::PUT, CLASS_CHILD, Permission::PrepareOrders),
        (Method::PUT, CLASS, Permission::PrepareOrders),
    ];
    for (method, pattern, permission) in routes {
        let Some(p) = route(&req, method.clone(), pattern) else {
            continue;
        };
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], permission).await?;
        let act = Act {
            caller: &caller,
            role,
            org: &p["org"],
        };
        let id = p.get("id").map(String::as_str).unwrap_or_default();
        let param = |name: &str| p.get(name).map(String::as_str);
        if let (Some(year), Some(language)) = (param("year"), param("language")) {
            let (year, language) = classes::key(year, language)?;
            return match pattern {
                CLASSES => classes::read(&ctx, act, year, language).await,
                DISTRIBUTE => classes::distribute(&ctx, act, year, language).await,
                _ => {
                    let key = (year, language);
                    classes::edit(&ctx, &req, act, key, param("child"), param("class")).await
                }
            };
        }
        return match (method, pattern) {
            (Method::GET, ORDERS) => list(&ctx, &req, act).await,
            (Method::POST, ORDERS) => create(&ctx, &req, act).await,
            (_, CANDIDATES) => candidates(&ctx, &req, act).await,
            (_, BOOK) => book(&ctx, &req, act).await,
            (Method::GET, ORDER) => Ok(ok(&order_of(&ctx, act, id).await?)),
            (Method::DELETE, _) => discard(&ctx, act, id).await,
            (_, REGISTER) => sign::register(&ctx, &req, act, id).await,
            (_, PAYLOAD) => sign::payload(&ctx, act, id).await,
            _ => sign::sign(&ctx, &req, act, id).await,
        };
    }
    Err(ApiError::not_found())
}

/// A new draft order prepared by the caller now, with no children yet.
fn draft(ctx: &Ctx, act: Act<'_>, id: String, year: AcademicYear, title: Text) -> Order {
    Order {
        id,
        org_id: act.org.to_string(),
        academic_year: year,
        kind: OrderKind::Enrolment,
        language: None,
        status: OrderStatus::Draft,
        title,
        children: Vec::new(),
        classes: Vec::new(),
        prepared_by_name: Some(act.caller.name.clone()).filter(|n| !n.is_empty()),
        prepared_at: to_almaty(ctx.now()),
        registration: None,
        signature: None,
    }
}

/// The organisation's order, or 404.
pub(crate) async fn order_of(ctx: &Ctx, act: Act<'_>, id: &str) -> Result<Order, ApiError> {
    order::get(ctx.store.as_ref(), act.org, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

async fn list(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let year = academic_year(req)?;
    let mut items: Vec<Order> = order::list(ctx.store.as_ref(), act.org)
        .await?
        .into_iter()
        .filter(|o| year.is_none_or(|y| o.academic_year == y))
        .collect();
    items.sort_by_key(|o| std::cmp::Reverse(o.prepared_at));
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// The children of the year's signed acceptances that no enrolment order lists yet, as an order
/// would list them.
async fn unordered(ctx: &Ctx, org: &str, year: AcademicYear) -> Result<Vec<OrderChild>, ApiError> {
    let store = ctx.store.as_ref();
    let applications = table::application::of_org_year(store, org, year).await?;
    let ordered = order::list(store, org).await?;
    let mut children: Vec<OrderChild> = applications
        .iter()
        .filter(|a| !ordered.iter().any(|o| o.enrols(&a.id)))
        .filter_map(OrderChild::of)
        .collect();
    orders::sort_children(&mut children);
    Ok(children)
}

async fn candidates(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let year = required_academic_year(req)?;
    Ok(ok(&List {
        items: unordered(ctx, act.org, year).await?,
        next_page_token: None,
    }))
}

async fn create(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let body = json_body::<NewOrder>(req)?.validate()?;
    let store = ctx.store.as_ref();
    if let Some(earlier) = order::get(store, act.org, &body.order_id).await? {
        return Ok(ok(&earlier));
    }
    if body.kind == OrderKind::Classes {
        return classes_order(ctx, act, body).await;
    }
    let free = unordered(ctx, act.org, body.academic_year).await?;
    let mut children = Vec::with_capacity(body.application_ids.len());
    for id in &body.application_ids {
        let child = free
            .iter()
            .find(|c| &c.application_id == id)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::NotOrderable)
                    .field("application_ids")
                    .log(format!("application {id} cannot go into an order"))
            })?;
        children.push(child.clone());
    }
    orders::sort_children(&mut children);
    let title = orders::enrolment_title();
    let draft = Order {
        children,
        ..draft(ctx, act, body.order_id, body.academic_year, title)
    };
    let mut writes = order::create(&draft)?;
    writes.push(act.event(ctx, "order_prepared", &draft.id)?);
    match store.transact(writes).await {
        Ok(()) => {
            tracing::info!(order = %draft.id, children = draft.children.len(), "order prepared");
            Ok(created(&draft))
        }
        // The same order created by a request racing this one.
        Err(StoreError::ConditionFailed { index: 0 }) => {
            Ok(ok(&order_of(ctx, act, &draft.id).await?))
        }
        // A child put into another order meanwhile.
        Err(StoreError::ConditionFailed { index }) => Err(ApiError::new(ErrorCode::NotOrderable)
            .field("application_ids")
            .log(format!("child {} went into another order", index - 1))),
        Err(e) => Err(e.into()),
    }
}

/// «О комплектовании классов»: the year's composition of the language as it stands, which the
/// same transaction freezes (write 1: only over the version read, and only if no order has it).
async fn classes_order(ctx: &Ctx, act: Act<'_>, body: NewOrder) -> ApiResult {
    let year = body.academic_year;
    let language = body.language.unwrap_or(Lang::Kk);
    let composition = order::composition(ctx.store.as_ref(), act.org, year, language)
        .await?
        .filter(|c| c.order_id.is_none() && !c.children().is_empty())
        .ok_or_else(|| ApiError::new(ErrorCode::NotOrderable).field("language"))?;
    let draft = Order {
        kind: OrderKind::Classes,
        language: Some(language),
        children: composition.children(),
        classes: composition.classes.clone(),
        ..draft(ctx, act, body.order_id, year, orders::classes_title(year))
    };
    let frozen = Composition {
        order_id: Some(draft.id.clone()),
        version: composition.version + 1,
        ..composition.clone()
    };
    let writes = vec![
        order::put_new(&draft)?,
        order::put_composition(&frozen, Some(composition.version))?,
        act.event(ctx, "order_prepared", &draft.id)?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(created(&draft)),
        Err(StoreError::ConditionFailed { index: 0 }) => {
            Ok(ok(&order_of(ctx, act, &draft.id).await?))
        }
        // Changed or ordered meanwhile.
        Err(StoreError::ConditionFailed { .. }) => Err(ApiError::new(ErrorCode::NotOrderable)
            .field("language")
            .log("the composition changed meanwhile")),
        Err(e) => Err(e.into()),
    }
}

async fn discard(ctx: &Ctx, act: Act<'_>, id: &str) -> ApiResult {
    let store = ctx.store.as_ref();
    let Some(draft) = order::get(store, act.org, id).await? else {
        return Ok(no_content());
    };
    if draft.status != OrderStatus::Draft {
        return Err(ApiError::new(ErrorCode::InvalidStatus));
    }
    let mut writes = order::discard(&draft);
    // A class-composition order's composition may be changed again.
    if let Some(language) = draft.language.filter(|_| draft.kind == OrderKind::Classes) {
        let composition = order::composition(store, act.org, draft.academic_year, language).await?;
        if let Some(c) = composition.filter(|c| c.order_id.as_deref() == Some(id)) {
            let thawed = Composition {
                order_id: None,
                version: c.version + 1,
                ..c.clone()
            };
            writes.push(order::put_composition(&thawed, Some(c.version))?);
        }
    }
    writes.push(act.event(ctx, "order_discarded", id)?);
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(no_content()),
        // Registered meanwhile.
        Err(StoreError::ConditionFailed { index: 0 }) => {
            Err(ApiError::new(ErrorCode::InvalidStatus))
        }
        Err(e) => Err(e.into()),
    }
}

async fn book(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let year = match query(req).get("year") {
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2200).contains(y))
            .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("year"))?,
        None => to_almaty(ctx.now()).year(),
    };
    let all = order::list(ctx.store.as_ref(), act.org).await?;
    Ok(ok(&List {
        items: orders::book(&all, year),
        next_page_token: None,
    }))
}
