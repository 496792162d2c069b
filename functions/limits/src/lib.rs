//! Class limits (director, oso): seats per academic year, grade and language of instruction.
//! A quarter of the seats (rounded down) is the quota for children outside the microdistrict;
//! seats can never be set below the seats already taken.

use std::sync::Arc;

use domain::api::{CreateLimit, List, UpdateLimit, validate_seats};
use domain::permissions::Permission;
use domain::{AcademicYear, ErrorCode};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, require};
use service::http::{created, json_body, ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::limit::{self, LimitItem};
use table::{audit, org};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("limits", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/limits") {
        let caller = caller(&ctx, &req)?;
        require(&ctx, &caller, &p["org"], Permission::ViewLimits).await?;
        let year = match query(&req).get("academic_year").filter(|y| !y.is_empty()) {
            Some(y) => Some(y.parse::<AcademicYear>().map_err(|_| {
                ApiError::new(ErrorCode::InvalidAcademicYear).field("academic_year")
            })?),
            None => None,
        };
        let items = limit::list(ctx.store.as_ref(), &p["org"], year).await?;
        return Ok(ok(&List {
            items: items.iter().map(LimitItem::view).collect(),
            next_page_token: None,
        }));
    }
    if let Some(p) = route(&req, Method::POST, "/api/orgs/{org}/limits") {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::ManageLimits).await?;
        return create(&ctx, &req, &caller, &p["org"], role.as_str()).await;
    }
    if let Some(p) = route(&req, Method::PUT, "/api/orgs/{org}/limits/{limit_id}") {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::ManageLimits).await?;
        return update(
            &ctx,
            &req,
            &caller,
            &p["org"],
            &p["limit_id"],
            role.as_str(),
        )
        .await;
    }
    Err(ApiError::not_found())
}

async fn create(ctx: &Ctx, req: &Request, caller: &Caller, org_id: &str, role: &str) -> ApiResult {
    let body: CreateLimit = json_body(req)?;
    body.validate()?;
    let org = org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if !org.languages.contains(&body.language) {
        return Err(ApiError::new(ErrorCode::LanguageNotOffered).field("language"));
    }
    let limit = LimitItem::new(
        org_id,
        body.academic_year,
        body.grade,
        body.language,
        body.seats,
        body.classes,
    );
    let now = ctx.now();
    let writes = vec![
        limit::create(&limit)?,
        audit::org_event(
            org_id,
            now,
            &caller.iin,
            role,
            "limit_created",
            Some(format!(
                "{}: {} seats, {} classes",
                limit.id, limit.seats, limit.classes
            )),
        )?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(created(&limit.view())),
        Err(StoreError::ConditionFailed { index: 0 }) => Err(ErrorCode::LimitExists.into()),
        Err(e) => Err(e.into()),
    }
}

async fn update(
    ctx: &Ctx,
    req: &Request,
    caller: &Caller,
    org_id: &str,
    limit_id: &str,
    role: &str,
) -> ApiResult {
    let body: UpdateLimit = json_body(req)?;
    validate_seats(body.seats, body.classes)?;
    let now = ctx.now();
    // Refused by the write itself when more seats are taken than the new figure.
    let writes = vec![
        limit::set_seats(org_id, limit_id, body.seats, body.classes),
        audit::org_event(
            org_id,
            now,
            &caller.iin,
            role,
            "limit_updated",
            Some(format!(
                "{limit_id}: {} seats, {} classes",
                body.seats, body.classes
            )),
        )?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        Err(StoreError::ConditionFailed { index: 0 }) => {
            return match limit::get(ctx.store.as_ref(), org_id, limit_id).await? {
                None => Err(ApiError::not_found()),
                Some(_) => Err(ApiError::new(ErrorCode::SeatsBelowAccepted).field("seats")),
            };
        }
        Err(e) => return Err(e.into()),
    }
    let stored = limit::get(ctx.store.as_ref(), org_id, limit_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(ok(&stored.view()))
}
