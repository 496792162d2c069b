//! The `deadline-sweep` Lambda (scheduled): wiring only; the job is in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_job("deadline-sweep", deadline_sweep::job, |d| d.with_queue()).await
}
