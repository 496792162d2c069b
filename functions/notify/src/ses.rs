//! Amazon SES (v2) as the e-mail channel: each e-mail as one raw MIME message (the text and the
//! PDF attachments), from the verified sender `EMAIL_FROM`. Only this function links the SES
//! client.

use async_trait::async_trait;
use aws_sdk_sesv2::primitives::Blob;
use aws_sdk_sesv2::types::{Destination, EmailContent, RawMessage};
use base64::Engine;
use service::email::{Email, EmailChannel};

pub struct SesEmail {
    client: aws_sdk_sesv2::Client,
    from: String,
}

impl SesEmail {
    /// The channel when `EMAIL_FROM` names a sender; `None` otherwise (no e-mail is sent).
    pub fn from_env(aws: &aws_config::SdkConfig) -> Option<SesEmail> {
        let from = std::env::var("EMAIL_FROM").ok()?.trim().to_string();
        if from.is_empty() {
            return None;
        }
        Some(SesEmail {
            client: aws_sdk_sesv2::Client::new(aws),
            from,
        })
    }
}

#[async_trait]
impl EmailChannel for SesEmail {
    async fn send(&self, email: &Email) -> Result<(), String> {
        let boundary = format!("qabyldau-{}", uuid::Uuid::new_v4().simple());
        let raw = RawMessage::builder()
            .data(Blob::new(mime(&self.from, email, &boundary)))
            .build()
            .map_err(|e| format!("ses message: {e}"))?;
        self.client
            .send_email()
            .from_email_address(&self.from)
            .destination(Destination::builder().to_addresses(&email.to).build())
            .content(EmailContent::builder().raw(raw).build())
            .send()
            .await
            .map_err(|e| format!("ses: {}", aws_sdk_sesv2::error::DisplayErrorContext(&e)))?;
        Ok(())
    }
}

/// A header value on one line: a CR or LF in an address cannot add a header.
fn one_line(s: &str) -> String {
    s.chars().filter(|c| *c != '\r' && *c != '\n').collect()
}

/// Base64 in lines of 76 characters, as MIME wants them.
fn base64_lines(bytes: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    lines.join("\r\n")
}

/// The e-mail as a MIME message: UTF-8 subject (RFC 2047) and text, attachments in base64.
pub fn mime(from: &str, email: &Email, boundary: &str) -> Vec<u8> {
    let subject = base64::engine::general_purpose::STANDARD.encode(email.subject.as_bytes());
    let mut out = format!(
        "From: {}\r\nTo: {}\r\nSubject: =?UTF-8?B?{subject}?=\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n\
         --{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        one_line(from),
        one_line(&email.to),
        base64_lines(email.text.as_bytes()),
    );
    for a in &email.attachments {
        let name = one_line(&a.filename).replace('"', "");
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: {}; name=\"{name}\"\r\n\
             Content-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            one_line(&a.content_type),
            base64_lines(&a.bytes),
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::email::Attachment;

    /// Read back by a MIME parser: the subject and text in Kazakh and Russian, the PDF's bytes.
    #[test]
    fn a_mail_reader_reads_the_message_back() {
        let pdf = b"%PDF-1.7 \x00\x01\x02 binary".repeat(40);
        let email = Email {
            to: "parent@example.kz\r\nBcc: someone@evil.example".into(),
            subject: "Qabyldau: №42 өтініш бойынша шешім / решение по заявлению №42".into(),
            text: "Шешім: Қабылданды.\n\nРешение: Принято.".into(),
            attachments: vec![Attachment {
                filename: "notice-42.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: pdf.clone(),
            }],
        };
        let raw = mime("Qabyldau <no-reply@example.kz>", &email, "b0und");
        let parsed = mailparse::parse_mail(&raw).unwrap();
        let header = |name: &str| {
            parsed
                .headers
                .iter()
                .find(|h| h.get_key().eq_ignore_ascii_case(name))
                .map(|h| h.get_value())
        };
        assert_eq!(header("Subject").as_deref(), Some(email.subject.as_str()));
        // The address's line break did not make a header of its own.
        assert_eq!(header("Bcc"), None);
        assert_eq!(parsed.subparts.len(), 2);
        assert_eq!(parsed.subparts[0].get_body().unwrap(), email.text);
        let attachment = &parsed.subparts[1];
        assert_eq!(attachment.ctype.mimetype, "application/pdf");
        assert_eq!(attachment.get_body_raw().unwrap(), pdf);
        let disposition = attachment.get_content_disposition();
        assert_eq!(
            disposition.params.get("filename").map(String::as_str),
            Some("notice-42.pdf")
        );
    }
}
