//! The `outbox-relay` Lambda (scheduled): wiring only; the job is in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_job("outbox-relay", outbox_relay::job, |d| d.with_queue()).await
}
