//! The Lambda side: a function's main is `service::lambda::run_http(handler)`.

use std::sync::Arc;

use lambda_http::{BoxFuture, service_fn};

use crate::{Ctx, Request, Response};

/// A function's HTTP entry point, the same for API Gateway and the local runner.
pub type Handler = fn(Arc<Ctx>, Request) -> BoxFuture<'static, Response>;

/// Runs an HTTP function on the Lambda runtime with the deployed wiring.
pub async fn run_http(handler: Handler) -> Result<(), lambda_http::Error> {
    crate::telemetry::init();
    let ctx = Arc::new(Ctx::from_env().await.map_err(|e| {
        tracing::error!(error = %e, "configuration");
        e
    })?);
    lambda_http::run(service_fn(move |req: Request| {
        let ctx = ctx.clone();
        async move { Ok::<_, std::convert::Infallible>(handler(ctx, req).await) }
    }))
    .await
}
