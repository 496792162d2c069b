//! Sign-in through OpenID Connect: authorization code with PKCE (S256), a public client.
//!
//! `/config.json` names the provider (`issuer`, `client_id`, `scope`, the claims that carry the
//! IIN and the name, Cognito's `logout_url`); the rest comes from the provider's discovery
//! document. The id token is the API's bearer token (the API checks it and reads the IIN from
//! its claim); it, the access and refresh tokens live in sessionStorage only.
//!
//! This module holds the pure rules (addresses, forms, base64url, the checks on the way back,
//! when to refresh), unit-tested on the host; `session` does the browser's part and `login`
//! is the sign-in page's provider half.

mod codec;
pub mod login;
pub mod session;
#[cfg(test)]
mod tests;

pub use codec::{base64url, base64url_decode, enc, form, query_param};
use serde::Deserialize;
use serde_json::Value;

/// How people sign in: the runner's dev login, or the deployment's identity provider.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RawAuth")]
pub enum AuthConfig {
    Dev,
    Oidc(OidcConfig),
}

#[derive(Clone, Debug, PartialEq)]
pub struct OidcConfig {
    pub issuer: String,
    pub client_id: String,
    pub scope: String,
    /// The id token's claim with the person's IIN (Cognito: `custom:iin`).
    pub iin_claim: String,
    pub name_claim: String,
    /// Cognito's hosted UI logout (`?client_id=&logout_uri=`); without it, the discovery's
    /// `end_session_endpoint` (`?id_token_hint=&post_logout_redirect_uri=`).
    pub logout_url: Option<String>,
}

/// `{"mode": "dev"}` or `{"mode": "oidc", "issuer", "client_id", ...}` read flat: an
/// internally tagged enum would bring serde's buffering of content into the wasm (~10 KB).
#[derive(Deserialize)]
struct RawAuth {
    mode: String,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    iin_claim: Option<String>,
    #[serde(default)]
    name_claim: Option<String>,
    #[serde(default)]
    logout_url: Option<String>,
}

impl TryFrom<RawAuth> for AuthConfig {
    type Error = &'static str;

    fn try_from(raw: RawAuth) -> Result<AuthConfig, &'static str> {
        match (raw.mode.as_str(), raw.issuer, raw.client_id) {
            ("dev", _, _) => Ok(AuthConfig::Dev),
            ("oidc", Some(issuer), Some(client_id)) if !issuer.is_empty() => {
                Ok(AuthConfig::Oidc(OidcConfig {
                    issuer,
                    client_id,
                    scope: raw.scope.unwrap_or_else(|| "openid".into()),
                    iin_claim: raw.iin_claim.unwrap_or_else(|| "custom:iin".into()),
                    name_claim: raw.name_claim.unwrap_or_else(|| "name".into()),
                    logout_url: raw.logout_url.filter(|u| !u.is_empty()),
                }))
            }
            _ => Err("auth: mode dev, or oidc with issuer and client_id"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SiteConfig {
    pub auth: AuthConfig,
}

/// The site's `/config.json`; `None` when missing or unreadable.
pub async fn site_config() -> Option<SiteConfig> {
    gloo_net::http::Request::get("/config.json")
        .send()
        .await
        .ok()?
        .json()
        .await
        .ok()
}

/// What the site needs of the provider's discovery document.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoints {
    pub authorization: String,
    pub token: String,
    pub end_session: Option<String>,
}

pub fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

/// The discovery document's endpoints (`serde_json::Value`: no derive of its own in the wasm).
pub fn endpoints(discovery: &str) -> Option<Endpoints> {
    let v: Value = serde_json::from_str(discovery).ok()?;
    Some(Endpoints {
        authorization: str_of(&v, "authorization_endpoint")?,
        token: str_of(&v, "token_endpoint")?,
        end_session: str_of(&v, "end_session_endpoint"),
    })
}

/// The token endpoint's answer: the id token is required, the others kept when given (a
/// refresh answer may leave the refresh token out: the old one stays good).
#[derive(Clone, Debug, PartialEq)]
pub struct Tokens {
    pub id: String,
    pub access: Option<String>,
    pub refresh: Option<String>,
}

pub fn tokens(answer: &str) -> Option<Tokens> {
    let v: Value = serde_json::from_str(answer).ok()?;
    Some(Tokens {
        id: str_of(&v, "id_token")?,
        access: str_of(&v, "access_token"),
        refresh: str_of(&v, "refresh_token"),
    })
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(String::from)
}

/// Where the site sends the person to sign in.
pub struct AuthorizeRequest<'a> {
    pub endpoint: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scope: &'a str,
    pub state: &'a str,
    pub nonce: &'a str,
    pub challenge: &'a str,
}

impl AuthorizeRequest<'_> {
    pub fn url(&self) -> String {
        let sep = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        let query = form(&[
            ("response_type", "code"),
            ("client_id", self.client_id),
            ("redirect_uri", self.redirect_uri),
            ("scope", self.scope),
            ("state", self.state),
            ("nonce", self.nonce),
            ("code_challenge", self.challenge),
            ("code_challenge_method", "S256"),
        ]);
        format!("{}{sep}{query}", self.endpoint)
    }
}

