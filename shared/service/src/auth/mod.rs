//! Sign-in tokens: every function verifies the bearer token itself (signature, issuer,
//! audience, expiry, token use), so the same handler runs behind API Gateway and in the local
//! runner. A token is RS256 or ES256, signed by a key of its issuer's JWK set (fetched from the
//! provider's JWKS URL, see [`jwks`]) or of a static set; the person's IIN is in a configured
//! claim (`custom:iin` for Cognito) and becomes a [`domain::Iin`] here, at the edge. The dev
//! login of the local runner issues ES256 tokens with [`issue`].

pub mod jwks;
pub mod keys;
#[cfg(test)]
mod tests;
mod verified;

use std::sync::Arc;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use domain::Iin;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use self::jwks::Jwks;
use self::keys::{Alg, Key, candidates, parse_jwks};
use self::verified::{Verified, Window};

/// The claims of the runner's dev tokens (and of tests' tokens): the IIN in `sub`.
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

/// Who a valid token names.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    pub iin: Iin,
    /// Empty when the token has no name.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthError {
    #[error("malformed token")]
    Malformed,
    #[error("unsupported algorithm")]
    Algorithm,
    #[error("issuer not trusted")]
    Issuer,
    #[error("no key with the token's key id")]
    UnknownKey,
    #[error("bad signature")]
    Signature,
    #[error("wrong audience")]
    Audience,
    #[error("wrong token use")]
    TokenUse,
    #[error("expired or not yet valid")]
    Expired,
    #[error("the IIN claim is missing or not an IIN")]
    Iin,
}

/// Tokens may be this many seconds past `exp` or before `nbf` (clock skew between issuer and us).
const LEEWAY_SECONDS: i64 = 30;

/// One trusted issuer: what its tokens must say and where its keys come from (the SAM
/// template's `JWT_*` variables).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JwtConfig {
    /// `JWT_ISSUER`: the tokens' `iss`, exactly.
    pub issuer: String,
    /// `JWT_AUDIENCE`: the app client id, in `aud` (id tokens) or `client_id` (Cognito access
    /// tokens, which have no `aud`).
    pub audience: String,
    /// `JWT_JWKS_URL`: the provider's JWK set.
    pub jwks_url: Option<String>,
    /// `JWT_PUBLIC_KEYS`: a static JWK set (tests, a provider without a JWKS URL).
    pub static_keys: Option<String>,
    /// `JWT_IIN_CLAIM` (default `custom:iin`): the claim holding the IIN.
    pub iin_claim: String,
    /// `JWT_NAME_CLAIM` (default `name`): the claim holding the full name (may be absent).
    pub name_claim: String,
    /// `JWT_TOKEN_USE` (`id` for Cognito): the `token_use` tokens must have; none when empty.
    pub token_use: Option<String>,
}

impl JwtConfig {
    /// From the environment; `None` when no `JWT_*` variable is set.
    pub fn from_env() -> Result<Option<JwtConfig>, String> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// From named variables (empty counts as unset).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Option<JwtConfig>, String> {
        let var = |name: &str| {
            var(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let (issuer, audience) = (var("JWT_ISSUER"), var("JWT_AUDIENCE"));
        let (jwks_url, static_keys) = (var("JWT_JWKS_URL"), var("JWT_PUBLIC_KEYS"));
        if issuer.is_none() && audience.is_none() && jwks_url.is_none() && static_keys.is_none() {
            return Ok(None);
        }
        let issuer = issuer.ok_or("JWT_ISSUER is not set")?;
        let audience = audience.ok_or("JWT_AUDIENCE is not set")?;
        if jwks_url.is_none() && static_keys.is_none() {
            return Err("JWT_JWKS_URL is not set".into());
        }
        Ok(Some(JwtConfig {
            issuer,
            audience,
            jwks_url,
            static_keys,
            iin_claim: var("JWT_IIN_CLAIM").unwrap_or_else(|| "custom:iin".into()),
            name_claim: var("JWT_NAME_CLAIM").unwrap_or_else(|| "name".into()),
            token_use: var("JWT_TOKEN_USE"),
        }))
    }

    /// An issuer whose tokens are signed by `static_keys` and carry the IIN in `sub`, like
    /// [`issue`]'s (the runner's dev login, tests).
    pub fn with_static_keys(static_keys: &str, issuer: &str, audience: &str) -> JwtConfig {
        JwtConfig {
            issuer: issuer.into(),
            audience: audience.into(),
            jwks_url: None,
            static_keys: Some(static_keys.into()),
            iin_claim: "sub".into(),
            name_claim: "name".into(),
            token_use: None,
        }
    }
}

struct Issuer {
    config: JwtConfig,
    static_keys: Vec<Key>,
    jwks: Option<Jwks>,
}

/// The trusted issuers; a token is checked against the one its `iss` names.
#[derive(Clone, Default)]
pub struct TokenVerifier {
    issuers: Vec<Arc<Issuer>>,
    verified: Arc<Verified>,
}

impl TokenVerifier {
    pub fn from_config(config: &JwtConfig) -> Result<Self, String> {
        let static_keys = match &config.static_keys {
            Some(doc) => {
                let keys = parse_jwks(doc).map_err(|e| format!("JWT_PUBLIC_KEYS: {e}"))?;
                if keys.is_empty() {
                    return Err("JWT_PUBLIC_KEYS: no RS256 or ES256 signing key".into());
                }
                keys
            }
            None => Vec::new(),
        };
        let jwks = config.jwks_url.as_deref().map(Jwks::new);
        Ok(TokenVerifier {
            issuers: vec![Arc::new(Issuer {
                config: config.clone(),
                static_keys,
                jwks,
            })],
            verified: Arc::default(),
        })
    }

