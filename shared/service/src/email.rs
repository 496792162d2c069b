//! The e-mail channel port, beside the SMS one. Deployed, the notify function sends through
//! Amazon SES (its adapter lives there: no other function links the SES client); the local
//! runner keeps every e-mail in a sink shown at `GET /api/dev/email`. Without a configured
//! sender nothing is sent ([`NoEmail`]): e-mail adds to the SMS and in-app notices, never
//! replaces them.

use std::sync::Mutex;

use async_trait::async_trait;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// A file sent with an e-mail.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// One e-mail: plain text (both languages in it), with its attachments.
#[derive(Clone, Debug, PartialEq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub attachments: Vec<Attachment>,
}

#[async_trait]
pub trait EmailChannel: Send + Sync {
    /// Sends one e-mail; an error is worth a retry later (the message is not lost).
    async fn send(&self, email: &Email) -> Result<(), String>;
}

/// No sender configured: nothing is sent.
pub struct NoEmail;

#[async_trait]
impl EmailChannel for NoEmail {
    async fn send(&self, _email: &Email) -> Result<(), String> {
        Ok(())
    }
}

/// An e-mail as the dev sink shows it: attachments with their bytes in base64.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub attachments: Vec<SentAttachment>,
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentAttachment {
    pub filename: String,
    pub content_type: String,
    pub size: usize,
    pub base64: String,
}

/// Keeps every e-mail in memory (local runner, tests).
#[derive(Default)]
pub struct EmailSink {
    sent: Mutex<Vec<SentEmail>>,
}

impl EmailSink {
    pub fn sent(&self) -> Vec<SentEmail> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

#[async_trait]
impl EmailChannel for EmailSink {
    async fn send(&self, email: &Email) -> Result<(), String> {
        let attachments = email
            .attachments
            .iter()
            .map(|a| SentAttachment {
                filename: a.filename.clone(),
                content_type: a.content_type.clone(),
                size: a.bytes.len(),
                base64: base64::engine::general_purpose::STANDARD.encode(&a.bytes),
            })
            .collect();
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(SentEmail {
                to: email.to.clone(),
                subject: email.subject.clone(),
                text: email.text.clone(),
                attachments,
                at: domain::to_almaty(chrono::Utc::now()),
            });
        Ok(())
    }
}
