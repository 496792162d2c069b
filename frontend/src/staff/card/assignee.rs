//! The card's responsible executor, by name; the director names one (or themselves).

use domain::api::{Application, AssignExecutor};
use domain::permissions::{Permission, permits};
use domain::staff::{StaffMember, StaffStatus};
use yew::prelude::*;

use super::super::application_path;
use crate::api::{Api, ApiError};
use crate::components::{Field, value_of};
use crate::hooks::run;
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(super) struct AssigneeProps {
    pub application: Application,
    pub staff: Vec<StaffMember>,
    pub can_assign: bool,
    pub on_done: Callback<()>,
}

/// The responsible executor; the director names one (or themselves).
#[function_component]
pub(super) fn Assignee(p: &AssigneeProps) -> Html {
    let app = use_app();
    let choice = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let me = app.me.as_ref().map(|m| m.iin.clone()).unwrap_or_default();
    let a = &p.application;
    // Names lead; the IIN stands in where no name is known.
    let describe = |iin: &str, name: Option<&String>| -> String {
        let member = p.staff.iter().find(|m| m.iin == iin);
        let mut s = name
            .or(member.and_then(|m| m.name.as_ref()))
            .cloned()
            .unwrap_or_else(|| iin.to_string());
        if iin == me {
            s.push_str(&format!(" — {}", app.t("st_me")));
        } else if let Some(p) = member.and_then(|m| m.position) {
            s.push_str(&format!(" — {}", p.title(app.lang)));
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
            let path = application_path(&a, "/assignee");
            let on_done = on_done.clone();
            run(
                &busy,
                &error,
                async move {
                    api.put::<_, serde_json::Value>(&path, &AssignExecutor { iin })
                        .await
                },
                move |_| on_done.emit(()),
            );
        })
    };
    let candidates: Vec<&StaffMember> = p
        .staff
        .iter()
        .filter(|m| m.status == StaffStatus::Active)
        // Whoever may decide: executors, and directors by their effective roles.
        .filter(|m| permits(&m.roles, Permission::Decide))
        .collect();
    html! {
        <div class="assignee">
            <p data-testid="assignee">
                { match &a.assignee_iin {
                    Some(iin) => html! { {describe(iin, a.assignee_name.as_ref())} },
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
                                    <option value={m.iin.clone()} selected={*choice == m.iin}>{describe(&m.iin, None)}</option>
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