/// The token request that trades the code (a public client: the verifier, no secret).
pub fn code_form(code: &str, verifier: &str, redirect_uri: &str, client_id: &str) -> String {
    form(&[
        ("grant_type", "authorization_code"),
        ("code", code),
        ("code_verifier", verifier),
        ("redirect_uri", redirect_uri),
        ("client_id", client_id),
    ])
}

pub fn refresh_form(refresh_token: &str, client_id: &str) -> String {
    form(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("client_id", client_id),
    ])
}

/// The claims of a JWT (its payload), unverified: the API checks the signature; the site
/// reads only what it shows or checks against its own request (nonce, audience, expiry).
pub fn claims(jwt: &str) -> Option<Value> {
    let payload = jwt.split('.').nth(1)?;
    let text = String::from_utf8(base64url_decode(payload)?).ok()?;
    serde_json::from_str(&text).ok()
}

/// A claim as text (numbers too: some providers keep the IIN as a number).
pub fn claim(claims: &Value, name: &str) -> Option<String> {
    match claims.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Why an answer of the provider is refused, each with its text key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal {
    /// No sign-in of this tab waits (an old or foreign link), or `state` differs.
    State,
    /// The id token is not for this sign-in (nonce, audience or issuer).
    IdToken,
    /// The id token has no valid IIN in the configured claim.
    NoIin,
    /// The provider said no (`?error=`), or its endpoints could not be reached.
    Provider,
}

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::State => "login_oidc_state",
            Refusal::IdToken => "login_oidc_token",
            Refusal::NoIin => "login_oidc_no_iin",
            Refusal::Provider => "login_oidc_failed",
        }
    }
}

/// The id token answers this sign-in: our nonce (when asked with one), our client, the issuer.
pub fn check_id_token(
    claims: &Value,
    nonce: Option<&str>,
    client_id: &str,
    issuer: &str,
) -> Result<(), Refusal> {
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == client_id,
        Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    };
    let iss_ok = claim(claims, "iss")
        .as_deref()
        .map(|i| i.trim_end_matches('/'))
        == Some(issuer.trim_end_matches('/'));
    let nonce_ok = nonce.is_none_or(|n| claim(claims, "nonce").as_deref() == Some(n));
    if aud_ok && iss_ok && nonce_ok {
        Ok(())
    } else {
        Err(Refusal::IdToken)
    }
}

/// Seconds from `now` until the token of expiry `exp` should be refreshed: a minute before,
/// or half its remaining life when shorter (never a busy loop of refreshes); 0 when due.
pub fn refresh_in(exp: i64, now: i64) -> i64 {
    let left = exp - now;
    if left <= 0 {
        return 0;
    }
    left - (left / 2).min(60)
}

/// Where signing out sends the browser: Cognito's logout (`logout_url`) or the standard
/// `end_session_endpoint`, both back to the site's home; `None` when the provider has neither.
pub fn logout_target(
    logout_url: Option<&str>,
    end_session: Option<&str>,
    client_id: &str,
    origin: &str,
    id_token: Option<&str>,
) -> Option<String> {
    let home = format!("{origin}/");
    let with = |base: &str, pairs: &[(&str, &str)]| {
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}{}", form(pairs))
    };
    if let Some(url) = logout_url {
        return Some(with(
            url,
            &[("client_id", client_id), ("logout_uri", &home)],
        ));
    }
    let url = end_session?;
    let mut pairs = vec![
        ("client_id", client_id),
        ("post_logout_redirect_uri", &home[..]),
    ];
    if let Some(t) = id_token {
        pairs.insert(0, ("id_token_hint", t));
    }
    Some(with(url, &pairs))
}
