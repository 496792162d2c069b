//! A parent applies to enrol a child in 1st grade (`POST /api/applications`) and follows the
//! application (`GET /api/applications/{id}`, its history, `GET /api/me/applications`).
//!
//! The application, its number, the child's one-active-application guard and the history
//! event are written in one transaction: a child never has two active applications in a year,
//! and numbers follow the order of submission.

use std::sync::Arc;
use std::time::Duration;

use domain::api::{Application, HistoryEvent, List, Org, SubmitApplication};
use domain::{AdmissionType, ErrorCode, Role, Status, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Caller, caller, org_roles};
use service::http::{created, json_body, ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response, audit, keys};
use store::{
    CmpOp, Condition, Query, SortCondition, StoreError, Update, WriteOp, from_item, to_item,
};

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
        return Ok(ok(&visible(&ctx, &caller, &p["id"]).await?));
    }
    if let Some(p) = route(
        &req,
        Method::GET,
        "/api/applications/{id}/documents/{file_id}",
    ) {
        let caller = caller(&ctx, &req)?;
        let application = visible(&ctx, &caller, &p["id"]).await?;
        return document(&ctx, &application, &p["file_id"]).await;
    }
    if let Some(p) = route(&req, Method::GET, "/api/applications/{id}/history") {
        let caller = caller(&ctx, &req)?;
        visible(&ctx, &caller, &p["id"]).await?;
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
    let org: Org = match ctx.store.get(&keys::org(&body.org_id)).await? {
        Some(item) => from_item(item)?,
        None => return Err(ApiError::not_found().field("org_id")),
    };
    if org.kind != domain::OrgKind::School {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("org_id"));
    }
    if !org.languages.contains(&body.language) {
        return Err(ApiError::new(ErrorCode::LanguageNotOffered).field("language"));
    }
    let limit_id = service::limits::limit_id(body.academic_year, 1, body.language);
    if service::limits::get(ctx, &org.id, &limit_id)
        .await?
        .is_none()
    {
        return Err(ApiError::new(ErrorCode::NoLimit).field("language"));
    }
    check_documents(ctx, caller, &body).await?;
    // By microdistrict when the registered address (a building of the register) or its street
    // is attached to the school; without an address the child applies from outside.
    let admission_type = match body.registered_address_id.as_deref() {
        Some(address_id) => {
            service::microdistrict::admission_type(ctx, &org.id, address_id).await?
        }
        None => AdmissionType::Outside,
    };
    let registered_address = match body.registered_address_id.as_deref() {
        Some(address_id) => service::microdistrict::address(ctx, address_id)
            .await?
            .map(|a| a.text),
        None => None,
    };

    let id = uuid::Uuid::new_v4().to_string();
    let mut application = Application {
        id: id.clone(),
        number: 0,
        service: body.service,
        org_id: org.id.clone(),
        academic_year: body.academic_year,
        grade: 1,
        language: body.language,
        status: Status::InReview,
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
        decision: None,
        signature: None,
        overdue_at: None,
    };
    application.child.iin = child_iin.as_str().to_string();
    let guard = keys::child_guard(child_iin.as_str(), &body.academic_year.to_string());
    let counter = keys::application_counter(&org.id);

    for attempt in 0..NUMBER_ATTEMPTS {
        let last: u64 = match ctx.store.get(&counter).await? {
            Some(item) => item.get("n").and_then(|n| n.as_u64()).unwrap_or(0),
            None => 0,
        };
        // Read the clock after the counter: a later number never gets an earlier instant.
        let now = ctx.now();
        application.number = last + 1;
        application.submitted_at = to_almaty(now);
        application.due_at = to_almaty(domain::calendar::due_at(now));
        let counter_condition = if last == 0 {
            Condition::AttrNotExists("n".into())
        } else {
            Condition::cmp("n", CmpOp::Eq, last)
        };
        let mut item = to_item(&keys::application(&id), &application)?;
        item.insert(
            "gsi1pk".into(),
            keys::org_applications_index(&org.id).into(),
        );
        item.insert(
            "gsi1sk".into(),
            keys::queue_position(now, application.number).into(),
        );
        item.insert(
            "gsi2pk".into(),
            keys::person_applications_index(&caller.iin).into(),
        );
        item.insert("gsi2sk".into(), keys::instant(now).into());
        let queue = keys::review_queue(
            &org.id,
            &body.academic_year.to_string(),
            1,
            body.language.as_str(),
        );
        item.insert("gsi3pk".into(), queue.into());
        item.insert(
            "gsi3sk".into(),
            keys::queue_position(now, application.number).into(),
        );
        // Open until final, withdrawn or overdue: the overdue sweep finds it by its due time.
        service::due::insert(&mut item, &id, application.due_at.to_utc());
        let guard_item = to_item(
            &guard,
            &serde_json::json!({"application_id": id, "org_id": org.id}),
        )?;
        let writes = vec![
            WriteOp::Update {
                key: counter.clone(),
                update: Update::new().set("n", application.number),
                condition: Some(counter_condition),
            },
            WriteOp::Put {
                item: guard_item,
                condition: Some(Condition::NotExists),
            },
            WriteOp::Put {
                item,
                condition: Some(Condition::NotExists),
            },
            audit::application_event(&id, now, &caller.iin, "applicant", "submitted", None)?,
        ];
        // The receipt to the applicant, in the same transaction (outbox).
        let receipt = service::outbox::OutboxMessage::new(
            service::outbox::NoticeEvent::Submitted,
            &id,
            &org.id,
            now,
        );
        let mut writes = writes;
        writes.push(service::outbox::write(&receipt)?);
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
        let item = ctx
            .store
            .get(&keys::file(&doc.file_id))
            .await?
            .ok_or_else(not_found)?;
        let owner = item.get("owner_iin").and_then(|v| v.as_str());
        let kind = item.get("kind").and_then(|v| v.as_str());
        if owner != Some(caller.iin.as_str()) || kind != Some(doc.kind.as_str()) {
            return Err(not_found());
        }
        if !ctx.blobs.exists(&doc.file_id).await? {
            return Err(not_found());
        }
    }
    Ok(())
}

