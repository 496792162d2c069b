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
