//! The address register and school microdistricts: anyone searches the register
//! (`GET /api/addresses`) and lists a locality's schools with free seats, marked for an address
//! (`GET /api/schools`); a director or OSO officer attaches streets and buildings of the
//! school's own locality to its microdistrict and detaches them
//! (`/api/orgs/{org}/microdistrict`).
//!
//! An attachment is stored both ways (the school's list and the address's schools) in one
//! transaction with the school's audit event (`table::address`).

use std::sync::Arc;

use domain::address::{Address, AttachAddress, FreeSeats, SchoolListing, sort_schools};
use domain::api::{Detached, List, Org};
use domain::permissions::Permission;
use domain::{ErrorCode, Lang, OrgKind, Role};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, require};
use service::http::{created, json_body, lang, ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::address::{self as register, AttachmentItem};
use table::audit;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("microdistrict", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/addresses").is_some() {
        return search(&ctx, &req).await;
    }
    if route(&req, Method::GET, "/api/localities").is_some() {
        let region = query(&req).get("region").cloned();
        let items = register::localities(ctx.store.as_ref(), region.as_deref()).await?;
        return Ok(ok(&List {
            items,
            next_page_token: None,
        }));
    }
    if route(&req, Method::GET, "/api/schools").is_some() {
        return schools(&ctx, &req).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/microdistrict") {
        let caller = caller(&ctx, &req)?;
        require(&ctx, &caller, &p["org"], Permission::ViewMicrodistrict).await?;
        return list(&ctx, &req, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::POST, "/api/orgs/{org}/microdistrict") {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::ManageMicrodistrict).await?;
        return attach(&ctx, &req, &caller, role, &p["org"]).await;
    }
    if let Some(p) = route(
        &req,
        Method::DELETE,
        "/api/orgs/{org}/microdistrict/{address_id}",
    ) {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::ManageMicrodistrict).await?;
        return detach(&ctx, &caller, role, &p["org"], &p["address_id"]).await;
    }
    Err(ApiError::not_found())
}

/// A required, non-empty query parameter, else 422 naming it.
fn required(req: &Request, name: &str) -> Result<String, ApiError> {
    query(req)
        .get(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field(name))
}

async fn search(ctx: &Ctx, req: &Request) -> ApiResult {
    let locality_id = required(req, "locality_id")?;
    let q = query(req).get("q").cloned().unwrap_or_default();
    let items = register::search(ctx.store.as_ref(), &locality_id, &q, lang(req)).await?;
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

async fn org(ctx: &Ctx, org_id: &str) -> Result<Org, ApiError> {
    table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)
}

async fn list(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let lang = lang(req);
    let items: Vec<Address> = register::attached(ctx.store.as_ref(), org_id)
        .await?
        .iter()
        .map(|a| a.view(lang))
        .collect();
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// Attaches a street or a building: 201 when newly attached, 200 when it already was.
async fn attach(ctx: &Ctx, req: &Request, caller: &Caller, role: Role, org_id: &str) -> ApiResult {
    let body: AttachAddress = json_body(req)?;
    let org = org(ctx, org_id).await?;
    let address = register::get(ctx.store.as_ref(), body.address_id.trim())
        .await?
        .ok_or_else(|| ApiError::not_found().field("address_id"))?;
    if address.locality_id != org.locality_id {
        return Err(ApiError::new(ErrorCode::AddressOutsideLocality).field("address_id"));
    }
    let now = ctx.now();
    let attachment = AttachmentItem {
        org_id: org.id.clone(),
        address: address.clone(),
        attached_at: domain::to_almaty(now),
        attached_by: caller.iin.clone(),
    };
    let mut writes = register::attach(&attachment)?;
    writes.push(audit::org_event(
        &org.id,
        now,
        &caller.iin,
        role.as_str(),
        "microdistrict_attached",
        Some(address.text.ru.clone()),
    )?);
    let view = address.view(lang(req));
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(created(&view)),
        // Already attached: attaching is idempotent.
        Err(StoreError::ConditionFailed { index: 0 }) => Ok(ok(&view)),
        Err(e) => Err(e.into()),
    }
}

async fn detach(
    ctx: &Ctx,
    caller: &Caller,
    role: Role,
    org_id: &str,
    address_id: &str,
) -> ApiResult {
    let attachment = register::attachment(ctx.store.as_ref(), org_id, address_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let now = ctx.now();
    let mut writes = register::detach(org_id, address_id);
    writes.push(audit::org_event(
        org_id,
        now,
        &caller.iin,
        role.as_str(),
        "microdistrict_detached",
        Some(attachment.address.text.ru.clone()),
    )?);
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(ok(&Detached {
            id: address_id.to_string(),
            detached: true,
        })),
        // Someone detached it first.
        Err(StoreError::ConditionFailed { index: 0 }) => Err(ApiError::not_found()),
        Err(e) => Err(e.into()),
    }
}

/// The public list of a locality's schools (teaching `language` when given) with their free
/// grade-1 seats, each marked for the address; the schools it is attached to come first.
async fn schools(ctx: &Ctx, req: &Request) -> ApiResult {
    let params = query(req);
    let locality_id = required(req, "locality_id")?;
    let language = match params.get("language").filter(|l| !l.is_empty()) {
        Some(l) => Some(
            l.parse::<Lang>()
                .map_err(|_| ApiError::new(ErrorCode::ValidationFailed).field("language"))?,
        ),
        None => None,
    };
    let attached_to = match params.get("address_id").filter(|a| !a.is_empty()) {
        Some(id) => {
            let address = register::get(ctx.store.as_ref(), id)
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("address_id"))?;
            register::schools_of(ctx.store.as_ref(), &address).await?
        }
        None => Default::default(),
    };
    let orgs = table::org::in_locality(ctx.store.as_ref(), &locality_id).await?;
    let mut out = Vec::new();
    for org in orgs {
        if org.kind != OrgKind::School || language.is_some_and(|l| !org.languages.contains(&l)) {
            continue;
        }
        let free_seats = table::limit::list(ctx.store.as_ref(), &org.id, None)
            .await?
            .iter()
            .map(table::limit::LimitItem::view)
            .filter(|l| l.grade == 1 && language.is_none_or(|lang| l.language == lang))
            .map(|l| FreeSeats {
                academic_year: l.academic_year,
                language: l.language,
                seats: l.seats,
                free_total: l.free_total,
                free_outside: l.free_outside,
            })
            .collect();
        out.push(SchoolListing {
            in_microdistrict: attached_to.contains(&org.id),
            id: org.id,
            name: org.name,
            address: org.address,
            languages: org.languages,
            provides_transport: org.provides_transport,
            free_seats,
        });
    }
    sort_schools(&mut out);
    Ok(ok(&List {
        items: out,
        next_page_token: None,
    }))
}
