//! The `preschool` Lambda: wiring only; the use cases are in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_http(preschool::handler, |d| d.with_files()?.with_queue()).await
}
