//! «Моя организация» → «Лимиты классов»: each parallel's seats and classes for a year, its
//! quotas by the 3-to-1 rule, the seats taken and free; add a parallel, edit one inline.

mod add;
mod row;

use domain::api::{Limit, List, MAX_SEATS, Org};
use domain::{AcademicYear, DomainError, Lang, MsgLang};
use yew::prelude::*;

use super::org_path;
use crate::components::{Field, value_of};
use crate::hooks::{Remote, pending, use_campaign, use_get, use_reload};
use crate::i18n::{tr, trf};
use crate::state::{Texts, use_app};
use add::AddLimitForm;
use row::LimitRow;

/// The text for a seats/classes error the domain's check named.
pub(super) fn seats_error(lang: MsgLang, e: &DomainError) -> (&'static str, String) {
    match e.field.as_deref() {
        Some("classes") => ("classes", tr(lang, "st_classes_invalid").to_string()),
        Some("grade") => ("grade", tr(lang, "st_grade_invalid").to_string()),
        _ => (
            "seats",
            trf(lang, "st_seats_invalid", &[("max", &MAX_SEATS.to_string())]),
        ),
    }
}

/// A whole number typed in a field, or the field's error.
pub(super) fn number(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

#[function_component]
pub fn Limits() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let campaign = use_campaign();
    let chosen = use_state(|| None::<AcademicYear>);
    let reload = use_reload();
    let year = (*chosen).or(campaign.ready().map(|c| c.academic_year));
    let list = use_get::<List<Limit>>(
        year.map(|y| org_path(&org, &format!("/limits?academic_year={y}"))),
        reload.value(),
    );
    let org_info = use_get::<Org>(Some(org_path(&org, "")), 0);
    let added = use_state(|| false);

    let Some(year) = year else {
        return html! { <section class="staff-page">{pending(app.lang, &campaign)}</section> };
    };
    let base = campaign.ready().map_or(year, |c| c.academic_year);
    let mut years: Vec<AcademicYear> = [
        base.first_year() - 1,
        base.first_year(),
        base.first_year() + 1,
    ]
    .into_iter()
    .filter_map(AcademicYear::new)
    .collect();
    if !years.contains(&year) {
        years.push(year);
        years.sort();
    }
    let on_year = {
        let (chosen, added) = (chosen.clone(), added.clone());
        Callback::from(move |e: Event| {
            if let Ok(y) = value_of(&e).parse::<AcademicYear>() {
                chosen.set(Some(y));
                added.set(false);
            }
        })
    };
    let on_changed = {
        let reload = reload.clone();
        Callback::from(move |_| reload.bump())
    };
    let on_added = {
        let (reload, added) = (reload.clone(), added.clone());
        Callback::from(move |_| {
            added.set(true);
            reload.bump();
        })
    };
    let languages = org_info
        .ready()
        .map(|o| o.languages.clone())
        .unwrap_or_else(|| Lang::ALL.to_vec());

    html! {
        <section class="staff-page limits-page">
            <p class="muted breadcrumb">{app.t("st_my_org")}{" → "}{app.t("nav_limits")}</p>
            <h1>{app.t("nav_limits")}</h1>
            <p class="muted">{app.t("st_limits_rule")}</p>
            <div class="toolbar">
                <Field id="limits-year" label={app.t("st_academic_year")}>
                    <select id="limits-year" onchange={on_year}>
                        { for years.iter().map(|y| html! {
                            <option value={y.to_string()} selected={*y == year}>{y.to_string()}</option>
                        }) }
                    </select>
                </Field>
            </div>
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! {
                    <p class="empty">{app.tf("st_limits_empty", &[("year", &year.to_string())])}</p>
                },
                Remote::Ready(l) => html! {
                    <table class="stack limits-table">
                        <caption class="visually-hidden">{app.t("nav_limits")}{" "}{year.to_string()}</caption>
                        <thead><tr>
                            <th scope="col">{app.t("st_language")}</th>
                            <th scope="col">{app.t("st_grade")}</th>
                            <th scope="col">{app.t("st_seats")}</th>
                            <th scope="col">{app.t("st_classes")}</th>
                            <th scope="col">{app.t("st_quota")}</th>
                            <th scope="col">{app.t("st_taken")}</th>
                            <th scope="col">{app.t("st_free")}</th>
                            <th scope="col"><span class="visually-hidden">{app.t("st_col_action")}</span></th>
                        </tr></thead>
                        <tbody>
                            { for l.items.iter().map(|limit| html! {
                                <LimitRow key={limit.id.clone()} limit={limit.clone()} on_saved={on_changed.clone()} />
                            }) }
                        </tbody>
                    </table>
                },
                other => pending(app.lang, other),
            } }
            <section class="card" aria-labelledby="add-limit-title">
                <h2 id="add-limit-title">{app.t("st_add_limit")}</h2>
                <AddLimitForm org={org.clone()} {year} {languages} on_added={on_added} />
                if *added {
                    <p class="alert alert-success" role="status">{app.t("st_limit_added")}</p>
                }
            </section>
        </section>
    }
}
