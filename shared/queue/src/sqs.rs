//! The SQS adapter: a standard queue with a redrive policy to its dead-letter queue.
//!
//! In AWS the SAM template creates both queues and the Lambdas get their URLs; the local
//! runner and the tests create them with [`ensure_queues`] on LocalStack or moto.

use std::fmt::Debug;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_sqs::Client;
use aws_sdk_sqs::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_sqs::types::{MessageSystemAttributeName, QueueAttributeName};

use crate::{
    MAX_RECEIVES, Message, Queue, QueueError, check_body, check_max, check_receive,
    check_visibility, whole_seconds,
};

/// How long the dead-letter queue keeps messages: the SQS maximum (14 days). A standard
/// queue's message keeps its original enqueue time when it is dead-lettered, so the DLQ's
/// retention must be longer than the source queue's (default 4 days) or operators would
/// find dead messages already expired.
const DLQ_RETENTION_SECS: &str = "1209600";

/// Longest SQS queue name; the DLQ's name adds `-dlq`.
const MAX_QUEUE_NAME: usize = 80;

/// A queue and its dead-letter queue in SQS.
#[derive(Clone, Debug)]
pub struct SqsQueue {
    client: Client,
    url: String,
    dlq_url: String,
}

impl SqsQueue {
    /// Wraps existing queues, e.g. from the URLs the SAM template passes to a Lambda.
    pub fn new(client: Client, url: impl Into<String>, dlq_url: impl Into<String>) -> Self {
        Self {
            client,
            url: url.into(),
            dlq_url: dlq_url.into(),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn dlq_url(&self) -> &str {
        &self.dlq_url
    }

    async fn receive_from(
        &self,
        url: &str,
        max: u32,
        visibility: Duration,
        wait: Duration,
    ) -> Result<Vec<Message>, QueueError> {
        let out = self
            .client
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(to_i32(u64::from(max)))
            .visibility_timeout(to_i32(whole_seconds(visibility)))
            .wait_time_seconds(to_i32(whole_seconds(wait)))
            .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
            .send()
            .await
            .map_err(|e| sdk_error("ReceiveMessage", e))?;
        Ok(out
            .messages
            .unwrap_or_default()
            .into_iter()
            .filter_map(to_message)
            .collect())
    }
}

/// Converts one SQS message; a message without id or receipt cannot be processed or
/// deleted, so it is skipped (it comes back after its visibility timeout) rather than
/// failing the whole batch.
fn to_message(m: aws_sdk_sqs::types::Message) -> Option<Message> {
    let (Some(id), Some(receipt)) = (m.message_id, m.receipt_handle) else {
        tracing::warn!("SQS returned a message without id or receipt handle; skipped");
        return None;
    };
    let receive_count = match m
        .attributes
        .as_ref()
        .and_then(|a| a.get(&MessageSystemAttributeName::ApproximateReceiveCount))
        .map(|c| c.parse::<u32>())
    {
        Some(Ok(n)) => n,
        other => {
            // It was received, so at least once; the count only informs logging and retry
            // back-off, never correctness.
            tracing::warn!(message_id = %id, attribute = ?other, "no usable ApproximateReceiveCount");
            1
        }
    };
    Some(Message {
        id,
        body: m.body.unwrap_or_default(),
        receipt,
        receive_count,
    })
}

/// Arguments are validated before the call, so they fit; saturating keeps this panic-free.
fn to_i32(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Error codes that mean the request was wrong, not that SQS is unreachable. Codes may come
/// in the legacy query form (`AWS.SimpleQueueService.MessageNotInflight`); the prefix is
/// stripped before matching.
const INVALID_CODES: &[&str] = &[
    "InvalidParameterValue",
    "InvalidMessageContents",
    "ReceiptHandleIsInvalid",
    "MessageNotInflight",
    "InvalidIdFormat",
    "InvalidAttributeName",
    "InvalidAttributeValue",
    "MissingParameter",
    "ValidationError",
];

fn error_code<E: ProvideErrorMetadata>(err: &E) -> Option<&str> {
    err.code()
        .map(|c| c.trim_start_matches("AWS.SimpleQueueService."))
}

fn sdk_error<E, R>(operation: &str, err: SdkError<E, R>) -> QueueError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: Debug,
{
    // A service error is fully described by its code and message; anything else (no
    // connection, timeout, unreadable response) needs the whole source chain.
    let text = match (error_code(&err), err.message()) {
        (Some(code), message) => format!("SQS {operation}: {code}: {}", message.unwrap_or("")),
        (None, _) => format!("SQS {operation}: {}", DisplayErrorContext(&err)),
    };
    match error_code(&err) {
        Some(code) if INVALID_CODES.contains(&code) => QueueError::Invalid(text),
        _ => QueueError::Unavailable(text),
    }
}

#[async_trait]
impl Queue for SqsQueue {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        check_body(body)?;
        let out = self
            .client
            .send_message()
            .queue_url(&self.url)
            .message_body(body)
            .send()
            .await
            .map_err(|e| sdk_error("SendMessage", e))?;
        out.message_id
            .ok_or_else(|| QueueError::Unavailable("SQS SendMessage returned no message id".into()))
    }

    async fn receive(
        &self,
        max: u32,
        visibility: Duration,
        wait: Duration,
    ) -> Result<Vec<Message>, QueueError> {
        check_receive(max, visibility, wait)?;
        self.receive_from(&self.url, max, visibility, wait).await
    }

    async fn delete(&self, receipt: &str) -> Result<(), QueueError> {
        self.client
            .delete_message()
            .queue_url(&self.url)
            .receipt_handle(receipt)
            .send()
            .await
            .map_err(|e| sdk_error("DeleteMessage", e))?;
        Ok(())
    }

    async fn release(&self, receipt: &str, after: Duration) -> Result<(), QueueError> {
        check_visibility("release delay", after)?;
        self.client
            .change_message_visibility()
            .queue_url(&self.url)
            .receipt_handle(receipt)
            .visibility_timeout(to_i32(whole_seconds(after)))
            .send()
            .await
            .map_err(|e| sdk_error("ChangeMessageVisibility", e))?;
        Ok(())
    }

    async fn receive_dead(&self, max: u32) -> Result<Vec<Message>, QueueError> {
        check_max(max)?;
        // Zero visibility makes this a peek. A one-second long poll, because a short poll
        // samples only some SQS servers and can miss messages in a small queue.
        self.receive_from(&self.dlq_url, max, Duration::ZERO, Duration::from_secs(1))
            .await
    }
}

/// An SQS client. With `endpoint` (LocalStack, moto) it talks there, defaulting the region
/// to us-east-1 and the credentials to test/test unless the environment sets them, so the
/// local runner needs no AWS configuration. Without it: the standard AWS configuration
/// chain, as in a Lambda.
pub async fn sqs_client(endpoint: Option<&str>) -> Client {
    Client::new(&cloud::sdk_config(endpoint).await)
}

/// Creates, if they do not exist, the queue `name` and its dead-letter queue `{name}-dlq`,
/// with a redrive policy of [`MAX_RECEIVES`] receives. Run again, it converges existing
/// queues to these attributes. For the local runner and tests; in AWS the SAM template
/// creates the queues.
pub async fn ensure_queues(client: &Client, name: &str) -> Result<SqsQueue, QueueError> {
    let valid_name = |n: &str| {
        !n.is_empty()
            && n.len() <= MAX_QUEUE_NAME
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let dlq_name = format!("{name}-dlq");
    if !valid_name(name) || !valid_name(&dlq_name) {
        return Err(QueueError::Invalid(format!(
            "queue name {name:?} must be 1..={} characters of A-Z a-z 0-9 - _",
            MAX_QUEUE_NAME - "-dlq".len()
        )));
    }

    let dlq_url = ensure_queue(
        client,
        &dlq_name,
        &[(
            QueueAttributeName::MessageRetentionPeriod,
            DLQ_RETENTION_SECS.to_owned(),
        )],
    )
    .await?;
    let dlq_arn = client
        .get_queue_attributes()
        .queue_url(&dlq_url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| sdk_error("GetQueueAttributes", e))?
        .attributes
        .and_then(|mut a| a.remove(&QueueAttributeName::QueueArn))
        .ok_or_else(|| QueueError::Unavailable(format!("SQS returned no ARN for {dlq_name}")))?;
    let redrive =
        format!(r#"{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":{MAX_RECEIVES}}}"#);
    let url = ensure_queue(
        client,
        name,
        &[(QueueAttributeName::RedrivePolicy, redrive)],
    )
    .await?;
    Ok(SqsQueue::new(client.clone(), url, dlq_url))
}

/// Creates one queue with `attributes`, or, if it exists with other attributes, sets them.
async fn ensure_queue(
    client: &Client,
    name: &str,
    attributes: &[(QueueAttributeName, String)],
) -> Result<String, QueueError> {
    let create = attributes
        .iter()
        .fold(client.create_queue().queue_name(name), |req, (k, v)| {
            req.attributes(k.clone(), v)
        });
    match create.send().await {
        Ok(out) => out
            .queue_url
            .ok_or_else(|| QueueError::Unavailable(format!("SQS CreateQueue {name}: no URL"))),
        Err(err)
            if matches!(
                error_code(&err),
                Some("QueueAlreadyExists" | "QueueNameExists")
            ) =>
        {
            let url = client
                .get_queue_url()
                .queue_name(name)
                .send()
                .await
                .map_err(|e| sdk_error("GetQueueUrl", e))?
                .queue_url
                .ok_or_else(|| {
                    QueueError::Unavailable(format!("SQS GetQueueUrl {name}: no URL"))
                })?;
            let set = attributes.iter().fold(
                client.set_queue_attributes().queue_url(&url),
                |req, (k, v)| req.attributes(k.clone(), v),
            );
            set.send()
                .await
                .map_err(|e| sdk_error("SetQueueAttributes", e))?;
            tracing::info!(
                queue = name,
                "existing queue updated to the expected attributes"
            );
            Ok(url)
        }
        Err(err) => Err(sdk_error("CreateQueue", err)),
    }
}
