//! The journal's table, seed 002's columns: №, Номер заявки, Тип заявки, ИИН, ФИО,
//! Дата/время, Статус, Решение, Ответственный, БИН, Населенный пункт, and overdue. The number
//! opens the read-only card.

use domain::monitoring::JournalRow;
use frontend::components::{StatusBadge, fmt_time};
use frontend::state::{Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;
use crate::text;

#[derive(Properties, PartialEq)]
pub(super) struct TableProps {
    pub items: Vec<JournalRow>,
}

#[function_component]
pub(super) fn Table(p: &TableProps) -> Html {
    let app = use_app();
    let heads = [
        "ed_col_n",
        "ed_col_number",
        "ed_col_service",
        "iin",
        "ed_col_name",
        "ed_col_submitted",
        "st_col_status",
        "st_col_decision",
        "st_col_assignee",
        "ed_col_bin",
        "ed_locality",
        "st_filter_overdue",
    ];
    let row = |(i, r): (usize, &JournalRow)| {
        let cell =
            |key: &'static str, body: Html| html! { <td data-label={app.t(key)}>{body}</td> };
        html! {
            <tr key={r.id.clone()} data-id={r.id.clone()} class={classes!(r.overdue.then_some("overdue"))}>
                {cell("ed_col_n", html! { {i + 1} })}
                {cell("ed_col_number", html! {
                    <Link<Route> to={Route::Card { id: r.id.clone() }} classes="row-link">
                        {format!("№ {}", r.number)}
                    </Link<Route>>
                })}
                {cell("ed_col_service", html! { {text::service(&app, r.service)} })}
                {cell("iin", html! { {r.iin.clone()} })}
                {cell("ed_col_name", html! { {r.full_name.clone()} })}
                {cell("ed_col_submitted", html! { {fmt_time(&r.submitted_at)} })}
                {cell("st_col_status", html! { <StatusBadge status={r.status} /> })}
                {cell("st_col_decision", html! { {text::decision(&app, r.decision)} })}
                {cell("st_col_assignee", html! { {r.assignee_name.clone().unwrap_or_else(|| "—".into())} })}
                {cell("ed_col_bin", html! { {r.org.bin.clone()} })}
                {cell("ed_locality", html! { {r.locality.label(app.lang)} })}
                {cell("st_filter_overdue", html! {
                    if r.overdue { <span class="badge badge-overdue">{app.t("overdue")}</span> } else { {"—"} }
                })}
            </tr>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="journal-table edu-journal-table" data-testid="edu-journal">
                <caption class="visually-hidden">{app.t("ed_journal_title")}</caption>
                <thead><tr>{ for heads.iter().map(|k| html! { <th scope="col">{app.t(k)}</th> }) }</tr></thead>
                <tbody>{ for p.items.iter().enumerate().map(row) }</tbody>
            </table>
        </div>
    }
}
