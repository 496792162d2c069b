//! `review`: the organisation's journal of applications, assigning the responsible executor, and
//! the executor's (or director's) decision in queue order (seed 001 «Рассмотрение заявки»,
//! seed 002 «Журнал заявлений»).
//!
//! A decision moves an application `in_review` → `on_signing` in one conditional transaction
//! with its history event and, on acceptance, the seat it takes (the 3:1 rule is the seat
//! write's condition). The strict order rule reads the sparse review queue (gsi3): an earlier
//! application of the same parallel still in review refuses the decision.

use std::sync::Arc;
use std::time::Duration;

use domain::api::{Application, Decision, DecisionKind, List, Org};
use domain::review::{DecisionRequest, JournalFilter, encode_token, transport_applicable};
use domain::{ErrorCode, Iin, Role, Status, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use serde::Deserialize;
use service::access::{Caller, MemberItem, caller, require_org_role};
use service::http::{json_body, ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response, audit, keys, seats};
use store::{Condition, Item, Query, SortCondition, StoreError, Update, WriteOp, from_item};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("review", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/applications") {
        let caller = caller(&ctx, &req)?;
        require_org_role(&ctx, &caller, &p["org"], &service::access::SCHOOL_STAFF).await?;
        return journal(&ctx, &req, &p["org"]).await;
    }
    if let Some(p) = route(
        &req,
        Method::PUT,
        "/api/orgs/{org}/applications/{id}/assignee",
    ) {
        let caller = caller(&ctx, &req)?;
        require_org_role(&ctx, &caller, &p["org"], &[Role::Director]).await?;
        return assign(&ctx, &req, &caller, &p["org"], &p["id"]).await;
    }
    if let Some(p) = route(
        &req,
        Method::POST,
        "/api/orgs/{org}/applications/{id}/decision",
    ) {
        let caller = caller(&ctx, &req)?;
        let roles =
            require_org_role(&ctx, &caller, &p["org"], &[Role::Director, Role::Executor]).await?;
        let role = if roles.contains(&Role::Director) {
            Role::Director
        } else {
            Role::Executor
        };
        return decide(&ctx, &req, &caller, role, &p["org"], &p["id"]).await;
    }
    Err(ApiError::not_found())
}

