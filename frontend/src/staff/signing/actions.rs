//! What is done to a decision awaiting signature: «Подписать» (the payload signed in the
//! browser with the opened key file, sent with its certificates) and «Вернуть на доработку»
//! with a comment; what was decided and what became of it.

use domain::Status;
use domain::api::{Application, Decision, DecisionKind, ReturnForRework, TransportDecision};
use domain::review::MAX_COMMENT;
use yew::prelude::*;

use super::super::application_path;
use crate::api::{Api, ApiError};
use crate::components::{Field, described_by, fmt_time, status_badge, value_of};
use crate::hooks::run;
use crate::signing::{KeyFile, sign_at};
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(crate) struct SignActionsProps {
    pub application: Application,
    pub key_file: Option<KeyFile>,
    /// Whether this application's return form is open (one at a time: its ids are fixed).
    pub return_open: bool,
    pub on_return_toggle: Callback<bool>,
    /// The application after signing or returning.
    pub on_done: Callback<Application>,
}

/// «Подписать» and «Вернуть на доработку» for an application `on_signing`.
#[function_component]
pub(crate) fn SignActions(p: &SignActionsProps) -> Html {
    let app = use_app();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let no_key = use_state(|| false);
    let comment = use_state(String::new);
    let comment_error = use_state(|| None::<String>);

    let on_sign = {
        let (app, a, key, busy, error, no_key, on_done) = (
            app.clone(),
            p.application.clone(),
            p.key_file.clone(),
            busy.clone(),
            error.clone(),
            no_key.clone(),
            p.on_done.clone(),
        );
        Callback::from(move |_| {
            let Some(key) = key.clone() else {
                no_key.set(true);
                return;
            };
            no_key.set(false);
            let (api, a, on_done) = (Api::of(&app), a.clone(), on_done.clone());
            run(
                &busy,
                &error,
                async move { sign_at(&api, &application_path(&a, ""), &key).await },
                move |done| on_done.emit(done),
            );
        })
    };
    let on_return = {
        let (app, a, comment, comment_error, busy, error, on_done) = (
            app.clone(),
            p.application.clone(),
            comment.clone(),
            comment_error.clone(),
            busy.clone(),
            error.clone(),
            p.on_done.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = ReturnForRework {
                comment: Some((*comment).clone()),
            };
            let text = match body.validate() {
                Ok(text) => text,
                Err(e) => {
                    comment_error.set(Some(e.message(app.lang).into()));
                    return;
                }
            };
            comment_error.set(None);
            let api = Api::of(&app);
            let path = application_path(&a, "/return");
            let on_done = on_done.clone();
            run(
                &busy,
                &error,
                async move {
                    let body = ReturnForRework {
                        comment: Some(text),
                    };
                    api.post::<_, Application>(&path, &body).await
                },
                move |done| on_done.emit(done),
            );
        })
    };
    let toggle = |open: bool| {
        let t = p.on_return_toggle.clone();
        Callback::from(move |_| t.emit(open))
    };
    html! {
        <div class="sign-actions">
            <div class="row-actions">
                <button type="button" class="btn" onclick={on_sign} disabled={*busy}>{app.t("st_sign")}</button>
                if !p.return_open {
                    <button type="button" class="btn btn-secondary" onclick={toggle(true)} disabled={*busy}
                        aria-expanded="false">{app.t("st_return")}</button>
                }
            </div>
            if *no_key {
                <p class="error-text" role="alert">
                    <a href="#sign-key-file">{app.t("st_key_choose_first")}</a>
                </p>
            }
            {crate::components::api_error((*error).clone())}
            if p.return_open {
                <form class="return-form" onsubmit={on_return} novalidate=true>
                    <Field id="return-comment" label={app.t("st_return_comment")} required=true
                        hint={app.t("st_return_hint")} error={(*comment_error).clone()}>
                        <textarea id="return-comment" rows="3" required=true maxlength={MAX_COMMENT.to_string()}
                            aria-describedby={described_by("return-comment")}
                            aria-invalid={comment_error.is_some().to_string()}
                            value={(*comment).clone()}
                            oninput={let c = comment.clone(); Callback::from(move |e: InputEvent| c.set(value_of(&e)))} />
                    </Field>
                    <div class="row-actions">
                        <button type="submit" class="btn" disabled={*busy}>{app.t("st_return_send")}</button>
                        <button type="button" class="btn btn-secondary" onclick={toggle(false)}>{app.t("st_cancel")}</button>
                    </div>
                </form>
            }
        </div>
    }
}

/// What was decided: the kind, the ground's full text, the comment, transport, who and when.
/// (A plain function, not a component: every component type adds lifecycle code to the wasm.)
pub(crate) fn decision_facts(app: &crate::state::App, d: &Decision) -> Html {
    let kind = match d.decision {
        DecisionKind::Accept => app.t("st_kind_accept"),
        DecisionKind::Reject => app.t("st_kind_reject"),
    };
    html! {
        <dl class="facts decision-facts">
            <dt>{app.t("st_decision")}</dt>
            <dd class={classes!("decision-kind", format!("decision-{}", match d.decision {
                DecisionKind::Accept => "accept",
                DecisionKind::Reject => "reject",
            }))}>{kind}</dd>
            if let Some(r) = d.reason {
                <dt>{app.t("st_reason")}</dt><dd>{r.text(app.lang)}</dd>
            }
            if let Some(c) = &d.comment {
                <dt>{app.t("st_comment")}</dt><dd class="prewrap">{c.clone()}</dd>
            }
            if let Some(t) = d.transport {
                <dt>{app.t("st_transport")}</dt>
                <dd>{ match t {
                    TransportDecision::Approved => app.t("st_transport_approved"),
                    TransportDecision::Denied => app.t("st_transport_denied"),
                } }</dd>
            }
            <dt>{app.t("st_decided_by")}</dt>
            <dd>{format!("{} ({})", d.decided_by_name.as_deref().unwrap_or(&d.decided_by), d.decided_role.title(app.lang))}</dd>
            <dt>{app.t("st_decided_at")}</dt><dd>{fmt_time(&d.decided_at)}</dd>
        </dl>
    }
}

/// What became of an application signed or returned here.
pub(crate) fn outcome(app: &crate::state::App, status: Status) -> Html {
    match status {
        Status::Accepted | Status::Rejected => html! {
            <p class="alert alert-success" role="status" data-testid="signed">
                {app.t("st_signed")}{" "}{status_badge(app.lang, status, false)}
            </p>
        },
        Status::InReview => html! {
            <p class="alert alert-info" role="status">{app.t("st_returned")}</p>
        },
        _ => html! {},
    }
}
