//! `POST /api/dev/certificates {iin, bin?, name?, algorithm?}` (dev mode only): a signing
//! certificate of the dev CA with a fresh key, as the national CA hands one out — a PKCS#12
//! file and its password — for tests and demos. `bin` makes it a legal entity's certificate
//! (what signs a school's decisions); `algorithm` is `ecdsa` (P-256, the default) or `rsa`.
//!
//! → `{"p12": base64, "password", "certificate": PEM, "ca_certificate": PEM}`

use std::sync::Arc;

use axum::response::Response as AxumResponse;
use chrono::Utc;
use domain::{ErrorCode, Iin};
use pki::dev::{LeafSpec, random_password, write_p12};
use pki::keystore::KeyAlgorithm;
use serde::Deserialize;
use service::ApiError;
use service::http::ok;

use crate::app::{State, from_lambda};

#[derive(Deserialize)]
struct IssueCertificate {
    iin: String,
    #[serde(default)]
    bin: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    algorithm: Option<String>,
}

pub async fn issue(state: &Arc<State>, body: serde_json::Value) -> Result<AxumResponse, ApiError> {
    let invalid = |field: &str| ApiError::new(ErrorCode::ValidationFailed).field(field);
    let req: IssueCertificate = serde_json::from_value(body).map_err(|_| invalid("iin"))?;
    let iin =
        Iin::parse(&req.iin).map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("iin"))?;
    let bin = match req.bin.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(b) if b.len() == 12 && b.bytes().all(|c| c.is_ascii_digit()) => Some(b.to_string()),
        Some(_) => return Err(invalid("bin")),
    };
    let algorithm = match req.algorithm.as_deref() {
        None | Some("ecdsa") => KeyAlgorithm::EcdsaP256,
        Some("rsa") => KeyAlgorithm::Rsa,
        Some(_) => return Err(invalid("algorithm")),
    };
    let name = req
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Qabyldau Dev Signer".into());
    if name.chars().count() > 200 {
        return Err(invalid("name"));
    }
    // Valid around both the business clock (the dev clock may stand months away) and the real
    // one.
    let (business, real) = (state.ctx.now(), Utc::now());
    let mut spec = LeafSpec::new(iin, name.clone(), business.min(real));
    spec.not_after = spec.not_after.max(real + chrono::Duration::days(365));
    spec.bin = bin;
    spec.algorithm = algorithm;
    // Key generation (RSA above all) is CPU work: off the async workers.
    let ca = state.dev_ca.clone();
    let (key, p12, password) = tokio::task::spawn_blocking(move || {
        let key = ca.issue(&spec)?;
        let password = random_password();
        let p12 = write_p12(&key, &password, &name)?;
        Ok::<_, String>((key, p12, password))
    })
    .await
    .map_err(|e| ApiError::internal(format!("issue: {e}")))?
    .map_err(|e| ApiError::internal(format!("issue: {e}")))?;
    Ok(from_lambda(ok(&serde_json::json!({
        "p12": pki::cert::encode_base64(&p12),
        "password": password,
        "certificate": pki::cert::to_pem(&key.certificates[0]),
        "ca_certificate": pki::cert::to_pem(state.dev_ca.certificate()),
    }))))
}
