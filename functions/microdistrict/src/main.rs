//! The `microdistrict` Lambda: wiring only; the use case is in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    service::lambda::run_http(microdistrict::handler, Ok).await
}
