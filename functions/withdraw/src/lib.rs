//! The applicant withdraws their application (`POST /api/applications/{id}/withdraw`).
//!
//! Possible while it is still being worked on (`in_review`, `on_signing`); a signed decision is
//! final. One transaction: the status becomes `withdrawn`, the application leaves the review
//! queue, a seat taken by an accept decision awaiting signature is freed, the child's
//! active-application guard is released (the child may apply again) and the history records it.

use std::sync::Arc;

use domain::api::Application;
use domain::{ErrorCode, Status};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller};
use service::http::{ok, route};
use service::signing::{Stored, load, release_guard};
use service::{ApiError, ApiResult, Ctx, Request, Response, audit, keys};
use store::{StoreError, Update, WriteOp};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("withdraw", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::POST, "/api/applications/{id}/withdraw") {
        let caller = caller(&ctx, &req)?;
        return withdraw(&ctx, &caller, &p["id"]).await;
    }
    Err(ApiError::not_found())
}

async fn withdraw(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored: Stored = load(ctx, id).await?;
    // Only its applicant; to anyone else the application does not exist.
    if stored.application.applicant_iin != caller.iin {
        return Err(ApiError::not_found());
    }
    if !stored.application.status.is_open() {
        return Err(ApiError::new(ErrorCode::InvalidStatus));
    }
    let mut application: Application = stored.application.clone();
    let now = ctx.now();
    let mut writes = vec![
        WriteOp::Update {
            key: keys::application(&application.id),
            update: Update::new()
                .set("status", Status::Withdrawn.as_str())
                .remove("gsi3pk")
                .remove("gsi3sk")
                .remove("gsi4pk")
                .remove("gsi4sk"),
            // Still the status (and decision) read: a decision or signature racing this
            // withdrawal makes one of the two fail, never both half-succeed.
            condition: Some(stored.unchanged()),
        },
        audit::application_event(
            &application.id,
            now,
            &caller.iin,
            "applicant",
            "withdrawn",
            None,
        )?,
        release_guard(&application),
    ];
    if stored.holds_seat() {
        writes.push(service::seats::free(&application));
    }
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        Err(StoreError::ConditionFailed { index }) => {
            return Err(ApiError::new(ErrorCode::InvalidStatus)
                .log(format!("condition failed on write {index}")));
        }
        Err(StoreError::Conflict) => {
            return Err(ApiError::new(ErrorCode::InvalidStatus)
                .log("a concurrent transaction changed the application"));
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(application = %application.id, "withdrawn");
    application.status = Status::Withdrawn;
    Ok(ok(&application))
}
