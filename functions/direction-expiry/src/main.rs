//! The `direction-expiry` Lambda (scheduled): wiring only; the job is in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_job("direction-expiry", direction_expiry::job, |d| {
        d.with_queue()
    })
    .await
}
