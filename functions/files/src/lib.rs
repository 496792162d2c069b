//! `POST /api/files`: the applicant registers a document (PDF, JPEG or PNG, at most 5 MB) and
//! gets where to send its bytes (an S3 presigned PUT when deployed): a target for one upload
//! within `service::blobs::UPLOAD_TTL`, under a fresh id that no other file ever gets.

use std::sync::Arc;

use domain::api::{CreateFile, FileCreated};
use domain::check_file;
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::{created, json_body, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use table::file::FileItem;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("files", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::POST, "/api/files").is_none() {
        return Err(ApiError::not_found());
    }
    let caller = caller(&ctx, &req)?;
    let body: CreateFile = json_body(&req)?;
    check_file(&body.content_type, body.size).map_err(|code| {
        let field = if code == domain::ErrorCode::FileTypeNotAllowed {
            "content_type"
        } else {
            "size"
        };
        ApiError::new(code).field(field)
    })?;
    let file = FileItem {
        id: uuid::Uuid::new_v4().to_string(),
        owner_iin: caller.iin,
        kind: body.kind,
        content_type: body.content_type,
        size: body.size,
        name: body.name.map(|n| n.chars().take(200).collect()),
        upload_token: uuid::Uuid::new_v4().simple().to_string(),
        upload_expires_at: Some(chrono::Utc::now() + service::blobs::UPLOAD_TTL),
        created_at: domain::to_almaty(ctx.now()),
    };
    table::file::create(ctx.store.as_ref(), &file).await?;
    let upload = ctx
        .blobs
        .upload_target(&file.id, &file.content_type, file.size, &file.upload_token)
        .await?;
    Ok(created(&FileCreated {
        file_id: file.id,
        upload,
    }))
}
