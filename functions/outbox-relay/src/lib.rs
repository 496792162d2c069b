//! `outbox-relay` (every minute): sends the outbox messages that their writers could not send
//! after commit, so a queue outage loses nothing.

use std::sync::Arc;

use lambda_http::BoxFuture;
use service::{ApiError, Ctx};

/// Runs the relay once; returns how many messages it sent.
pub fn job(ctx: Arc<Ctx>) -> BoxFuture<'static, Result<u64, ApiError>> {
    Box::pin(async move { service::outbox::relay(&ctx).await })
}
