//! A parent applies to enrol a child in 1st grade (`POST /api/applications`) and follows the
//! application (`GET /api/applications/{id}`, its history, `GET /api/me/applications`).
//!
//! The application, its number, the child's one-active-application guard and the history
//! event are written in one transaction: a child never has two active applications in a year,
//! and numbers follow the order of submission. Only a legal representative of the child, as the
//! population register says, applies (`register`); the register's registered address gives the
//! admission type. The wizard reads the same (`GET /api/children/{iin}/registration`). Each
//! document's bytes are checked against their declared type and their SHA-256 is kept with the
//! application (`documents.rs`); what the applicant and the staff read of it is `view.rs`.

mod register;
mod takeover;

use std::sync::Arc;

use domain::api::{Application, SubmitApplication};
use domain::lifecycle::Event;
use domain::services::rules;
use domain::{ErrorCode, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller};
use service::http::{created, json_body, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::outbox::{self, NoticeEvent, OutboxMessage};
use table::{application, audit};

mod documents;
mod view;

use documents::check_documents;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("submit", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::POST, "/api/applications").is_some() {
        let caller = caller(&ctx, &req)?;
        return submit(&ctx, &req, &caller).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/children/{iin}/registration") {
        let caller = caller(&ctx, &req)?;
        return register::registration(&ctx, &req, &caller, &p["iin"]).await;
    }
    if route(&req, Method::GET, "/api/me/applications").is_some() {
        let caller = caller(&ctx, &req)?;
        return view::mine(&ctx, &req, &caller).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}") {
        let caller = caller(&ctx, &req)?;
        return view::application(&ctx, &caller, &p["id"]).await;
    }
    if let Some(p) = route(
        &req,
        Method::GET,
        "/api/applications/{id}/documents/{file_id}",
    ) {
        let caller = caller(&ctx, &req)?;
        return view::document(&ctx, &caller, &p["id"], &p["file_id"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}/history") {
        let caller = caller(&ctx, &req)?;
        return view::history(&ctx, &caller, &p["id"]).await;
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
    // The preschool queue has its own use case (`functions/preschool`).
    if service.seats() != domain::services::SeatAccounting::ClassLimit {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("service"));
    }
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
    let documents = check_documents(ctx, caller, &body).await?;
    // The register is asked last, after everything we can check ourselves: only a legal
    // representative applies, with the relation and the registered address it records.
    let (record, relation) = register::representative(ctx, caller, &child_iin).await?;
    let building = register::building(ctx, &record).await?;
    let admission_type = register::admission_type(ctx, &org.id, building.as_ref()).await?;

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
            relation,
            ..body.applicant.clone()
        },
        registered_address_id: record.registered_address_id.clone(),
        registered_address: building.map(|b| b.text),
        actual_address: body.actual_address.clone(),
        transport_requested: body.transport_requested,
        special_needs: body.special_needs,
        documents,
        assignee_iin: None,
        assignee_name: None,
        decision: None,
        signature: None,
        overdue_at: None,
        college: None,
    };
    application.child.iin = child_iin.as_str().to_string();

    // An application of a non-representative holding the child's guard, to take it from.
    let mut stale: Option<takeover::Stale> = None;
    for attempt in 0..NUMBER_ATTEMPTS {
        let last = application::last_number(store, &org.id).await?;
        // Read the clock after the counter: a later number never gets an earlier instant.
        let now = ctx.now();
        application.number = last + 1;
        application.submitted_at = to_almaty(now);
        application.due_at = to_almaty(service.due_at(now));
        let mut writes = match &stale {
            None => application::submit(&application, last, &change)?,
            Some(s) => {
                let mut w = application::submit_taking_over(
                    &application,
                    last,
                    &change,
                    &s.stored,
                    &s.change,
                )?;
                w.push(s.event(now)?);
                w
            }
        };
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
                    withdrawn = stale.as_ref().map(|s| s.stored.application.id.as_str()),
                    "submitted"
                );
                return Ok(created(&application));
            }
            // The guard is taken (or, taking it over, its holder changed since it was read):
            // who holds it now decides.
            Err(StoreError::ConditionFailed { index }) if index == 1 || index >= 3 => {
                stale = takeover::stale_holder(ctx, &application, &record).await?;
            }
            Err(StoreError::ConditionFailed { index: 0 }) | Err(StoreError::Conflict) => {
                // Someone took this number first: back off a little (jittered) and retry.
                service::retry::back_off(attempt, 5).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("no application number after retries"))
}
