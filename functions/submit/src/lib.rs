//! A parent applies to enrol a child in 1st grade (`POST /api/applications`) and follows the
//! application (`GET /api/applications/{id}`, its history, `GET /api/me/applications`).
//!
//! The application, its number, the child's one-active-application guard and the history
//! event are written in one transaction: a child never has two active applications in a year,
//! and numbers follow the order of submission. Only a legal representative of the child, as the
//! population register says, applies (`register`); the register's registered address gives the
//! admission type. The wizard reads the same (`GET /api/children/{iin}/registration`). Each
//! document's bytes are checked against their declared type and their SHA-256 is kept with the
//! application (`service::blobs::check_documents`); what the applicant and the staff read of it is `view.rs`.

mod register;
mod takeover;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::api::{Applicant, Application, Child, SubmitApplication};
use domain::lifecycle::Change;
use domain::population::ChildRecord;
use domain::services::rules;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller};
use service::http::{created, json_body, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::{StoreError, WriteOp};
use table::application;

mod view;

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
    // The region's campaign (seed 003): by default 1 June – 30 August.
    service::submission::require_campaign_open(ctx, &org.region, body.service, body.academic_year)
        .await?;
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
    let documents = service::blobs::check_documents(ctx, caller, &body.documents).await?;
    // The register is asked last, after everything we can check ourselves: only a legal
    // representative applies, with the relation and the registered address it records.
    let (record, relation) = register::representative(ctx, caller, &child_iin).await?;
    let building = register::building(ctx, &record).await?;
    let admission_type = register::admission_type(ctx, &org.id, building.as_ref()).await?;

    let (draft, change) = service::submission::draft(
        caller,
        service,
        &org,
        body.academic_year,
        body.language,
        Child {
            iin: child_iin.as_str().to_string(),
            ..body.child.clone()
        },
        Applicant {
            phone,
            relation,
            ..body.applicant.clone()
        },
    )?;
    let id = draft.id.clone();
    let mut application = Application {
        admission_type,
        registered_address_id: record.registered_address_id.clone(),
        registered_address: building.map(|b| b.text),
        actual_address: body.actual_address.clone(),
        transport_requested: body.transport_requested,
        special_needs: body.special_needs,
        documents,
        ..draft
    };

    let mut submission = Grade1Submission {
        ctx,
        change: &change,
        record: &record,
        stale: None,
    };
    service::submission::submit_numbered(ctx, caller, service, &mut application, &mut submission)
        .await?;
    tracing::info!(
        application = %id,
        number = application.number,
        child = %child_iin.masked(),
        withdrawn = submission.stale.as_ref().map(|s| s.stored.application.id.as_str()),
        "submitted"
    );
    Ok(created(&application))
}

/// The child's guard of a 1st-grade submission: taken, or taken over from an application of a
/// non-representative ([`takeover`]).
struct Grade1Submission<'a> {
    ctx: &'a Ctx,
    change: &'a Change,
    record: &'a ChildRecord,
    /// An application of a non-representative holding the child's guard, to take it from.
    stale: Option<takeover::Stale>,
}

impl service::submission::Submission for Grade1Submission<'_> {
    fn writes(
        &self,
        application: &Application,
        last: u64,
        now: DateTime<Utc>,
    ) -> Result<Vec<WriteOp>, ApiError> {
        Ok(match &self.stale {
            None => application::submit(application, last, self.change)?,
            Some(s) => {
                let mut w = application::submit_taking_over(
                    application,
                    last,
                    self.change,
                    &s.stored,
                    &s.change,
                )?;
                w.push(s.event(now)?);
                w
            }
        })
    }

    /// The guard is taken (or, taking it over, its holder changed since it was read): who
    /// holds it now decides.
    async fn condition_failed(
        &mut self,
        application: &Application,
        index: usize,
    ) -> Result<(), ApiError> {
        if index == 1 || index >= 3 {
            self.stale = takeover::stale_holder(self.ctx, application, self.record).await?;
            return Ok(());
        }
        Err(StoreError::ConditionFailed { index }.into())
    }
}
