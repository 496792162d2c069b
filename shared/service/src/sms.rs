//! The SMS channel port: an HTTP SMS gateway when deployed, a sink the local runner shows at
//! `GET /api/dev/sms`.

use std::sync::Mutex;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

#[async_trait]
pub trait SmsChannel: Send + Sync {
    /// Sends one SMS; an error is worth a retry later (the message is not lost).
    async fn send(&self, to: &str, text: &str) -> Result<(), String>;
}

/// One SMS the sink "sent".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sms {
    pub to: String,
    pub text: String,
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

/// Keeps every SMS in memory (local runner, tests).
#[derive(Default)]
pub struct SmsSink {
    sent: Mutex<Vec<Sms>>,
}

impl SmsSink {
    pub fn sent(&self) -> Vec<Sms> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

#[async_trait]
impl SmsChannel for SmsSink {
    async fn send(&self, to: &str, text: &str) -> Result<(), String> {
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Sms {
                to: to.to_string(),
                text: text.to_string(),
                at: domain::to_almaty(chrono::Utc::now()),
            });
        Ok(())
    }
}

/// An HTTP SMS gateway: `POST {url}` with `{"to","text"}` as JSON and
/// `Authorization: Bearer {token}`; any 2xx is sent, anything else is an error (the notify
/// consumer retries the message later).
pub struct HttpSmsGateway {
    client: crate::outbound::Outbound,
    url: String,
    token: String,
}

impl HttpSmsGateway {
    pub fn new(url: &str, token: &str) -> Self {
        let timeout = std::time::Duration::from_secs(10);
        HttpSmsGateway {
            client: crate::outbound::Outbound::new("sms gateway", timeout),
            url: url.to_string(),
            token: token.to_string(),
        }
    }

    /// The gateway from `SMS_GATEWAY_URL` / `SMS_GATEWAY_TOKEN`, or `None` when no URL is set.
    pub fn from_env() -> Option<Self> {
        match std::env::var("SMS_GATEWAY_URL") {
            Ok(url) if !url.trim().is_empty() => {
                let token = std::env::var("SMS_GATEWAY_TOKEN").unwrap_or_default();
                Some(Self::new(url.trim(), &token))
            }
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct GatewayRequest<'a> {
    to: &'a str,
    text: &'a str,
}

#[async_trait]
impl SmsChannel for HttpSmsGateway {
    async fn send(&self, to: &str, text: &str) -> Result<(), String> {
        let mut request = self
            .client
            .client()?
            .post(&self.url)
            .json(&GatewayRequest { to, text });
        if !self.token.is_empty() {
            request = request.bearer_auth(&self.token);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("sms gateway: {e}"))?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("sms gateway answered {status}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A one-request HTTP server answering `status`; returns its URL and the request it saw.
    async fn gateway(status: &str) -> (String, tokio::task::JoinHandle<String>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/send", listener.local_addr().unwrap());
        let status = status.to_string();
        let seen = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // Read the head and the JSON body (small: one or two reads).
            loop {
                let n = socket.read(&mut chunk).await.unwrap();
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf);
                if n == 0 || (text.contains("\r\n\r\n") && text.trim_end().ends_with('}')) {
                    break;
                }
            }
            let reply =
                format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            socket.write_all(reply.as_bytes()).await.unwrap();
            String::from_utf8_lossy(&buf).to_string()
        });
        (url, seen)
    }

    #[tokio::test]
    async fn the_gateway_gets_json_and_the_token() {
        let (url, seen) = gateway("200 OK").await;
        let g = HttpSmsGateway::new(&url, "secret");
        g.send("+77011234567", "Сәлем / Привет").await.unwrap();
        let request = seen.await.unwrap();
        assert!(request.starts_with("POST /send"), "{request}");
        assert!(
            request
                .to_ascii_lowercase()
                .contains("authorization: bearer secret"),
            "{request}"
        );
        assert!(request.contains(r#""to":"+77011234567""#), "{request}");
        assert!(request.contains("Сәлем / Привет"), "{request}");
    }

    #[tokio::test]
    async fn a_gateway_error_is_an_error() {
        let (url, _seen) = gateway("503 Service Unavailable").await;
        let g = HttpSmsGateway::new(&url, "");
        assert!(g.send("+77011234567", "x").await.is_err());
    }
}
