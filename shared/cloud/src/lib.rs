//! The AWS SDK configuration of every adapter (DynamoDB, SQS, S3, SES) and the TLS of the
//! other HTTPS clients (the SMS gateway, the population register, the identity provider's keys).
//!
//! One TLS stack, rustls on `ring`: the SDKs' default client brings `aws-lc` (about 3 MB of
//! every function's 20) for what ring does here in a tenth of it.

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};

/// The SDK configuration from the environment, as in a Lambda (region, credentials).
///
/// With `endpoint` (moto, LocalStack, DynamoDB local) it talks there instead; such servers
/// accept any region and credentials, so when the environment has none, `us-east-1` and the key
/// pair `test`/`test` are used rather than failing on the provider chain (whose
/// instance-metadata lookup adds seconds of timeouts off EC2).
pub async fn sdk_config(endpoint: Option<&str>) -> SdkConfig {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http);
    if let Some(endpoint) = endpoint {
        loader = loader.endpoint_url(endpoint);
        if !is_set("AWS_REGION") && !is_set("AWS_DEFAULT_REGION") {
            loader = loader.region(Region::new("us-east-1"));
        }
        if !is_set("AWS_ACCESS_KEY_ID") && !is_set("AWS_PROFILE") {
            loader = loader.credentials_provider(aws_credential_types::Credentials::new(
                "test", "test", None, None, "static",
            ));
        }
    }
    loader.load().await
}

/// Makes ring the process's TLS provider for the other HTTPS clients (reqwest finds it there).
/// Call before building one; calling again is harmless.
pub fn install_tls() {
    // Err only when a provider is installed already: that one stays.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn is_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}