/// The application if the caller is its applicant or staff of its organisation; 404 otherwise
/// (an application's existence is not disclosed to others).
async fn visible(ctx: &Ctx, caller: &Caller, id: &str) -> Result<Application, ApiError> {
    let item = ctx
        .store
        .get(&keys::application(id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let application: Application = from_item(item)?;
    if application.applicant_iin == caller.iin {
        return Ok(application);
    }
    let roles = org_roles(ctx, caller, &application.org_id).await?;
    if roles
        .iter()
        .any(|r| matches!(r, Role::Director | Role::Executor | Role::Oso))
    {
        return Ok(application);
    }
    Err(ApiError::not_found())
}

/// Where to read one of the application's documents: a short-lived address of its bytes.
async fn document(ctx: &Ctx, application: &Application, file_id: &str) -> ApiResult {
    if !application.documents.iter().any(|d| d.file_id == file_id) {
        return Err(ApiError::not_found());
    }
    let item = ctx
        .store
        .get(&keys::file(file_id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let content_type = item
        .get("content_type")
        .and_then(|v| v.as_str())
        .unwrap_or("application/octet-stream")
        .to_string();
    let url = ctx.blobs.download_url(file_id, &content_type).await?;
    Ok(ok(
        &serde_json::json!({ "url": url, "content_type": content_type }),
    ))
}

async fn history(ctx: &Ctx, id: &str) -> ApiResult {
    let query = Query::table(keys::application_partition(id))
        .sk(SortCondition::BeginsWith(keys::EVENT_PREFIX.into()));
    let items = store::query_all(ctx.store.as_ref(), query)
        .await?
        .into_iter()
        .map(from_item::<HistoryEvent>)
        .collect::<Result<Vec<_>, _>>()?;
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
    let page = ctx
        .store
        .query(
            store::Query::index("gsi2", keys::person_applications_index(&caller.iin))
                .backward()
                .limit(PAGE)
                .page(token),
        )
        .await
        .map_err(|e| match e {
            StoreError::Invalid(_) => {
                ApiError::new(ErrorCode::ValidationFailed).field("page_token")
            }
            e => e.into(),
        })?;
    let items = page
        .items
        .into_iter()
        .map(from_item::<Application>)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ok(&List {
        items,
        next_page_token: page.next_page_token,
    }))
}
