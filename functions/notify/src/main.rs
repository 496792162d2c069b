//! The `notify` Lambda (SQS batches): wiring only; the use case is in lib.rs. E-mail goes
//! through SES when `EMAIL_FROM` names a verified sender.

use std::sync::Arc;

use service::email::{EmailChannel, NoEmail};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_sqs("notify", notify::consumer, |d| {
        Ok(d.map(|ctx, aws| {
            let email: Arc<dyn EmailChannel> = match notify::ses::SesEmail::from_env(aws) {
                Some(ses) => Arc::new(ses),
                None => Arc::new(NoEmail),
            };
            ctx.with_email(email)
        }))
    })
    .await
}
