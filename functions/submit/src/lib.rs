//! A parent applies to enrol a child in 1st grade (`POST /api/applications`) and follows the
//! application (`GET /api/applications/{id}`, its history, `GET /api/me/applications`).
//!
//! The application, its number, the child's one-active-application guard and the history
//! event are written in one transaction: a child never has two active applications in a year,
//! and numbers follow the order of submission.

use std::sync::Arc;
use std::time::Duration;

use domain::api::{Application, DocumentLink, List, SubmitApplication};
use domain::lifecycle::Event;
use domain::permissions::{Permission, permits};
use domain::services::rules;
use domain::{AdmissionType, ErrorCode, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, org_roles};
use service::http::{created, json_body, ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::outbox::{self, NoticeEvent, OutboxMessage};
use table::{address, application, audit};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("submit", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::POST, "/api/applications").is_some() {
        let caller = caller(&ctx, &req)?;
        return submit(&ctx, &req, &caller).await;
    }
    if route(&req, Method::GET, "/api/me/applications").is_some() {
        let caller = caller(&ctx, &req)?;
        return mine(&ctx, &req, &caller).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}") {
        let caller = caller(&ctx, &req)?;
        return Ok(ok(
            &visible(&ctx, &caller, &p["id"], Refusal::NotFound).await?
        ));
    }
    if let Some(p) = route(
        &req,
        Method::GET,
        "/api/applications/{id}/documents/{file_id}",
    ) {
        let caller = caller(&ctx, &req)?;
        let application = visible(&ctx, &caller, &p["id"], Refusal::ForbiddenToMembers).await?;
        return document(&ctx, &application, &p["file_id"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}/history") {
        let caller = caller(&ctx, &req)?;
        visible(&ctx, &caller, &p["id"], Refusal::NotFound).await?;
        return history(&ctx, &p["id"]).await;
    }
    Err(ApiError::not_found())
}

/// How often a submission retries when another one took the next number first. Each retry
/// re-reads the counter; under a school's opening-minute rush a few retries suffice.
const NUMBER_ATTEMPTS: u32 = 25;

async fn submit(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let body: SubmitApplication = json_body(req)?;
    let (child_iin, phone) = body.validate()?;
    let store = ctx.store.as_ref();
    let org = table::org::get(store, &body.org_id)
        .await?
        .ok_or_else(|| ApiError::not_found().field("org_id"))?;
    let service = rules(body.service);
    if org.kind != service.org_kind() {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("org_id"));
    }
    if !org.languages.contains(&body.language) {
        return Err(ApiError::new(ErrorCode::LanguageNotOffered).field("language"));
    }
    let limit_id = table::limit::limit_id(body.academic_year, 1, body.language);
    if table::limit::get(store, &org.id, &limit_id)
        .await?
        .is_none()
    {
        return Err(ApiError::new(ErrorCode::NoLimit).field("language"));
    }
    check_documents(ctx, caller, &body).await?;
    // By microdistrict when the registered address (a building of the register) or its street
    // is attached to the school; without an address the child applies from outside.
    let (admission_type, registered_address) = match body.registered_address_id.as_deref() {
        Some(address_id) => {
            let invalid =
                || ApiError::new(ErrorCode::ValidationFailed).field("registered_address_id");
            let building = address::get(store, address_id).await?.ok_or_else(invalid)?;
            let admission = address::admission_type(store, &org.id, &building)
                .await?
                .ok_or_else(invalid)?;
            (admission, Some(building.text))
        }
        None => (AdmissionType::Outside, None),
    };

    let change = service
        .transition(None, Event::Submit)
        .map_err(|e| ApiError::internal(format!("{e:?}")))?;
    let id = uuid::Uuid::new_v4().to_string();
    let mut application = Application {
        id: id.clone(),
        number: 0,
        service: body.service,
        org_id: org.id.clone(),
        academic_year: body.academic_year,
        grade: 1,
        language: body.language,
        status: change.after.status,
        admission_type,
        submitted_at: to_almaty(ctx.now()),
        due_at: to_almaty(ctx.now()),
        overdue: false,
        applicant_iin: caller.iin.clone(),
        applicant_name: caller.name.clone(),
        child: body.child.clone(),
        applicant: domain::api::Applicant {
            phone,
            ..body.applicant.clone()
        },
        registered_address_id: body.registered_address_id.clone(),
        registered_address,
        actual_address: body.actual_address.clone(),
        transport_requested: body.transport_requested,
        special_needs: body.special_needs,
        documents: body.documents.clone(),
        assignee_iin: None,
        assignee_name: None,
        decision: None,
        signature: None,
        overdue_at: None,
    };
    application.child.iin = child_iin.as_str().to_string();

    for attempt in 0..NUMBER_ATTEMPTS {
        let last = application::last_number(store, &org.id).await?;
        // Read the clock after the counter: a later number never gets an earlier instant.
        let now = ctx.now();
        application.number = last + 1;
        application.submitted_at = to_almaty(now);
        application.due_at = to_almaty(service.due_at(now));
        let mut writes = application::submit(&application, last, &change)?;
        writes.push(audit::application_event(
            &id,
            now,
            &caller.iin,
            "applicant",
            "submitted",
            None,
        )?);
        // The receipt to the applicant, in the same transaction (outbox).
        let receipt = OutboxMessage::new(NoticeEvent::Submitted, &id, &org.id, now);
        writes.push(outbox::write(&receipt)?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                service::outbox::send_after_commit(ctx, &[receipt]).await;
                tracing::info!(
                    application = %id,
                    number = application.number,
                    child = %child_iin.masked(),
                    "submitted"
                );
                return Ok(created(&application));
            }
            Err(StoreError::ConditionFailed { index: 1 }) => {
                return Err(ApiError::new(ErrorCode::DuplicateApplication).field("child.iin"));
            }
            Err(StoreError::ConditionFailed { index: 0 }) | Err(StoreError::Conflict) => {
                // Someone took this number first: back off a little (jittered) and retry.
                let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) % 20;
                tokio::time::sleep(Duration::from_millis(5 + jitter + u64::from(attempt) * 5))
                    .await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("no application number after retries"))
}

