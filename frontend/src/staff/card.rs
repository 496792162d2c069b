//! The application card: the child, the applicant, addresses, documents, transport, special
//! needs, the assignee and the history; «Принять» / «Отказать» while it is «На проверке», and
//! the director's signing while it is «На подписании».

use chrono::Utc;
use domain::api::{
    Application, Campaign, DecisionKind, HistoryEvent, Limit, List, Org, TransportDecision,
};
use domain::review::{DecisionRequest, transport_applicable};
use domain::staff::{StaffMember, StaffStatus};
use domain::{DocumentKind, ErrorCode, RejectReason, Role, Status};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use yew::prelude::*;
use yew_router::prelude::*;

use super::signing::{DecisionFacts, KeyFile, KeyPicker, SignActions, outcome};
use super::{
    Remote, RoleGate, admission_title, child_name, org_path, pending, pick, run, use_get,
    use_reload,
};
use crate::api::{Api, ApiError, spawn};
use crate::components::{
    ErrorSummary, Field, StatusBadge, described_by, fmt_date, fmt_time, time_left, value_of,
};
use crate::route::Route;
use crate::state::{App as AppHandle, Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub id: String,
}

#[function_component]
pub fn Card(p: &CardProps) -> Html {
    html! {
        <RoleGate roles={vec![Role::Executor, Role::Director, Role::Oso, Role::EduDepartment]}>
            <CardPage id={p.id.clone()} />
        </RoleGate>
    }
}

/// What the last action on this card did.
#[derive(Clone, Debug, PartialEq)]
enum Flash {
    Decided,
    Done(Status),
    Assigned,
}

