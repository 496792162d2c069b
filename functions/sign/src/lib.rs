//! The director signs a decision or returns it for rework (seed 001, «Подписать заявки
//! (Директору)», «На доработку»).
//!
//! - `GET .../applications/{id}/signing-payload`: the canonical text of the decision awaiting
//!   signature (`domain::signing::payload`).
//! - `POST .../applications/{id}/sign`: the director's electronic signature (ЭЦП) of that text by
//!   the key of an X.509 certificate, with the certificate's chain. `pki::verify` checks the
//!   chain up to a configured trust anchor, the validity now, the key usage, that the subject
//!   is the director (`SERIALNUMBER=IIN…`) of this school (its BIN), and the signature. The
//!   application becomes `accepted` or `rejected` (final) with the payload, the signature and
//!   the chain stored.
//! - `GET /api/applications/{id}/signature`: that stored record, to the applicant and to the
//!   school's staff who see its journal, for verifying the decision offline.
//! - `POST .../applications/{id}/return`: the director disagrees; the application goes back to
//!   `in_review`, to its original place at the head of its queue, and a taken seat is freed.
//!
//! Every state change is one conditional transaction with its history event: the status must
//! still be `on_signing` and the decision still the one read, so a decision that changed in
//! between is never signed or returned by mistake.

use std::sync::Arc;

use domain::api::{Application, ReturnForRework, SignDecision, SigningPayload};
use domain::lifecycle::{Change, Event};
use domain::permissions::Permission;
use domain::{ErrorCode, Role, Status};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, no_conflict_of_interest, reads_application, require};
use service::http::{json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::{StoreError, WriteOp};
use table::application::{self, Record, Stored, queue};
use table::audit;
use table::outbox::{self, NoticeEvent, OutboxMessage};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("sign", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}/signature") {
        let caller = caller(&ctx, &req)?;
        return signature(&ctx, &caller, &p["id"]).await;
    }
    let routes = [
        (Method::GET, "signing-payload"),
        (Method::POST, "sign"),
        (Method::POST, "return"),
    ];
    for (method, action) in routes {
        let pattern = format!("/api/orgs/{{org}}/applications/{{id}}/{action}");
        let Some(p) = route(&req, method, &pattern) else {
            continue;
        };
        let caller = caller(&ctx, &req)?;
        // Only the director signs or returns: an executor decides but never signs (seed 001).
        let role = require(&ctx, &caller, &p["org"], Permission::Sign).await?;
        let stored = match application::load(ctx.store.as_ref(), &p["id"]).await? {
            Some(stored) if stored.application.org_id == p["org"] => stored,
            _ => return Err(ApiError::not_found()),
        };
        // A director never signs or returns a decision on their own child's application.
        if action != "signing-payload" {
            no_conflict_of_interest(&ctx, &caller, &stored.application).await?;
        }
        return match action {
            "signing-payload" => {
                require_on_signing(&stored)?;
                let (payload, _) = payload(&ctx, &stored.application).await?;
                Ok(ok(&SigningPayload { payload }))
            }
            "sign" => sign(&ctx, &req, &caller, role, stored).await,
            _ => return_for_rework(&ctx, &req, &caller, role, stored).await,
        };
    }
    Err(ApiError::not_found())
}

// ---------------------------------------------------------------- signing

fn require_on_signing(stored: &Stored) -> Result<(), ApiError> {
    if stored.application.status != Status::OnSigning || stored.decision.is_none() {
        return Err(ApiError::new(ErrorCode::InvalidStatus));
    }
    Ok(())
}

/// The canonical text of the application's decision and its school's BIN.
async fn payload(ctx: &Ctx, application: &Application) -> Result<(String, String), ApiError> {
    let org = table::org::get(ctx.store.as_ref(), &application.org_id)
        .await?
        .ok_or_else(|| ApiError::internal("the application's organisation is missing"))?;
    Ok((domain::signing::payload(application, &org.bin), org.bin))
}

async fn sign(ctx: &Ctx, req: &Request, caller: &Caller, role: Role, stored: Stored) -> ApiResult {
    let body: SignDecision = json_body(req)?;
    // Final: accepted or rejected as decided, no longer due; a refusal releases the child's
    // guard (the child may apply again), an acceptance keeps it and the seat.
    let change = stored.change(Event::Sign)?;
    // The payload is recomputed from the application as it is now: what was signed must be
    // exactly the decision that becomes final.
    let (payload, bin) = payload(ctx, &stored.application).await?;
    let now = ctx.now();
    let (signed, chain) = service::signature::verify(
        ctx,
        caller,
        &body.signature,
        &body.certificates,
        &payload,
        now,
        Some(&bin),
    )?;

    let status = change.after.status;
    let application = &stored.application;
    let serial = signed.serial.clone();
    let record = service::signature::record(payload, signed, &chain, &bin, now);
    let mut writes = application::transition(&stored, &change, Record::Signature(&record))?;
    writes.push(audit::application_event(
        &application.id,
        now,
        &caller.iin,
        role.as_str(),
        "signed",
        Some(status.as_str().to_string()),
    )?);
    // The final decision to the applicant, in the same transaction (outbox).
    let notice = OutboxMessage::new(
        NoticeEvent::Decided,
        &application.id,
        &application.org_id,
        now,
    );
    writes.push(outbox::write(&notice)?);
    match commit(ctx, writes).await {
        Ok(()) => {}
        Err(Moved::Condition(index)) => {
            return Err(ApiError::new(ErrorCode::InvalidStatus)
                .log(format!("condition failed on write {index}")));
        }
        Err(Moved::Other(e)) => return Err(e),
    }
    service::outbox::send_after_commit(ctx, &[notice]).await;
    tracing::info!(application = %application.id, status = %status, serial = %serial, "signed");
    let mut application = stored.application;
    application.status = status;
    application.signature = Some(record);
    Ok(ok(&application))
}

