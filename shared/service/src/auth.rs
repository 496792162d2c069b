//! ES256 (ECDSA P-256 + SHA-256) JSON Web Tokens: every function verifies the bearer token
//! itself (issuer, audience, expiry, signature), so the same handler runs behind API Gateway
//! and in the local runner. The dev login of the local runner issues tokens with [`issue`].

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use p256::ecdsa::signature::{Signer, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    /// The person's IIN.
    pub sub: String,
    #[serde(default)]
    pub name: String,
    pub iss: String,
    pub aud: Audience,
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
}

/// `aud` may be one string or a list (RFC 7519).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, aud: &str) -> bool {
        match self {
            Audience::One(a) => a == aud,
            Audience::Many(list) => list.iter().any(|a| a == aud),
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthError {
    #[error("malformed token")]
    Malformed,
    #[error("unsupported algorithm")]
    Algorithm,
    #[error("bad signature")]
    Signature,
    #[error("wrong issuer or audience")]
    Claims,
    #[error("expired or not yet valid")]
    Expired,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// The keys and expectations a token is checked against.
#[derive(Clone, Debug)]
pub struct TokenVerifier {
    keys: Vec<(Option<String>, VerifyingKey)>,
    issuer: String,
    audience: String,
}

/// Tokens may be up to this many seconds past `exp` (clock skew between issuer and us).
const LEEWAY_SECONDS: i64 = 30;

impl TokenVerifier {
    pub fn new(keys: Vec<(Option<String>, VerifyingKey)>, issuer: &str, audience: &str) -> Self {
        TokenVerifier {
            keys,
            issuer: issuer.into(),
            audience: audience.into(),
        }
    }

    pub fn keys(&self) -> &[(Option<String>, VerifyingKey)] {
        &self.keys
    }

    /// Keys from a JWKS document (`{"keys":[...]}`) or one JWK.
    pub fn from_jwks(jwks: &str, issuer: &str, audience: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(jwks).map_err(|e| format!("JWT keys are not JSON: {e}"))?;
        let list = match value.get("keys") {
            Some(serde_json::Value::Array(keys)) => keys.clone(),
            _ => vec![value],
        };
        let mut keys = Vec::new();
        for jwk in list {
            let kid = jwk.get("kid").and_then(|k| k.as_str()).map(String::from);
            let key = p256::PublicKey::from_jwk_str(&jwk.to_string())
                .map_err(|e| format!("JWT key is not a P-256 JWK: {e}"))?;
            keys.push((kid, VerifyingKey::from(&key)));
        }
        if keys.is_empty() {
            return Err("no JWT keys configured".into());
        }
        Ok(Self::new(keys, issuer, audience))
    }

    /// Checks the token against the real time `now_unix` (never the dev clock: moving business
    /// time must not make tokens valid or invalid).
    pub fn verify(&self, token: &str, now_unix: i64) -> Result<Claims, AuthError> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(AuthError::Malformed);
        };
        let header: Header = decode_json(h)?;
        if header.alg != "ES256" {
            return Err(AuthError::Algorithm);
        }
        let sig_bytes = B64.decode(s).map_err(|_| AuthError::Malformed)?;
        let signature = Signature::from_slice(&sig_bytes).map_err(|_| AuthError::Signature)?;
        let signed = &token[..h.len() + 1 + p.len()];
        let verified = self
            .keys
            .iter()
            .filter(|(kid, _)| header.kid.is_none() || kid.is_none() || *kid == header.kid)
            .any(|(_, key)| key.verify(signed.as_bytes(), &signature).is_ok());
        if !verified {
            return Err(AuthError::Signature);
        }
        let claims: Claims = decode_json(p)?;
        if claims.iss != self.issuer || !claims.aud.contains(&self.audience) {
            return Err(AuthError::Claims);
        }
        if claims.exp + LEEWAY_SECONDS < now_unix
            || claims
                .nbf
                .is_some_and(|nbf| nbf > now_unix + LEEWAY_SECONDS)
        {
            return Err(AuthError::Expired);
        }
        Ok(claims)
    }
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, AuthError> {
    let bytes = B64.decode(part).map_err(|_| AuthError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| AuthError::Malformed)
}

/// Signs claims as an ES256 JWT (the local runner's dev login; tests).
pub fn issue(key: &SigningKey, kid: Option<&str>, claims: &Claims) -> String {
    let mut header = serde_json::json!({"alg": "ES256", "typ": "JWT"});
    if let Some(kid) = kid {
        header["kid"] = kid.into();
    }
    let signed = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(serde_json::to_vec(claims).unwrap_or_default())
    );
    let signature: Signature = key.sign(signed.as_bytes());
    format!("{signed}.{}", B64.encode(signature.to_bytes()))
}

/// The public JWK of a signing key.
pub fn public_jwk(key: &SigningKey) -> String {
    p256::PublicKey::from(key.verifying_key()).to_jwk_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims {
            sub: "800101300016".into(),
            name: "Админ".into(),
            iss: "iss".into(),
            aud: Audience::One("aud".into()),
            exp,
            nbf: None,
            iat: None,
        }
    }

    fn key() -> SigningKey {
        SigningKey::random(&mut rand_core::OsRng)
    }

    #[test]
    fn a_token_verifies_with_its_key_only() {
        let k = key();
        let v = TokenVerifier::from_jwks(&public_jwk(&k), "iss", "aud").unwrap();
        let t = issue(&k, Some("k1"), &claims(2_000));
        assert_eq!(v.verify(&t, 1_000).unwrap().sub, "800101300016");
        let forged = issue(&key(), Some("k1"), &claims(2_000));
        assert_eq!(v.verify(&forged, 1_000), Err(AuthError::Signature));
    }

    #[test]
    fn expiry_issuer_audience_and_shape_are_checked() {
        let k = key();
        let v = TokenVerifier::from_jwks(&public_jwk(&k), "iss", "aud").unwrap();
        assert_eq!(
            v.verify(&issue(&k, None, &claims(1_000)), 2_000),
            Err(AuthError::Expired)
        );
        let mut c = claims(2_000);
        c.aud = Audience::Many(vec!["other".into()]);
        assert_eq!(
            v.verify(&issue(&k, None, &c), 1_000),
            Err(AuthError::Claims)
        );
        let mut c = claims(2_000);
        c.iss = "evil".into();
        assert_eq!(
            v.verify(&issue(&k, None, &c), 1_000),
            Err(AuthError::Claims)
        );
        assert_eq!(v.verify("a.b", 1_000), Err(AuthError::Malformed));
        assert_eq!(v.verify("", 1_000), Err(AuthError::Malformed));
        let none_alg = format!("{}.{}.", B64.encode(r#"{"alg":"none"}"#), B64.encode("{}"));
        assert_eq!(v.verify(&none_alg, 1_000), Err(AuthError::Algorithm));
    }

    #[test]
    fn tampered_claims_fail() {
        let k = key();
        let v = TokenVerifier::from_jwks(&public_jwk(&k), "iss", "aud").unwrap();
        let t = issue(&k, None, &claims(2_000));
        let parts: Vec<&str> = t.split('.').collect();
        let mut c = claims(2_000);
        c.sub = "061211600012".into();
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            B64.encode(serde_json::to_vec(&c).unwrap()),
            parts[2]
        );
        assert_eq!(v.verify(&tampered, 1_000), Err(AuthError::Signature));
    }
}
