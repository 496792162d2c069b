//! The journal's filters: service, period (date and time), status, decision, organisation,
//! locality and overdue; each change asks again (the filters live in the shared state).

use domain::journal::DecisionFilter;
use domain::territory::Scope;
use domain::{Service, Status};
use frontend::components::{Field, pick, value_of};
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::state::{EduAction, JournalField, JournalFilter, use_edu};
use crate::text;

#[function_component]
pub(super) fn Filters() -> Html {
    let app = use_app();
    let edu = use_edu();
    let f = &edu.journal;
    let set = |field: JournalField| {
        let edu = edu.clone();
        Callback::from(move |e: Event| edu.dispatch(EduAction::Filter(field, value_of(&e))))
    };
    let opt = |field: JournalField, value: &str, label: &str| {
        html! {
            <option value={value.to_string()} selected={f.get(field) == value}>{label.to_string()}</option>
        }
    };
    let any = |field: JournalField| opt(field, "", app.t("st_filter_any"));
    let select = |field: JournalField, id: &'static str, label: &'static str, options: Html| {
        html! {
            <Field {id} label={app.t(label)}>
                <select {id} onchange={set(field)}>{any(field)}{options}</select>
            </Field>
        }
    };
    let time = |field: JournalField, id: &'static str, label: &'static str| {
        html! {
            <Field {id} label={app.t(label)}>
                <input {id} type="datetime-local" value={f.get(field).to_string()} onchange={set(field)} />
            </Field>
        }
    };
    let department = edu.department.ready();
    let localities = department.map(|d| d.localities.clone()).unwrap_or_default();
    let reset = {
        let edu = edu.clone();
        Callback::from(move |_| edu.dispatch(EduAction::ResetFilters))
    };
    let regions = department
        .filter(|d| d.scope == Scope::Ministry)
        .map(|d| d.regions.clone())
        .unwrap_or_default();
    html! {
        <div class="toolbar journal-filters" data-testid="journal-filters">
            if !regions.is_empty() {
                {select(JournalField::Region, "f-region", "ed_col_region", html! {
                    { for regions.iter().map(|r| opt(JournalField::Region, &r.id, &r.label(app.lang))) }
                })}
            }
            {select(JournalField::Service, "f-service", "ed_service", html! {
                { for Service::ALL.into_iter().map(|s| opt(JournalField::Service, s.as_str(), text::service(&app, s))) }
            })}
            {time(JournalField::From, "f-from", "ed_from")}
            {time(JournalField::To, "f-to", "ed_to")}
            {select(JournalField::Status, "f-status", "st_filter_status", html! {
                { for Status::ALL.into_iter().map(|s| opt(JournalField::Status, s.as_str(), s.title(app.lang))) }
            })}
            {select(JournalField::Decision, "f-decision", "st_col_decision", html! {
                { for DecisionFilter::ALL.into_iter().map(|d| opt(JournalField::Decision, d.as_str(), text::decision(&app, d))) }
            })}
            {select(JournalField::Org, "f-org", "ed_org", html! {
                { for edu.orgs.iter().map(|o| opt(JournalField::Org, &o.id, &pick(app.lang, &o.name))) }
            })}
            {select(JournalField::Locality, "f-locality", "ed_locality", html! {
                { for localities.iter().map(|l| opt(JournalField::Locality, &l.id, &pick(app.lang, &l.name))) }
            })}
            {select(JournalField::Overdue, "f-overdue", "st_filter_overdue", html! {
                <>
                    {opt(JournalField::Overdue, "true", app.t("st_filter_overdue_only"))}
                    {opt(JournalField::Overdue, "false", app.t("st_filter_not_overdue"))}
                </>
            })}
            if *f != JournalFilter::default() {
                <button type="button" class="btn btn-secondary btn-small" onclick={reset}>{app.t("st_filter_reset")}</button>
            }
        </div>
    }
}
