//! The identity provider's session, as every app of the site keeps it: the sign-in itself is
//! an app of its own (`frontend/signin`, at `/signin/`), which leaves the id token
//! (`state::TOKEN_KEY`) and what refreshing and signing out need in sessionStorage under the
//! keys below. Here: the id token refreshed before it expires (or once on a 401), and the
//! provider's logout. A dev login's session has none of these keys.

use js_sys::{JSON, Reflect};
use wasm_bindgen::JsValue;

use crate::state::{session_load as load, session_save as save};

const REFRESH: &str = "qabyldau.oidc.refresh";
const TOKEN_ENDPOINT: &str = "qabyldau.oidc.token_endpoint";
const CLIENT_ID: &str = "qabyldau.oidc.client_id";
/// The id token's `exp`, Unix seconds.
const EXPIRES: &str = "qabyldau.oidc.expires";
const LOGOUT: &str = "qabyldau.oidc.logout";
/// The sign-in under way (`frontend/signin`'s own), cleared with the rest.
const PENDING: &str = "qabyldau.oidc.pending";

/// Seconds from `now` until the token of expiry `exp` should be refreshed: a minute before,
/// or half its remaining life when shorter (never a busy loop of refreshes); 0 when due.
pub fn refresh_in(exp: i64, now: i64) -> i64 {
    let left = exp - now;
    if left <= 0 {
        return 0;
    }
    left - (left / 2).min(60)
}

/// Seconds until the session's id token should be refreshed; `None` without a refresh token
/// (a dev login's session).
pub fn refresh_due_in() -> Option<i64> {
    load(REFRESH)?;
    let exp = load(EXPIRES)?.parse().ok()?;
    Some(refresh_in(exp, (js_sys::Date::now() / 1000.0) as i64))
}

/// `key` of a JSON object, read by the browser (`JSON.parse`): no deserializer of the token
/// answers in every app's wasm.
fn field(json: &str, key: &str) -> Option<JsValue> {
    let value = JSON::parse(json).ok()?;
    Reflect::get(&value, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The `exp` claim of a JWT (its payload read unverified: the API checks the token; the site
/// only needs to know when to refresh it).
pub fn expiry(jwt: &str) -> Option<i64> {
    let payload = base64url_decode(jwt.split('.').nth(1)?)?;
    Some(field(std::str::from_utf8(&payload).ok()?, "exp")?.as_f64()? as i64)
}

/// The bytes of base64url text (JWT parts: no padding); `None` on any other character.
fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// A new id token for the session's refresh token (a form POST to the provider's token
/// endpoint, a public client: no secret); `None` when there is none or the provider refuses
/// it (the session is over then).
pub async fn refresh() -> Option<String> {
    let (rt, endpoint, client_id) = (load(REFRESH)?, load(TOKEN_ENDPOINT)?, load(CLIENT_ID)?);
    // The browser encodes the form and sets its content type.
    let form = web_sys::UrlSearchParams::new().ok()?;
    form.append("grant_type", "refresh_token");
    form.append("refresh_token", &rt);
    form.append("client_id", &client_id);
    let resp = gloo_net::http::Request::post(&endpoint)
        .body(form)
        .ok()?
        .send()
        .await
        .ok()?;
    if !resp.ok() {
        return None;
    }
    // A new id token, and a new refresh token when the provider rotates them.
    let answer = resp.text().await.ok()?;
    let id = field(&answer, "id_token")?.as_string()?;
    // An id token without a readable expiry is refreshed only on a 401 (no timer on a stale
    // expiry, which would refresh again at once).
    let exp = expiry(&id).map(|e| e.to_string());
    save(EXPIRES, exp.as_deref());
    if let Some(rt) = field(&answer, "refresh_token").and_then(|v| v.as_string()) {
        save(REFRESH, Some(&rt));
    }
    Some(id)
}

/// Forgets the provider's session (the id token itself is the state's to clear).
pub fn clear() {
    for key in [REFRESH, TOKEN_ENDPOINT, CLIENT_ID, EXPIRES, LOGOUT, PENDING] {
        save(key, None);
    }
}

/// Signs out: the app's state and the session cleared, then, for a provider's session, the
/// provider's logout (read before clearing it): a full page load there, which sends the browser
/// back to the site's home. Whether it went there (else the caller shows its home).
pub fn sign_out(app: &crate::state::App) -> bool {
    let target = load(LOGOUT);
    app.dispatch(crate::state::Action::SignOut);
    target
        .and_then(|url| web_sys::window()?.location().assign(&url).ok())
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_refreshed_a_minute_early_or_halfway_when_short() {
        assert_eq!(refresh_in(1000 + 3600, 1000), 3540);
        assert_eq!(refresh_in(1000 + 20, 1000), 10);
        assert_eq!(refresh_in(1000 + 1, 1000), 1);
        assert_eq!(refresh_in(1000, 1000), 0);
        assert_eq!(refresh_in(900, 1000), 0);
    }

    /// `expiry`'s JSON is the browser's (scenario 14 checks the stored expiry); its base64url
    /// is this.
    #[test]
    fn a_jwt_payload_decodes_from_base64url() {
        // {"iss":"https://id","exp":1700000000,"name":"Әлия"}
        let payload = "eyJpc3MiOiJodHRwczovL2lkIiwiZXhwIjoxNzAwMDAwMDAwLCJuYW1lIjoi05jQu9C40Y8ifQ";
        assert_eq!(
            String::from_utf8(base64url_decode(payload).unwrap()).unwrap(),
            r#"{"iss":"https://id","exp":1700000000,"name":"Әлия"}"#
        );
        // base64url's own characters (`-`, `_`) decode; padding or another alphabet does not.
        assert_eq!(base64url_decode("-_-_"), Some(vec![0xfb, 0xff, 0xbf]));
        assert_eq!(base64url_decode("Zm9vYmFy"), Some(b"foobar".to_vec()));
        assert_eq!(base64url_decode("Zm8"), Some(b"fo".to_vec()));
        assert_eq!(base64url_decode("Zm+8"), None);
        assert_eq!(base64url_decode("Zm8="), None);
        // No payload, or not base64url: no expiry (before any JSON is read).
        assert_eq!(expiry("no-dots"), None);
        assert_eq!(expiry("a.%%%.b"), None);
    }
}
