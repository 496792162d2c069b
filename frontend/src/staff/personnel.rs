//! «Персонал»: the director's staff list (names first, from the people's own sign-in), adding
//! an employee by IIN with a position from the reference list and the roles «Исполнитель»,
//! «Сотрудник ОСО» and «Сотрудник канцелярии» (`GRANTABLE_ROLES`; they consent before the roles
//! apply), and removal.

use domain::api::List;
use domain::staff::{AddStaff, GRANTABLE_ROLES, Position, StaffMember, StaffStatus};
use domain::{ErrorCode, Iin, Role};
use yew::prelude::*;

use super::org_path;
use crate::api::{Api, ApiError, spawn};
use crate::components::{Checkbox, Field, described_by, error_summary, fmt_time, value_of};
use crate::hooks::{Remote, pending, run, use_get, use_reload};
use crate::pages::iin_error;
use crate::state::{App as AppHandle, Texts, use_app};

fn status_title(app: &AppHandle, s: StaffStatus) -> &'static str {
    match s {
        StaffStatus::Active => app.t("st_staff_active"),
        StaffStatus::AwaitingConsent => app.t("st_staff_awaiting"),
        StaffStatus::Declined => app.t("st_staff_declined"),
        StaffStatus::Removed => app.t("st_staff_removed"),
    }
}

