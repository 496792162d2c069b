//! `review`: the organisation's journal of applications ([`journal`]) and its intake register
//! of a year (seed 003, [`intake`]), assigning the responsible
//! executor to one application or to several at once ([`assign`]), and the executor's (or
//! director's) decision in queue order (seed 001 «Рассмотрение заявки», seed 002 «Журнал
//! заявлений»).
//!
//! A decision moves an application `in_review` → `on_signing` in one conditional transaction
//! with its history event and, on acceptance, the seat it takes (the 3:1 rule is the seat
//! write's condition). The strict order rule reads the sparse review queue: an earlier
//! application of the same parallel still in review refuses the decision.

mod assign;
mod intake;
mod journal;

use std::sync::Arc;

use domain::api::Decision;
use domain::lifecycle::{Event, Hold};
use domain::permissions::Permission;
use domain::review::{DecisionRequest, transport_applicable};
use domain::services::rules;
use domain::{ErrorCode, Role, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, no_conflict_of_interest, require};
use service::http::{json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::application::{self, Record, Stored, queue};
use table::audit;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("review", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/applications") {
        let caller = caller(&ctx, &req)?;
        require(&ctx, &caller, &p["org"], Permission::ViewJournal).await?;
        return journal::journal(&ctx, &req, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/intake-journal") {
        let caller = caller(&ctx, &req)?;
        require(&ctx, &caller, &p["org"], Permission::ViewJournal).await?;
        return intake::intake(&ctx, &req, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::POST, "/api/orgs/{org}/applications/assign") {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::AssignExecutor).await?;
        return assign::assign_many(&ctx, &req, &caller, role, &p["org"]).await;
    }
    let actions = [
        (Method::PUT, "assignee", Permission::AssignExecutor),
        (Method::POST, "decision", Permission::Decide),
    ];
    for (method, action, permission) in actions {
        let pattern = format!("/api/orgs/{{org}}/applications/{{id}}/{action}");
        let Some(p) = route(&req, method, &pattern) else {
            continue;
        };
        let caller = caller(&ctx, &req)?;
        let act = Act {
            caller: &caller,
            role: require(&ctx, &caller, &p["org"], permission).await?,
            org_id: &p["org"],
            id: &p["id"],
        };
        return match permission {
            Permission::AssignExecutor => assign::assign(&ctx, &req, act).await,
            _ => decide(&ctx, &req, act).await,
        };
    }
    Err(ApiError::not_found())
}

/// Who acts (in which role) on which application of which organisation.
#[derive(Clone, Copy)]
struct Act<'a> {
    caller: &'a Caller,
    role: Role,
    org_id: &'a str,
    id: &'a str,
}

/// The application as stored, if it belongs to `org_id`; 404 otherwise (an application of
/// another organisation is not disclosed).
async fn load(ctx: &Ctx, org_id: &str, id: &str) -> Result<Stored, ApiError> {
    owned(org_id, application::load(ctx.store.as_ref(), id).await?)
}

fn owned(org_id: &str, stored: Option<Stored>) -> Result<Stored, ApiError> {
    match stored {
        Some(stored) if stored.application.org_id == org_id => Ok(stored),
        _ => Err(ApiError::not_found()),
    }
}

// ---------------------------------------------------------------------------------- decision

/// How often a decision retries a transaction another one collided with.
const DECISION_ATTEMPTS: u32 = 10;

async fn decide(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let (caller, role, org_id, id) = (act.caller, act.role, act.org_id, act.id);
    let body: DecisionRequest = json_body(req)?;
    let org = table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    for attempt in 0..DECISION_ATTEMPTS {
        let stored = owned(
            org_id,
            application::load_queued(ctx.store.as_ref(), id).await?,
        )?;
        let application = &stored.application;
        if attempt == 0 {
            no_conflict_of_interest(ctx, caller, application).await?;
        }
        let change = stored.change(Event::Decide(body.decision))?;
        let service = rules(application.service);
        let valid = body.validate(transport_applicable(
            application.transport_requested,
            org.provides_transport,
        ))?;
        // A refusal names one of the service's own grounds.
        if valid
            .reason
            .is_some_and(|r| !service.reject_reasons().contains(&r))
        {
            return Err(ApiError::new(ErrorCode::ReasonRequired).field("reason"));
        }
        // Strict order (seed 001; a service ranking otherwise opts out): no decision while an application submitted earlier to the
        // same school, year and grade is still «На проверке». Checked on the queue as read; the
        // transaction holds only if the queue has not moved since (`application::queue`).
        let queue = stored
            .queue
            .as_ref()
            .ok_or_else(|| ApiError::internal("queue unread"))?;
        if service.strict_order()
            && queue::earlier_in_queue(ctx.store.as_ref(), application, queue).await?
        {
            return Err(ErrorCode::QueueOrderViolated.into());
        }

        let now = ctx.now();
        let decision = Decision {
            decision: valid.decision,
            reason: valid.reason,
            comment: valid.comment.clone(),
            transport: valid.transport,
            decided_by: caller.iin.clone(),
            decided_by_name: Some(caller.name.clone()).filter(|n| !n.trim().is_empty()),
            decided_role: role,
            decided_at: to_almaty(now),
        };
        // The status, the review queue left and, on acceptance, the seat taken (write 1).
        let mut writes = application::transition(&stored, &change, Record::Decision(&decision))?;
        let queue_write = writes.iter().position(queue::is_queue_write);
        let queue_version = queue_write.and(stored.queue.as_ref()).map(|q| q.next());
        writes.push(audit::application_queue_event(
            id,
            now,
            &caller.iin,
            role.as_str(),
            "decided",
            Some(valid.history_comment()),
            queue_version,
        )?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                tracing::info!(application = %id, decision = ?valid.decision, "decided");
                let mut application = stored.application;
                application.status = change.after.status;
                application.decision = Some(decision);
                return Ok(ok(&application));
            }
            Err(StoreError::ConditionFailed { index: 0 }) => {
                return Err(ErrorCode::InvalidStatus.into());
            }
            Err(StoreError::ConditionFailed { index: 1 }) if change.seat == Hold::Take => {
                return Err(ErrorCode::LimitExhausted.into());
            }
            // The queue moved since it was read (an application put back, another decided):
            // read it again; an application now earlier refuses the decision.
            Err(StoreError::ConditionFailed { index }) if Some(index) == queue_write => {}
            Err(StoreError::Conflict) => {
                // Another decision or a limit edit touched the same items: re-read and retry;
                // the status check then turns a lost race into `invalid_status`.
                service::retry::back_off(attempt, 10).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("decision: conflicts after retries"))
}
