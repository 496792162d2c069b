//! The context a handler gets: the ports, wired by the Lambda main or the local runner.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use queue::Queue;
use store::Store;

use crate::auth::TokenVerifier;
use crate::blobs::Blobs;
use crate::clock::Clock;

pub struct Ctx {
    pub store: Arc<dyn Store>,
    pub queue: Arc<dyn Queue>,
    pub clock: Arc<dyn Clock>,
    pub blobs: Arc<dyn Blobs>,
    pub sms: Arc<dyn crate::sms::SmsChannel>,
    /// E-mail: none unless the wiring gives one (the notify function's SES, the runner's sink).
    pub email: Arc<dyn crate::email::EmailChannel>,
    pub verifier: TokenVerifier,
    /// Region admins: IIN → region (configuration, not the table).
    pub admins: BTreeMap<String, String>,
    /// Who a child's legal representatives are and where the child is registered.
    pub population: Arc<dyn crate::population::PopulationRegister>,
    /// The CAs whose certificates sign decisions (configuration: the national CA's roots).
    pub trust: Arc<pki::TrustAnchors>,
}

impl Ctx {
    /// The context with this e-mail channel.
    pub fn with_email(self, email: Arc<dyn crate::email::EmailChannel>) -> Ctx {
        Ctx { email, ..self }
    }

    /// Business time (the dev clock in the local runner).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A context for tests of jobs and consumers: the given store, queue and SMS channel, a dev
    /// clock standing at `now`, files in `dir`, and no token keys (no HTTP caller).
    pub fn for_tests(
        store: Arc<dyn Store>,
        queue: Arc<dyn Queue>,
        sms: Arc<dyn crate::sms::SmsChannel>,
        now: DateTime<Utc>,
        dir: &std::path::Path,
    ) -> Ctx {
        let clock = Arc::new(crate::clock::DevClock::new());
        clock.set(now);
        Ctx {
            store,
            queue,
            clock,
            blobs: Arc::new(crate::blobs::LocalBlobs::new(dir, "http://localhost")),
            sms,
            email: Arc::new(crate::email::NoEmail),
            verifier: TokenVerifier::default(),
            admins: BTreeMap::new(),
            population: Arc::new(crate::population::MemoryPopulationRegister::default()),
            trust: Arc::new(pki::TrustAnchors::default()),
        }
    }

    /// The deployed wiring: DynamoDB, SQS, S3 and the system clock, from the environment.
    pub async fn from_env() -> Result<Ctx, String> {
        let config = crate::config::Config::from_env()?;
        let aws = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
        let store = store::dynamodb::DynamoStore::new(
            aws_sdk_dynamodb::Client::new(&aws),
            &config.table_name,
        );
        let queue_url = config.queue_url.clone().ok_or("QUEUE_URL is not set")?;
        let queue = queue::sqs::SqsQueue::new(
            aws_sdk_sqs::Client::new(&aws),
            &queue_url,
            std::env::var("DLQ_URL").unwrap_or_default(),
        );
        let bucket = config
            .files_bucket
            .clone()
            .ok_or("FILES_BUCKET is not set")?;
        let blobs = crate::blobs::S3Blobs::new(aws_sdk_s3::Client::new(&aws), &bucket);
        let sms: Arc<dyn crate::sms::SmsChannel> = match crate::sms::HttpSmsGateway::from_env()? {
            Some(gateway) => Arc::new(gateway),
            None => {
                tracing::warn!(
                    "SMS_GATEWAY_URL is not set: SMS are not sent (in-app notices only)"
                );
                Arc::new(crate::sms::SmsSink::default())
            }
        };
        Ok(Ctx {
            store: Arc::new(store),
            queue: Arc::new(queue),
            clock: Arc::new(crate::clock::SystemClock),
            blobs: Arc::new(blobs),
            sms,
            email: Arc::new(crate::email::NoEmail),
            verifier: TokenVerifier::from_config(&config.jwt)?,
            admins: config.region_admins,
            population: crate::population::from_env()?,
            trust: Arc::new(config.trusted_cas),
        })
    }
}
