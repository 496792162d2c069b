//! The `submit` Lambda: wiring only; the use case is in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_http(submit::handler, |d| d.with_files()?.with_queue()).await
}
