//! «Мониторинг оказания государственных услуг» (seed 002, 5.6): a period (date and time; empty,
//! the server's default of the last 20 days up to now) and a service («Все услуги» or one), then
//! the report by territory one level below the department as «ТАБЛИЦА» or «ДИАГРАММА», and
//! «ЭКСПОРТИРОВАТЬ» for its `.xlsx`.

mod chart;
mod table;

use domain::Service;
use domain::monitoring::Report as ReportData;
use frontend::components::{Field, fmt_time, value_of};
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::hooks::{download, pending, query, use_get};
use crate::state::{EduAction, ReportForm, ReportTab, use_edu};
use crate::text;

const REPORT: &str = "/api/monitoring/report";

#[function_component]
pub fn Report() -> Html {
    let app = use_app();
    let edu = use_edu();
    let q = query(&edu.report.params());
    let report = use_get::<ReportData>(Some(format!("{REPORT}{q}")), 0);
    let draft = use_state(|| edu.report.clone());
    let export_error = use_state(|| None::<String>);
    let on_submit = {
        let (edu, draft) = (edu.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            edu.dispatch(EduAction::Report((*draft).clone()));
        })
    };
    let edit = |f: fn(&mut ReportForm, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            f(&mut d, value_of(&e));
            draft.set(d);
        })
    };
    let export_href = format!("{REPORT}/export{q}");
    let on_export = {
        let (app, href, export_error) = (app.clone(), export_href.clone(), export_error.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            export_error.set(None);
            let export_error = export_error.clone();
            download(
                frontend::api::Api::of(&app),
                href.clone(),
                "report.xlsx".into(),
                Callback::from(move |m| export_error.set(Some(m))),
            );
        })
    };
    let tab = edu.tab;
    let select_tab = |t: ReportTab| {
        let edu = edu.clone();
        Callback::from(move |_| edu.dispatch(EduAction::Tab(t)))
    };
    // The arrow keys move between the two tabs (the WAI-ARIA tabs pattern).
    let on_tab_key = {
        let edu = edu.clone();
        Callback::from(move |e: KeyboardEvent| {
            if matches!(
                e.key().as_str(),
                "ArrowLeft" | "ArrowRight" | "Home" | "End"
            ) {
                e.prevent_default();
                let next = match edu.tab {
                    ReportTab::Table => ReportTab::Chart,
                    ReportTab::Chart => ReportTab::Table,
                };
                edu.dispatch(EduAction::Tab(next));
                focus(match next {
                    ReportTab::Table => "tab-table",
                    ReportTab::Chart => "tab-chart",
                });
            }
        })
    };
    let tab_button = |t: ReportTab, id: &'static str, key: &'static str| {
        let selected = tab == t;
        html! {
            <button type="button" role="tab" class="tab" {id} aria-selected={selected.to_string()}
                aria-controls="report-panel" tabindex={if selected { "0" } else { "-1" }}
                onclick={select_tab(t)} onkeydown={on_tab_key.clone()}>{app.t(key)}</button>
        }
    };
    let d = &*draft;
    html! {
        <section class="staff-page report-page">
            <h1>{app.t("ed_report_title")}</h1>
            <form class="toolbar journal-filters report-form" onsubmit={on_submit}>
                <Field id="r-from" label={app.t("ed_from")} hint={Some(AttrValue::from(app.t("ed_period_hint")))}>
                    <input id="r-from" type="datetime-local" value={d.from.clone()}
                        aria-describedby="r-from-hint" onchange={edit(|d, v| d.from = v)} />
                </Field>
                <Field id="r-to" label={app.t("ed_to")}>
                    <input id="r-to" type="datetime-local" value={d.to.clone()} onchange={edit(|d, v| d.to = v)} />
                </Field>
                <Field id="r-service" label={app.t("ed_service")}>
                    <select id="r-service" onchange={edit(|d, v| d.service = v)}>
                        <option value="" selected={d.service.is_empty()}>{app.t("ed_all_services")}</option>
                        { for Service::ALL.into_iter().map(|s| html! {
                            <option value={s.as_str()} selected={d.service == s.as_str()}>{text::service(&app, s)}</option>
                        }) }
                    </select>
                </Field>
                <button type="submit" class="btn">{app.t("ed_show")}</button>
                <a class="btn btn-secondary" href={export_href} onclick={on_export}
                    data-testid="report-export">{app.t("ed_export")}</a>
            </form>
            if let Some(m) = &*export_error {
                <p class="alert alert-error" role="alert">{m.clone()}</p>
            }
            { match report.ready() {
                None => pending(app.lang, &*report),
                Some(r) => html! {
                    <>
                        <p class="muted" data-testid="report-period">
                            {app.tf("ed_period_shown", &[
                                ("from", &fmt_time(&r.from)),
                                ("to", &fmt_time(&r.to)),
                                ("service", r.service.map_or(app.t("ed_all_services"), |s| text::service(&app, s))),
                            ])}
                        </p>
                        <div class="tabs" role="tablist" aria-label={app.t("ed_report_title")}>
                            {tab_button(ReportTab::Table, "tab-table", "ed_tab_table")}
                            {tab_button(ReportTab::Chart, "tab-chart", "ed_tab_chart")}
                        </div>
                        <div id="report-panel" role="tabpanel" tabindex="0" aria-labelledby={match tab {
                            ReportTab::Table => "tab-table",
                            ReportTab::Chart => "tab-chart",
                        }}>
                            { match tab {
                                ReportTab::Table => table::table(&app, r),
                                ReportTab::Chart => chart::chart(&app, r),
                            } }
                        </div>
                    </>
                },
            } }
        </section>
    }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
