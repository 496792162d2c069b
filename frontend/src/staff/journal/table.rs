//! The journal's table: number, child, submission, admission type, status, the responsible
//! by name and the deadline; with a checkbox a row where the director may select.

use chrono::{DateTime, Utc};
use domain::api::Application;
use yew::prelude::*;
use yew_router::prelude::*;

use super::super::{Cabinet, admission_title};
use crate::components::{checked_of, fmt_time, status_badge, time_left};
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(super) struct TableProps {
    pub items: Vec<Application>,
    pub now: Option<DateTime<Utc>>,
    /// The selected ids, when rows may be selected.
    pub selected: Option<Vec<String>>,
    pub on_toggle: Callback<(String, bool)>,
}

#[function_component]
pub(super) fn JournalTable<R: Cabinet>(p: &TableProps) -> Html {
    let app = use_app();
    // The service's own column, or the admission type (1st grade).
    let column = R::journal_column(&app);
    let column_title = column.map_or(app.t("st_admission_type"), |(title, _)| title);
    let row = |a: &Application| {
        let deadline = if a.status.is_open() {
            let left = p.now.and_then(|now| time_left(app.lang, &a.due_at, now));
            html! {
                <>
                    { match left {
                        Some(l) => html! { <span class="time-left">{app.tf("st_time_left", &[("t", &l)])}</span> },
                        None if p.now.is_some() => html! { <span class="time-left late">{app.t("st_deadline_passed")}</span> },
                        None => html! {},
                    } }
                    <span class="muted due">{app.tf("st_due", &[("t", &fmt_time(&a.due_at))])}</span>
                </>
            }
        } else {
            html! { <span class="muted">{"—"}</span> }
        };
        let number = format!("№ {}", a.number);
        let check = p.selected.as_ref().map(|selected| {
            let (id, on_toggle) = (a.id.clone(), p.on_toggle.clone());
            let onchange =
                Callback::from(move |e: Event| on_toggle.emit((id.clone(), checked_of(&e))));
            html! {
                <td class="cell-select">
                    <input type="checkbox" checked={selected.contains(&a.id)} {onchange}
                        aria-label={app.tf("st_select_row", &[("n", &number)])} />
                </td>
            }
        });
        html! {
            <tr key={a.id.clone()} data-id={a.id.clone()} class={classes!(a.overdue.then_some("overdue"))}>
                {check}
                <td data-label={app.t("st_col_number")}>
                    <Link<R> to={R::card(a.id.clone())} classes="row-link">{number.clone()}</Link<R>>
                </td>
                <td data-label={app.t("st_col_child")}>
                    <div>
                        <span class="child-name">{a.child.full_name()}</span>
                        <span class="muted iin">{a.child.iin.clone()}</span>
                    </div>
                </td>
                <td data-label={app.t("st_col_submitted")}>{fmt_time(&a.submitted_at)}</td>
                <td data-label={column_title}>{ match column {
                    Some((_, cell)) => cell(&app, a),
                    None => html! { {admission_title(&app, a.admission_type)} },
                } }</td>
                <td data-label={app.t("st_col_status")}>{status_badge(app.lang, a.status, a.overdue)}</td>
                <td data-label={app.t("st_col_assignee")} class="assignee-cell">
                    {a.assignee_name.clone().or_else(|| a.assignee_iin.clone()).unwrap_or_else(|| "—".into())}
                </td>
                <td data-label={app.t("st_col_deadline")} class="deadline"><div>{deadline}</div></td>
                <td data-label={app.t("st_col_action")} class="cell-actions">
                    <div class="cell-buttons">
                    <Link<R> to={R::card(a.id.clone())} classes="btn btn-small btn-secondary">
                        {app.t("st_open")}<span class="visually-hidden">{format!(" {number}")}</span>
                    </Link<R>>
                    </div>
                </td>
            </tr>
        }
    };
    html! {
        <table class="stack journal-table">
            <caption class="visually-hidden">{app.t("nav_gov_services")}</caption>
            <thead>
                <tr>
                    if p.selected.is_some() {
                        <th scope="col"><span class="visually-hidden">{app.t("st_col_select")}</span></th>
                    }
                    <th scope="col">{app.t("st_col_number")}</th>
                    <th scope="col">{app.t("st_col_child")}</th>
                    <th scope="col">{app.t("st_col_submitted")}</th>
                    <th scope="col">{column_title}</th>
                    <th scope="col">{app.t("st_col_status")}</th>
                    <th scope="col">{app.t("st_col_assignee")}</th>
                    <th scope="col">{app.t("st_col_deadline")}</th>
                    <th scope="col"><span class="visually-hidden">{app.t("st_col_action")}</span></th>
                </tr>
            </thead>
            <tbody>{ for p.items.iter().map(row) }</tbody>
        </table>
    }
}