/// The stored signature of a final decision, to whoever may see the application: its applicant
/// and the staff of its school who see the journal; 404 to anyone else and before signing.
async fn signature(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let application = application::get(ctx.store.as_ref(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let visible = reads_application(ctx, caller, &application).await?;
    match application.signature {
        Some(record) if visible => Ok(ok(&record)),
        _ => Err(ApiError::not_found()),
    }
}

// ---------------------------------------------------------------- return for rework

async fn return_for_rework(
    ctx: &Ctx,
    req: &Request,
    caller: &Caller,
    role: Role,
    stored: Stored,
) -> ApiResult {
    let comment = json_body::<ReturnForRework>(req)?.validate()?;
    let id = stored.application.id.clone();
    for _ in 0..RETURN_ATTEMPTS {
        // With the school's queue: the application re-enters it, and that moves its version.
        let stored = application::load_queued(ctx.store.as_ref(), &id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        let (writes, queue_write, notices, change) = rework(ctx, caller, role, &stored, &comment)?;
        match commit(ctx, writes).await {
            Ok(()) => {
                service::outbox::send_after_commit(ctx, &notices).await;
                tracing::info!(application = %id, "returned for rework");
                let mut application = stored.application;
                application.status = change.after.status;
                application.decision = None;
                return Ok(ok(&application));
            }
            // The queue moved since it was read (a decision meanwhile): read it again.
            Err(Moved::Condition(index)) if Some(index) == queue_write => {}
            Err(Moved::Condition(index)) => {
                return Err(ApiError::new(ErrorCode::InvalidStatus)
                    .log(format!("condition failed on write {index}")));
            }
            Err(Moved::Other(e)) => return Err(e),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("return: the queue kept moving"))
}

/// How often a return retries when the school's queue moved under it.
const RETURN_ATTEMPTS: u32 = 10;

type Rework = (Vec<WriteOp>, Option<usize>, Vec<OutboxMessage>, Change);

/// The writes of a return: back to its original place in the review queue (the head: it was
/// submitted before everything still in review after it); a seat taken with the decision is
/// freed; the history; the executor's notice.
fn rework(
    ctx: &Ctx,
    caller: &Caller,
    role: Role,
    stored: &Stored,
    comment: &str,
) -> Result<Rework, ApiError> {
    let change = stored.change(Event::Return)?;
    let application = &stored.application;
    let now = ctx.now();
    let mut writes = application::transition(stored, &change, Record::Nothing)?;
    let queue_write = writes.iter().position(queue::is_queue_write);
    let queue_version = queue_write.and(stored.queue.as_ref()).map(|q| q.next());
    writes.push(audit::application_queue_event(
        &application.id,
        now,
        &caller.iin,
        role.as_str(),
        "returned",
        Some(comment.to_string()),
        queue_version,
    )?);
    // «исполнитель получит уведомление с вашим комментарием» (seed 001): to the executor who
    // decided, in the same transaction (outbox).
    let mut notices = Vec::new();
    if let Some(decision) = &application.decision {
        let mut m = OutboxMessage::new(
            NoticeEvent::Returned,
            &application.id,
            &application.org_id,
            now,
        );
        m.recipient_iin = Some(decision.decided_by.clone());
        m.comment = Some(comment.to_string());
        writes.push(outbox::write(&m)?);
        notices.push(m);
    }
    Ok((writes, queue_write, notices, change))
}

// ---------------------------------------------------------------- helpers

/// Why a transaction did not commit: a failed condition (its write's index), or an error.
enum Moved {
    Condition(usize),
    Other(ApiError),
}

/// Commits a transaction whose first write is the application's conditional status change:
/// a failed condition on it means the application is no longer what was read (decided again,
/// signed, returned or withdrawn meanwhile) → 409 `invalid_status`; the caller decides what a
/// failed condition on another write means.
async fn commit(ctx: &Ctx, writes: Vec<WriteOp>) -> Result<(), Moved> {
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index }) if index > 0 => Err(Moved::Condition(index)),
        Err(StoreError::ConditionFailed { index }) => Err(Moved::Other(
            ApiError::new(ErrorCode::InvalidStatus)
                .log(format!("condition failed on write {index}")),
        )),
        Err(StoreError::Conflict) => Err(Moved::Other(
            ApiError::new(ErrorCode::InvalidStatus)
                .log("a concurrent transaction changed the application"),
        )),
        Err(e) => Err(Moved::Other(e.into())),
    }
}
