//! The sign-in with the deployment's identity provider, at `/signin/`: OpenID Connect's
//! authorization code with PKCE (S256), a public client. An app of its own (a page without
//! Yew) so that the site's other apps carry none of it: they read the session it leaves in
//! sessionStorage, refresh the id token and sign out (`frontend/src/session.rs`).
//!
//! - `/signin/?return=/path`: reads `/config.json` (the dev login's mode goes to `/login`),
//!   the provider's discovery, and sends the browser to its `authorization_endpoint` with a
//!   `state`, a `nonce` and the PKCE challenge, kept in sessionStorage for the way back;
//! - `/signin/?code=&state=` (the provider's way back, `redirect_uri` = this page): checks the
//!   `state`, trades the code, checks the id token (nonce, audience, issuer, the IIN claim),
//!   stores the session and goes to the page the sign-in started from;
//! - `?error=`, or anything refused: says why (ru/kk: `/i18n/common.<lang>`), with a new try.
//!
//! `oidc` holds the pure rules (tested on the host), `codec` the encodings, `web` the browser.

mod codec;
mod oidc;
#[cfg(test)]
mod tests;
mod web;

use oidc::{AuthConfig, PENDING_KEY, Pending, Refusal, SiteConfig, enc, query_param, return_path};

fn main() {
    wasm_bindgen_futures::spawn_local(run());
}

async fn run() {
    let lang = web::lang();
    let q = web::search();
    // Where to go once signed in: `?return=`, or on the way back the sign-in's own.
    let wanted = match query_param(&q, "return") {
        Some(r) => return_path(Some(&r)),
        None => web::load(PENDING_KEY)
            .and_then(|p| Pending::decode(&p))
            .map_or_else(|| "/".to_string(), |p| p.return_to),
    };
    let outcome = match web::site_config().await {
        None => Err(Refusal::Unconfigured),
        Some(SiteConfig {
            auth: AuthConfig::Dev,
        }) => Ok(format!("/login?next={}", enc(&wanted))),
        Some(SiteConfig {
            auth: AuthConfig::Oidc(config),
        }) => match (query_param(&q, "code"), query_param(&q, "state")) {
            (Some(code), Some(state)) => web::complete(&config, &code, &state).await,
            // `?error=access_denied` and the like: the provider said no.
            _ if query_param(&q, "error").is_some() => {
                web::save(PENDING_KEY, None);
                Err(Refusal::Provider)
            }
            _ => web::begin(&config, wanted.clone()).await,
        },
    };
    match outcome {
        Ok(next) => web::go(&next),
        Err(refusal) => {
            let texts = web::texts(lang).await;
            let words = ["login_title", refusal.key(), "login_oidc", "to_home"]
                .map(|key| text(&texts, key).unwrap_or(FALLBACK));
            web::show(words, &format!("/signin/?return={}", enc(&wanted)));
        }
    }
}

/// What the page says when even the texts cannot be fetched.
const FALLBACK: &str = "Не удалось войти. / Кіру мүмкін болмады.";

/// The text of `key` in a catalogue of `key = text` lines (`frontend/src/i18n.rs`'s format).
fn text<'a>(catalogue: &'a str, key: &str) -> Option<&'a str> {
    catalogue.lines().find_map(|line| {
        let (k, v) = line.split_once(" = ")?;
        (k.trim() == key).then(|| v.trim())
    })
}
