//! `deadline-sweep`: a scheduled job.

use std::sync::Arc;

use lambda_http::BoxFuture;
use service::{ApiError, Ctx};

/// Runs the job once; returns how many items it processed.
pub fn job(ctx: Arc<Ctx>) -> BoxFuture<'static, Result<u64, ApiError>> {
    Box::pin(async move {
        let _ = ctx;
        Ok(0)
    })
}
