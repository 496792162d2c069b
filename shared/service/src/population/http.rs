//! The deployed adapter: the population register's HTTP gateway (`docs/population-register.md`).
//! `GET {url}/children/{iin}` with `Authorization: Bearer {token}`; 200 is the child's record,
//! 404 an unknown child, anything else (or no answer within the timeout) unavailable.

use std::time::Duration;

use async_trait::async_trait;
use domain::Iin;
use domain::population::ChildRecord;
use serde::Deserialize;

use super::{PopulationError, PopulationRegister};

/// The gateway must answer within this: a submission waits for it inside a 10 s Lambda.
const TIMEOUT: Duration = Duration::from_secs(5);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

pub struct HttpPopulationRegister {
    client: crate::outbound::Outbound,
    url: String,
    token: String,
}

/// The gateway's answer: the record, and the child's IIN it is about when the gateway says.
#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    child_iin: Option<String>,
    #[serde(flatten)]
    record: ChildRecord,
}

impl HttpPopulationRegister {
    /// A gateway at `url` (its base: `/children/{iin}` is appended).
    pub fn new(url: &str, token: &str) -> Self {
        Self::with_timeout(url, token, TIMEOUT)
    }

    /// A gateway that must answer within `timeout`.
    pub fn with_timeout(url: &str, token: &str, timeout: Duration) -> Self {
        let client = crate::outbound::Outbound::new("population register", timeout)
            .connect_timeout(CONNECT_TIMEOUT);
        HttpPopulationRegister {
            client,
            url: url.trim().trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    /// The gateway from `POPULATION_REGISTER_URL` / `POPULATION_REGISTER_TOKEN`, or `None`
    /// when no URL is set.
    pub fn from_env() -> Option<Self> {
        match std::env::var("POPULATION_REGISTER_URL") {
            Ok(url) if !url.trim().is_empty() => {
                let token = std::env::var("POPULATION_REGISTER_TOKEN").unwrap_or_default();
                Some(Self::new(&url, &token))
            }
            _ => None,
        }
    }
}

#[async_trait]
impl PopulationRegister for HttpPopulationRegister {
    async fn child(&self, iin: &Iin) -> Result<Option<ChildRecord>, PopulationError> {
        let client = self.client.client().map_err(PopulationError::Unavailable)?;
        let mut request = client
            .get(format!("{}/children/{}", self.url, iin.as_str()))
            .header(reqwest::header::ACCEPT, "application/json");
        if !self.token.is_empty() {
            request = request.bearer_auth(&self.token);
        }
        // The error text names the URL with the IIN: keep it out of the logs.
        let response = request.send().await.map_err(|e| {
            PopulationError::Unavailable(if e.is_timeout() {
                "timed out".into()
            } else {
                "not reachable".into()
            })
        })?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(PopulationError::Unavailable(format!("answered {status}")));
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|_| PopulationError::Unavailable("the answer broke off".into()))?;
        let answer: Answer = serde_json::from_slice(&bytes)
            .map_err(|e| PopulationError::BadAnswer(format!("not a child record: {e}")))?;
        if answer.child_iin.is_some_and(|c| c.trim() != iin.as_str()) {
            return Err(PopulationError::BadAnswer(
                "a record of another child".into(),
            ));
        }
        Ok(Some(answer.record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Relation;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const CHILD: &str = "190315500101";

    /// A one-request HTTP server answering `status` with `body` after `delay`; returns its
    /// base URL and the request it saw.
    async fn gateway(
        status: &str,
        body: &str,
        delay: Duration,
    ) -> (String, tokio::task::JoinHandle<String>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/population/", listener.local_addr().unwrap());
        let reply = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let seen = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // A GET: the head ends the request.
            while !String::from_utf8_lossy(&buf).contains("\r\n\r\n") {
                let n = socket.read(&mut chunk).await.unwrap();
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            tokio::time::sleep(delay).await;
            let _ = socket.write_all(reply.as_bytes()).await;
            String::from_utf8_lossy(&buf).to_string()
        });
        (url, seen)
    }

    fn child() -> Iin {
        Iin::parse(CHILD).unwrap()
    }

    #[tokio::test]
    async fn a_record_with_the_token() {
        let body = r#"{"child_iin":"190315500101","representatives":[{"iin":"880808300004","relation":"father"}],"registered_address_id":"astana-e117-37"}"#;
        let (url, seen) = gateway("200 OK", body, Duration::ZERO).await;
        let register = HttpPopulationRegister::new(&url, "secret");
        let record = register.child(&child()).await.unwrap().unwrap();
        assert_eq!(record.representatives[0].relation, Relation::Father);
        assert_eq!(
            record.registered_address_id.as_deref(),
            Some("astana-e117-37")
        );
        let request = seen.await.unwrap();
        assert!(
            request.starts_with(&format!("GET /population/children/{CHILD} ")),
            "{request}"
        );
        assert!(
            request
                .to_ascii_lowercase()
                .contains("authorization: bearer secret"),
            "{request}"
        );
    }

    #[tokio::test]
    async fn an_unknown_child_is_none() {
        let (url, _seen) = gateway("404 Not Found", "{}", Duration::ZERO).await;
        let register = HttpPopulationRegister::new(&url, "");
        assert_eq!(register.child(&child()).await, Ok(None));
    }

    #[tokio::test]
    async fn failures_are_unavailable_or_bad_answers() {
        let (url, _seen) = gateway("502 Bad Gateway", "{}", Duration::ZERO).await;
        let register = HttpPopulationRegister::new(&url, "");
        assert!(matches!(
            register.child(&child()).await,
            Err(PopulationError::Unavailable(_))
        ));

        let (url, _seen) = gateway("200 OK", "<html>", Duration::ZERO).await;
        let register = HttpPopulationRegister::new(&url, "");
        assert!(matches!(
            register.child(&child()).await,
            Err(PopulationError::BadAnswer(_))
        ));

        let other = r#"{"child_iin":"880808300004","representatives":[]}"#;
        let (url, _seen) = gateway("200 OK", other, Duration::ZERO).await;
        let register = HttpPopulationRegister::new(&url, "");
        assert!(matches!(
            register.child(&child()).await,
            Err(PopulationError::BadAnswer(_))
        ));

        // Nobody listens there.
        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let register = HttpPopulationRegister::new(&url, "");
        assert!(matches!(
            register.child(&child()).await,
            Err(PopulationError::Unavailable(_))
        ));
    }

    #[tokio::test]
    async fn a_slow_gateway_times_out() {
        let timeout = Duration::from_millis(300);
        let (url, _seen) = gateway("200 OK", "{}", Duration::from_secs(3)).await;
        let register = HttpPopulationRegister::with_timeout(&url, "", timeout);
        let started = std::time::Instant::now();
        assert_eq!(
            register.child(&child()).await,
            Err(PopulationError::Unavailable("timed out".into()))
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