/// Every attached document is the applicant's own, of the kind it is attached as, and uploaded.
async fn check_documents(
    ctx: &Ctx,
    caller: &Caller,
    body: &SubmitApplication,
) -> Result<(), ApiError> {
    let mut seen = std::collections::BTreeSet::new();
    for doc in &body.documents {
        let field = format!("documents.{}", doc.kind.as_str());
        let not_found = || ApiError::new(ErrorCode::DocumentNotFound).field(field.clone());
        if !seen.insert(doc.file_id.clone()) {
            return Err(ApiError::new(ErrorCode::ValidationFailed).field(field));
        }
        let file = table::file::get(ctx.store.as_ref(), &doc.file_id)
            .await?
            .ok_or_else(not_found)?;
        if file.owner_iin != caller.iin || file.kind != doc.kind {
            return Err(not_found());
        }
        if !ctx.blobs.exists(&doc.file_id).await? {
            return Err(not_found());
        }
    }
    Ok(())
}

/// How an application is refused to a caller who may not read it.
#[derive(Clone, Copy, PartialEq)]
enum Refusal {
    /// 404 to everyone: its existence is not disclosed.
    NotFound,
    /// 403 to a member of its organisation (who knows the school has applications), else 404.
    ForbiddenToMembers,
}

/// The application if the caller is its applicant or may read its organisation's journal.
async fn visible(
    ctx: &Ctx,
    caller: &Caller,
    id: &str,
    refusal: Refusal,
) -> Result<Application, ApiError> {
    let application = application::get(ctx.store.as_ref(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if application.applicant_iin == caller.iin {
        return Ok(application);
    }
    let roles = org_roles(ctx, caller, &application.org_id).await?;
    if permits(&roles, Permission::ViewJournal) {
        Ok(application)
    } else if refusal == Refusal::ForbiddenToMembers && !roles.is_empty() {
        Err(ApiError::forbidden().log("a member without the journal"))
    } else {
        Err(ApiError::not_found())
    }
}

/// Where to read one of the application's documents: a short-lived address of its bytes.
async fn document(ctx: &Ctx, application: &Application, file_id: &str) -> ApiResult {
    if !application.documents.iter().any(|d| d.file_id == file_id) {
        return Err(ApiError::not_found());
    }
    let file = table::file::get(ctx.store.as_ref(), file_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let content_type = file.content_type;
    let url = ctx.blobs.download_url(file_id, &content_type).await?;
    Ok(ok(&DocumentLink { url, content_type }))
}

async fn history(ctx: &Ctx, id: &str) -> ApiResult {
    let items = audit::history(ctx.store.as_ref(), id).await?;
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// The most applications one page lists.
const PAGE: u32 = 50;

async fn mine(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let token = query(req)
        .get("page_token")
        .filter(|t| !t.is_empty())
        .cloned();
    let page = application::of_person(ctx.store.as_ref(), &caller.iin, PAGE, token)
        .await
        .map_err(|e| match e {
            StoreError::Invalid(_) => {
                ApiError::new(ErrorCode::ValidationFailed).field("page_token")
            }
            e => e.into(),
        })?;
    Ok(ok(&List {
        items: page.items,
        next_page_token: page.next_page_token,
    }))
}
