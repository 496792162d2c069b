//! Campaign settings (seed 003 «Период кампании»): per service with a period and per academic
//! year, the region's application period, the service's default shown as such; region-level
//! staff edit and save it.

use chrono::NaiveDate;
use domain::campaign::{CampaignPeriod, SetCampaignPeriod, default_period};
use domain::territory::TerritoryLevel;
use domain::{AcademicYear, Service};
use frontend::api::{Api, ApiError};
use frontend::components::{Field, api_error, fmt_date, value_of};
use frontend::hooks::{run, use_campaign, use_reload};
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::hooks::{pending, use_get};
use crate::state::use_edu;
use crate::text;

#[function_component]
pub fn Campaigns() -> Html {
    let app = use_app();
    let edu = use_edu();
    let campaign = use_campaign();
    let chosen = use_state(|| None::<AcademicYear>);
    let region_level = edu
        .department
        .ready()
        .is_some_and(|d| d.scope.level() == TerritoryLevel::Region);
    if !region_level {
        return html! {
            <section class="card narrow">
                <h1>{app.t("ed_campaigns_title")}</h1>
                <p class="alert alert-error" role="alert" data-testid="no-access">{app.t("ed_campaigns_region_only")}</p>
            </section>
        };
    }
    let Some(current) = campaign.ready().map(|c| c.academic_year) else {
        return pending(app.lang, &*campaign);
    };
    let year = chosen.unwrap_or(current);
    let years: Vec<AcademicYear> = [0, 1]
        .into_iter()
        .filter_map(|d| AcademicYear::new(current.first_year() + d))
        .collect();
    let on_year = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(value_of(&e).parse().ok()))
    };
    // Only services with a campaign (the preschool queue registers all year).
    let services = Service::ALL
        .into_iter()
        .filter(|s| default_period(*s, year).is_some());
    html! {
        <section class="staff-page campaigns-page">
            <h1>{app.t("ed_campaigns_title")}</h1>
            <Field id="c-year" label={app.t("ed_academic_year")}>
                <select id="c-year" onchange={on_year}>
                    { for years.iter().map(|y| html! {
                        <option value={y.to_string()} selected={*y == year}>{y.to_string()}</option>
                    }) }
                </select>
            </Field>
            { for services.map(|service| html! {
                <CampaignCard key={format!("{service}-{year}")} {service} {year} />
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    service: Service,
    year: AcademicYear,
}

/// One service's period: shown, edited and saved.
#[function_component]
fn CampaignCard(p: &CardProps) -> Html {
    let app = use_app();
    let reload = use_reload();
    let path = format!("/api/campaigns/{}/{}", p.service, p.year);
    let period = use_get::<CampaignPeriod>(Some(path.clone()), reload.value());
    let opens = use_state(String::new);
    let closes = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    // The form starts from the period shown, and again after each save.
    {
        let (opens, closes) = (opens.clone(), closes.clone());
        use_effect_with(period.ready().cloned(), move |p| {
            if let Some(p) = p {
                opens.set(p.opens.to_string());
                closes.set(p.closes.to_string());
            }
        });
    }
    let Some(current) = period.ready() else {
        return html! { <section class="card">{pending(app.lang, &*period)}</section> };
    };
    let id = |f: &str| format!("c-{}-{f}", p.service);
    let on_submit = {
        let (app, opens, closes, busy, error, saved, reload) = (
            app.clone(),
            opens.clone(),
            closes.clone(),
            busy.clone(),
            error.clone(),
            saved.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            saved.set(false);
            let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            let (Some(o), Some(c)) = (day(&opens), day(&closes)) else {
                error.set(Some(ApiError {
                    status: 0,
                    code: "validation_failed".into(),
                    message: app.t("ed_campaign_dates").into(),
                    field: None,
                }));
                return;
            };
            let body = SetCampaignPeriod {
                opens: o,
                closes: c,
            };
            let (api, path, saved, reload) =
                (Api::of(&app), path.clone(), saved.clone(), reload.clone());
            run(
                &busy,
                &error,
                async move { api.put::<_, CampaignPeriod>(&path, &body).await },
                move |_| {
                    saved.set(true);
                    reload.bump();
                },
            );
        })
    };
    let title_id = format!("campaign-{}", p.service);
    let input = |field: &'static str, label: &'static str, state: &UseStateHandle<String>| {
        let state = state.clone();
        html! {
            <Field id={id(field)} label={app.t(label)}>
                <input id={id(field)} type="date" value={(*state).clone()} required=true
                    onchange={Callback::from(move |e: Event| state.set(value_of(&e)))} />
            </Field>
        }
    };
    html! {
        <section class="card campaign-card" aria-labelledby={title_id.clone()} data-service={p.service.as_str()}>
            <h2 id={title_id}>{text::service(&app, p.service)}</h2>
            <p data-testid="campaign-period">
                {app.tf("ed_campaign_period", &[
                    ("opens", &fmt_date(&current.opens)),
                    ("closes", &fmt_date(&current.closes)),
                ])}
                {" "}
                <span class="pill" data-testid="campaign-source">
                    {app.t(if current.set_by_region { "ed_campaign_set" } else { "ed_campaign_default" })}
                </span>
                {" "}
                <span class="pill">{app.t(if current.open { "ed_campaign_open" } else { "ed_campaign_closed" })}</span>
            </p>
            <form class="toolbar journal-filters" onsubmit={on_submit} novalidate=true>
                {input("opens", "ed_campaign_opens", &opens)}
                {input("closes", "ed_campaign_closes", &closes)}
                <button type="submit" class="btn" disabled={*busy}>{app.t("ed_save")}</button>
            </form>
            {api_error((*error).clone())}
            if *saved {
                <p class="alert alert-success" role="status" data-testid="campaign-saved">{app.t("ed_campaign_saved")}</p>
            }
        </section>
    }
}
