//! Registering an order (the office) and signing it (the director).
//!
//! - `POST …/orders/{id}/register` ([`RegisterOrder`]) → the order, registered: its number (the
//!   year's highest plus one when none is given) and date, and the book's next running number.
//!   One transaction moves the order from draft, takes the number's marker and moves the
//!   year's counter, so two registrations never share a number (the loser: 409
//!   `order_number_taken` on `number`) nor a running number (the loser reads the counter again
//!   and retries). Registering again with the same number and date answers 200.
//! - `GET …/signing-payload` → the text to sign (`domain::orders::payload`), once registered.
//! - `POST …/sign` ([`SignDecision`]): the signature with the legal-entity certificate of the
//!   school's BIN, checked like a decision's; the order is final, and each child's history
//!   records «Руководитель подписал приказ о зачислении».

use chrono::Datelike;
use domain::api::{SignDecision, SigningPayload};
use domain::orders::{Order, OrderKind, OrderStatus, RegisterOrder, Registration, payload as text};
use domain::{ErrorCode, to_almaty};
use service::http::{json_body, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::order::{self, Book};

use crate::Act;

/// Registrations racing for the year's counter each read it again; beyond this, 503.
const ATTEMPTS: u32 = 20;

pub(crate) async fn register(ctx: &Ctx, req: &Request, act: Act<'_>, id: &str) -> ApiResult {
    let body = json_body::<RegisterOrder>(req)?.validate()?;
    let store = ctx.store.as_ref();
    let year = body.date.year();
    for attempt in 0..ATTEMPTS {
        let current = crate::order_of(ctx, act, id).await?;
        if current.status != OrderStatus::Draft {
            return again(current, &body);
        }
        let before = order::book(store, act.org, year).await?;
        let counter = before.unwrap_or_default();
        let number = body.number.unwrap_or(counter.max_number + 1);
        let after = Book {
            seq: counter.seq + 1,
            max_number: counter.max_number.max(number),
        };
        let registered = Order {
            status: OrderStatus::Registered,
            registration: Some(Registration {
                number,
                date: body.date,
                seq: after.seq,
                registered_by_name: Some(act.caller.name.clone()).filter(|n| !n.is_empty()),
                registered_at: to_almaty(ctx.now()),
            }),
            ..current
        };
        let mut writes = order::register(&registered, year, before, after)?;
        writes.push(act.event(ctx, "order_registered", id)?);
        match store.transact(writes).await {
            Ok(()) => {
                tracing::info!(order = %id, number, seq = after.seq, "order registered");
                return Ok(ok(&registered));
            }
            // Registered meanwhile (perhaps by this very request, retried).
            Err(StoreError::ConditionFailed { index: 0 }) => {
                return again(crate::order_of(ctx, act, id).await?, &body);
            }
            Err(StoreError::ConditionFailed { index: 1 }) if body.number.is_some() => {
                return Err(ApiError::new(ErrorCode::OrderNumberTaken).field("number"));
            }
            // Another registration moved the year's counter first (and may have taken the
            // number this one chose as the next free one).
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
                service::retry::back_off(attempt, 5).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("the order book stayed contended"))
}

/// An order no longer a draft: the same registration asked again gets it; anything else is a
/// conflict with its state.
fn again(order: Order, body: &RegisterOrder) -> ApiResult {
    let same = order
        .registration
        .as_ref()
        .is_some_and(|r| r.date == body.date && body.number.is_none_or(|n| n == r.number));
    if same {
        Ok(ok(&order))
    } else {
        Err(ApiError::new(ErrorCode::InvalidStatus))
    }
}

async fn bin(ctx: &Ctx, org: &str) -> Result<String, ApiError> {
    let org = table::org::get(ctx.store.as_ref(), org)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(org.bin)
}

/// A registered order, or 409 `invalid_status`.
async fn registered(ctx: &Ctx, act: Act<'_>, id: &str) -> Result<Order, ApiError> {
    let order = crate::order_of(ctx, act, id).await?;
    if order.status != OrderStatus::Registered {
        return Err(ApiError::new(ErrorCode::InvalidStatus));
    }
    Ok(order)
}

pub(crate) async fn payload(ctx: &Ctx, act: Act<'_>, id: &str) -> ApiResult {
    let order = registered(ctx, act, id).await?;
    let bin = bin(ctx, act.org).await?;
    Ok(ok(&SigningPayload {
        payload: text(&order, &bin),
    }))
}

pub(crate) async fn sign(ctx: &Ctx, req: &Request, act: Act<'_>, id: &str) -> ApiResult {
    let body: SignDecision = json_body(req)?;
    let order = registered(ctx, act, id).await?;
    let bin = bin(ctx, act.org).await?;
    let payload = text(&order, &bin);
    let now = ctx.now();
    let (signed, chain) = service::signature::verify(
        ctx,
        act.caller,
        &body.signature,
        &body.certificates,
        &payload,
        now,
        Some(&bin),
    )?;
    let record = service::signature::record(payload, signed, &chain, &bin, now);
    let number = order
        .registration
        .as_ref()
        .map(|r| r.number)
        .unwrap_or_default();
    let signed = Order {
        status: OrderStatus::Signed,
        signature: Some(record),
        ..order
    };
    let mut writes = vec![order::sign(&signed)?, act.event(ctx, "order_signed", id)?];
    // The families of an enrolment order see it in their history (a class composition is the
    // school's own arrangement; its order may list more children than a transaction holds).
    let enrolled = match signed.kind {
        OrderKind::Enrolment => signed.children.as_slice(),
        OrderKind::Classes => &[],
    };
    for child in enrolled {
        writes.push(table::audit::application_event(
            &child.application_id,
            now,
            act.caller.actor(),
            act.role.as_str(),
            "order_signed",
            Some(format!("№ {number}")),
        )?);
    }
    match ctx.store.transact(writes).await {
        Ok(()) => {
            tracing::info!(order = %id, number, "order signed");
            Ok(ok(&signed))
        }
        Err(StoreError::ConditionFailed { index: 0 }) => {
            Err(ApiError::new(ErrorCode::InvalidStatus).log("signed or changed meanwhile"))
        }
        Err(e) => Err(e.into()),
    }
}