#[function_component]
pub fn Personnel() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let list = use_get::<List<StaffMember>>(Some(org_path(&org, "/staff")), reload.value());
    let confirming = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let removed = use_state(|| None::<String>);
    let added = use_state(|| None::<StaffMember>);

    let on_added = {
        let (added, removed, reload) = (added.clone(), removed.clone(), reload.clone());
        Callback::from(move |m: StaffMember| {
            added.set(Some(m));
            removed.set(None);
            reload.bump();
        })
    };
    let remove = |iin: &str| {
        let (app, org, iin) = (app.clone(), org.clone(), iin.to_string());
        let (busy, error, confirming, removed, added, reload) = (
            busy.clone(),
            error.clone(),
            confirming.clone(),
            removed.clone(),
            added.clone(),
            reload.clone(),
        );
        Callback::from(move |_| {
            let (api, org, iin) = (Api::of(&app), org.clone(), iin.clone());
            let (busy, error, confirming, removed, added, reload) = (
                busy.clone(),
                error.clone(),
                confirming.clone(),
                removed.clone(),
                added.clone(),
                reload.clone(),
            );
            busy.set(true);
            error.set(None);
            spawn(async move {
                let result = api.delete(&org_path(&org, &format!("/staff/{iin}"))).await;
                busy.set(false);
                confirming.set(None);
                match result {
                    Ok(_) => {
                        removed.set(Some(iin));
                        added.set(None);
                        reload.bump();
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let ask = |iin: Option<String>| {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(iin.clone()))
    };
    let me = app.me.as_ref().map(|m| m.iin.clone()).unwrap_or_default();
    let row = |m: &StaffMember| {
        let roles: Vec<_> = m.roles.iter().map(|r| r.title(app.lang)).collect();
        let removable = m.iin != me && !m.roles.contains(&Role::Director);
        let when = match m.status {
            StaffStatus::AwaitingConsent => m.invited_at.as_ref(),
            _ => m.since.as_ref(),
        };
        let (remove_key, confirm_key) = match m.status {
            StaffStatus::AwaitingConsent => {
                ("st_cancel_invitation", "st_confirm_cancel_invitation")
            }
            _ => ("st_remove", "st_confirm_remove"),
        };
        html! {
            <tr key={m.iin.clone()} data-iin={m.iin.clone()} data-status={m.status.as_str()}>
                <td data-label={app.t("st_col_person")}>
                    <div>
                        if let Some(name) = &m.name {
                            <span class="person-name">{name.clone()}</span>
                        }
                        <span class="muted iin">
                            {format!("{} {}", app.t("iin"), m.iin)}
                            if m.iin == me { {format!(" ({})", app.t("st_me"))} }
                        </span>
                    </div>
                </td>
                <td data-label={app.t("st_position")}>{m.position.map(|p| p.title(app.lang)).unwrap_or_default()}</td>
                <td data-label={app.t("st_roles")}>{roles.join(", ")}</td>
                <td data-label={app.t("st_col_status")}>
                    <span class={classes!("staff-status", format!("staff-{}", m.status.as_str()))}>
                        {status_title(&app, m.status)}
                    </span>
                </td>
                <td data-label={app.t("st_since")}>{when.map(fmt_time).unwrap_or_default()}</td>
                <td data-label={app.t("st_col_action")} class="cell-actions">
                    <div class="cell-buttons">
                    if removable {
                        if confirming.as_deref() == Some(m.iin.as_str()) {
                            <span class="confirm" role="group" aria-label={app.t(confirm_key)}>
                                <span>{app.t(confirm_key)}</span>
                                <button type="button" class="btn btn-small btn-danger" disabled={*busy}
                                    onclick={remove(&m.iin)}>{app.t("st_yes")}</button>
                                <button type="button" class="btn btn-small btn-secondary"
                                    onclick={ask(None)}>{app.t("st_cancel")}</button>
                            </span>
                        } else {
                            <button type="button" class="btn btn-small btn-secondary"
                                onclick={ask(Some(m.iin.clone()))}>
                                {app.t(remove_key)}<span class="visually-hidden">{format!(" {}", m.iin)}</span>
                            </button>
                        }
                    }
                    </div>
                </td>
            </tr>
        }
    };
    html! {
        <section class="staff-page personnel-page">
            <h1>{app.t("nav_staff")}</h1>
            <p class="muted">{app.t("st_staff_intro")}</p>
            <section class="card" aria-labelledby="add-staff-title">
                <h2 id="add-staff-title">{app.t("st_add_staff")}</h2>
                <AddStaffForm org={org.clone()} on_added={on_added} />
                if let Some(m) = &*added {
                    <p class="alert alert-success" role="status" data-testid="staff-added">
                        {app.tf("st_staff_invited", &[("iin", &m.iin), ("status", status_title(&app, m.status))])}
                    </p>
                }
            </section>
            if let Some(iin) = &*removed {
                <p class="alert alert-success" role="status">{app.tf("st_staff_removed_msg", &[("iin", iin)])}</p>
            }
            {crate::components::api_error((*error).clone())}
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! { <p class="empty">{app.t("st_staff_empty")}</p> },
                Remote::Ready(l) => html! {
                    <table class="stack staff-table">
                        <caption class="visually-hidden">{app.t("nav_staff")}</caption>
                        <thead><tr>
                            <th scope="col">{app.t("st_col_person")}</th>
                            <th scope="col">{app.t("st_position")}</th>
                            <th scope="col">{app.t("st_roles")}</th>
                            <th scope="col">{app.t("st_col_status")}</th>
                            <th scope="col">{app.t("st_since")}</th>
                            <th scope="col"><span class="visually-hidden">{app.t("st_col_action")}</span></th>
                        </tr></thead>
                        <tbody>{ for l.items.iter().map(row) }</tbody>
                    </table>
                },
                other => pending(app.lang, other),
            } }
        </section>
    }
}

/// The IIN checked as typed: once all twelve digits are there, or at once for a non-digit.
fn typed_iin_error(lang: domain::MsgLang, s: &str) -> Option<String> {
    let incomplete = s.len() < Iin::LEN && s.bytes().all(|b| b.is_ascii_digit());
    iin_error(lang, s).filter(|_| !incomplete)
}

#[derive(Properties, PartialEq)]
struct AddStaffProps {
    org: String,
    on_added: Callback<StaffMember>,
}

#[function_component]
fn AddStaffForm(p: &AddStaffProps) -> Html {
    let app = use_app();
    let iin = use_state(String::new);
    let position = use_state(String::new);
    let roles = use_state(Vec::<Role>::new);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let director = app.me.as_ref().map(|m| m.iin.clone()).unwrap_or_default();

    let onsubmit = {
        let (app, org, on_added) = (app.clone(), p.org.clone(), p.on_added.clone());
        let (iin, position, roles, errors, failure, busy) = (
            iin.clone(),
            position.clone(),
            roles.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = AddStaff {
                iin: iin.trim().to_string(),
                position: position.trim().to_string(),
                roles: (*roles).clone(),
            };
            if let Err(e) = body.validate(&director) {
                let (id, msg) = match (e.code, e.field.as_deref()) {
                    (ErrorCode::InvalidIin, _) => ("staff-iin", e.message(app.lang)),
                    (_, Some("iin")) => ("staff-iin", app.t("st_staff_self")),
                    (_, Some("position")) => ("staff-position", app.t("st_position_required")),
                    (_, Some("roles")) => ("staff-role-executor", app.t("st_roles_required")),
                    _ => ("", e.message(app.lang)),
                };
                errors.set(vec![(id.to_string(), msg.to_string())]);
                return;
            }
            errors.set(Vec::new());
            failure.set(None);
            let (api, path, on_added) = (Api::of(&app), org_path(&org, "/staff"), on_added.clone());
            let (iin, position, roles) = (iin.clone(), position.clone(), roles.clone());
            run(
                &busy,
                &failure,
                async move { api.post::<_, StaffMember>(&path, &body).await },
                move |m| {
                    iin.set(String::new());
                    position.set(String::new());
                    roles.set(Vec::new());
                    on_added.emit(m);
                },
            );
        })
    };
    let field_err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    let role_box = |r: Role| {
        let id = format!("staff-role-{}", r.as_str());
        let roles = roles.clone();
        let checked = roles.contains(&r);
        let onchange = Callback::from(move |on: bool| {
            let mut v: Vec<Role> = (*roles).iter().copied().filter(|x| *x != r).collect();
            if on {
                v.push(r);
            }
            roles.set(v);
        });
        html! {
            <Checkbox {id} name="roles" value={r.as_str()} {checked} {onchange}
                label={r.title(app.lang)} />
        }
    };
    let roles_error = field_err("staff-role-executor");
    html! {
        <form class="add-staff" onsubmit={onsubmit} novalidate=true>
            {error_summary(app.lang, &errors)}
            {crate::components::api_error((*failure).clone())}
            <div class="grid-2">
                <Field id="staff-iin" label={app.t("iin")} required=true
                    error={field_err("staff-iin").or_else(|| typed_iin_error(app.lang, iin.trim()))}>
                    <input id="staff-iin" inputmode="numeric" maxlength={Iin::LEN.to_string()} autocomplete="off"
                        aria-describedby={described_by("staff-iin")} value={(*iin).clone()}
                        oninput={let s = iin.clone(); Callback::from(move |e: InputEvent| s.set(value_of(&e)))} />
                </Field>
                <Field id="staff-position" label={app.t("st_position")} required=true
                    hint={app.t("st_position_hint")} error={field_err("staff-position")}>
                    <select id="staff-position" aria-describedby={described_by("staff-position")}
                        onchange={let s = position.clone(); Callback::from(move |e: Event| s.set(value_of(&e)))}>
                        <option value="" selected={position.is_empty()}>{app.t("st_choose")}</option>
                        { for Position::ALL.into_iter().filter(|p| p.invitable()).map(|p| html! {
                            <option value={p.as_str()} selected={*position == p.as_str()}>{p.title(app.lang)}</option>
                        }) }
                    </select>
                </Field>
            </div>
            <fieldset class={classes!("checkbox-group", roles_error.is_some().then_some("field-invalid"))}
                aria-describedby={roles_error.is_some().then_some("staff-roles-error")}>
                <legend>{app.t("st_roles")}<span class="req" aria-hidden="true">{" *"}</span></legend>
                { for GRANTABLE_ROLES.into_iter().map(role_box) }
                <p class="hint">{app.t("st_roles_hint")}</p>
                if let Some(e) = roles_error {
                    <p class="error-text" id="staff-roles-error">{e}</p>
                }
            </fieldset>
            <button type="submit" class="btn" disabled={*busy}>{app.t("st_add")}</button>
        </form>
    }
}
