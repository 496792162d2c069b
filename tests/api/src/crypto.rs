//! ES256 helpers: fresh P-256 keys with their public JWK, signatures in the two encodings the
//! API accepts, and a token signed by a key nobody trusts.

use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use p256::ecdsa::Signature;
pub use p256::ecdsa::SigningKey;
use p256::ecdsa::signature::Signer;
use serde_json::{Value, json};

/// A fresh P-256 key and its public JWK.
pub fn new_key() -> (SigningKey, Value) {
    let key = SigningKey::random(&mut rand_core::OsRng);
    let jwk = p256::PublicKey::from(key.verifying_key()).to_jwk_string();
    (key, serde_json::from_str(&jwk).expect("jwk json"))
}

/// ES256 of `payload`: base64url (no padding) of `r || s`.
pub fn es256(key: &SigningKey, payload: &str) -> String {
    let sig: Signature = key.sign(payload.as_bytes());
    URL_SAFE_NO_PAD.encode(sig.to_bytes())
}

/// ES256 of `payload` as DER, base64url with padding.
pub fn es256_der(key: &SigningKey, payload: &str) -> String {
    let sig: Signature = key.sign(payload.as_bytes());
    URL_SAFE.encode(sig.to_der().as_bytes())
}

/// An ES256 JWT with plausible claims for `iin`, signed by a key nobody trusts.
pub fn forged_token(iin: &str) -> String {
    let (key, _) = new_key();
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
    let sig = es256(&key, &signing_input);
    format!("{signing_input}.{sig}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forged_token_shape() {
        assert_eq!(forged_token("800101300016").split('.').count(), 3);
    }

    #[test]
    fn signatures_verify() {
        use p256::ecdsa::signature::Verifier;
        let (key, _) = new_key();
        let raw = URL_SAFE_NO_PAD
            .decode(es256(&key, "text"))
            .expect("base64url");
        let sig = Signature::from_slice(&raw).expect("r || s");
        assert!(key.verifying_key().verify(b"text", &sig).is_ok());
        let der = URL_SAFE.decode(es256_der(&key, "text")).expect("base64url");
        let sig = Signature::from_der(&der).expect("der");
        assert!(key.verifying_key().verify(b"text", &sig).is_ok());
    }
}
