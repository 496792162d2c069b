//! The AWS SDK configuration of every adapter (DynamoDB, SQS, S3, SES) and the TLS of the
//! other HTTPS clients (the SMS gateway, the population register, the identity provider's keys).
//!
//! One TLS stack, rustls on `ring`: the SDKs' default client brings `aws-lc` (about 3 MB of
//! every function's 20) for what ring does here in a tenth of it.

use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore, rustls_provider::CryptoMode};

/// The roots of Amazon Trust Services, which every AWS endpoint's certificate chains to.
const AMAZON_ROOTS: &str = include_str!("../roots/amazon.pem");

/// The configuration a Lambda has, from its environment only: `AWS_REGION`, the function
/// role's credentials (which Lambda puts in the environment), and `AWS_ENDPOINT_URL` and
/// `AWS_MAX_ATTEMPTS` where set. Not aws-config's provider chain (profile files, SSO, web
/// identity through STS, container and instance metadata): a Lambda uses none of it, and the
/// chain's clients and parsers were the largest part of what every function linked for AWS.
///
/// Its HTTPS trusts Amazon's five roots only: a Lambda's SDK clients talk to AWS endpoints
/// alone, and reading the platform's bundle of ~150 roots (base64 and DER of each) was most of
/// a function's start-up beyond a bare runtime's (README «Cold start»).
pub fn lambda_config() -> SdkConfig {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let credentials = EnvironmentVariableCredentialsProvider::new();
    let mut config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .http_client(https_client(amazon_roots()))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .region(
            var("AWS_REGION")
                .or_else(|| var("AWS_DEFAULT_REGION"))
                .map(Region::new),
        );
    if let Some(url) = var("AWS_ENDPOINT_URL") {
        config = config.endpoint_url(url);
    }
    if let Some(attempts) = var("AWS_MAX_ATTEMPTS").and_then(|n| n.parse().ok()) {
        config = config.retry_config(RetryConfig::standard().with_max_attempts(attempts));
    }
    config.build()
}

/// The SDK configuration of aws-config's whole provider chain (the local runner, tests).
///
/// With `endpoint` (moto, LocalStack, DynamoDB local) it talks there instead; such servers
/// accept any region and credentials, so when the environment has none, `us-east-1` and the key
/// pair `test`/`test` are used rather than failing on the provider chain (whose
/// instance-metadata lookup adds seconds of timeouts off EC2).
pub async fn sdk_config(endpoint: Option<&str>) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(https_client(TrustStore::default()));
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

/// Amazon's roots and nothing else.
fn amazon_roots() -> TrustStore {
    TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(AMAZON_ROOTS.as_bytes())
}

/// The SDKs' HTTPS client on ring, trusting `roots` (read when its first connection is made).
fn https_client(roots: TrustStore) -> aws_types::sdk_config::SharedHttpClient {
    let tls = TlsContext::builder().with_trust_store(roots);
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .tls_context(
            tls.build()
                .expect("a TLS context builds from a trust store"),
        )
        .build_https()
}

fn is_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;

    /// The five roots are there, each a certificate rustls takes as a trust anchor.
    #[test]
    fn amazon_roots_are_five_trust_anchors() {
        let certs: Vec<CertificateDer> =
            CertificateDer::pem_slice_iter(super::AMAZON_ROOTS.as_bytes())
                .collect::<Result<_, _>>()
                .expect("PEM");
        assert_eq!(certs.len(), 5);
        let mut store = rustls::RootCertStore::empty();
        let (added, ignored) = store.add_parsable_certificates(certs);
        assert_eq!((added, ignored), (5, 0));
    }
}
