//! The director's «На подписании»: the decisions awaiting signature, signed in the browser with
//! a key file chosen from disk («Подписать»), or returned with a comment («Вернуть на доработку»).

use domain::api::{Application, Decision, DecisionKind, TransportDecision};
use domain::{ErrorCode, MsgLang, Role, Status};
use serde::Deserialize;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;
use yew_router::prelude::*;

use super::crypto::{self, KeyError};
use super::{Remote, RoleGate, child_name, journal_all, org_path, pending, run, use_reload};
use crate::api::{Api, ApiError, spawn};
use crate::components::{Field, StatusBadge, described_by, fmt_time, value_of};
use crate::i18n::tr;
use crate::route::Route;
use crate::state::{Texts, use_app};

/// A key file read from disk; it stays in the page's memory only.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyFile {
    pub name: String,
    pub text: String,
}

fn key_error(lang: MsgLang, e: KeyError) -> ApiError {
    let (code, message) = match e {
        KeyError::Unreadable => ("key_unreadable", tr(lang, "st_key_unreadable")),
        KeyError::NotP256 => ("key_not_p256", tr(lang, "st_key_not_p256")),
        KeyError::Sec1 => ("key_sec1", tr(lang, "st_key_sec1")),
        KeyError::Encrypted => ("key_encrypted", tr(lang, "st_key_encrypted")),
        KeyError::Crypto => ("key_crypto", tr(lang, "st_key_crypto")),
    };
    ApiError {
        status: 0,
        code: code.into(),
        message: message.into(),
        field: None,
    }
}

/// Registers the public half of the key file as the person's signing key.
async fn register_key(api: &Api, key: &KeyFile) -> Result<(), ApiError> {
    let jwk = crypto::public_jwk(&key.text)
        .await
        .map_err(|e| key_error(api.lang, e))?;
    let body = serde_json::json!({ "public_key_jwk": jwk });
    api.put::<_, serde_json::Value>("/api/me/signing-key", &body)
        .await
        .map(|_| ())
}

#[derive(Deserialize)]
struct SigningPayload {
    payload: String,
}

/// Fetches the payload, signs it with the key file and sends the signature.
async fn sign(api: &Api, a: &Application, key: &KeyFile) -> Result<Application, ApiError> {
    let base = org_path(&a.org_id, &format!("/applications/{}", a.id));
    let p: SigningPayload = api.get(&format!("{base}/signing-payload")).await?;
    let signature = crypto::sign(&key.text, &p.payload)
        .await
        .map_err(|e| key_error(api.lang, e))?;
    let body = serde_json::json!({ "signature": signature });
    api.post(&format!("{base}/sign"), &body).await
}

#[derive(Properties, PartialEq)]
pub(crate) struct KeyPickerProps {
    pub key_file: Option<KeyFile>,
    pub on_change: Callback<Option<KeyFile>>,
}

