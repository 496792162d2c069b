//! The applicant withdraws their application (`POST /api/applications/{id}/withdraw`).
//!
//! Possible while it is still being worked on (`in_review`, `on_signing`); a signed decision is
//! final. One transaction: the status becomes `withdrawn`, the application leaves the review
//! queue, a seat taken by an accept decision awaiting signature is freed, the child's
//! active-application guard is released (the child may apply again) and the history records it.

use std::sync::Arc;

use domain::ErrorCode;
use domain::lifecycle::Event;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller};
use service::http::{ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::application::{self, Record, queue};
use table::audit;

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

/// How often a withdrawal retries when the review queue moved under it.
const ATTEMPTS: u32 = 10;

async fn withdraw(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    for _ in 0..ATTEMPTS {
        let stored = application::load_queued(ctx.store.as_ref(), id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        // Only its applicant; to anyone else the application does not exist.
        if stored.application.applicant_iin != caller.iin {
            return Err(ApiError::not_found());
        }
        let change = stored.change(Event::Withdraw)?;
        let now = ctx.now();
        // Still the status (and decision) read: a decision or signature racing this withdrawal
        // makes one of the two fail, never both half-succeed.
        let mut writes = application::transition(&stored, &change, Record::Nothing)?;
        let queue_write = writes.iter().position(queue::is_queue_write);
        let queue_version = queue_write.and(stored.queue.as_ref()).map(|q| q.next());
        writes.push(audit::application_queue_event(
            id,
            now,
            &caller.iin,
            "applicant",
            "withdrawn",
            None,
            queue_version,
        )?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                tracing::info!(application = %id, "withdrawn");
                let mut application = stored.application;
                application.status = change.after.status;
                // The applicant's own view: a decision awaiting signature stays the school's.
                return Ok(ok(&application.for_applicant()));
            }
            // The school's queue moved meanwhile (a decision, a return): read it again.
            Err(StoreError::ConditionFailed { index }) if Some(index) == queue_write => {}
            Err(StoreError::ConditionFailed { index }) => {
                return Err(ApiError::new(ErrorCode::InvalidStatus)
                    .log(format!("condition failed on write {index}")));
            }
            // Another transaction on the same items: read again; the status check then turns
            // a lost race into `invalid_status`.
            Err(StoreError::Conflict) => {
                service::retry::back_off(0, 0).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("withdrawal: the queue kept moving"))
}
