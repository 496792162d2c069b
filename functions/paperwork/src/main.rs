//! The `paperwork` Lambda: wiring only; the use cases are in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_http(paperwork::handler, Ok).await
}
