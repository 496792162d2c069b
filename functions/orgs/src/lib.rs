//! Organisations: a region admin creates a school (college, kindergarten) in a locality of
//! their own region, with its director or without (`POST /api/admin/orgs`); anyone reads its
//! public profile (`GET /api/orgs/{org}`). The region admin also appoints the director of an
//! organisation that has none (`PUT /api/admin/orgs/{org}/director`, module `director`: until
//! then it has no cabinet) and the region's education department staff
//! (`/api/admin/edu-staff`, module `edu_staff`).

mod director;
mod edu_staff;

use std::sync::Arc;

use domain::api::{CreateOrg, Org, OrgProfile};
use domain::permissions::Permission;
use domain::{ErrorCode, Role};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{caller, require_in_region};
use service::http::{created, json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::audit;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("orgs", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::POST, "/api/admin/orgs").is_some() {
        return create(&ctx, &req).await;
    }
    if let Some(p) = route(&req, Method::PUT, "/api/admin/orgs/{org}/director") {
        return director::appoint(&ctx, &req, &p["org"]).await;
    }
    if route(&req, Method::POST, "/api/admin/edu-staff").is_some() {
        return edu_staff::appoint(&ctx, &req).await;
    }
    if route(&req, Method::GET, "/api/admin/edu-staff").is_some() {
        return edu_staff::list(&ctx, &req).await;
    }
    if let Some(p) = route(&req, Method::DELETE, "/api/admin/edu-staff/{iin}") {
        return edu_staff::remove(&ctx, &req, &p["iin"]).await;
    }
    if route(&req, Method::GET, "/api/campaign").is_some() {
        return campaign(&ctx);
    }
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}") {
        return profile(&ctx, &p["org"]).await;
    }
    Err(ApiError::not_found())
}

async fn create(ctx: &Ctx, req: &Request) -> ApiResult {
    let caller = caller(ctx, req)?;
    let region = require_in_region(ctx, &caller, Permission::ManageOrganisations)?;
    let body: CreateOrg = json_body(req)?;
    let director = body.validate()?;
    if body.region != region {
        return Err(ApiError::new(ErrorCode::OutsideRegion)
            .field("region")
            .log(format!("admin of {region}")));
    }
    // The locality from the address register must lie in the admin's own region.
    let locality = table::address::locality(ctx.store.as_ref(), &body.locality_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("locality_id"))?;
    if locality.region != region {
        return Err(ApiError::new(ErrorCode::OutsideRegion)
            .field("locality_id")
            .log(format!(
                "locality {} is in {}",
                locality.id, locality.region
            )));
    }
    let now = ctx.now();
    let org = Org {
        id: uuid::Uuid::new_v4().to_string(),
        kind: body.kind,
        name: body.name,
        bin: body.bin,
        region: body.region,
        locality_id: body.locality_id,
        address: body.address,
        languages: body.languages,
        provides_transport: body.provides_transport,
        private: body.private,
        phone: body.phone,
        email: body.email,
        created_at: domain::to_almaty(now),
    };
    // The profile and the BIN guard first: write 1 fails when the BIN is taken.
    let mut writes = table::org::create(&org)?;
    writes.push(audit::org_event(
        &org.id,
        now,
        &caller.iin,
        Role::Admin.as_str(),
        "org_created",
        None,
    )?);
    if let Some(director) = director {
        writes.extend(director::appointment(&org.id, &director, &caller, now)?.1);
    }
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(created(&org)),
        Err(StoreError::ConditionFailed { index: 1 }) => {
            Err(ApiError::new(ErrorCode::OrgExists).field("bin"))
        }
        Err(e) => Err(e.into()),
    }
}

/// The business time and the enrolment year, from the service's clock (the dev clock locally).
fn campaign(ctx: &Ctx) -> ApiResult {
    let now = ctx.now();
    let academic_year = domain::AcademicYear::enrolment_for(domain::to_almaty(now).date_naive())
        .ok_or_else(|| ApiError::internal("no academic year for the clock's date"))?;
    Ok(ok(&domain::api::Campaign {
        now: domain::to_almaty(now),
        academic_year,
    }))
}

/// The public profile: the organisation and its class limits with free seats.
async fn profile(ctx: &Ctx, org_id: &str) -> ApiResult {
    let org = table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let limits = table::limit::list(ctx.store.as_ref(), org_id, None)
        .await?
        .iter()
        .map(table::limit::LimitItem::view)
        .collect();
    Ok(ok(&OrgProfile { org, limits }))
}