/// The application with its stored item (for index attributes), if it belongs to `org_id`;
/// 404 otherwise (an application of another organisation is not disclosed).
async fn load(ctx: &Ctx, org_id: &str, id: &str) -> Result<(Application, Item), ApiError> {
    let item = ctx
        .store
        .get(&keys::application(id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let application: Application = from_item(item.clone())?;
    if application.org_id != org_id {
        return Err(ApiError::not_found());
    }
    Ok((application, item))
}

// ---------------------------------------------------------------------------------- journal

/// How many applications one journal request examines at most when filtering in memory; the
/// page then ends early with a token, so a rare filter never reads a whole school in one call.
const SCAN_BUDGET: usize = 1_000;
/// Items per store read while filtering.
const READ_CHUNK: u32 = 100;

/// The journal: the organisation's applications in queue order (submission instant, then
/// number). The submission range is the sort-key range of gsi1; the other filters apply in
/// memory. The page token is the sort key of the last application examined, so the next page
/// resumes right after it whether or not it matched.
async fn journal(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let params = query(req);
    let filter = JournalFilter::parse(|k| params.get(k).map(String::as_str))?;
    let lower = match (filter.from.map(keys::instant), filter.after.clone()) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let upper = filter.before.map(keys::instant);
    let range = match (lower, upper) {
        (Some(l), Some(u)) if l > u => return Ok(ok(&empty())),
        (Some(l), Some(u)) => Some(SortCondition::Between(l, u)),
        (Some(l), None) => Some(SortCondition::Ge(l)),
        (None, Some(u)) => Some(SortCondition::Lt(u)),
        (None, None) => None,
    };
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
        let mut q = Query::index("gsi1", keys::org_applications_index(org_id))
            .limit(chunk)
            .page(store_token);
        if let Some(r) = &range {
            q = q.sk(r.clone());
        }
        let page = ctx.store.query(q).await?;
        for item in page.items {
            let sk = item
                .get("gsi1sk")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            // The token's own application was on the previous page.
            if filter.after.as_ref().is_some_and(|after| sk <= *after) {
                continue;
            }
            scanned += 1;
            let application: Application = from_item(item)?;
            if filter.matches(&application) {
                items.push(application);
            }
            if items.len() == filter.limit as usize || scanned >= SCAN_BUDGET {
                return Ok(ok(&List {
                    items,
                    next_page_token: Some(encode_token(&sk)),
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

fn empty() -> List<Application> {
    List {
        items: Vec::new(),
        next_page_token: None,
    }
}

// ---------------------------------------------------------------------------------- assignee

#[derive(Deserialize)]
struct AssignBody {
    iin: String,
}

/// The director names the responsible executor (seed 002, «Назначить ответственного»): an
/// active member of the organisation who may decide (an executor, or the director).
async fn assign(ctx: &Ctx, req: &Request, caller: &Caller, org_id: &str, id: &str) -> ApiResult {
    let body: AssignBody = json_body(req)?;
    let iin = Iin::parse(body.iin.trim())
        .map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("iin"))?;
    let (mut application, _) = load(ctx, org_id, id).await?;
    let member = match ctx
        .store
        .get(&keys::membership(iin.as_str(), org_id))
        .await?
    {
        Some(item) => Some(from_item::<MemberItem>(item)?),
        None => None,
    };
    if !member.is_some_and(|m| m.effective_roles().contains(&Role::Executor)) {
        return Err(ApiError::new(ErrorCode::ValidationFailed)
            .field("iin")
            .log("the assignee is not an executor of this organisation"));
    }
    if !application.status.is_open() {
        return Err(ErrorCode::InvalidStatus.into());
    }
    let now = ctx.now();
    let writes = vec![
        WriteOp::Update {
            key: keys::application(id),
            update: Update::new().set("assignee_iin", iin.as_str()),
            condition: Some(Condition::Or(vec![
                Condition::eq("status", Status::InReview.as_str()),
                Condition::eq("status", Status::OnSigning.as_str()),
            ])),
        },
        audit::application_event(
            id,
            now,
            &caller.iin,
            Role::Director.as_str(),
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

async fn decide(
    ctx: &Ctx,
    req: &Request,
    caller: &Caller,
    role: Role,
    org_id: &str,
    id: &str,
) -> ApiResult {
    let body: DecisionRequest = json_body(req)?;
    let org: Org = from_item(
        ctx.store
            .get(&keys::org(org_id))
            .await?
            .ok_or_else(ApiError::not_found)?,
    )?;
    for attempt in 0..DECISION_ATTEMPTS {
        let (mut application, item) = load(ctx, org_id, id).await?;
        if application.status != Status::InReview {
            return Err(ErrorCode::InvalidStatus.into());
        }
        let valid = body.validate(transport_applicable(
            application.transport_requested,
            org.provides_transport,
        ))?;
        // The queue position (gsi3sk equals gsi1sk: the submission instant and number).
        let position = ["gsi3sk", "gsi1sk"]
            .iter()
            .find_map(|attr| item.get(*attr).and_then(|v| v.as_str()))
            .ok_or_else(|| ApiError::internal(format!("{id} has no queue position")))?
            .to_string();
        check_order(ctx, &application, &position).await?;

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
        let decision_value = serde_json::to_value(&decision)
            .map_err(|e| ApiError::internal(format!("decision: {e}")))?;
        let mut writes = vec![WriteOp::Update {
            key: keys::application(id),
            // Leaving `in_review` leaves the review queue too (gsi3 is sparse).
            update: Update::new()
                .set("status", Status::OnSigning.as_str())
                .set("decision", decision_value)
                .remove("gsi3pk")
                .remove("gsi3sk"),
            condition: Some(Condition::eq("status", Status::InReview.as_str())),
        }];
        if valid.decision == DecisionKind::Accept {
            writes.push(seats::take(&application));
        }
        writes.push(audit::application_event(
            id,
            now,
            &caller.iin,
            role.as_str(),
            "decided",
            Some(valid.history_comment()),
        )?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                tracing::info!(application = %id, decision = ?valid.decision, "decided");
                application.status = Status::OnSigning;
                application.decision = Some(decision);
                return Ok(ok(&application));
            }
            Err(StoreError::ConditionFailed { index: 0 }) => {
                return Err(ErrorCode::InvalidStatus.into());
            }
            Err(StoreError::ConditionFailed { index: 1 })
                if valid.decision == DecisionKind::Accept =>
            {
                return Err(ErrorCode::LimitExhausted.into());
            }
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

/// Strict order (seed 001): no decision while an application submitted earlier to the same
/// school, year, grade and language is still «На проверке». One item of the sparse queue
/// before this application's position answers it.
async fn check_order(ctx: &Ctx, application: &Application, position: &str) -> Result<(), ApiError> {
    let queue = keys::review_queue(
        &application.org_id,
        &application.academic_year.to_string(),
        application.grade,
        application.language.as_str(),
    );
    let earlier = ctx
        .store
        .query(
            Query::index("gsi3", queue)
                .sk(SortCondition::Lt(position.to_string()))
                .limit(1),
        )
        .await?;
    if earlier.items.is_empty() {
        Ok(())
    } else {
        Err(ErrorCode::QueueOrderViolated.into())
    }
}