#[function_component]
fn CardPage(p: &CardProps) -> Html {
    let app = use_app();
    let reload = use_reload();
    let a = use_get::<Application>(Some(format!("/api/applications/{}", p.id)), reload.value());
    let history = use_get::<List<HistoryEvent>>(
        Some(format!("/api/applications/{}/history", p.id)),
        reload.value(),
    );
    let campaign = use_get::<Campaign>(Some("/api/campaign".into()), reload.value());
    let org_id = a.ready().map(|a| a.org_id.clone());
    let org = use_get::<Org>(org_id.as_ref().map(|o| org_path(o, "")), 0);
    let limits = use_get::<List<Limit>>(
        a.ready().map(|a| {
            org_path(
                &a.org_id,
                &format!("/limits?academic_year={}", a.academic_year),
            )
        }),
        reload.value(),
    );
    let is_director = app.has_role(Role::Director);
    let staff = use_get::<List<StaffMember>>(
        org_id
            .as_ref()
            .filter(|_| is_director)
            .map(|o| org_path(o, "/staff")),
        0,
    );
    let key = use_state(|| None::<KeyFile>);
    let return_open = use_state(|| false);
    let flash = use_state(|| None::<Flash>);

    let Some(a) = a.ready().cloned() else {
        return html! { <section class="staff-page">{back(&app)}{pending(app.lang, &a)}</section> };
    };
    let now = campaign.ready().map(|c| c.now.with_timezone(&Utc));
    let org_ready = org.ready().cloned();
    let limit = limits.ready().and_then(|l| {
        l.items
            .iter()
            .find(|l| l.grade == a.grade && l.language == a.language)
            .cloned()
    });
    let can_decide = app.has_role(Role::Executor) || is_director;

    let on_decided = {
        let (reload, flash) = (reload.clone(), flash.clone());
        Callback::from(move |_| {
            flash.set(Some(Flash::Decided));
            reload.bump();
        })
    };
    let on_signed = {
        let (reload, flash, return_open) = (reload.clone(), flash.clone(), return_open.clone());
        Callback::from(move |done: Application| {
            flash.set(Some(Flash::Done(done.status)));
            return_open.set(false);
            reload.bump();
        })
    };
    let on_assigned = {
        let (reload, flash) = (reload.clone(), flash.clone());
        Callback::from(move |_| {
            flash.set(Some(Flash::Assigned));
            reload.bump();
        })
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |k: Option<KeyFile>| key.set(k))
    };
    let on_return_toggle = {
        let return_open = return_open.clone();
        Callback::from(move |open: bool| return_open.set(open))
    };

    let no_data = || html! { <span class="muted">{app.t("st_no_data")}</span> };
    let opt_text = |v: Option<String>| match v.filter(|s| !s.trim().is_empty()) {
        Some(s) => html! { {s} },
        None => no_data(),
    };
    let deadline = match (a.status.is_open(), now) {
        (true, Some(now)) => match time_left(app.lang, &a.due_at, now) {
            Some(l) => {
                html! { <span class="time-left">{app.tf("st_time_left", &[("t", &l)])}</span> }
            }
            None => html! { <span class="time-left late">{app.t("st_deadline_passed")}</span> },
        },
        _ => html! {},
    };
    let docs = |kinds: &[DocumentKind]| -> Vec<(DocumentKind, String)> {
        a.documents
            .iter()
            .filter(|d| kinds.contains(&d.kind))
            .map(|d| (d.kind, d.file_id.clone()))
            .collect()
    };
    let all_docs: Vec<_> = a
        .documents
        .iter()
        .map(|d| (d.kind, d.file_id.clone()))
        .collect();
    let pmpk = docs(&[DocumentKind::PmpkConclusion]);
    let transport_applies = org_ready
        .as_ref()
        .map(|o| transport_applicable(a.transport_requested, o.provides_transport));

    html! {
        <section class="staff-page card-page" data-status={a.status.as_str()}>
            {back(&app)}
            <header class="card-head">
                <h1>{app.tf("st_application_no", &[("n", &a.number.to_string())])}</h1>
                <div class="card-head-status">
                    <StatusBadge status={a.status} overdue={a.overdue} />
                    {deadline}
                </div>
                if a.status == Status::InReview {
                    <p class="muted">{app.t("st_deadline_rule")}</p>
                }
            </header>
            { match &*flash {
                Some(Flash::Decided) => html! {
                    <p class="alert alert-success" role="status">{app.t("st_decision_saved")}</p>
                },
                Some(Flash::Done(status)) => outcome(&app, *status),
                Some(Flash::Assigned) => html! {
                    <p class="alert alert-success" role="status">{app.t("st_assigned")}</p>
                },
                None => html! {},
            } }
            <div class="card-grid">
                <section class="card" aria-labelledby="sec-info">
                    <h2 id="sec-info">{app.t("st_sec_info")}</h2>
                    <dl class="facts">
                        <dt>{app.t("st_col_number")}</dt><dd>{a.number}</dd>
                        <dt>{app.t("st_admission_type")}</dt>
                        <dd data-testid="admission-type">{admission_title(&app, a.admission_type)}</dd>
                        <dt>{app.t("st_col_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                        <dt>{app.t("st_due_at")}</dt><dd>{fmt_time(&a.due_at)}</dd>
                        <dt>{app.t("st_academic_year")}</dt><dd>{a.academic_year.to_string()}</dd>
                        <dt>{app.t("st_grade")}</dt><dd>{a.grade}</dd>
                        <dt>{app.t("st_language")}</dt><dd>{a.language.title(app.lang)}</dd>
                        if let Some(o) = &org_ready {
                            <dt>{app.t("st_org")}</dt><dd>{pick(app.lang, &o.name)}</dd>
                        }
                    </dl>
                </section>
                <section class="card" aria-labelledby="sec-child">
                    <h2 id="sec-child">{app.t("st_sec_child")}</h2>
                    <dl class="facts">
                        <dt>{app.t("full_name")}</dt><dd data-testid="child-name">{child_name(&a)}</dd>
                        <dt>{app.t("iin")}</dt><dd>{a.child.iin.clone()}</dd>
                        <dt>{app.t("st_birth_date")}</dt><dd>{fmt_date(&a.child.birth_date)}</dd>
                        <dt>{app.t("st_sex")}</dt><dd>{a.child.sex.title(app.lang)}</dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="sec-parent">
                    <h2 id="sec-parent">{app.t("st_sec_parent")}</h2>
                    <dl class="facts">
                        <dt>{app.t("full_name")}</dt><dd>{a.applicant_name.clone()}</dd>
                        <dt>{app.t("iin")}</dt><dd>{a.applicant_iin.clone()}</dd>
                        <dt>{app.t("st_relation")}</dt><dd>{a.applicant.relation.title(app.lang)}</dd>
                        <dt>{app.t("st_phone")}</dt>
                        <dd><a href={format!("tel:{}", a.applicant.phone)}>{a.applicant.phone.clone()}</a></dd>
                        <dt>{app.t("st_email")}</dt>
                        <dd>{ match a.applicant.email.clone().filter(|e| !e.is_empty()) {
                            Some(e) => html! { <a href={format!("mailto:{e}")}>{e.clone()}</a> },
                            None => no_data(),
                        } }</dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="sec-address">
                    <h2 id="sec-address">{app.t("st_sec_address")}</h2>
                    <dl class="facts">
                        <dt>{app.t("st_registered_address")}</dt>
                        <dd>{opt_text(a.registered_address.as_ref().map(|t| pick(app.lang, t))
                            .or(a.registered_address_id.clone()))}</dd>
                        <dt>{app.t("st_actual_address")}</dt>
                        <dd>{opt_text(a.actual_address.clone())}</dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="sec-docs">
                    <h2 id="sec-docs">{app.t("st_sec_documents")}</h2>
                    <Documents application_id={a.id.clone()} docs={all_docs} />
                </section>
                <section class="card" aria-labelledby="sec-transport">
                    <h2 id="sec-transport">{app.t("st_sec_transport")}</h2>
                    if !a.transport_requested {
                        <p>{app.t("st_transport_not_requested")}</p>
                    } else {
                        <p><span class="pill">{app.t("st_transport_requested")}</span></p>
                        if org_ready.as_ref().is_some_and(|o| !o.provides_transport) {
                            <p class="muted">{app.t("st_transport_not_provided")}</p>
                        }
                        { match a.decision.as_ref().and_then(|d| d.transport) {
                            Some(TransportDecision::Approved) => html! { <p>{app.t("st_transport_approved")}</p> },
                            Some(TransportDecision::Denied) => html! { <p>{app.t("st_transport_denied")}</p> },
                            None if transport_applies == Some(true) && a.status == Status::InReview => html! {
                                <p class="muted">{app.t("st_transport_with_decision")}</p>
                            },
                            None => html! {},
                        } }
                    }
                </section>
                <section class="card" aria-labelledby="sec-needs">
                    <h2 id="sec-needs">{app.t("st_sec_special_needs")}</h2>
                    if a.special_needs {
                        <p><span class="pill">{app.t("st_special_needs_yes")}</span></p>
                        <p class="muted">{app.t("st_special_needs_info")}</p>
                        if pmpk.is_empty() {
                            <p class="alert alert-error">{ErrorCode::MissingDocument.message(app.lang)}</p>
                        } else {
                            <Documents application_id={a.id.clone()} docs={pmpk} />
                        }
                    } else {
                        <p>{app.t("st_special_needs_no")}</p>
                    }
                </section>
                <section class="card" aria-labelledby="sec-assignee">
                    <h2 id="sec-assignee">{app.t("st_sec_assignee")}</h2>
                    <Assignee application={a.clone()}
                        staff={staff.ready().map(|s| s.items.clone()).unwrap_or_default()}
                        can_assign={is_director && a.status.is_open()} on_done={on_assigned} />
                </section>
                if let Some(d) = &a.decision {
                    <section class="card" aria-labelledby="sec-decision">
                        <h2 id="sec-decision">{app.t("st_sec_decision")}</h2>
                        <DecisionFacts decision={d.clone()} />
                        if let Some(s) = &a.signature {
                            <p class="muted">{app.tf("st_signed_by", &[("iin", &s.signer_iin), ("t", &fmt_time(&s.signed_at))])}</p>
                        }
                    </section>
                }
            </div>
            if a.status == Status::InReview && can_decide {
                <section class="card decision-card" aria-labelledby="sec-decide">
                    <h2 id="sec-decide">{app.t("st_sec_decide")}</h2>
                    { match (&org_ready, transport_applies) {
                        (Some(_), Some(applies)) => html! {
                            <DecisionForm application={a.clone()} transport_applies={applies}
                                limit={limit.clone()} on_done={on_decided} />
                        },
                        _ => pending(app.lang, &*org),
                    } }
                </section>
            }
            if a.status == Status::OnSigning && is_director {
                <section class="card signing-card" aria-labelledby="sec-sign">
                    <h2 id="sec-sign">{app.t("st_sec_sign")}</h2>
                    <KeyPicker key_file={(*key).clone()} on_change={on_key} />
                    <SignActions application={a.clone()} key_file={(*key).clone()}
                        return_open={*return_open} {on_return_toggle} on_done={on_signed} />
                </section>
            }
            <section class="card" aria-labelledby="sec-history">
                <h2 id="sec-history">{app.t("st_sec_history")}</h2>
                { match &*history {
                    Remote::Ready(h) => html! { <History items={h.items.clone()} /> },
                    other => pending(app.lang, other),
                } }
            </section>
        </section>
    }
}

fn back(app: &AppHandle) -> Html {
    html! {
        <p class="back">
            <Link<Route> to={Route::Journal}>{"← "}{app.t("st_back_to_journal")}</Link<Route>>
        </p>
    }
}

#[derive(Deserialize)]
struct DocumentUrl {
    url: String,
}

#[derive(Properties, PartialEq)]
struct DocumentsProps {
    application_id: String,
    docs: Vec<(DocumentKind, String)>,
}

/// The application's documents, each opened in a new tab by its short-lived link.
#[function_component]
fn Documents(p: &DocumentsProps) -> Html {
    let app = use_app();
    let error = use_state(|| None::<ApiError>);
    let open = |file_id: &str| {
        let (api, id, file_id, error) = (
            Api::of(&app),
            p.application_id.clone(),
            file_id.to_string(),
            error.clone(),
        );
        Callback::from(move |_| {
            // The tab opens now, while the click still allows it; it gets its address later.
            let window = web_sys::window();
            let tab = window.as_ref().and_then(|w| {
                w.open_with_url_and_target("about:blank", "_blank")
                    .ok()
                    .flatten()
            });
            if let Some(t) = &tab {
                let _ = t.set_opener(&JsValue::NULL);
            }
            let (api, id, file_id, error) =
                (api.clone(), id.clone(), file_id.clone(), error.clone());
            error.set(None);
            spawn(async move {
                let path = format!("/api/applications/{id}/documents/{file_id}");
                match api.get::<DocumentUrl>(&path).await {
                    Ok(d) => {
                        let url = absolute(&d.url);
                        match (&tab, &window) {
                            (Some(t), _) => {
                                let _ = t.location().set_href(&url);
                            }
                            (None, Some(w)) => {
                                let _ = w.open_with_url_and_target(&url, "_blank");
                            }
                            _ => {}
                        }
                    }
                    Err(e) => {
                        if let Some(t) = tab {
                            let _ = t.close();
                        }
                        error.set(Some(e));
                    }
                }
            });
        })
    };
    if p.docs.is_empty() {
        return html! { <p class="muted">{app.t("st_no_documents")}</p> };
    }
    html! {
        <>
            <ul class="doc-list">
                { for p.docs.iter().map(|(kind, file_id)| html! {
                    <li data-kind={kind.as_str()}>
                        <span class="doc-title">{kind.title(app.lang)}</span>
                        <button type="button" class="btn btn-small btn-secondary" onclick={open(file_id)}>
                            {app.t("st_open_document")}
                            <span class="visually-hidden">{format!(": {}", kind.title(app.lang))}</span>
                        </button>
                    </li>
                }) }
            </ul>
            {crate::components::api_error((*error).clone())}
        </>
    }
}

/// A link the API gave, made absolute for the new tab.
fn absolute(url: &str) -> String {
    if url.starts_with('/') {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{url}")
    } else {
        url.to_string()
    }
}

#[derive(Properties, PartialEq)]
struct AssigneeProps {
    application: Application,
    staff: Vec<StaffMember>,
    can_assign: bool,
    on_done: Callback<()>,
}

/// The responsible executor; the director names one (or themselves).
#[function_component]
fn Assignee(p: &AssigneeProps) -> Html {
    let app = use_app();
    let choice = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let me = app.me.as_ref().map(|m| m.iin.clone()).unwrap_or_default();
    let a = &p.application;
    let describe = |iin: &str| -> String {
        let member = p.staff.iter().find(|m| m.iin == iin);
        let mut s = iin.to_string();
        if iin == me {
            s.push_str(&format!(" — {}", app.t("st_me")));
        } else if let Some(m) = member.filter(|m| !m.position.is_empty()) {
            s.push_str(&format!(" — {}", m.position));
        }
        s
    };
    let assign = |iin: Option<String>| {
        let (app, a, choice, busy, error, on_done) = (
            app.clone(),
            a.clone(),
            choice.clone(),
            busy.clone(),
            error.clone(),
            p.on_done.clone(),
        );
        Callback::from(move |_| {
            let iin = iin.clone().unwrap_or_else(|| (*choice).clone());
            if iin.is_empty() {
                return;
            }
            let api = Api::of(&app);
            let path = org_path(&a.org_id, &format!("/applications/{}/assignee", a.id));
            let on_done = on_done.clone();
            error.set(None);
            run(
                &busy,
                &error,
                async move {
                    let body = serde_json::json!({ "iin": iin });
                    api.put::<_, serde_json::Value>(&path, &body).await
                },
                move |_| on_done.emit(()),
            );
        })
    };
    let candidates: Vec<&StaffMember> = p
        .staff
        .iter()
        .filter(|m| m.status == StaffStatus::Active)
        .filter(|m| m.roles.contains(&Role::Executor) || m.roles.contains(&Role::Director))
        .collect();
    html! {
        <div class="assignee">
            <p data-testid="assignee">
                { match &a.assignee_iin {
                    Some(iin) => html! { {describe(iin)} },
                    None => html! { <span class="muted">{app.t("st_not_assigned")}</span> },
                } }
            </p>
            if p.can_assign {
                <div class="toolbar">
                    if a.assignee_iin.as_deref() != Some(me.as_str()) {
                        <button type="button" class="btn btn-small" disabled={*busy}
                            onclick={assign(Some(me.clone()))}>{app.t("st_assign_me")}</button>
                    }
                    if !candidates.is_empty() {
                        <Field id="assignee-select" label={app.t("st_assign_to")}>
                            <select id="assignee-select"
                                onchange={let c = choice.clone(); Callback::from(move |e: Event| c.set(value_of(&e)))}>
                                <option value="" selected={choice.is_empty()}>{app.t("st_choose")}</option>
                                { for candidates.iter().map(|m| html! {
                                    <option value={m.iin.clone()} selected={*choice == m.iin}>{describe(&m.iin)}</option>
                                }) }
                            </select>
                        </Field>
                        <button type="button" class="btn btn-small btn-secondary" onclick={assign(None)}
                            disabled={*busy || choice.is_empty()}>{app.t("st_assign")}</button>
                    }
                </div>
                {crate::components::api_error((*error).clone())}
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DecisionFormProps {
    application: Application,
    transport_applies: bool,
    limit: Option<Limit>,
    on_done: Callback<()>,
}

/// The input a domain error names, to link the summary to.
fn error_anchor(field: Option<&str>) -> String {
    match field {
        Some("reason") => format!("reason-{}", RejectReason::ALL[0].as_str()),
        Some("transport") => "transport-approved".into(),
        Some("comment") => "decision-comment".into(),
        _ => String::new(),
    }
}

/// «Принять» / «Отказать» with the ground, the comment and the transport answer.
#[function_component]
fn DecisionForm(p: &DecisionFormProps) -> Html {
    let app = use_app();
    let transport = use_state(|| None::<TransportDecision>);
    let rejecting = use_state(|| false);
    let reason = use_state(|| None::<RejectReason>);
    let comment = use_state(String::new);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let a = &p.application;

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
                transport: if applies { *transport } else { None },
            };
            if let Err(e) = req.validate(applies) {
                errors.set(vec![(
                    error_anchor(e.field.as_deref()),
                    e.message(app.lang).into(),
                )]);
                failure.set(None);
                return;
            }
            errors.set(Vec::new());
            failure.set(None);
            let api = Api::of(&app);
            let path = org_path(&a.org_id, &format!("/applications/{}/decision", a.id));
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
            <ErrorSummary errors={(*errors).clone()} />
            {crate::components::api_error((*failure).clone())}
            if p.transport_applies {
                <fieldset class={classes!("radio-group", transport_error.is_some().then_some("field-invalid"))}
                    aria-describedby="transport-error">
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
                <textarea id="decision-comment" rows="2" maxlength="2000"
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
                        aria-describedby="reason-error">
                        <legend>{app.t("st_reason")}<span class="req" aria-hidden="true">{" *"}</span></legend>
                        { for RejectReason::ALL.into_iter().map(|r| {
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

#[derive(Properties, PartialEq)]
struct HistoryProps {
    items: Vec<HistoryEvent>,
}

#[function_component]
fn History(p: &HistoryProps) -> Html {
    let app = use_app();
    let action = |a: &str| -> String {
        match a {
            "submitted" => app.t("st_ev_submitted").into(),
            "assigned" => app.t("st_ev_assigned").into(),
            "decided" => app.t("st_ev_decided").into(),
            "returned" => app.t("st_ev_returned").into(),
            "signed" => app.t("st_ev_signed").into(),
            "withdrawn" => app.t("st_ev_withdrawn").into(),
            "overdue" => app.t("st_ev_overdue").into(),
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
        c.split("; ")
            .map(|part| match part {
                "accept" => app.t("st_kind_accept").to_string(),
                "reject" => app.t("st_kind_reject").to_string(),
                "transport: approved" => app.t("st_transport_approved").to_string(),
                "transport: denied" => app.t("st_transport_denied").to_string(),
                other => other
                    .parse::<RejectReason>()
                    .map(|r| r.text(app.lang).to_string())
                    .or_else(|_| {
                        other
                            .parse::<Status>()
                            .map(|s| s.title(app.lang).to_string())
                    })
                    .unwrap_or_else(|_| other.to_string()),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if p.items.is_empty() {
        return html! { <p class="muted">{app.t("st_no_data")}</p> };
    }
    html! {
        <ol class="history">
            { for p.items.iter().map(|e| html! {
                <li data-action={e.action.clone()}>
                    <span class="history-at">{fmt_time(&e.at)}</span>
                    <span class="history-what"><strong>{action(&e.action)}</strong>
                        {" · "}{role(&e.role)}
                        if e.actor != "system" && !e.actor.is_empty() { {" · "}{e.actor.clone()} }
                    </span>
                    if let Some(c) = e.comment.as_ref().filter(|c| !c.is_empty()) {
                        <span class="history-comment muted">{comment(&e.action, c)}</span>
                    }
                </li>
            }) }
        </ol>
    }
}
