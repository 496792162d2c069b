//! «Принять» / «Отказать» on the card: the ground of a refusal, the comment and the transport
//! answer, checked with the domain's rules before they are sent.

use domain::api::{Application, DecisionKind, Limit, TransportDecision};
use domain::review::{DecisionRequest, MAX_COMMENT};
use domain::{ErrorCode, RejectReason};
use yew::prelude::*;

use super::super::application_path;
use crate::api::{Api, ApiError};
use crate::components::{Field, described_by, error_summary, value_of};
use crate::hooks::run;
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(super) struct DecisionFormProps {
    pub application: Application,
    pub transport_applies: bool,
    pub limit: Option<Limit>,
    pub on_done: Callback<()>,
}

/// The input a domain error names, to link the summary to.
fn error_anchor(field: Option<&str>, reasons: &[RejectReason]) -> String {
    match field {
        Some("reason") => reasons
            .first()
            .map(|r| format!("reason-{}", r.as_str()))
            .unwrap_or_default(),
        Some("transport") => "transport-approved".into(),
        Some("comment") => "decision-comment".into(),
        _ => String::new(),
    }
}

/// «Принять» / «Отказать» with the ground, the comment and the transport answer.
#[function_component]
pub(super) fn DecisionForm(p: &DecisionFormProps) -> Html {
    let app = use_app();
    let transport = use_state(|| None::<TransportDecision>);
    let rejecting = use_state(|| false);
    let reason = use_state(|| None::<RejectReason>);
    let comment = use_state(String::new);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let a = &p.application;
    // The grounds of this application's service: the server accepts no other.
    let reasons = domain::services::reject_reasons(a.service);

    let counts = p.limit.as_ref().map(Limit::counts);
    let blocked = counts.is_some_and(|c| !c.can_accept(a.admission_type));

    let submit = |kind: DecisionKind| {
        let (app, a, applies) = (app.clone(), a.clone(), p.transport_applies);
        let (transport, reason, comment, errors, failure, busy, on_done) = (
            transport.clone(),
            reason.clone(),
            comment.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            p.on_done.clone(),
        );
        Callback::from(move |_| {
            let req = DecisionRequest {
                decision: kind,
                reason: match kind {
                    DecisionKind::Reject => reason.map(|r| r.as_str().to_string()),
                    DecisionKind::Accept => None,
                },
                comment: Some(comment.trim().to_string()).filter(|c| !c.is_empty()),
                // Transport is answered with an acceptance only.
                transport: if applies && kind == DecisionKind::Accept {
                    *transport
                } else {
                    None
                },
            };
            if let Err(e) = req.validate(applies) {
                errors.set(vec![(
                    error_anchor(e.field.as_deref(), reasons),
                    e.message(app.lang).into(),
                )]);
                failure.set(None);
                return;
            }
            errors.set(Vec::new());
            failure.set(None);
            let api = Api::of(&app);
            let path = application_path(&a, "/decision");
            let on_done = on_done.clone();
            run(
                &busy,
                &failure,
                async move { api.post::<_, serde_json::Value>(&path, &req).await },
                move |_| on_done.emit(()),
            );
        })
    };
    let field_error = |prefix: &str| {
        errors
            .iter()
            .find(|(id, _)| !id.is_empty() && id.starts_with(prefix))
            .map(|(_, m)| m.clone())
    };
    let transport_error = field_error("transport-");
    let reason_error = field_error("reason-");
    let comment_error = field_error("decision-comment");
    let radio_transport = |t: TransportDecision, id: &'static str, key: &'static str| {
        let transport = transport.clone();
        html! {
            <div class="radio">
                <input type="radio" id={id} name="transport" checked={*transport == Some(t)}
                    onchange={Callback::from(move |_| transport.set(Some(t)))} />
                <label for={id}>{app.t(key)}</label>
            </div>
        }
    };
    html! {
        <form class="decision-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            {error_summary(app.lang, &errors)}
            {crate::components::api_error((*failure).clone())}
            if p.transport_applies && !*rejecting {
                <fieldset class={classes!("radio-group", transport_error.is_some().then_some("field-invalid"))}
                    aria-describedby={transport_error.is_some().then_some("transport-error")}>
                    <legend>{app.t("st_transport_question")}<span class="req" aria-hidden="true">{" *"}</span></legend>
                    {radio_transport(TransportDecision::Approved, "transport-approved", "st_transport_approve")}
                    {radio_transport(TransportDecision::Denied, "transport-denied", "st_transport_deny")}
                    if let Some(e) = &transport_error {
                        <p class="error-text" id="transport-error">{e.clone()}</p>
                    }
                </fieldset>
            }
            <Field id="decision-comment" label={app.t("st_comment")} hint={app.t("st_comment_hint")}
                error={comment_error}>
                <textarea id="decision-comment" rows="2" maxlength={MAX_COMMENT.to_string()}
                    aria-describedby={described_by("decision-comment")} value={(*comment).clone()}
                    oninput={let c = comment.clone(); Callback::from(move |e: InputEvent| c.set(value_of(&e)))} />
            </Field>
            if blocked {
                <p class="alert alert-info" id="accept-blocked" data-testid="accept-blocked">
                    {ErrorCode::LimitExhausted.message(app.lang)}
                </p>
            }
            <div class="row-actions decision-buttons">
                <button type="button" class="btn" disabled={blocked || *busy}
                    aria-describedby={blocked.then_some("accept-blocked")}
                    onclick={submit(DecisionKind::Accept)}>{app.t("st_accept")}</button>
                <button type="button" class="btn btn-danger" disabled={*busy}
                    aria-expanded={rejecting.to_string()} aria-controls="reject-panel"
                    onclick={let r = rejecting.clone(); Callback::from(move |_| r.set(true))}>
                    {app.t("st_reject")}
                </button>
            </div>
            if *rejecting {
                <div id="reject-panel" class="reject-panel">
                    <fieldset class={classes!("radio-group", "reasons", reason_error.is_some().then_some("field-invalid"))}
                        aria-describedby={reason_error.is_some().then_some("reason-error")}>
                        <legend>{app.t("st_reason")}<span class="req" aria-hidden="true">{" *"}</span></legend>
                        { for reasons.iter().copied().map(|r| {
                            let id = format!("reason-{}", r.as_str());
                            let reason = reason.clone();
                            html! {
                                <div class="radio">
                                    <input type="radio" id={id.clone()} name="reason" value={r.as_str()}
                                        checked={*reason == Some(r)}
                                        onchange={Callback::from(move |_| reason.set(Some(r)))} />
                                    <label for={id}>{r.text(app.lang)}</label>
                                </div>
                            }
                        }) }
                        if let Some(e) = &reason_error {
                            <p class="error-text" id="reason-error">{e.clone()}</p>
                        }
                    </fieldset>
                    <div class="row-actions">
                        <button type="button" class="btn btn-danger" disabled={*busy}
                            onclick={submit(DecisionKind::Reject)}>{app.t("st_reject_confirm")}</button>
                        <button type="button" class="btn btn-secondary"
                            onclick={let r = rejecting.clone(); Callback::from(move |_| r.set(false))}>
                            {app.t("st_cancel")}
                        </button>
                    </div>
                </div>
            }
        </form>
    }
}
