//! The card's history: every event with its time, who (by name) and in which role, its
//! comment's codes read as words.

use domain::Role;
use domain::api::HistoryEvent;
use yew::prelude::*;

use crate::components::fmt_time;
use crate::facts::comment_words;
use crate::state::{App, Texts};

/// (A plain function, not a component: every component type adds lifecycle code to the wasm.)
pub(super) fn history(app: &App, items: &[HistoryEvent]) -> Html {
    let action = |a: &str| -> String {
        match a {
            "submitted" => app.t("st_ev_submitted").into(),
            "assigned" => app.t("st_ev_assigned").into(),
            "decided" => app.t("st_ev_decided").into(),
            "returned" => app.t("st_ev_returned").into(),
            "signed" => app.t("st_ev_signed").into(),
            "withdrawn" => app.t("st_ev_withdrawn").into(),
            "overdue" => app.t("st_ev_overdue").into(),
            "message" => app.t("st_ev_message").into(),
            "order_signed" => app.t("st_ev_order_signed").into(),
            other => other.to_string(),
        }
    };
    let role = |r: &str| -> String {
        match r {
            "applicant" => app.t("st_role_applicant").into(),
            "system" => app.t("st_role_system").into(),
            other => other
                .parse::<Role>()
                .map(|r| r.title(app.lang).to_string())
                .unwrap_or_else(|_| other.to_string()),
        }
    };
    // A decision's comment is `accept; <reason>; transport: …; <text>` (domain's
    // `history_comment`), a signature's the final status: their codes read as words.
    let comment = |action: &str, c: &str| -> String {
        if action != "decided" && action != "signed" {
            return c.to_string();
        }
        let words = [
            app.t("st_kind_accept"),
            app.t("st_kind_reject"),
            app.t("st_transport_approved"),
            app.t("st_transport_denied"),
        ];
        comment_words(app.lang, c, words).join("; ")
    };
    if items.is_empty() {
        return html! { <p class="muted">{app.t("no_data")}</p> };
    }
    html! {
        <ol class="history">
            { for items.iter().map(|e| html! {
                <li data-action={e.action.clone()}>
                    <span class="history-at">{fmt_time(&e.at)}</span>
                    <span class="history-what"><strong>{action(&e.action)}</strong>
                        {" · "}{role(&e.role)}
                        if e.actor != "system" && !e.actor.is_empty() {
                            {" · "}{e.actor_name.clone().unwrap_or_else(|| e.actor.clone())}
                        }
                    </span>
                    if let Some(c) = e.comment.as_ref().filter(|c| !c.is_empty()) {
                        <span class="history-comment muted">{comment(&e.action, c)}</span>
                    }
                </li>
            }) }
        </ol>
    }
}
