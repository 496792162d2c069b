//! `paperwork`: the papers of an application as PDF (seed 003; seeds 000–002 «Скачать
//! заявление», «Скачать уведомление»), made on demand from what is stored, the orders' papers,
//! and the public check of a signed decision that the notice's QR code leads to.
//!
//! - `GET /api/applications/{id}/papers/{paper}` → `application/pdf`, `paper` one of
//!   `application` («Заявление»), `receipt` («Расписка о приеме документов № N», from the
//!   moment of submission), `notice` (the bilingual decision notice, once signed: 409
//!   `invalid_status` before) and `order` (the enrolment order that lists the child, once
//!   signed: 409 before, 404 while the child is in no order). A 1st-grade application has them
//!   all, a college application its notice. To the applicant and to the organisation's staff
//!   who see its journal; 404 to anyone else.
//! - `GET /api/orgs/{org}/orders/{id}/paper` → the order as it stands (a draft is marked as
//!   one), to the staff who see the organisation's orders.
//! - `GET /api/preschool/applications/{id}/documents/{kind}` → a kindergarten queue
//!   application's document («Общие документы»), to its applicant and its region's department.
//! - `GET /api/verify/{id}` (no sign-in) → [`Verification`]: whether the stored signature
//!   verifies against the trusted CAs and is over this application's decision. Initials only.

mod preschool;

use std::sync::Arc;

