//! A provider's keys from its JWKS URL, fetched when first needed and cached by key id. A token
//! naming a key id we do not know makes us fetch the set again (the provider rotated its keys),
//! at most once a minute, so that tokens with made-up key ids cannot make us hammer the
//! provider.

use std::sync::RwLock;
use std::time::{Duration, Instant};

use super::keys::{Alg, Key, candidates, parse_jwks};

/// The least time between two fetches of the set.
pub const REFRESH_INTERVAL: Duration = Duration::from_secs(60);

/// A fetch gives up after this long (the request waiting for it gets 401 at worst).
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest JWK set we read (a real one is a few kilobytes).
const MAX_BYTES: usize = 256 * 1024;

pub struct Jwks {
    url: String,
    client: crate::outbound::Outbound,
    keys: RwLock<Vec<Key>>,
    /// When the set was last fetched (or tried), held while fetching: one fetch at a time.
    last_fetch: tokio::sync::Mutex<Option<Instant>>,
}

impl Jwks {
    pub fn new(url: &str) -> Jwks {
        Jwks {
            url: url.to_string(),
            client: crate::outbound::Outbound::new("JWKS", FETCH_TIMEOUT),
            keys: RwLock::new(Vec::new()),
            last_fetch: tokio::sync::Mutex::new(None),
        }
    }

    /// The keys fetched so far.
    pub fn keys(&self) -> Vec<Key> {
        self.keys.read().map(|k| k.clone()).unwrap_or_default()
    }

    fn knows(&self, kid: Option<&str>, alg: Alg) -> bool {
        self.keys
            .read()
            .is_ok_and(|keys| candidates(&keys, kid, alg).next().is_some())
    }

    /// Makes sure the key a token names is here if the provider has it: fetches the set when
    /// no key fits `kid` and `alg` and the last fetch is at least [`REFRESH_INTERVAL`] before
    /// `now`. A failed fetch keeps the keys we had (and is logged).
    pub async fn ensure(&self, kid: Option<&str>, alg: Alg, now: Instant) {
        if self.knows(kid, alg) {
            return;
        }
        let mut last = self.last_fetch.lock().await;
        // Another request may have fetched it while we waited.
        if self.knows(kid, alg) {
            return;
        }
        if last.is_some_and(|t| now.saturating_duration_since(t) < REFRESH_INTERVAL) {
            return;
        }
        *last = Some(now);
        match self.fetch().await {
            Ok(keys) => {
                tracing::info!(keys = keys.len(), "JWKS fetched");
                if let Ok(mut held) = self.keys.write() {
                    *held = keys;
                }
            }
            Err(e) => tracing::warn!(url = %self.url, error = %e, "JWKS fetch failed"),
        }
    }

    async fn fetch(&self) -> Result<Vec<Key>, String> {
        let resp = self
            .client
            .client()?
            .get(&self.url)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("status {}", resp.status()));
        }
        if resp.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
            return Err("JWK set too large".into());
        }
        let body = resp.bytes().await.map_err(|e| e.to_string())?;
        if body.len() > MAX_BYTES {
            return Err("JWK set too large".into());
        }
        parse_jwks(&String::from_utf8_lossy(&body))
    }
}
