//! The browser's half of the OpenID Connect sign-in: random values and SHA-256 from
//! `crypto` (no hashing or base64 crates in the wasm), the provider's endpoints, and the
//! session's tokens in sessionStorage (gone with the tab; never in localStorage).
//!
//! The id token itself is the state's token (`state::TOKEN_KEY`); here are what refreshing
//! and signing out need besides it.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;

use super::{
    AuthorizeRequest, Endpoints, OidcConfig, Refusal, Tokens, base64url, check_id_token, claim,
    claims, code_form, discovery_url, endpoints, logout_target, refresh_form, refresh_in, tokens,
};
use crate::state::{session_load as load, session_save as save};

/// The sign-in under way in this tab: `state`, `nonce`, the PKCE verifier and the page to
/// return to, one a line.
const PENDING: &str = "qabyldau.oidc.pending";
const REFRESH: &str = "qabyldau.oidc.refresh";
const ACCESS: &str = "qabyldau.oidc.access";
const TOKEN_ENDPOINT: &str = "qabyldau.oidc.token_endpoint";
const CLIENT_ID: &str = "qabyldau.oidc.client_id";
const ISSUER: &str = "qabyldau.oidc.issuer";
const LOGOUT: &str = "qabyldau.oidc.logout_url";
const END_SESSION: &str = "qabyldau.oidc.end_session";
const KEYS: [&str; 8] = [
    PENDING,
    REFRESH,
    ACCESS,
    TOKEN_ENDPOINT,
    CLIENT_ID,
    ISSUER,
    LOGOUT,
    END_SESSION,
];

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The callback route: the sign-in page reads `?code=&state=` there.
pub fn redirect_uri() -> String {
    format!("{}/login", origin())
}

fn random(n: usize) -> Option<String> {
    let mut bytes = vec![0u8; n];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(base64url(&bytes))
}

/// base64url(SHA-256(`text`)): the S256 code challenge.
async fn challenge(text: &str) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", text.as_bytes())
        .ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    Some(base64url(&Uint8Array::new(&digest).to_vec()))
}

async fn discover(issuer: &str) -> Option<Endpoints> {
    let resp = gloo_net::http::Request::get(&discovery_url(issuer))
        .send()
        .await
        .ok()?;
    endpoints(&resp.text().await.ok()?)
}

/// A token request (form-encoded POST); the answer's tokens when the provider gave them.
async fn token_request(endpoint: &str, form: String) -> Option<Tokens> {
    let resp = gloo_net::http::Request::post(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form)
        .ok()?
        .send()
        .await
        .ok()?;
    if !resp.ok() {
        return None;
    }
    tokens(&resp.text().await.ok()?)
}

/// Sends the browser to the provider's sign-in page, with this tab's `state`, `nonce` and
/// PKCE challenge kept for the way back.
pub async fn begin(config: &OidcConfig, next: Option<String>) -> Result<(), Refusal> {
    let ends = discover(&config.issuer).await.ok_or(Refusal::Provider)?;
    let (Some(state), Some(nonce), Some(verifier)) = (random(16), random(16), random(32)) else {
        return Err(Refusal::Provider);
    };
    let challenge = challenge(&verifier).await.ok_or(Refusal::Provider)?;
    let pending = [&state, &nonce, &verifier, next.as_deref().unwrap_or("")].join("\n");
    save(PENDING, Some(&pending));
    let url = AuthorizeRequest {
        endpoint: &ends.authorization,
        client_id: &config.client_id,
        redirect_uri: &redirect_uri(),
        scope: &config.scope,
        state: &state,
        nonce: &nonce,
        challenge: &challenge,
    }
    .url();
    web_sys::window()
        .and_then(|w| w.location().assign(&url).ok())
        .ok_or(Refusal::Provider)
}

/// The way back (`?code=&state=`): checks `state`, trades the code with the verifier, checks
/// the id token (nonce, audience, issuer, an IIN in the configured claim) and keeps the
/// session. Returns the id token and the page the sign-in started from.
pub async fn complete(
    config: &OidcConfig,
    code: &str,
    state: &str,
) -> Result<(String, Option<String>), Refusal> {
    // Used once: a reload of the callback page or a replayed link finds nothing waiting.
    let pending = load(PENDING).ok_or(Refusal::State)?;
    save(PENDING, None);
    let mut lines = pending.split('\n');
    let (Some(expected), Some(nonce), Some(verifier), next) =
        (lines.next(), lines.next(), lines.next(), lines.next())
    else {
        return Err(Refusal::State);
    };
    if expected != state {
        return Err(Refusal::State);
    }
    let ends = discover(&config.issuer).await.ok_or(Refusal::Provider)?;
    let form = code_form(code, verifier, &redirect_uri(), &config.client_id);
    let t = token_request(&ends.token, form)
        .await
        .ok_or(Refusal::Provider)?;
    let c = claims(&t.id).ok_or(Refusal::IdToken)?;
    check_id_token(&c, Some(nonce), &config.client_id, &config.issuer)?;
    if claim(&c, &config.iin_claim).is_none_or(|iin| domain::Iin::parse(&iin).is_err()) {
        return Err(Refusal::NoIin);
    }
    save(TOKEN_ENDPOINT, Some(&ends.token));
    save(CLIENT_ID, Some(&config.client_id));
    save(ISSUER, Some(&config.issuer));
    save(LOGOUT, config.logout_url.as_deref());
    save(END_SESSION, ends.end_session.as_deref());
    keep(&t);
    Ok((t.id, next.filter(|n| !n.is_empty()).map(String::from)))
}

fn keep(t: &Tokens) {
    if t.access.is_some() {
        save(ACCESS, t.access.as_deref());
    }
    if t.refresh.is_some() {
        save(REFRESH, t.refresh.as_deref());
    }
}

/// Seconds until `id_token` should be refreshed; `None` when the session has no refresh token
/// (the dev login's).
pub fn refresh_due_in(id_token: &str) -> Option<i64> {
    load(REFRESH)?;
    let exp = claims(id_token)?.get("exp")?.as_i64()?;
    Some(refresh_in(exp, (js_sys::Date::now() / 1000.0) as i64))
}

/// A new id token for the session's refresh token; `None` when there is none or the provider
/// refuses it (the session is over then).
pub async fn refresh() -> Option<String> {
    let (rt, endpoint, client_id) = (load(REFRESH)?, load(TOKEN_ENDPOINT)?, load(CLIENT_ID)?);
    let t = token_request(&endpoint, refresh_form(&rt, &client_id)).await?;
    check_id_token(&claims(&t.id)?, None, &client_id, &load(ISSUER)?).ok()?;
    keep(&t);
    Some(t.id)
}

/// Forgets the provider's session (its tokens and any sign-in under way).
pub fn clear() {
    for key in KEYS {
        save(key, None);
    }
}

/// Where signing out of this session goes at the provider (read before [`clear`]); `None` for
/// a dev session or a provider without a logout.
pub fn logout(id_token: Option<&str>) -> Option<String> {
    let client_id = load(CLIENT_ID)?;
    logout_target(
        load(LOGOUT).as_deref(),
        load(END_SESSION).as_deref(),
        &client_id,
        &origin(),
        id_token,
    )
}

/// Signs out at the provider after the site's state is cleared: a full page load there (it
/// sends the browser back to the site's home). Whether it went.
pub fn leave(target: Option<String>) -> bool {
    target
        .and_then(|url| web_sys::window()?.location().assign(&url).ok())
        .is_some()
}
