//! `review`: the organisation's journal of applications, assigning the responsible executor, and
//! the executor's (or director's) decision in queue order (seed 001 «Рассмотрение заявки»,
//! seed 002 «Журнал заявлений»).
//!
//! A decision moves an application `in_review` → `on_signing` in one conditional transaction
//! with its history event and, on acceptance, the seat it takes (the 3:1 rule is the seat
//! write's condition). The strict order rule reads the sparse review queue: an earlier
//! application of the same parallel still in review refuses the decision.

use std::sync::Arc;
use std::time::Duration;

use domain::api::{AssignExecutor, Decision, List};
use domain::lifecycle::{Event, Hold};
use domain::permissions::{Permission, permits};
use domain::review::{DecisionRequest, JournalFilter, encode_token, transport_applicable};
use domain::services::rules;
use domain::{ErrorCode, Iin, Role, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, no_conflict_of_interest, require};
use service::http::{json_body, ok, query, route};
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
        return journal(&ctx, &req, &p["org"]).await;
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
            Permission::AssignExecutor => assign(&ctx, &req, act).await,
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

// ---------------------------------------------------------------------------------- journal

/// How many applications one journal request examines at most when filtering in memory; the
/// page then ends early with a token, so a rare filter never reads a whole school in one call.
const SCAN_BUDGET: usize = 1_000;
/// Items per store read while filtering.
const READ_CHUNK: u32 = 100;

/// The journal: the organisation's applications in queue order (submission instant, then
/// number). The submission range is read from the store; the other filters apply in memory.
/// The page token is the position of the last application examined, so the next page resumes
/// right after it whether or not it matched.
async fn journal(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let params = query(req);
    let filter = JournalFilter::parse(|k| params.get(k).map(String::as_str))?;
    let chunk = if filter.filters_in_memory() {
        READ_CHUNK
    } else {
        // Unfiltered: one more than the page, to skip the token's own item.
        filter.limit + 1
    };
    let mut items = Vec::new();
    let mut scanned = 0usize;
    let mut store_token = None;
    loop {
        let page =
            application::journal(ctx.store.as_ref(), org_id, &filter, chunk, store_token).await?;
        for entry in page.items {
            // The token's own application was on the previous page.
            if filter
                .after
                .as_ref()
                .is_some_and(|after| entry.position <= *after)
            {
                continue;
            }
            scanned += 1;
            if filter.matches(&entry.application) {
                items.push(entry.application);
            }
            if items.len() == filter.limit as usize || scanned >= SCAN_BUDGET {
                return Ok(ok(&List {
                    items,
                    next_page_token: Some(encode_token(&entry.position)),
                }));
            }
        }
        store_token = page.next_page_token;
        if store_token.is_none() {
            return Ok(ok(&List {
                items,
                next_page_token: None,
            }));
        }
    }
}

// ---------------------------------------------------------------------------------- assignee

/// The director names the responsible executor (seed 002, «Назначить ответственного»): an
/// active member of the organisation who may decide (an executor, or the director).
async fn assign(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let (caller, role, org_id, id) = (act.caller, act.role, act.org_id, act.id);
    let body: AssignExecutor = json_body(req)?;
    let iin = Iin::parse(body.iin.trim())
        .map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("iin"))?;
    let mut application = load(ctx, org_id, id).await?.application;
    let member = table::staff::member(ctx.store.as_ref(), iin.as_str(), org_id).await?;
    if !member.is_some_and(|m| permits(&m.roles, Permission::Decide)) {
        return Err(ApiError::new(ErrorCode::ValidationFailed)
            .field("iin")
            .log("the assignee is not an executor of this organisation"));
    }
    if !application.status.is_open() {
        return Err(ErrorCode::InvalidStatus.into());
    }
    let now = ctx.now();
    let writes = vec![
        application::assign(id, iin.as_str()),
        audit::application_event(
            id,
            now,
            &caller.iin,
            role.as_str(),
            "assigned",
            Some(iin.as_str().to_string()),
        )?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        Err(StoreError::ConditionFailed { index: 0 }) => {
            return Err(ErrorCode::InvalidStatus.into());
        }
        Err(e) => return Err(e.into()),
    }
    application.assignee_iin = Some(iin.into_string());
    Ok(ok(&application))
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
        // Strict order (seed 001): no decision while an application submitted earlier to the
        // same school, year and grade is still «На проверке». Checked on the queue as read; the
        // transaction holds only if the queue has not moved since (`application::queue`).
        let queue = stored
            .queue
            .as_ref()
            .ok_or_else(|| ApiError::internal("queue unread"))?;
        if queue::earlier_in_queue(ctx.store.as_ref(), application, queue).await? {
            return Err(ErrorCode::QueueOrderViolated.into());
        }

        let now = ctx.now();
        let decision = Decision {
            decision: valid.decision,
            reason: valid.reason,
            comment: valid.comment.clone(),
            transport: valid.transport,
            decided_by: caller.iin.clone(),
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
                let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) % 20;
                tokio::time::sleep(Duration::from_millis(5 + jitter + u64::from(attempt) * 10))
                    .await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("decision: conflicts after retries"))
}