/// The key file input (`#sign-key-file`) and «Зарегистрировать ключ».
#[function_component]
pub(crate) fn KeyPicker(p: &KeyPickerProps) -> Html {
    let app = use_app();
    let read_error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let registered = use_state(|| false);
    let reg_error = use_state(|| None::<ApiError>);
    let onchange = {
        let (app, on_change, read_error, registered, reg_error) = (
            app.clone(),
            p.on_change.clone(),
            read_error.clone(),
            registered.clone(),
            reg_error.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let file = input.files().and_then(|f| f.get(0));
            registered.set(false);
            reg_error.set(None);
            let Some(file) = file else {
                on_change.emit(None);
                return;
            };
            let (lang, on_change, read_error) = (app.lang, on_change.clone(), read_error.clone());
            spawn(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let checked = text
                    .ok_or(KeyError::Unreadable)
                    .and_then(|t| crypto::check(&t).map(|_| t));
                match checked {
                    Ok(text) => {
                        read_error.set(None);
                        on_change.emit(Some(KeyFile {
                            name: file.name(),
                            text,
                        }));
                    }
                    Err(e) => {
                        read_error.set(Some(key_error(lang, e).message));
                        on_change.emit(None);
                    }
                }
            });
        })
    };
    let register = {
        let (app, key, busy, registered, reg_error) = (
            app.clone(),
            p.key_file.clone(),
            busy.clone(),
            registered.clone(),
            reg_error.clone(),
        );
        Callback::from(move |_| {
            let Some(key) = key.clone() else { return };
            let (api, busy, registered, reg_error) = (
                Api::of(&app),
                busy.clone(),
                registered.clone(),
                reg_error.clone(),
            );
            busy.set(true);
            reg_error.set(None);
            spawn(async move {
                match register_key(&api, &key).await {
                    Ok(()) => registered.set(true),
                    Err(e) => reg_error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <div class="key-picker">
            <Field id="sign-key-file" label={app.t("st_key_file")} hint={app.t("st_key_file_hint")}
                error={(*read_error).clone()}>
                <input id="sign-key-file" type="file" accept=".pem,.key,.json,.jwk,.txt"
                    aria-describedby={described_by("sign-key-file")} onchange={onchange} />
            </Field>
            if let Some(k) = &p.key_file {
                <p class="muted" data-testid="key-chosen">{app.tf("st_key_chosen", &[("name", &k.name)])}</p>
            }
            <div class="row-actions">
                <button type="button" class="btn btn-secondary" onclick={register}
                    disabled={p.key_file.is_none() || *busy} aria-describedby="register-key-hint">
                    {app.t("st_register_key")}
                </button>
            </div>
            <p class="hint" id="register-key-hint">{app.t("st_register_key_hint")}</p>
            if *registered {
                <p class="alert alert-success" role="status">{app.t("st_key_registered")}</p>
            }
            {crate::components::api_error((*reg_error).clone())}
        </div>
    }
}

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

    let run_sign = {
        let (app, a, key, busy, error, no_key, on_done) = (
            app.clone(),
            p.application.clone(),
            p.key_file.clone(),
            busy.clone(),
            error.clone(),
            no_key.clone(),
            p.on_done.clone(),
        );
        move |register_first: bool| {
            let Some(key) = key.clone() else {
                no_key.set(true);
                return;
            };
            no_key.set(false);
            let (api, a, on_done) = (Api::of(&app), a.clone(), on_done.clone());
            error.set(None);
            run(
                &busy,
                &error,
                async move {
                    if register_first {
                        register_key(&api, &key).await?;
                    }
                    sign(&api, &a, &key).await
                },
                move |done| on_done.emit(done),
            );
        }
    };
    let on_sign = {
        let run = run_sign.clone();
        Callback::from(move |_| run(false))
    };
    let on_register_and_sign = Callback::from(move |_| run_sign(true));
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
            let text = comment.trim().to_string();
            if text.is_empty() {
                comment_error.set(Some(ErrorCode::CommentRequired.message(app.lang).into()));
                return;
            }
            comment_error.set(None);
            let api = Api::of(&app);
            let path = org_path(&a.org_id, &format!("/applications/{}/return", a.id));
            let on_done = on_done.clone();
            error.set(None);
            run(
                &busy,
                &error,
                async move {
                    let body = serde_json::json!({ "comment": text });
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
    let key_missing = error
        .as_ref()
        .is_some_and(|e| e.code == "signing_key_missing");
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
            if key_missing && p.key_file.is_some() {
                <button type="button" class="btn" onclick={on_register_and_sign} disabled={*busy}>
                    {app.t("st_register_and_sign")}
                </button>
            }
            if p.return_open {
                <form class="return-form" onsubmit={on_return} novalidate=true>
                    <Field id="return-comment" label={app.t("st_return_comment")} required=true
                        hint={app.t("st_return_hint")} error={(*comment_error).clone()}>
                        <textarea id="return-comment" rows="3" required=true maxlength="2000"
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

#[derive(Properties, PartialEq)]
pub(crate) struct DecisionFactsProps {
    pub decision: Decision,
}

/// What was decided: the kind, the ground's full text, the comment, transport, who and when.
#[function_component]
pub(crate) fn DecisionFacts(p: &DecisionFactsProps) -> Html {
    let app = use_app();
    let d = &p.decision;
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
            <dd>{format!("{} ({})", d.decided_by, d.decided_role.title(app.lang))}</dd>
            <dt>{app.t("st_decided_at")}</dt><dd>{fmt_time(&d.decided_at)}</dd>
        </dl>
    }
}

/// What became of an application signed or returned here.
pub(crate) fn outcome(app: &crate::state::App, status: Status) -> Html {
    match status {
        Status::Accepted | Status::Rejected => html! {
            <p class="alert alert-success" role="status" data-testid="signed">
                {app.t("st_signed")}{" "}<StatusBadge {status} />
            </p>
        },
        Status::InReview => html! {
            <p class="alert alert-info" role="status">{app.t("st_returned")}</p>
        },
        _ => html! {},
    }
}

#[function_component]
pub fn Signing() -> Html {
    html! { <RoleGate roles={vec![Role::Director]}><SigningPage /></RoleGate> }
}

#[function_component]
fn SigningPage() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let list = use_state(|| Remote::<Vec<Application>>::Loading);
    let key = use_state(|| None::<KeyFile>);
    let return_open = use_state(|| None::<String>);
    {
        let list = list.clone();
        let api = Api::of(&app);
        use_effect_with((org.clone(), reload.value(), api), move |(org, _, api)| {
            let (org, api) = (org.clone(), api.clone());
            spawn(async move {
                let params = [("status", Status::OnSigning.as_str().to_string())];
                list.set(match journal_all(&api, &org, &params).await {
                    Ok(items) => Remote::Ready(items),
                    Err(e) => Remote::Failed(e),
                });
            });
        });
    }
    let on_key = {
        let key = key.clone();
        Callback::from(move |k: Option<KeyFile>| key.set(k))
    };
    let item = |a: &Application| {
        let on_done = {
            let (list, return_open) = (list.clone(), return_open.clone());
            Callback::from(move |done: Application| {
                if let Remote::Ready(items) = &*list {
                    let items = items
                        .iter()
                        .map(|x| {
                            if x.id == done.id {
                                done.clone()
                            } else {
                                x.clone()
                            }
                        })
                        .collect();
                    list.set(Remote::Ready(items));
                }
                return_open.set(None);
            })
        };
        let on_return_toggle = {
            let (return_open, id) = (return_open.clone(), a.id.clone());
            Callback::from(move |open: bool| return_open.set(open.then(|| id.clone())))
        };
        let heading_id = format!("sign-item-{}", a.id);
        html! {
            <article class="card sign-item" key={a.id.clone()} data-id={a.id.clone()} aria-labelledby={heading_id.clone()}>
                <h2 id={heading_id}>
                    {app.tf("st_application_no", &[("n", &a.number.to_string())])}{" · "}{child_name(a)}
                </h2>
                <p><StatusBadge status={a.status} overdue={a.overdue} /></p>
                if let Some(d) = &a.decision {
                    <DecisionFacts decision={d.clone()} />
                }
                <p>
                    <Link<Route> to={Route::Card { id: a.id.clone() }}>{app.t("st_open_card")}</Link<Route>>
                </p>
                if a.status == Status::OnSigning {
                    <SignActions application={a.clone()} key_file={(*key).clone()}
                        return_open={return_open.as_deref() == Some(a.id.as_str())}
                        {on_return_toggle} {on_done} />
                } else {
                    {outcome(&app, a.status)}
                }
            </article>
        }
    };
    html! {
        <section class="staff-page signing-page">
            <h1>{app.t("nav_signing")}</h1>
            <section class="card" aria-labelledby="key-heading">
                <h2 id="key-heading">{app.t("st_key_title")}</h2>
                <KeyPicker key_file={(*key).clone()} on_change={on_key} />
            </section>
            { match &*list {
                Remote::Ready(items) if items.is_empty() => html! {
                    <p class="empty">{app.t("st_signing_empty")}</p>
                },
                Remote::Ready(items) => html! { <>{ for items.iter().map(item) }</> },
                other => pending(app.lang, other),
            } }
        </section>
    }
}
