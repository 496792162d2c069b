//! The pure rules of the sign-in: `/config.json`, the provider's discovery and token answers,
//! the authorize address, the token forms, the checks on the way back, where signing out goes,
//! the session left for the site's apps, and where the sign-in may return to. Unit-tested on the
//! host (`cargo test -p signin-site`); `web` does the browser's part.

use serde::Deserialize;
use serde_json::Value;

pub use crate::codec::{base64url, base64url_decode, enc, form, query_param};

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
    /// Cognito's hosted UI logout (`?client_id=&logout_uri=`); without it, the discovery's
    /// `end_session_endpoint` (`?id_token_hint=&post_logout_redirect_uri=`).
    pub logout_url: Option<String>,
}

/// `{"mode": "dev"}` or `{"mode": "oidc", "issuer", "client_id", ...}` read flat (config.json's
/// `name_claim` is the API's: the site names the person from `/api/me`).
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

/// What the sign-in needs of the provider's discovery document.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Endpoints {
    #[serde(rename = "authorization_endpoint")]
    pub authorization: String,
    #[serde(rename = "token_endpoint")]
    pub token: String,
    #[serde(rename = "end_session_endpoint", default)]
    pub end_session: Option<String>,
}

pub fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

pub fn endpoints(discovery: &str) -> Option<Endpoints> {
    serde_json::from_str(discovery).ok()
}

/// The token endpoint's answer: the id token is required (it is the API's bearer token), the
/// refresh token kept when given. The access token is of no use to the site.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Tokens {
    #[serde(rename = "id_token")]
    pub id: String,
    #[serde(rename = "refresh_token", default)]
    pub refresh: Option<String>,
}

pub fn tokens(answer: &str) -> Option<Tokens> {
    serde_json::from_str(answer).ok()
}

/// The address the provider sends the browser back to: this app's page.
pub fn redirect_uri(origin: &str) -> String {
    format!("{origin}/signin/")
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
        with_query(
            self.endpoint,
            &[
                ("response_type", "code"),
                ("client_id", self.client_id),
                ("redirect_uri", self.redirect_uri),
                ("scope", self.scope),
                ("state", self.state),
                ("nonce", self.nonce),
                ("code_challenge", self.challenge),
                ("code_challenge_method", "S256"),
            ],
        )
    }
}

/// `base` with `pairs` added to its query (an endpoint may have a query of its own).
fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{}", form(pairs))
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

/// The claims of a JWT (its payload), unverified: the API checks the signature; the sign-in
/// reads only what it checks against its own request (nonce, audience, issuer) and the IIN.
pub fn claims(jwt: &str) -> Option<Value> {
    let payload = jwt.split('.').nth(1)?;
    serde_json::from_slice(&base64url_decode(payload)?).ok()
}

/// A claim as text (numbers too: some providers keep the IIN as a number).
pub fn claim(claims: &Value, name: &str) -> Option<String> {
    match claims.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Why the sign-in stopped, each with its text key (`frontend/i18n/common.*`).
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
    /// No usable `/config.json`.
    Unconfigured,
}

impl Refusal {
    #[cfg(test)]
    pub const ALL: [Refusal; 5] = [
        Refusal::State,
        Refusal::IdToken,
        Refusal::NoIin,
        Refusal::Provider,
        Refusal::Unconfigured,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Refusal::State => "login_oidc_state",
            Refusal::IdToken => "login_oidc_token",
            Refusal::NoIin => "login_oidc_no_iin",
            Refusal::Provider => "login_oidc_failed",
            Refusal::Unconfigured => "login_unconfigured",
        }
    }
}

/// The id token answers this sign-in: our nonce, our client, the issuer.
pub fn check_id_token(
    claims: &Value,
    nonce: &str,
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
    let nonce_ok = claim(claims, "nonce").as_deref() == Some(nonce);
    if aud_ok && iss_ok && nonce_ok {
        Ok(())
    } else {
        Err(Refusal::IdToken)
    }
}

