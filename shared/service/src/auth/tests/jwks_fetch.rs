//! Fetching the provider's keys: from a tiny HTTP server in the test whose JWK set changes.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

/// Serves the current `body` at any path and counts the requests.
struct Provider {
    url: String,
    body: Arc<Mutex<String>>,
    hits: Arc<AtomicUsize>,
}

impl Provider {
    async fn start(body: String) -> Provider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/.well-known/jwks.json",
            listener.local_addr().unwrap()
        );
        let body = Arc::new(Mutex::new(body));
        let hits = Arc::new(AtomicUsize::new(0));
        let (b, h) = (body.clone(), hits.clone());
        tokio::spawn(async move {
            while let Ok((mut conn, _)) = listener.accept().await {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                h.fetch_add(1, Ordering::SeqCst);
                let body = b.lock().unwrap().clone();
                let resp = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = conn.write_all(resp.as_bytes()).await;
            }
        });
        Provider { url, body, hits }
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    fn publish(&self, body: String) {
        *self.body.lock().unwrap() = body;
    }
}

#[tokio::test]
async fn keys_are_fetched_when_first_needed_and_cached() {
    let ec = ec_key();
    let provider = Provider::start(set(&[rsa_jwk(&rsa_keys()[0], "r1"), ec_jwk(&ec, "e1")])).await;
    let v = TokenVerifier::from_config(&cognito_config(None, Some(provider.url.clone()))).unwrap();
    assert_eq!(
        provider.hits(),
        0,
        "nothing is fetched before a token comes"
    );
    let rs = rs256(&rsa_keys()[0], Some("r1"), &id_claims());
    assert_eq!(v.verify(&rs, NOW), Err(AuthError::UnknownKey));
    v.prepare(&rs).await;
    assert_eq!(v.verify(&rs, NOW).unwrap().iin.as_str(), IIN);
    let es = es256(&ec, Some("e1"), &id_claims());
    v.prepare(&es).await;
    v.prepare(&rs).await;
    assert_eq!(v.verify(&es, NOW).unwrap().iin.as_str(), IIN);
    assert_eq!(provider.hits(), 1, "known keys come from the cache");
    // A token of an issuer we do not trust fetches nothing.
    let mut other = id_claims();
    other["iss"] = "evil".into();
    v.prepare(&rs256(&rsa_keys()[1], Some("x"), &other)).await;
    assert_eq!(provider.hits(), 1);
}

#[tokio::test]
async fn an_unknown_key_id_refreshes_the_set_at_most_once_a_minute() {
    let provider = Provider::start(set(&[rsa_jwk(&rsa_keys()[0], "r1")])).await;
    let v = TokenVerifier::from_config(&cognito_config(None, Some(provider.url.clone()))).unwrap();
    let t0 = Instant::now();
    let old = rs256(&rsa_keys()[0], Some("r1"), &id_claims());
    v.prepare_at(&old, t0).await;
    assert_eq!(provider.hits(), 1);

    // The provider rotates to a new key; a token of it comes within the minute: no fetch yet.
    provider.publish(set(&[rsa_jwk(&rsa_keys()[1], "r2")]));
    let new = rs256(&rsa_keys()[1], Some("r2"), &id_claims());
    v.prepare_at(&new, t0 + Duration::from_secs(30)).await;
    assert_eq!(provider.hits(), 1);
    assert_eq!(v.verify(&new, NOW), Err(AuthError::UnknownKey));

    // A minute after the last fetch the unknown key id fetches the set again.
    v.prepare_at(&new, t0 + Duration::from_secs(61)).await;
    assert_eq!(provider.hits(), 2);
    assert_eq!(v.verify(&new, NOW).unwrap().iin.as_str(), IIN);
    // The rotated-out key is gone.
    assert_eq!(v.verify(&old, NOW), Err(AuthError::UnknownKey));

    // Made-up key ids: one fetch a minute at most, however many tokens.
    for (i, secs) in [62, 70, 100, 120].into_iter().enumerate() {
        let forged = rs256(&rsa_keys()[1], Some(&format!("forged{i}")), &id_claims());
        v.prepare_at(&forged, t0 + Duration::from_secs(secs)).await;
        assert_eq!(v.verify(&forged, NOW), Err(AuthError::UnknownKey));
    }
    assert_eq!(provider.hits(), 2);
    let forged = rs256(&rsa_keys()[1], Some("forged"), &id_claims());
    v.prepare_at(&forged, t0 + Duration::from_secs(122)).await;
    assert_eq!(provider.hits(), 3);
}

#[tokio::test]
async fn a_provider_that_is_down_keeps_the_keys_we_had() {
    let provider = Provider::start(set(&[rsa_jwk(&rsa_keys()[0], "r1")])).await;
    let v = TokenVerifier::from_config(&cognito_config(None, Some(provider.url.clone()))).unwrap();
    let t0 = Instant::now();
    let t = rs256(&rsa_keys()[0], Some("r1"), &id_claims());
    v.prepare_at(&t, t0).await;
    provider.publish("<html>maintenance</html>".into());
    v.prepare_at(
        &rs256(&rsa_keys()[0], Some("r9"), &id_claims()),
        t0 + Duration::from_secs(61),
    )
    .await;
    assert_eq!(provider.hits(), 2);
    assert_eq!(v.verify(&t, NOW).unwrap().iin.as_str(), IIN);
}
