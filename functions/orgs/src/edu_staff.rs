//! The region's education department staff: the region admin appoints a person as
//! `edu_department` of their own region or of one of its districts (`POST
//! /api/admin/edu-staff`, `district` in the body), lists them (`GET`, the districts' staff
//! included) and removes one (`DELETE /api/admin/edu-staff/{iin}`). An appointment needs no consent (the
//! authority names its own staff); the appointed person sees it in `GET /api/me`.
//!
//! How appointments are stored is `table::region_staff`'s.

use domain::permissions::Permission;
use domain::region_staff::{AppointEduStaff, EduStaff};
use domain::{ErrorCode, Iin, Role};
use service::access::{Caller, caller, require_in_region};
use service::http::{created, json_body, no_content, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::{audit, region_staff};

/// The caller's region, when they are its admin (else 403).
fn admin_of<'a>(ctx: &'a Ctx, req: &Request) -> Result<(Caller, &'a str), ApiError> {
    let caller = caller(ctx, req)?;
    let region = require_in_region(ctx, &caller, Permission::AppointEduDepartment)?;
    Ok((caller, region))
}

/// Appoints the person in the admin's region: the appointment and its audit event in one
/// transaction that holds only while they are not appointed there yet (409 otherwise).
pub async fn appoint(ctx: &Ctx, req: &Request) -> ApiResult {
    let (caller, region) = admin_of(ctx, req)?;
    let body: AppointEduStaff = json_body(req)?;
    let valid = body.validate(&caller.iin, region)?;
    let now = ctx.now();
    let appointment = EduStaff {
        iin: valid.iin.into_string(),
        scope: valid.scope,
        name: valid.name,
        since: domain::to_almaty(now),
        appointed_by: caller.iin.clone(),
    };
    let writes = vec![
        region_staff::appoint(&appointment)?,
        audit::region_event(
            region,
            now,
            caller.actor(),
            Role::Admin.as_str(),
            "edu_staff_appointed",
            Some(domain::mask_iin(&appointment.iin)),
        )?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(created(&appointment)),
        Err(StoreError::ConditionFailed { index: 0 }) => {
            Err(ApiError::new(ErrorCode::AlreadyAppointed).field("iin"))
        }
        Err(e) => Err(e.into()),
    }
}

/// The admin's region's education department staff.
pub async fn list(ctx: &Ctx, req: &Request) -> ApiResult {
    let (_, region) = admin_of(ctx, req)?;
    let items = region_staff::list(ctx.store.as_ref(), region).await?;
    Ok(ok(&domain::api::List {
        items,
        next_page_token: None,
    }))
}

/// Removes the person's appointment in the admin's region or one of its districts (404 when
/// there is none there: another region's staff are not this admin's to see).
pub async fn remove(ctx: &Ctx, req: &Request, iin: &str) -> ApiResult {
    let (caller, region) = admin_of(ctx, req)?;
    let iin = Iin::parse(iin).map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("iin"))?;
    let held = region_staff::of_person(ctx.store.as_ref(), iin.as_str()).await?;
    let appointment = held
        .into_iter()
        .find(|a| a.scope.region() == Some(region))
        .ok_or_else(ApiError::not_found)?;
    let writes = vec![
        region_staff::remove(iin.as_str(), &appointment.scope),
        audit::region_event(
            region,
            ctx.now(),
            caller.actor(),
            Role::Admin.as_str(),
            "edu_staff_removed",
            Some(iin.masked()),
        )?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(no_content()),
        Err(StoreError::ConditionFailed { index: 0 }) => Err(ApiError::not_found()),
        Err(e) => Err(e.into()),
    }
}