/// The id token's claim `iin_claim` holds a valid IIN.
pub fn check_iin(claims: &Value, iin_claim: &str) -> Result<(), Refusal> {
    match claim(claims, iin_claim) {
        Some(iin) if domain::Iin::parse(&iin).is_ok() => Ok(()),
        _ => Err(Refusal::NoIin),
    }
}

/// Where signing out sends the browser: Cognito's logout (`logout_url`) or the standard
/// `end_session_endpoint`, both back to the site's home; `None` when the provider has neither.
pub fn logout_target(
    logout_url: Option<&str>,
    end_session: Option<&str>,
    client_id: &str,
    origin: &str,
    id_token: &str,
) -> Option<String> {
    let home = format!("{origin}/");
    if let Some(url) = logout_url {
        return Some(with_query(
            url,
            &[("client_id", client_id), ("logout_uri", &home)],
        ));
    }
    Some(with_query(
        end_session?,
        &[
            ("id_token_hint", id_token),
            ("client_id", client_id),
            ("post_logout_redirect_uri", &home),
        ],
    ))
}

/// Where the sign-in returns to: a path of this site (`/…`, not `//host` nor `/\host`, which
/// browsers read as another origin, nor the sign-in itself); else the home page.
pub fn return_path(wanted: Option<&str>) -> String {
    let signin = |p: &str| p == "/signin" || p.starts_with("/signin/") || p.starts_with("/signin?");
    match wanted {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control)
                && !signin(p) =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

/// The sign-in under way in this tab, kept for the way back: one value a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub return_to: String,
}

impl Pending {
    pub fn encode(&self) -> String {
        [&self.state, &self.nonce, &self.verifier, &self.return_to]
            .map(String::as_str)
            .join("\n")
    }

    pub fn decode(text: &str) -> Option<Pending> {
        let mut lines = text.split('\n');
        let mut next = || lines.next().filter(|l| !l.is_empty()).map(String::from);
        Some(Pending {
            state: next()?,
            nonce: next()?,
            verifier: next()?,
            return_to: return_path(next().as_deref()),
        })
    }
}

/// The session the site's apps read from sessionStorage (`frontend/src/session.rs` names the
/// same keys): the id token, and what refreshing it and signing out need.
pub const TOKEN_KEY: &str = "qabyldau.token";
pub const PENDING_KEY: &str = "qabyldau.oidc.pending";
pub const REFRESH_KEY: &str = "qabyldau.oidc.refresh";
pub const TOKEN_ENDPOINT_KEY: &str = "qabyldau.oidc.token_endpoint";
pub const CLIENT_ID_KEY: &str = "qabyldau.oidc.client_id";
/// The id token's `exp` (Unix seconds): the apps refresh it before then.
pub const EXPIRES_KEY: &str = "qabyldau.oidc.expires";
/// Where «Выйти» sends the browser (see [`logout_target`]).
pub const LOGOUT_KEY: &str = "qabyldau.oidc.logout";

/// The `(key, value)` pairs of a new session; a `None` value is removed (an older session's).
pub fn session_entries(
    tokens: &Tokens,
    claims: &Value,
    ends: &Endpoints,
    config: &OidcConfig,
    origin: &str,
) -> Vec<(&'static str, Option<String>)> {
    vec![
        (TOKEN_KEY, Some(tokens.id.clone())),
        (REFRESH_KEY, tokens.refresh.clone()),
        (TOKEN_ENDPOINT_KEY, Some(ends.token.clone())),
        (CLIENT_ID_KEY, Some(config.client_id.clone())),
        (
            EXPIRES_KEY,
            claims
                .get("exp")
                .and_then(Value::as_i64)
                .map(|e| e.to_string()),
        ),
        (
            LOGOUT_KEY,
            logout_target(
                config.logout_url.as_deref(),
                ends.end_session.as_deref(),
                &config.client_id,
                origin,
                &tokens.id,
            ),
        ),
    ]
}
