//! The `specialties` Lambda: wiring only; the use cases are in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_http(specialties::handler, Ok).await
}
