//! The preschool queue (seed 004, «Постановка на очередь детей дошкольного возраста»): a legal
//! representative registers a child aged 0–6 in a locality's queue (`register`), follows the
//! application with its queue numbers, history and documents (`read`, `documents`), changes
//! the privilege or takes the child off the queue (`change`); the region's education department
//! confirms or refuses privileges and reads the region's applications (`department`).
//!
//! Every change is one transaction: the application (a versioned put; a final state frees the
//! child's guard), its history event and, where the applicant is told, the outbox message.

mod change;
mod department;
mod documents;
mod read;
mod register;

use std::sync::Arc;

use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::route;
use service::{ApiError, ApiResult, Ctx, Request, Response};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("preschool", ctx, req, handle))
}

const APPLICATIONS: &str = "/api/preschool/applications";

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    let one = |suffix: &str| format!("{APPLICATIONS}/{{id}}{suffix}");
    if route(&req, Method::POST, APPLICATIONS).is_some() {
        return register::register(&ctx, &req, &caller(&ctx, &req)?).await;
    }
    if route(&req, Method::GET, APPLICATIONS).is_some() {
        return read::mine(&ctx, &caller(&ctx, &req)?).await;
    }
    if let Some(p) = route(&req, Method::GET, &one("")) {
        return read::one(&ctx, &caller(&ctx, &req)?, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::GET, &one("/history")) {
        return read::history(&ctx, &caller(&ctx, &req)?, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::POST, &one("/privilege")) {
        return change::privilege(&ctx, &req, &caller(&ctx, &req)?, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::POST, &one("/leave")) {
        return change::leave(&ctx, &caller(&ctx, &req)?, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::GET, &one("/documents")) {
        return documents::list(&ctx, &caller(&ctx, &req)?, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::GET, &one("/privilege/document")) {
        let caller = caller(&ctx, &req)?;
        return department::privilege_document(&ctx, &caller, &p["id"]).await;
    }
    if let Some(p) = route(&req, Method::POST, &one("/privilege/decision")) {
        let caller = caller(&ctx, &req)?;
        return department::decide(&ctx, &req, &caller, &p["id"]).await;
    }
    if route(&req, Method::GET, "/api/region/privileges").is_some() {
        return department::privileges(&ctx, &req, &caller(&ctx, &req)?).await;
    }
    Err(ApiError::not_found())
}
