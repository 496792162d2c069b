//! A college's specialty lines: listed by its staff, added, changed and removed by its
//! director or organiser, each change with its audit event in the same transaction.

use domain::api::List;
use domain::college::api::Specialty;
use domain::permissions::Permission;
use domain::{ErrorCode, OrgKind};
use service::access::{Caller, require};
use service::http::{json_body, no_content, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::audit;
use table::college::specialty;

pub async fn list(ctx: &Ctx, caller: &Caller, org_id: &str) -> ApiResult {
    require(ctx, caller, org_id, Permission::ViewPlaces).await?;
    let items = specialty::list(ctx.store.as_ref(), org_id).await?;
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

pub async fn put(ctx: &Ctx, req: &Request, caller: &Caller, org_id: &str, line: &str) -> ApiResult {
    let role = require(ctx, caller, org_id, Permission::ManagePlaces).await?;
    let body: Specialty = json_body(req)?;
    let line_item = body.validate()?;
    if line_item.id != line {
        return Err(ApiError::new(ErrorCode::ValidationFailed)
            .field("id")
            .log(format!("path {line}, body {}", line_item.id)));
    }
    let org = table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if org.kind != OrgKind::College {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("org"));
    }
    if !org.languages.contains(&line_item.language) {
        return Err(ApiError::new(ErrorCode::LanguageNotOffered).field("language"));
    }
    let comment = format!(
        "{}: {} state, {} paid",
        line_item.id, line_item.state_places, line_item.paid_places
    );
    let writes = vec![
        specialty::put(org_id, &line_item)?,
        audit::org_event(
            org_id,
            ctx.now(),
            caller.actor(),
            role.as_str(),
            "specialty_put",
            Some(comment),
        )?,
    ];
    ctx.store.transact(writes).await?;
    Ok(ok(&line_item))
}

pub async fn remove(ctx: &Ctx, caller: &Caller, org_id: &str, line: &str) -> ApiResult {
    let role = require(ctx, caller, org_id, Permission::ManagePlaces).await?;
    let writes = vec![
        specialty::remove(org_id, line),
        audit::org_event(
            org_id,
            ctx.now(),
            caller.actor(),
            role.as_str(),
            "specialty_removed",
            Some(line.to_string()),
        )?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(no_content()),
        Err(StoreError::ConditionFailed { index: 0 }) => Err(ApiError::not_found()),
        Err(e) => Err(e.into()),
    }
}
