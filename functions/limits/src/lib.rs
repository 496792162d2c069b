//! Class limits (director, oso): seats per academic year, grade and language of instruction.
//! A quarter of the seats (rounded down) is the quota for children outside the microdistrict;
//! seats can never be set below the seats already taken.

use std::sync::Arc;

use domain::api::{CreateLimit, List, Org, UpdateLimit, validate_seats};
use domain::{AcademicYear, ErrorCode, Quota, Role};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, require_org_role};
use service::http::{created, json_body, ok, query, route};
use service::limits::{LimitItem, limit_id};
use service::{ApiError, ApiResult, Ctx, Request, Response, audit, keys};
use store::{CmpOp, Condition, StoreError, Update, WriteOp, from_item, to_item};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("limits", ctx, req, handle))
}

/// Who manages limits.
const MANAGERS: [Role; 2] = [Role::Director, Role::Oso];

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/limits") {
        let caller = caller(&ctx, &req)?;
        require_org_role(&ctx, &caller, &p["org"], &service::access::SCHOOL_STAFF).await?;
        let year = match query(&req).get("academic_year").filter(|y| !y.is_empty()) {
            Some(y) => Some(y.parse::<AcademicYear>().map_err(|_| {
                ApiError::new(ErrorCode::InvalidAcademicYear).field("academic_year")
            })?),
            None => None,
        };
        let items = service::limits::list(&ctx, &p["org"], year).await?;
        return Ok(ok(&List {
            items,
            next_page_token: None,
        }));
    }
    if let Some(p) = route(&req, Method::POST, "/api/orgs/{org}/limits") {
        let caller = caller(&ctx, &req)?;
        let roles = require_org_role(&ctx, &caller, &p["org"], &MANAGERS).await?;
        return create(&ctx, &req, &caller, &p["org"], acting_role(&roles)).await;
    }
    if let Some(p) = route(&req, Method::PUT, "/api/orgs/{org}/limits/{limit_id}") {
        let caller = caller(&ctx, &req)?;
        let roles = require_org_role(&ctx, &caller, &p["org"], &MANAGERS).await?;
        return update(
            &ctx,
            &req,
            &caller,
            &p["org"],
            &p["limit_id"],
            acting_role(&roles),
        )
        .await;
    }
    Err(ApiError::not_found())
}

fn acting_role(roles: &[Role]) -> &'static str {
    if roles.contains(&Role::Director) {
        Role::Director.as_str()
    } else {
        Role::Oso.as_str()
    }
}

async fn create(ctx: &Ctx, req: &Request, caller: &Caller, org_id: &str, role: &str) -> ApiResult {
    let body: CreateLimit = json_body(req)?;
    body.validate()?;
    let org: Org = from_item(
        ctx.store
            .get(&keys::org(org_id))
            .await?
            .ok_or_else(ApiError::not_found)?,
    )?;
    if !org.languages.contains(&body.language) {
        return Err(ApiError::new(ErrorCode::LanguageNotOffered).field("language"));
    }
    let limit = LimitItem {
        id: limit_id(body.academic_year, body.grade, body.language),
        org_id: org_id.to_string(),
        academic_year: body.academic_year,
        grade: body.grade,
        language: body.language,
        seats: body.seats,
        classes: body.classes,
        quota_outside: Quota::for_seats(body.seats).outside,
        taken_microdistrict: 0,
        taken_outside: 0,
        taken_total: 0,
    };
    let now = ctx.now();
    let writes = vec![
        WriteOp::Put {
            item: to_item(&keys::limit(org_id, &limit.id), &limit)?,
            condition: Some(Condition::NotExists),
        },
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
    let key = keys::limit(org_id, limit_id);
    // The seats-taken check is part of the write, so a decision racing this edit can never
    // leave fewer seats than taken.
    let condition = Condition::And(vec![
        Condition::Exists,
        Condition::cmp("taken_total", CmpOp::Le, body.seats),
    ]);
    let now = ctx.now();
    let writes = vec![
        WriteOp::Update {
            key: key.clone(),
            update: Update::new()
                .set("seats", body.seats)
                .set("classes", body.classes)
                .set("quota_outside", Quota::for_seats(body.seats).outside),
            condition: Some(condition),
        },
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
            return match ctx.store.get(&key).await? {
                None => Err(ApiError::not_found()),
                Some(_) => Err(ApiError::new(ErrorCode::SeatsBelowAccepted).field("seats")),
            };
        }
        Err(e) => return Err(e.into()),
    }
    let item = ctx.store.get(&key).await?.ok_or_else(ApiError::not_found)?;
    Ok(ok(&from_item::<LimitItem>(item)?.view()))
}