    /// Static keys, IIN in `sub` (see [`JwtConfig::with_static_keys`]).
    pub fn with_static_keys(jwks: &str, issuer: &str, audience: &str) -> Result<Self, String> {
        Self::from_config(&JwtConfig::with_static_keys(jwks, issuer, audience))
    }

    /// Trusts the issuers of both.
    pub fn and(mut self, other: TokenVerifier) -> TokenVerifier {
        self.issuers.extend(other.issuers);
        self
    }

    /// The issuers trusted, in order.
    pub fn issuers(&self) -> Vec<&str> {
        self.issuers
            .iter()
            .map(|i| i.config.issuer.as_str())
            .collect()
    }

    /// Fetches the keys the token's issuer publishes when the key the token names is not here
    /// yet (see [`jwks`]); call before [`TokenVerifier::verify`]. Never fails: a token that
    /// still has no key fails `verify`.
    pub async fn prepare(&self, token: &str) {
        self.prepare_at(token, Instant::now()).await
    }

    pub(crate) async fn prepare_at(&self, token: &str, now: Instant) {
        let Ok(parsed) = Parsed::split(token) else {
            return;
        };
        if let Some(issuer) = self.issuer(&parsed.payload)
            && let Some(jwks) = &issuer.jwks
        {
            jwks.ensure(parsed.kid.as_deref(), parsed.alg, now).await;
        }
    }

    fn issuer(&self, payload: &Map<String, Value>) -> Option<&Issuer> {
        let iss = payload.get("iss")?.as_str()?;
        self.issuers
            .iter()
            .find(|i| i.config.issuer == iss)
            .map(Arc::as_ref)
    }

    /// Checks the token against the real time `now_unix` (never the dev clock: moving business
    /// time must not make tokens valid or invalid) and names the person.
    /// A token verified before is not verified again until it expires ([`verified`]).
    pub fn verify(&self, token: &str, now_unix: i64) -> Result<Identity, AuthError> {
        if let Some(identity) = self.verified.get(token, now_unix, LEEWAY_SECONDS) {
            return Ok(identity);
        }
        let parsed = Parsed::split(token)?;
        let issuer = self.issuer(&parsed.payload).ok_or(AuthError::Issuer)?;
        issuer.check_signature(&parsed)?;
        let (identity, window) = issuer.check_claims(&parsed.payload, now_unix)?;
        self.verified
            .insert(token, &identity, window, now_unix, LEEWAY_SECONDS);
        Ok(identity)
    }
}

/// A token taken apart (nothing verified yet).
struct Parsed<'a> {
    alg: Alg,
    kid: Option<String>,
    payload: Map<String, Value>,
    signed: &'a str,
    signature: Vec<u8>,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    /// Extensions the token says must be understood: we understand none.
    #[serde(default)]
    crit: Option<Value>,
}

impl<'a> Parsed<'a> {
    fn split(token: &'a str) -> Result<Parsed<'a>, AuthError> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(AuthError::Malformed);
        };
        let header: Header = decode_json(h)?;
        let alg = Alg::parse(&header.alg).ok_or(AuthError::Algorithm)?;
        if header.crit.is_some() {
            return Err(AuthError::Algorithm);
        }
        Ok(Parsed {
            alg,
            kid: header.kid,
            payload: decode_json(p)?,
            signed: &token[..h.len() + 1 + p.len()],
            signature: B64.decode(s).map_err(|_| AuthError::Malformed)?,
        })
    }
}

impl Issuer {
    fn check_signature(&self, t: &Parsed) -> Result<(), AuthError> {
        let fetched = self.jwks.as_ref().map(Jwks::keys).unwrap_or_default();
        let mut tried = false;
        for key in [self.static_keys.as_slice(), fetched.as_slice()]
            .into_iter()
            .flat_map(|keys| candidates(keys, t.kid.as_deref(), t.alg))
        {
            tried = true;
            if key.key.verifies(t.signed.as_bytes(), &t.signature) {
                return Ok(());
            }
        }
        Err(if tried {
            AuthError::Signature
        } else {
            AuthError::UnknownKey
        })
    }

    fn check_claims(
        &self,
        claims: &Map<String, Value>,
        now: i64,
    ) -> Result<(Identity, Window), AuthError> {
        let c = &self.config;
        let text = |name: &str| claims.get(name).and_then(Value::as_str);
        let audience_ok = match claims.get("aud") {
            Some(Value::String(aud)) => *aud == c.audience,
            Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(&c.audience)),
            Some(_) => false,
            // Cognito's access tokens name the client in `client_id` instead.
            None => text("client_id") == Some(c.audience.as_str()),
        };
        if !audience_ok {
            return Err(AuthError::Audience);
        }
        if let Some(token_use) = &c.token_use
            && text("token_use") != Some(token_use.as_str())
        {
            return Err(AuthError::TokenUse);
        }
        let time = |name: &str| {
            claims
                .get(name)
                .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
        };
        let window = Window {
            nbf: time("nbf"),
            exp: time("exp").ok_or(AuthError::Expired)?,
        };
        if !window.holds(now, LEEWAY_SECONDS) {
            return Err(AuthError::Expired);
        }
        let iin = text(&c.iin_claim)
            .and_then(|v| Iin::parse(v).ok())
            .ok_or(AuthError::Iin)?;
        let identity = Identity {
            iin,
            name: text(&c.name_claim).unwrap_or_default().to_string(),
        };
        Ok((identity, window))
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
