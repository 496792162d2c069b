//! `replies`: a school's response templates and the messages its staff send an applicant from
//! the card (seed 003 «Шаблоны ответов», «Выбрать ответ из шаблонов», «Отправка сообщения»).
//! Everything here needs [`Permission::Reply`] in the organisation.
//!
//! - `GET /api/orgs/{org}/reply-templates` → `List<ReplyTemplate>` (by title);
//!   `POST` the same path → 201 the new template (409 `too_many_templates` past
//!   [`MAX_TEMPLATES`]); `PUT …/reply-templates/{id}` → 200; `DELETE` → 204.
//! - `POST /api/orgs/{org}/applications/{id}/messages` ([`SendMessage`]) → 201 [`SentMessage`]:
//!   one transaction writes the message's marker, its history event (`message`, the text as the
//!   comment, shown to the applicant too) and its outbox message (an in-app notice and an SMS to
//!   the applicant, both languages). The client names the message (`message_id`): a retry finds
//!   the marker and answers 200 with the message as sent, sending nothing twice.

use std::sync::Arc;

use domain::api::{List, Org};
use domain::permissions::Permission;
use domain::replies::{
    MAX_TEMPLATES, ReplyTemplate, SendMessage, SentMessage, TemplateInput, notice_text, sms,
};
use domain::{ErrorCode, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::{Acting as Act, caller, require};
use service::http::{created, json_body, no_content, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::audit;
use table::outbox::{self, OutboxMessage, Rendered};
use table::reply;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("replies", ctx, req, handle))
}

const TEMPLATES: &str = "/api/orgs/{org}/reply-templates";
const TEMPLATE: &str = "/api/orgs/{org}/reply-templates/{id}";
const MESSAGES: &str = "/api/orgs/{org}/applications/{id}/messages";

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    let routes = [
        (Method::GET, TEMPLATES),
        (Method::POST, TEMPLATES),
        (Method::PUT, TEMPLATE),
        (Method::DELETE, TEMPLATE),
        (Method::POST, MESSAGES),
    ];
    for (method, pattern) in routes {
        let Some(p) = route(&req, method.clone(), pattern) else {
            continue;
        };
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::Reply).await?;
        let act = Act {
            caller: &caller,
            role,
            org: &p["org"],
        };
        let id = p.get("id").map(String::as_str).unwrap_or_default();
        return match (method, pattern) {
            (Method::GET, _) => {
                let items = reply::templates(ctx.store.as_ref(), act.org).await?;
                Ok(ok(&List {
                    items,
                    next_page_token: None,
                }))
            }
            (Method::POST, TEMPLATES) => create(&ctx, &req, act).await,
            (Method::PUT, _) => edit(&ctx, &req, act, id).await,
            (Method::DELETE, _) => delete(&ctx, act, id).await,
            _ => send(&ctx, &req, act, id).await,
        };
    }
    Err(ApiError::not_found())
}

async fn create(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let input = json_body::<TemplateInput>(req)?.validate()?;
    // A list to choose from: counted before the write (two racing creations may pass the count
    // together; the bound is a courtesy, not an invariant).
    if reply::templates(ctx.store.as_ref(), act.org).await?.len() >= MAX_TEMPLATES {
        return Err(ErrorCode::TooManyTemplates.into());
    }
    let template = ReplyTemplate {
        id: uuid::Uuid::new_v4().to_string(),
        title: input.title,
        text: input.text,
        updated_at: to_almaty(ctx.now()),
    };
    let writes = vec![
        reply::put_template(act.org, &template, true)?,
        act.event(ctx, "reply_template_added", &template.title)?,
    ];
    ctx.store.transact(writes).await?;
    Ok(created(&template))
}

async fn edit(ctx: &Ctx, req: &Request, act: Act<'_>, id: &str) -> ApiResult {
    let input = json_body::<TemplateInput>(req)?.validate()?;
    let template = ReplyTemplate {
        id: id.to_string(),
        title: input.title,
        text: input.text,
        updated_at: to_almaty(ctx.now()),
    };
    let writes = vec![
        reply::put_template(act.org, &template, false)?,
        act.event(ctx, "reply_template_changed", &template.title)?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(ok(&template)),
        Err(StoreError::ConditionFailed { index: 0 }) => Err(ApiError::not_found()),
        Err(e) => Err(e.into()),
    }
}

async fn delete(ctx: &Ctx, act: Act<'_>, id: &str) -> ApiResult {
    let Some(template) = reply::template(ctx.store.as_ref(), act.org, id).await? else {
        return Err(ApiError::not_found());
    };
    let writes = vec![
        reply::delete_template(act.org, id),
        act.event(ctx, "reply_template_removed", &template.title)?,
    ];
    match ctx.store.transact(writes).await {
        // Gone meanwhile: what the caller wanted.
        Ok(()) | Err(StoreError::ConditionFailed { index: 0 }) => Ok(no_content()),
        Err(e) => Err(e.into()),
    }
}

async fn send(ctx: &Ctx, req: &Request, act: Act<'_>, id: &str) -> ApiResult {
    let body = json_body::<SendMessage>(req)?.validate()?;
    let store = ctx.store.as_ref();
    let application = table::application::get(store, id)
        .await?
        .filter(|a| a.org_id == act.org)
        .ok_or_else(ApiError::not_found)?;
    if let Some(sent) = reply::message(store, id, &body.message_id).await? {
        return Ok(ok(&sent));
    }
    let org: Org = table::org::get(store, act.org)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let now = ctx.now();
    let sent = SentMessage {
        message_id: body.message_id,
        application_id: application.id.clone(),
        at: to_almaty(now),
        text: body.text,
    };
    let rendered = Rendered {
        service: application.service,
        recipient_iin: application.applicant_iin.clone(),
        phone: Some(application.applicant.phone.clone()),
        text: notice_text(&sent.text, application.number, &org.name),
        sms: Some(sms(&sent.text, application.number)),
        email: domain::api::given_email(&application.applicant.email),
    };
    let message = OutboxMessage {
        org_id: act.org.to_string(),
        ..OutboxMessage::rendered(&application.id, rendered, now)
    };
    let writes = vec![
        reply::put_message(&sent)?,
        audit::application_event(
            &application.id,
            now,
            act.caller.actor(),
            act.role.as_str(),
            "message",
            Some(sent.text.history()),
        )?,
        outbox::write(&message)?,
    ];
    match ctx.store.transact(writes).await {
        Ok(()) => {
            tracing::info!(application = %application.id, message = %sent.message_id, "message sent");
            service::outbox::send_after_commit(ctx, &[message]).await;
            Ok(created(&sent))
        }
        // The same message sent by a request racing this one.
        Err(StoreError::ConditionFailed { index: 0 }) => {
            match reply::message(store, id, &sent.message_id).await? {
                Some(earlier) => Ok(ok(&earlier)),
                None => Err(ApiError::internal("a message marker vanished")),
            }
        }
        Err(e) => Err(e.into()),
    }
}
