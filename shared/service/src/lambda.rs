//! The Lambda side: a function's main is `service::lambda::run_http(handler, wire)`, where
//! `wire` adds the ports beyond the table the function uses (`Ok` for none; e.g.
//! `|d| d.with_files()?.with_queue()`): see [`Deployed`].

use std::sync::Arc;

use lambda_http::{BoxFuture, service_fn};

use crate::deployed::Deployed;
use crate::{Ctx, Request, Response};

/// How a function adds its own ports to what every function has.
pub trait Wire: FnOnce(Deployed) -> Result<Deployed, String> {}
impl<F: FnOnce(Deployed) -> Result<Deployed, String>> Wire for F {}

/// The deployed context: what every function has, then what `wire` adds.
async fn deployed(wire: impl Wire) -> Result<Ctx, String> {
    crate::telemetry::init();
    let ctx = wire(Deployed::from_env().await?).map(Deployed::into_ctx);
    if let Err(e) = &ctx {
        tracing::error!(error = %e, "configuration");
    }
    ctx
}

/// A function's HTTP entry point, the same for API Gateway and the local runner.
pub type Handler = fn(Arc<Ctx>, Request) -> BoxFuture<'static, Response>;

/// Runs an HTTP function on the Lambda runtime with the deployed wiring.
pub async fn run_http(handler: Handler, wire: impl Wire) -> Result<(), lambda_http::Error> {
    let ctx = Arc::new(deployed(wire).await?);
    lambda_http::run(service_fn(move |req: Request| {
        let ctx = ctx.clone();
        async move {
            // The provider's keys are fetched here, before the handler verifies synchronously.
            if let Some(token) = crate::http::bearer(&req) {
                ctx.verifier.prepare(token).await;
            }
            Ok::<_, std::convert::Infallible>(handler(ctx, req).await)
        }
    }))
    .await
}

/// A scheduled job (EventBridge schedule; the local runner's timer and `POST /api/dev/jobs/{job}`).
/// Returns how many items it processed.
pub type Job = fn(Arc<Ctx>) -> BoxFuture<'static, Result<u64, crate::ApiError>>;

/// A queue consumer: handles a batch and returns the ids of the messages that failed (they are
/// retried, and after 5 receives go to the dead-letter queue).
pub type Consumer = fn(Arc<Ctx>, Vec<queue::Message>) -> BoxFuture<'static, Vec<String>>;

/// Runs a scheduled job on the Lambda runtime (the EventBridge event carries nothing we need).
pub async fn run_job(
    name: &'static str,
    job: Job,
    wire: impl Wire,
) -> Result<(), lambda_http::Error> {
    let ctx = Arc::new(deployed(wire).await?);
    lambda_runtime::run(lambda_runtime::service_fn(
        move |_event: lambda_runtime::LambdaEvent<serde_json::Value>| {
            let ctx = ctx.clone();
            async move {
                let processed = job(ctx).await.map_err(|e| {
                    tracing::error!(
                        job = name,
                        code = e.code.as_str(),
                        detail = e.log.as_deref().unwrap_or(""),
                        "job failed"
                    );
                    format!("{name}: {}", e.code.as_str())
                })?;
                tracing::info!(job = name, processed, "job done");
                Ok::<_, lambda_http::Error>(serde_json::json!({ "processed": processed }))
            }
        },
    ))
    .await
}

/// Runs a queue consumer on the Lambda runtime, reporting partial batch failures.
pub async fn run_sqs(
    name: &'static str,
    consumer: Consumer,
    wire: impl Wire,
) -> Result<(), lambda_http::Error> {
    use aws_lambda_events::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
    let ctx = Arc::new(deployed(wire).await?);
    lambda_runtime::run(lambda_runtime::service_fn(
        move |event: lambda_runtime::LambdaEvent<SqsEvent>| {
            let ctx = ctx.clone();
            async move {
                let messages = event
                    .payload
                    .records
                    .into_iter()
                    .map(|r| queue::Message {
                        receive_count: r
                            .attributes
                            .get("ApproximateReceiveCount")
                            .and_then(|c| c.parse().ok())
                            .unwrap_or(1),
                        id: r.message_id.unwrap_or_default(),
                        body: r.body.unwrap_or_default(),
                        receipt: r.receipt_handle.unwrap_or_default(),
                    })
                    .collect();
                let failed = consumer(ctx, messages).await;
                tracing::info!(consumer = name, failed = failed.len(), "batch done");
                let mut response = SqsBatchResponse::default();
                response.batch_item_failures = failed
                    .into_iter()
                    .map(|id| {
                        let mut f = BatchItemFailure::default();
                        f.item_identifier = id;
                        f
                    })
                    .collect();
                Ok::<_, lambda_http::Error>(response)
            }
        },
    ))
    .await
}
