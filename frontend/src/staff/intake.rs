//! «Журнал регистрации» (seed 003 «Журнал регистраций поступления заявлений»): the school's
//! register of an academic year, in arrival order, and its «Экспорт в Excel».

use domain::api::List;
use domain::intake::IntakeRow;
use yew::prelude::*;

use super::{org_path, use_year_pick};
use crate::api::{Api, download};
use crate::components::fmt_time;
use crate::hooks::{Remote, pending, use_get};
use crate::state::{Texts, use_app};

/// The i18n keys of the columns after «№».
const COLUMNS: [&str; 8] = [
    "st_in_received",
    "st_in_applicant",
    "st_in_summary",
    "st_in_pages",
    "st_in_resolution",
    "st_in_executor",
    "st_in_result",
    "st_in_served",
];

#[function_component]
pub fn Intake() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let pick = use_year_pick();
    let error = use_state(|| None::<String>);
    let year = pick.year();
    let path = year.map(|y| org_path(&org, &format!("/intake-journal?academic_year={y}")));
    let list = use_get::<List<IntakeRow>>(path.clone(), 0);
    let (Some(year), Some(path)) = (year, path) else {
        return html! { <section class="staff-page">{pending(app.lang, &pick.campaign)}</section> };
    };
    let export = {
        let (app, error) = (app.clone(), error.clone());
        Callback::from(move |_| {
            let e = error.clone();
            download(
                Api::of(&app),
                format!("{path}&format=xlsx"),
                format!("intake-{year}.xlsx"),
                Callback::from(move |m| e.set(Some(m))),
            );
        })
    };
    // The seed's columns: their labels (the header, and each cell's label on a phone) and a
    // row's values, in the same order.
    let labels: Vec<&str> = std::iter::once("№")
        .chain(COLUMNS.iter().map(|k| app.t(k)))
        .collect();
    let cells = |r: &IntakeRow| -> [String; 9] {
        let pick = |t: &domain::api::Text| app.lang.pick(&t.ru, &t.kk).to_string();
        [
            r.n.to_string(),
            fmt_time(&r.received_at),
            r.applicant_name.clone(),
            pick(&r.summary),
            r.pages.to_string(),
            r.resolution.clone().unwrap_or_default(),
            r.executor.clone().unwrap_or_default(),
            r.result.as_ref().map(pick).unwrap_or_default(),
            r.served_at.as_ref().map(fmt_time).unwrap_or_default(),
        ]
    };
    html! {
        <section class="staff-page intake-page">
            <h1>{app.t("nav_intake")}</h1>
            <p class="muted">{app.t("st_intake_intro")}</p>
            <div class="toolbar">
                {pick.select(&app, "intake-year")}
                <button type="button" class="btn btn-secondary" onclick={export}>{app.t("st_export_xlsx")}</button>
            </div>
            if let Some(e) = &*error {
                <div class="alert alert-error" role="alert">{e.clone()}</div>
            }
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! {
                    <p class="empty">{app.t("st_intake_empty")}</p>
                },
                Remote::Ready(l) => html! {
                    <table class="stack intake">
                        <caption class="visually-hidden">{app.t("nav_intake")}{" "}{year.to_string()}</caption>
                        <thead><tr>
                            { for labels.iter().map(|l| html! { <th scope="col">{*l}</th> }) }
                        </tr></thead>
                        <tbody>
                            { for l.items.iter().map(|r| html! {
                                <tr key={r.application_id.clone()} data-testid="intake-row">
                                    { for labels.iter().zip(cells(r)).map(|(l, v)| html! {
                                        <td data-label={*l}>{v}</td>
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                },
                other => pending(app.lang, other),
            } }
        </section>
    }
}
