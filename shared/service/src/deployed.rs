//! The deployed wiring of a Lambda: DynamoDB, the system clock, sign-in, SMS and the population
//! register from the environment for every function; files (S3) and the queue (SQS) only for
//! the functions that use them, each a whole SDK that the others then do not link.
//!
//! Which function wires what is its `main.rs`; `infra/check-stack.py` checks it against the
//! S3 and SQS actions its role grants, so a function never runs without a port it needs.

use std::sync::Arc;

use aws_config::SdkConfig;

use crate::Ctx;
use crate::auth::TokenVerifier;
use crate::config::Config;

/// A port the function did not wire: every call fails. A queue send failing so leaves the
/// message in the outbox for the relay; it never loses one.
struct Unwired(&'static str);

/// The context being wired for a deployed function.
pub struct Deployed {
    ctx: Ctx,
    aws: SdkConfig,
    /// `FILES_BUCKET`, `QUEUE_URL`: read with the rest, used by the functions that wire them.
    files_bucket: Option<String>,
    queue_url: Option<String>,
}

impl Deployed {
    /// What every function has, from the environment.
    pub async fn from_env() -> Result<Deployed, String> {
        let config = Config::from_env()?;
        let aws = cloud::lambda_config();
        let store = store::dynamodb::DynamoStore::new(
            aws_sdk_dynamodb::Client::new(&aws),
            &config.table_name,
        );
        let sms: Arc<dyn crate::sms::SmsChannel> = match crate::sms::HttpSmsGateway::from_env() {
            Some(gateway) => Arc::new(gateway),
            None => {
                tracing::warn!(
                    "SMS_GATEWAY_URL is not set: SMS are not sent (in-app notices only)"
                );
                Arc::new(crate::sms::SmsSink::default())
            }
        };
        let ctx = Ctx {
            store: Arc::new(store),
            queue: Arc::new(Unwired("queue")),
            clock: Arc::new(crate::clock::SystemClock),
            blobs: Arc::new(Unwired("files")),
            sms,
            email: Arc::new(crate::email::NoEmail),
            verifier: TokenVerifier::from_config(&config.jwt)?,
            admins: config.region_admins,
            population: crate::population::from_env(),
            trust: Arc::new(config.trusted_cas),
        };
        Ok(Deployed {
            ctx,
            aws,
            files_bucket: config.files_bucket,
            queue_url: config.queue_url,
        })
    }

    /// Files in the S3 bucket `FILES_BUCKET`.
    pub fn with_files(self) -> Result<Deployed, String> {
        let bucket = self
            .files_bucket
            .as_deref()
            .ok_or("FILES_BUCKET is not set")?;
        let blobs = crate::blobs::S3Blobs::new(aws_sdk_s3::Client::new(&self.aws), bucket);
        Ok(Deployed {
            ctx: self.ctx.with_blobs(Arc::new(blobs)),
            ..self
        })
    }

    /// The SQS queue `QUEUE_URL` (with `DLQ_URL` behind it).
    pub fn with_queue(self) -> Result<Deployed, String> {
        let url = self.queue_url.as_deref().ok_or("QUEUE_URL is not set")?;
        let dlq = std::env::var("DLQ_URL").unwrap_or_default();
        let queue = queue::sqs::SqsQueue::new(aws_sdk_sqs::Client::new(&self.aws), url, dlq);
        Ok(Deployed {
            ctx: self.ctx.with_queue(Arc::new(queue)),
            ..self
        })
    }

    /// The context with a port of the function's own (the notify function's e-mail).
    pub fn map(self, f: impl FnOnce(Ctx, &SdkConfig) -> Ctx) -> Deployed {
        let ctx = f(self.ctx, &self.aws);
        Deployed { ctx, ..self }
    }

    pub fn into_ctx(self) -> Ctx {
        self.ctx
    }
}

#[async_trait::async_trait]
impl queue::Queue for Unwired {
    async fn send(&self, _: &str) -> Result<String, queue::QueueError> {
        Err(self.queue_error())
    }
    async fn receive(
        &self,
        _: u32,
        _: std::time::Duration,
        _: std::time::Duration,
    ) -> Result<Vec<queue::Message>, queue::QueueError> {
        Err(self.queue_error())
    }
    async fn delete(&self, _: &str) -> Result<(), queue::QueueError> {
        Err(self.queue_error())
    }
    async fn release(&self, _: &str, _: std::time::Duration) -> Result<(), queue::QueueError> {
        Err(self.queue_error())
    }
    async fn receive_dead(&self, _: u32) -> Result<Vec<queue::Message>, queue::QueueError> {
        Err(self.queue_error())
    }
}

#[async_trait::async_trait]
impl crate::blobs::Blobs for Unwired {
    async fn upload_target(
        &self,
        _: &str,
        _: &str,
        _: u64,
        _: &str,
    ) -> Result<domain::api::Upload, crate::ApiError> {
        Err(self.api_error())
    }
    async fn read(&self, _: &str) -> Result<Option<Vec<u8>>, crate::ApiError> {
        Err(self.api_error())
    }
    async fn download_url(&self, _: &str, _: &str) -> Result<String, crate::ApiError> {
        Err(self.api_error())
    }
}

impl Unwired {
    fn message(&self) -> String {
        format!("this function has no {} wired (its main.rs)", self.0)
    }
    fn queue_error(&self) -> queue::QueueError {
        queue::QueueError::Unavailable(self.message())
    }
    fn api_error(&self) -> crate::ApiError {
        crate::ApiError::internal(self.message())
    }
}
