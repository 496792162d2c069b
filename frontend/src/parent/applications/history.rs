//! The history of an application as its parent reads it: each event's action in words, and a
//! signature's final status. The API gives the parent the public events only
//! (`domain::applicant_view`): no assignment, return or decision codes reach this page.

use domain::api::HistoryEvent;
use domain::{MsgLang, Status};

use crate::i18n::tr;

/// How a history event reads: its action in words and, where it has one, its comment.
pub fn history_text(lang: MsgLang, e: &HistoryEvent) -> (String, Option<String>) {
    let action = match e.action.as_str() {
        "submitted" => tr(lang, "hist_submitted"),
        "decided" => tr(lang, "hist_decided"),
        "signed" => tr(lang, "hist_signed"),
        // Withdrawn by the service: the register names another legal representative.
        "withdrawn" if e.role == "system" => tr(lang, "hist_withdrawn_register"),
        "withdrawn" => tr(lang, "hist_withdrawn"),
        "message" => tr(lang, "hist_message"),
        "order_signed" => tr(lang, "hist_order_signed"),
        other => other,
    }
    .to_string();
    // The signed status, or the school's message; nothing else of the parent's history carries
    // a comment.
    let comment = match e.action.as_str() {
        "signed" => e
            .comment
            .as_deref()
            .and_then(|c| c.trim().parse::<Status>().ok())
            .map(|s| s.title(lang).to_string()),
        "message" | "order_signed" => e.comment.clone(),
        _ => None,
    };
    (action, comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: &str, comment: Option<&str>) -> HistoryEvent {
        HistoryEvent {
            at: "2026-06-02T10:00:00+05:00".parse().unwrap(),
            actor: String::new(),
            actor_name: None,
            role: "director".into(),
            action: action.into(),
            comment: comment.map(str::to_string),
            queue_version: None,
        }
    }

    #[test]
    fn history_reads_in_words() {
        let ru = MsgLang::Ru;
        let (a, c) = history_text(ru, &event("submitted", None));
        assert_eq!(a, tr(ru, "hist_submitted"));
        assert_eq!(c, None);
        assert_eq!(
            history_text(MsgLang::Kk, &event("signed", Some("rejected")))
                .1
                .as_deref(),
            Some(Status::Rejected.title(MsgLang::Kk))
        );
        let message = history_text(ru, &event("message", Some("Приходите в 10:00")));
        assert_eq!(
            message,
            (
                tr(ru, "hist_message").to_string(),
                Some("Приходите в 10:00".into())
            )
        );
        assert_eq!(
            history_text(ru, &event("decided", None)).0,
            tr(ru, "hist_decided")
        );
        // Unknown actions show as they are, and only a signature's comment is read.
        assert_eq!(history_text(ru, &event("imported", None)).0, "imported");
        assert_eq!(history_text(ru, &event("withdrawn", Some("x"))).1, None);
        assert_eq!(
            history_text(ru, &event("withdrawn", None)).0,
            tr(ru, "hist_withdrawn")
        );
        let mut by_system = event("withdrawn", None);
        by_system.role = "system".into();
        assert_eq!(
            history_text(ru, &by_system).0,
            tr(ru, "hist_withdrawn_register")
        );
    }
}
