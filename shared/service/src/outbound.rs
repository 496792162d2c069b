//! HTTPS clients to the outside: the identity provider's keys, the population register, the SMS
//! gateway. Each is built on its first request, not when the function starts: building one reads
//! and parses the platform's CA bundle (some 150 roots), which is most of a cold start beyond a
//! bare runtime's (README «Cold start»), and many invocations never call out (a request without
//! a token, a notice without a phone number, a known key id).

use std::sync::OnceLock;
use std::time::Duration;

pub struct Outbound {
    /// What the client is for, in its errors ("JWKS", "sms gateway").
    name: &'static str,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    client: OnceLock<Result<reqwest::Client, String>>,
}

impl Outbound {
    /// A client whose requests give up after `timeout`.
    pub fn new(name: &'static str, timeout: Duration) -> Outbound {
        Outbound {
            name,
            timeout,
            connect_timeout: None,
            client: OnceLock::new(),
        }
    }

    /// Gives up connecting after `connect` (at most the whole timeout).
    pub fn connect_timeout(mut self, connect: Duration) -> Outbound {
        self.connect_timeout = Some(connect.min(self.timeout));
        self
    }

    /// The client, built on the first call (a failure to build is kept and reported each time:
    /// it is the platform's TLS set-up, which does not heal by trying again).
    pub fn client(&self) -> Result<&reqwest::Client, String> {
        self.client
            .get_or_init(|| {
                cloud::install_tls();
                let mut builder = reqwest::Client::builder().timeout(self.timeout);
                if let Some(connect) = self.connect_timeout {
                    builder = builder.connect_timeout(connect);
                }
                builder
                    .build()
                    .map_err(|e| format!("{} client: {e}", self.name))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Whether the client has been built (nothing is built before the first call).
    #[cfg(test)]
    fn is_built(&self) -> bool {
        self.client.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_built_on_first_use_and_once() {
        let out =
            Outbound::new("test", Duration::from_secs(2)).connect_timeout(Duration::from_secs(5));
        assert!(!out.is_built());
        assert_eq!(out.connect_timeout, Some(Duration::from_secs(2)));
        let first = out.client().expect("builds") as *const reqwest::Client;
        assert!(out.is_built());
        let second = out.client().expect("builds") as *const reqwest::Client;
        assert_eq!(first, second);
    }
}
