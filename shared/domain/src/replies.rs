//! Response templates and messages to an applicant (seed 003 «Шаблоны ответов», «Отправка
//! сообщения»): school staff keep templates (a title and the text in Russian and/or Kazakh),
//! pick one on an application's card («Выбрать ответ из шаблонов»), edit it and send it. The
//! message reaches the applicant as an in-app notice and an SMS, and stays in the history.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::api::Text;
use crate::{DomainError, ErrorCode, MsgLang};

/// The longest template title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// The longest text in one language, in characters (a few SMS parts; the notice has it whole).
pub const MAX_TEXT_CHARS: usize = 1000;
/// The most templates an organisation keeps (a list to choose from, not an archive).
pub const MAX_TEMPLATES: usize = 100;

/// Words in Russian and/or Kazakh: at least one of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Wording {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
}

impl Wording {
    /// Trimmed, blank languages dropped; an error names the field (`text.ru`, `text.kk`, or
    /// `text` when both are blank).
    pub fn validate(self) -> Result<Wording, DomainError> {
        let clean = |s: Option<String>, field: &str| -> Result<Option<String>, DomainError> {
            let s = s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            match s {
                Some(s) if s.chars().count() > MAX_TEXT_CHARS => {
                    Err(DomainError::new(ErrorCode::ValidationFailed).field(field))
                }
                s => Ok(s),
            }
        };
        let w = Wording {
            ru: clean(self.ru, "text.ru")?,
            kk: clean(self.kk, "text.kk")?,
        };
        if w.ru.is_none() && w.kk.is_none() {
            return Err(DomainError::new(ErrorCode::TextRequired).field("text"));
        }
        Ok(w)
    }

    /// The text in `lang`, or in the other language when this one was not written.
    pub fn get(&self, lang: MsgLang) -> &str {
        let (first, second) = match lang {
            MsgLang::Ru => (&self.ru, &self.kk),
            MsgLang::Kk => (&self.kk, &self.ru),
        };
        first.as_deref().or(second.as_deref()).unwrap_or_default()
    }

    /// What the history keeps: each language written, Kazakh first (as the SMS).
    pub fn history(&self) -> String {
        [&self.kk, &self.ru]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// A template as staff write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateInput {
    pub title: String,
    pub text: Wording,
}

impl TemplateInput {
    pub fn validate(self) -> Result<TemplateInput, DomainError> {
        let title = self.title.trim().to_string();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("title"));
        }
        Ok(TemplateInput {
            title,
            text: self.text.validate()?,
        })
    }
}

/// A template of an organisation, as stored and listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplyTemplate {
    pub id: String,
    pub title: String,
    pub text: Wording,
    pub updated_at: DateTime<FixedOffset>,
}

/// `POST /api/orgs/{org}/applications/{id}/messages`: the text as edited, and the id the
/// client made for this message, so that a retried request sends it once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendMessage {
    pub message_id: String,
    pub text: Wording,
}

impl SendMessage {
    pub fn validate(self) -> Result<SendMessage, DomainError> {
        if !crate::api::is_client_id(&self.message_id) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("message_id"));
        }
        Ok(SendMessage {
            message_id: self.message_id,
            text: self.text.validate()?,
        })
    }
}

/// A message sent to an applicant, as `POST …/messages` answers (again for a retry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentMessage {
    pub message_id: String,
    pub application_id: String,
    pub at: DateTime<FixedOffset>,
    pub text: Wording,
}

/// The in-app notice of a message: who writes and about which application, in both languages.
pub fn notice_text(w: &Wording, number: u64, org: &Text) -> Text {
    Text {
        ru: format!(
            "Сообщение по заявлению №{number} от «{}»: {}",
            org.ru,
            w.get(MsgLang::Ru)
        ),
        kk: format!(
            "№{number} өтініш бойынша «{}» хабарламасы: {}",
            org.kk,
            w.get(MsgLang::Kk)
        ),
    }
}

/// The SMS of a message: Kazakh first, then Russian, as every SMS of the service.
pub fn sms(w: &Wording, number: u64) -> String {
    let body = match (&w.kk, &w.ru) {
        (Some(kk), Some(ru)) => format!("{kk} / {ru}"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => String::new(),
    };
    format!("Qabyldau, №{number}: {body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wording(ru: Option<&str>, kk: Option<&str>) -> Wording {
        Wording {
            ru: ru.map(str::to_string),
            kk: kk.map(str::to_string),
        }
    }

    #[test]
    fn one_language_is_enough_and_blank_ones_are_dropped() {
        let w = wording(Some("  Принесите справку  "), Some("   "))
            .validate()
            .unwrap();
        assert_eq!(w, wording(Some("Принесите справку"), None));
        // The missing language reads the written one.
        assert_eq!(w.get(MsgLang::Kk), "Принесите справку");
        let e = wording(Some(" "), None).validate().unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::TextRequired, Some("text"))
        );
    }

    #[test]
    fn a_too_long_text_names_its_language() {
        let long = "ә".repeat(MAX_TEXT_CHARS + 1);
        let e = wording(Some("ok"), Some(&long)).validate().unwrap_err();
        assert_eq!(e.field.as_deref(), Some("text.kk"));
        assert!(
            wording(None, Some(&"ә".repeat(MAX_TEXT_CHARS)))
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn a_template_needs_a_title() {
        let t = TemplateInput {
            title: "  ".into(),
            text: wording(Some("x"), None),
        };
        assert_eq!(t.validate().unwrap_err().field.as_deref(), Some("title"));
        let t = TemplateInput {
            title: " Справка ".into(),
            text: wording(Some("x"), None),
        };
        assert_eq!(t.validate().unwrap().title, "Справка");
    }

    #[test]
    fn the_message_id_is_a_plain_token() {
        let m = |id: &str| SendMessage {
            message_id: id.into(),
            text: wording(Some("x"), None),
        };
        assert!(m("5f0c2a1e-7d4b-4c1a-9a57-0b6f1e2d3c4b").validate().is_ok());
        for bad in [
            "short",
            "with space inside",
            "../../etc/passwd",
            &"a".repeat(65),
        ] {
            assert_eq!(
                m(bad).validate().unwrap_err().field.as_deref(),
                Some("message_id"),
                "{bad}"
            );
        }
    }

    #[test]
    fn notice_sms_and_history_carry_the_words() {
        let org = Text {
            ru: "Школа №1".into(),
            kk: "№1 мектеп".into(),
        };
        let both = wording(Some("Принесите справку"), Some("Анықтама әкеліңіз"));
        let t = notice_text(&both, 42, &org);
        assert!(
            t.ru.contains("№42")
                && t.ru.contains("Школа №1")
                && t.ru.ends_with("Принесите справку")
        );
        assert!(t.kk.contains("№1 мектеп") && t.kk.ends_with("Анықтама әкеліңіз"));
        assert_eq!(
            sms(&both, 42),
            "Qabyldau, №42: Анықтама әкеліңіз / Принесите справку"
        );
        assert_eq!(both.history(), "Анықтама әкеліңіз\n\nПринесите справку");
        let ru_only = wording(Some("Приходите в 10:00"), None);
        assert_eq!(sms(&ru_only, 7), "Qabyldau, №7: Приходите в 10:00");
        assert!(
            notice_text(&ru_only, 7, &org)
                .kk
                .ends_with("Приходите в 10:00")
        );
    }
}
