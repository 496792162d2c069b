//! `notify`: renders and delivers notices from the notifications queue.

use std::sync::Arc;

use lambda_http::BoxFuture;
use service::Ctx;

/// Handles one batch; returns the ids of the messages that failed.
pub fn consumer(ctx: Arc<Ctx>, messages: Vec<queue::Message>) -> BoxFuture<'static, Vec<String>> {
    Box::pin(async move {
        let _ = ctx;
        messages.into_iter().map(|m| m.id).collect()
    })
}
