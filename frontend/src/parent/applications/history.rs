//! The history of an application as its parent reads it: each event's action in words and
//! its comment decoded (a decision's codes as their texts, an executor's IIN left out).

use domain::api::HistoryEvent;
use domain::{MsgLang, Status};

use crate::facts::comment_words;
use crate::i18n::tr;

/// How a history event reads: its action in words and, where it has one, its comment.
pub fn history_text(lang: MsgLang, e: &HistoryEvent) -> (String, Option<String>) {
    let action = match e.action.as_str() {
        "submitted" => tr(lang, "hist_submitted"),
        "assigned" => tr(lang, "hist_assigned"),
        "decided" => tr(lang, "hist_decided"),
        "signed" => tr(lang, "hist_signed"),
        "returned" => tr(lang, "hist_returned"),
        "withdrawn" => tr(lang, "hist_withdrawn"),
        "overdue" => tr(lang, "hist_overdue"),
        other => return (other.to_string(), e.comment.clone()),
    }
    .to_string();
    let comment = e
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let comment = match e.action.as_str() {
        // The executor's IIN: not the parent's concern.
        "assigned" => None,
        // The signed status.
        "signed" => comment
            .and_then(|c| c.parse::<Status>().ok())
            .map(|s| s.title(lang).to_string()),
        // "accept|reject; reason; transport: …; comment": the decision in words.
        "decided" => comment.map(|c| {
            comment_words(
                lang,
                c,
                [
                    tr(lang, "hist_accept"),
                    tr(lang, "hist_reject"),
                    tr(lang, "my_transport_approved"),
                    tr(lang, "my_transport_denied"),
                ],
            )
            .into_iter()
            .map(|p| p.trim_end_matches('.').to_string())
            .collect::<Vec<_>>()
            .join("; ")
        }),
        _ => comment.map(str::to_string),
    };
    (action, comment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::RejectReason;

    fn event(action: &str, comment: Option<&str>) -> HistoryEvent {
        HistoryEvent {
            at: "2026-06-02T10:00:00+05:00".parse().unwrap(),
            actor: "880808300017".into(),
            actor_name: None,
            role: "applicant".into(),
            action: action.into(),
            comment: comment.map(str::to_string),
        }
    }

    #[test]
    fn history_reads_in_words() {
        let ru = MsgLang::Ru;
        let (a, c) = history_text(ru, &event("submitted", None));
        assert_eq!(a, tr(ru, "hist_submitted"));
        assert_eq!(c, None);
        assert_eq!(
            history_text(ru, &event("assigned", Some("900202400012"))).1,
            None
        );
        assert_eq!(
            history_text(MsgLang::Kk, &event("signed", Some("rejected")))
                .1
                .as_deref(),
            Some(Status::Rejected.title(MsgLang::Kk))
        );
        let (_, c) = history_text(
            ru,
            &event(
                "decided",
                Some("reject; classes_overfilled; transport: denied"),
            ),
        );
        assert_eq!(
            c.unwrap(),
            format!(
                "{}; {}; {}",
                tr(ru, "hist_reject"),
                RejectReason::ClassesOverfilled.text(ru),
                tr(ru, "my_transport_denied").trim_end_matches('.')
            )
        );
        assert_eq!(
            history_text(ru, &event("returned", Some("Проверьте фото")))
                .1
                .as_deref(),
            Some("Проверьте фото")
        );
        // Unknown actions show as they are.
        assert_eq!(history_text(ru, &event("imported", None)).0, "imported");
    }
}
