//! Organisations: a region admin creates a school and appoints its director
//! (`POST /api/admin/orgs`); anyone reads its public profile (`GET /api/orgs/{org}`).

use std::sync::Arc;

use domain::api::{CreateOrg, Limit, Org};
use domain::{ErrorCode, Role};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use serde::Serialize;
use service::access::{MemberItem, admin_region, caller};
use service::http::{created, json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response, audit, keys};
use store::{Condition, StoreError, WriteOp, from_item, to_item};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("orgs", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::POST, "/api/admin/orgs").is_some() {
        return create(&ctx, &req).await;
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
    let region = admin_region(ctx, &caller).ok_or_else(ApiError::forbidden)?;
    let body: CreateOrg = json_body(req)?;
    let director = body.validate()?;
    if body.region != region {
        return Err(ApiError::forbidden().log("admin of another region"));
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
    let mut org_item = to_item(&keys::org(&org.id), &org)?;
    org_item.insert("gsi1pk".into(), keys::region_index(&org.region).into());
    org_item.insert("gsi1sk".into(), format!("ORG#{}", org.id).into());
    // A locality's organisations, for the public school listing (`GET /api/schools`).
    org_item.insert(
        "gsi2pk".into(),
        service::microdistrict::locality_orgs_index(&org.locality_id).into(),
    );
    org_item.insert("gsi2sk".into(), format!("ORG#{}", org.id).into());
    let mut guard = to_item(
        &keys::bin_guard(&org.bin),
        &serde_json::json!({"org_id": org.id}),
    )?;
    guard.insert("bin".into(), org.bin.clone().into());
    let member = MemberItem {
        org_id: org.id.clone(),
        iin: director.as_str().to_string(),
        roles: vec![Role::Director],
        position: Some("director".into()),
        since: domain::to_almaty(now),
    };
    let mut member_item = to_item(&keys::membership(&member.iin, &org.id), &member)?;
    member_item.insert("gsi1pk".into(), keys::staff_index(&org.id).into());
    member_item.insert("gsi1sk".into(), member.iin.clone().into());
    let writes = vec![
        WriteOp::Put {
            item: org_item,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Put {
            item: guard,
            condition: Some(Condition::NotExists),
        },
        WriteOp::Put {
            item: member_item,
            condition: None,
        },
        audit::org_event(
            &org.id,
            now,
            &caller.iin,
            Role::Admin.as_str(),
            "org_created",
            None,
        )?,
        audit::org_event(
            &org.id,
            now,
            &caller.iin,
            Role::Admin.as_str(),
            "director_appointed",
            Some(domain::mask_iin(&member.iin)),
        )?,
    ];
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
#[derive(Serialize)]
struct Profile {
    #[serde(flatten)]
    org: Org,
    limits: Vec<Limit>,
}

async fn profile(ctx: &Ctx, org_id: &str) -> ApiResult {
    let item = ctx
        .store
        .get(&keys::org(org_id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let org: Org = from_item(item)?;
    let limits = service::limits::list(ctx, org_id, None).await?;
    Ok(ok(&Profile { org, limits }))
}