use domain::api::{Application, Verification, initials};
use domain::orders::{Order, OrderStatus};
use domain::permissions::Permission;
use domain::{ErrorCode, Role, Service};
use lambda_http::BoxFuture;
use lambda_http::http::{Method, header};
use papers::{Paper, fill};
use service::access::{Caller, caller, reads_application, require};
use service::http::{file, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use table::staff::Entry;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("paperwork", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}/papers/{paper}") {
        let caller = caller(&ctx, &req)?;
        let paper = Paper::OF_APPLICATION
            .into_iter()
            .find(|paper| paper.name() == p["paper"])
            .ok_or_else(ApiError::not_found)?;
        return paper_of(&ctx, &req, &caller, &p["id"], paper).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/orders/{id}/paper") {
        let caller = caller(&ctx, &req)?;
        require(&ctx, &caller, &p["org"], Permission::ViewOrders).await?;
        let order = table::order::get(ctx.store.as_ref(), &p["org"], &p["id"])
            .await?
            .ok_or_else(ApiError::not_found)?;
        return order_paper(&ctx, &order).await;
    }
    if let Some(p) = route(
        &req,
        Method::GET,
        "/api/preschool/applications/{id}/documents/{kind}",
    ) {
        let caller = caller(&ctx, &req)?;
        return preschool::document(&ctx, &caller, &p["id"], &p["kind"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/verify/{id}") {
        return verify(&ctx, &p["id"]).await;
    }
    Err(ApiError::not_found())
}

/// The application, if the caller may read its papers: its applicant, or the staff of its
/// organisation who see the journal. Anyone else learns nothing (404, as for a missing one).
async fn readable(ctx: &Ctx, caller: &Caller, id: &str) -> Result<Application, ApiError> {
    let application = table::application::get(ctx.store.as_ref(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if !reads_application(ctx, caller, &application).await? {
        return Err(ApiError::not_found());
    }
    Ok(application)
}

/// Which services have the paper: 1st grade all of them; a college its decision notice.
fn has_paper(service: Service, paper: Paper) -> bool {
    match service {
        Service::Grade1 => true,
        Service::College => paper == Paper::Notice,
        _ => false,
    }
}

async fn org_of(ctx: &Ctx, application: &Application) -> Result<domain::api::Org, ApiError> {
    table::org::get(ctx.store.as_ref(), &application.org_id)
        .await?
        .ok_or_else(|| ApiError::internal("the application's organisation is missing"))
}

async fn paper_of(ctx: &Ctx, req: &Request, caller: &Caller, id: &str, paper: Paper) -> ApiResult {
    let application = readable(ctx, caller, id).await?;
    if !has_paper(application.service, paper) {
        return Err(ApiError::not_found());
    }
    let org = org_of(ctx, &application).await?;
    // The director is named on the application and the receipt, not on the notice.
    let bytes = match paper {
        Paper::Application => {
            let director = director_name(ctx, &org.id).await?;
            papers::render(paper, &fill::application(&application, &org, director))
        }
        Paper::Receipt => {
            let director = director_name(ctx, &org.id).await?;
            papers::render(paper, &fill::receipt(&application, &org, director))
        }
        Paper::Notice => {
            let data = fill::notice(&application, &org, &verify_url(req, id))
                .ok_or_else(|| ApiError::new(ErrorCode::InvalidStatus).field("paper"))?;
            papers::render(paper, &data)
        }
        Paper::Order => {
            let order = table::order::of_application(ctx.store.as_ref(), id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            if order.status != OrderStatus::Signed {
                return Err(ApiError::new(ErrorCode::InvalidStatus).field("paper"));
            }
            return order_paper(ctx, &order).await;
        }
        // Not among the application's papers (`Paper::OF_APPLICATION`).
        Paper::Document => return Err(ApiError::not_found()),
    }
    .map_err(|e| ApiError::internal(format!("{} paper: {e}", paper.name())))?;
    tracing::info!(application = %id, paper = paper.name(), bytes = bytes.len(), "paper made");
    let name = format!("{}-{}.pdf", paper.name(), application.number);
    Ok(file(bytes, papers::PDF, &name))
}

/// The order's paper, named by its number once registered.
async fn order_paper(ctx: &Ctx, order: &Order) -> ApiResult {
    let org = table::org::get(ctx.store.as_ref(), &order.org_id)
        .await?
        .ok_or_else(|| ApiError::internal("the order's organisation is missing"))?;
    let director = director_name(ctx, &org.id).await?;
    let bytes = papers::render(Paper::Order, &fill::order(order, &org, director))
        .map_err(|e| ApiError::internal(format!("order paper: {e}")))?;
    tracing::info!(order = %order.id, bytes = bytes.len(), "paper made");
    let name = match &order.registration {
        Some(r) => format!("order-{}.pdf", r.number),
        None => "order-draft.pdf".to_string(),
    };
    Ok(file(bytes, papers::PDF, &name))
}

/// Where the notice's QR code leads: the site's `/verify/{id}` page, on the configured origin
/// (`fill::site_origin`); elsewhere the request's host is the site's (the local runner serves
/// both).
fn verify_url(req: &Request, id: &str) -> String {
    let origin = fill::site_origin().unwrap_or_else(|| {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let scheme = req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("http");
        format!("{scheme}://{host}")
    });
    fill::verify_url(&origin, id)
}

/// The organisation's director's name, if it has one with a known name (one query of its staff).
async fn director_name(ctx: &Ctx, org_id: &str) -> Result<Option<String>, ApiError> {
    let staff = table::staff::list(ctx.store.as_ref(), org_id).await?;
    Ok(staff.into_iter().find_map(|entry| match entry {
        Entry::Member(m) if m.roles.contains(&Role::Director) => m.name,
        _ => None,
    }))
}

/// The public check: the stored signature verifies (`service::signature::check_record`) and
/// what it signed is this application's decision as stored now, so a signature copied from
/// another application, or a decision edited after signing, does not pass.
async fn verify(ctx: &Ctx, id: &str) -> ApiResult {
    let application = table::application::get(ctx.store.as_ref(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let Some(record) = &application.signature else {
        return Err(ApiError::not_found());
    };
    let org = org_of(ctx, &application).await?;
    let problem = if record.payload != domain::signing::payload(&application, &org.bin) {
        Some(ErrorCode::SignatureInvalid)
    } else {
        service::signature::check_record(&ctx.trust, record)
            .err()
            .map(|e| e.code)
    };
    if let Some(code) = problem {
        tracing::warn!(application = %id, code = code.as_str(), "a stored signature does not verify");
    }
    Ok(ok(&Verification {
        id: application.id.clone(),
        valid: problem.is_none(),
        problem: problem.map(|c| c.as_str().to_string()),
        number: application.number,
        service: application.service,
        status: application.status,
        org_name: org.name,
        child_initials: initials(&application.child.full_name()),
        signer_initials: initials(&record.signer_name),
        certificate_serial: record.certificate_serial.clone(),
        signed_at: record.signed_at,
    }))
}
