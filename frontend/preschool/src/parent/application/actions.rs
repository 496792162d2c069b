//! What the applicant may do with the application, as the seed shows it: «Выбрать частный
//! детский сад» (or why not now, in the code's words), «Изменить льготность», «Снять с
//! очереди» (confirmed first); with a direction: «Продлить» (1–30 days, once) and «Отказаться
//! от направления» (within 24 hours of its issue).

use chrono::{DateTime, Utc};
use domain::DocumentKind;
use domain::api::Empty;
use domain::preschool::api::{ChangePrivilege, ExtendDirection, QueueApplication};
use domain::preschool::{
    DirectionState, MAX_EXTENSION_DAYS, PrivilegeCategory, QueueState, may_revoke,
};
use frontend::api::{Api, ApiError};
use frontend::components::{Field, api_error, described_by, value_of};
use frontend::hooks::run;
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use super::path;
use frontend::upload::{DocumentUpload, Uploaded};

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub application: QueueApplication,
    pub now: DateTime<Utc>,
    pub on_choose: Callback<()>,
    /// The application changed: read it again.
    pub on_done: Callback<()>,
}

/// The form open under the buttons.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Privilege,
    Leave,
    Extend,
    Revoke,
}

#[function_component]
pub fn Actions(p: &ActionsProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let a = &p.application;
    let open = use_state(|| Open::None);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let category = use_state(|| None::<PrivilegeCategory>);
    let proof = use_state(|| None::<Uploaded>);
    let uploading = use_state(|| false);
    let days = use_state(|| MAX_EXTENSION_DAYS.to_string());
    let toggle = |o: Open| {
        let (open, error) = (open.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            open.set(if *open == o { Open::None } else { o });
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::None))
    };
    // One request: the page reads the application again once it is done.
    let post = {
        let (app, busy, error, open, on_done) = (
            app.clone(),
            busy.clone(),
            error.clone(),
            open.clone(),
            p.on_done.clone(),
        );
        move |url: String, body: serde_json::Value| {
            let api = Api::of(&app);
            let (open, on_done) = (open.clone(), on_done.clone());
            run(
                &busy,
                &error,
                async move { api.post::<_, Empty>(&url, &body).await },
                move |_| {
                    open.set(Open::None);
                    on_done.emit(());
                },
            );
        }
    };
    let id = a.id.clone();
    let in_queue = a.state == QueueState::InQueue;
    let issued = a
        .direction
        .as_ref()
        .filter(|d| a.state == QueueState::Directed && d.state == DirectionState::Issued);
    let may_extend = issued.is_some_and(|d| d.extended_days.is_none());
    let may_revoke_now =
        issued.is_some_and(|d| may_revoke(d.issued_at.with_timezone(&Utc), p.now).is_ok());

    let form = match *open {
        Open::Privilege => {
            let on_submit = {
                let (post, id, category, proof, uploading, error, app) = (
                    post.clone(),
                    id.clone(),
                    category.clone(),
                    proof.clone(),
                    uploading.clone(),
                    error.clone(),
                    app.clone(),
                );
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let Some(c) = *category else {
                        return;
                    };
                    if *uploading {
                        error.set(Some(local(app.t("pp_wait_upload"))));
                        return;
                    }
                    let body = ChangePrivilege {
                        privilege: c,
                        privilege_document: proof
                            .as_ref()
                            .filter(|_| c != PrivilegeCategory::None)
                            .map(|u| u.doc.clone()),
                    };
                    post(path(&id, "/privilege"), to_json(&body));
                })
            };
            let on_category = {
                let category = category.clone();
                Callback::from(move |e: Event| category.set(value_of(&e).parse().ok()))
            };
            let claimed = category.is_some_and(|c| c != PrivilegeCategory::None);
            html! {
                <form class="pp-action-form" onsubmit={on_submit} novalidate=true aria-labelledby="pp-change-privilege-title">
                    <h2 id="pp-change-privilege-title">{app.t("pp_change_privilege")}</h2>
                    <Field id="pp-new-privilege" label={app.t("pp_privilege")} required=true>
                        <select id="pp-new-privilege" aria-describedby={described_by("pp-new-privilege")} onchange={on_category}>
                            <option value="" selected={category.is_none()}>{app.t("pp_choose")}</option>
                            { for PrivilegeCategory::ALL.iter().map(|c| html! {
                                <option value={c.as_str()} selected={*category == Some(*c)}>
                                    {c.title(lang)}{" — "}{c.who(lang)}
                                </option>
                            }) }
                        </select>
                    </Field>
                    if claimed {
                        <DocumentUpload id="pp-new-privilege-document" kind={DocumentKind::PrivilegeProof} value={(*proof).clone()}
                            on_change={let proof = proof.clone(); Callback::from(move |u| proof.set(u))}
                            on_busy={let u = uploading.clone(); Callback::from(move |b| u.set(b))} />
                    }
                    <div class="row-actions">
                        <button type="submit" class="btn" disabled={*busy || category.is_none()}>{app.t("pp_send")}</button>
                        <button type="button" class="btn-secondary" onclick={close.clone()}>{app.t("pp_cancel")}</button>
                    </div>
                </form>
            }
        }
        Open::Leave | Open::Revoke => {
            let (question, confirm, url) = if *open == Open::Leave {
                ("pp_leave_confirm", "pp_leave_yes", path(&id, "/leave"))
            } else {
                (
                    "pp_revoke_confirm",
                    "pp_revoke_yes",
                    path(&id, "/direction/revoke"),
                )
            };
            let onclick = {
                let post = post.clone();
                Callback::from(move |_: MouseEvent| post(url.clone(), serde_json::json!({})))
            };
            html! {
                <div class="alert alert-warning pp-confirm" role="alertdialog" aria-labelledby="pp-confirm-text">
                    <p id="pp-confirm-text">{app.t(question)}</p>
                    <div class="row-actions">
                        <button type="button" class="btn btn-danger" id="pp-confirm-yes" disabled={*busy} {onclick}>{app.t(confirm)}</button>
                        <button type="button" class="btn-secondary" onclick={close.clone()}>{app.t("pp_cancel")}</button>
                    </div>
                </div>
            }
        }
        Open::Extend => {
            let on_submit = {
                let (post, id, days, error, app) = (
                    post.clone(),
                    id.clone(),
                    days.clone(),
                    error.clone(),
                    app.clone(),
                );
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match days.trim().parse::<u32>() {
                        Ok(n) if (1..=MAX_EXTENSION_DAYS).contains(&n) => post(
                            path(&id, "/direction/extend"),
                            to_json(&ExtendDirection { days: n }),
                        ),
                        _ => error.set(Some(local(app.t("pp_extend_days_range")))),
                    }
                })
            };
            html! {
                <form class="pp-action-form" onsubmit={on_submit} novalidate=true>
                    <Field id="pp-extend-days" label={app.t("pp_extend_days")} required=true
                        hint={app.tf("pp_extend_hint", &[("max", &MAX_EXTENSION_DAYS.to_string())])}>
                        <input id="pp-extend-days" type="number" inputmode="numeric" min="1"
                            max={MAX_EXTENSION_DAYS.to_string()} aria-describedby={described_by("pp-extend-days")}
                            value={(*days).clone()}
                            oninput={let d = days.clone(); Callback::from(move |e: InputEvent| d.set(value_of(&e)))} />
                    </Field>
                    <div class="row-actions">
                        <button type="submit" class="btn" id="pp-extend-submit" disabled={*busy}>{app.t("pp_extend")}</button>
                        <button type="button" class="btn-secondary" onclick={close.clone()}>{app.t("pp_cancel")}</button>
                    </div>
                </form>
            }
        }
        Open::None => html! {},
    };

    let choose = if !in_queue {
        html! {}
    } else if let Some(code) = a.choice_blocked {
        html! {
            <p class="alert alert-info" id="pp-choice-blocked" data-code={code.as_str()}>{code.message(lang)}</p>
        }
    } else {
        let on_choose = p.on_choose.clone();
        html! {
            <button type="button" class="btn" id="pp-choose" onclick={Callback::from(move |_| on_choose.emit(()))}>
                {app.t("pp_choose_kindergarten")}
            </button>
        }
    };
    html! {
        <div class="pp-actions">
            <div class="row-actions">
                {choose}
                if in_queue {
                    <button type="button" class="btn-secondary" id="pp-change-privilege"
                        aria-expanded={(*open == Open::Privilege).to_string()} onclick={toggle(Open::Privilege)}>
                        {app.t("pp_change_privilege")}
                    </button>
                    <button type="button" class="btn-secondary" id="pp-leave"
                        aria-expanded={(*open == Open::Leave).to_string()} onclick={toggle(Open::Leave)}>
                        {app.t("pp_leave")}
                    </button>
                }
                if may_extend {
                    <button type="button" class="btn-secondary" id="pp-extend"
                        aria-expanded={(*open == Open::Extend).to_string()} onclick={toggle(Open::Extend)}>
                        {app.t("pp_extend")}
                    </button>
                }
                if may_revoke_now {
                    <button type="button" class="btn-secondary" id="pp-revoke"
                        aria-expanded={(*open == Open::Revoke).to_string()} onclick={toggle(Open::Revoke)}>
                        {app.t("pp_revoke")}
                    </button>
                }
            </div>
            {api_error((*error).clone())}
            {form}
        </div>
    }
}

fn to_json(body: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(body).unwrap_or_default()
}

/// A refusal of the page itself (before anything is sent).
fn local(message: &str) -> ApiError {
    ApiError {
        status: 0,
        code: "validation_failed".into(),
        message: message.into(),
        field: None,
    }
}
