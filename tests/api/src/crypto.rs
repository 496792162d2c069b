//! A token signed by a key nobody trusts (ES256), for the 401 scenarios.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::json;

/// An ES256 JWT with plausible claims for `iin`, signed by a key nobody trusts.
pub fn forged_token(iin: &str) -> String {
    let key = SigningKey::random(&mut rand_core::OsRng);
    let now = chrono::Utc::now().timestamp();
    let header = json!({"alg": "ES256", "typ": "JWT", "kid": "dev"});
    let claims = json!({
        "sub": iin, "iin": iin, "name": "Forged Person",
        "iss": "qabyldau-dev", "aud": "qabyldau",
        "iat": now, "nbf": now - 10, "exp": now + 3600,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let sig: Signature = key.sign(signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forged_token_shape() {
        assert_eq!(forged_token("800101300016").split('.').count(), 3);
    }
}
