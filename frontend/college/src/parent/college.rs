//! `/college`: a locality of the address register, then its colleges; `/college/colleges/{org}`:
//! a college's specialty lines with their places and ranked lists, the campaign's period and,
//! while it is open, «Подать заявление».

use domain::api::List;
use domain::college::api::{CollegeListing, CollegePage as Page};
use frontend::components::{Field, described_by, enc, fmt_date, pick, value_of};
use frontend::hooks::{Remote, pending, use_get, use_localities};
use frontend::state::{Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::details::{line_cells, line_name, lines_head, page_path};
use crate::route::Route;

#[function_component]
pub fn Finder() -> Html {
    let app = use_app();
    let lang = app.lang;
    let localities = use_localities();
    let locality = use_state(String::new);
    let colleges = use_get::<List<CollegeListing>>(
        (!locality.is_empty())
            .then(|| format!("/api/public/colleges?locality_id={}", enc(&locality))),
        0,
    );
    let on_locality = {
        let locality = locality.clone();
        Callback::from(move |e: Event| locality.set(value_of(&e)))
    };
    html! {
        <section class="college-finder" aria-labelledby="co-finder-title">
            <h1 id="co-finder-title">{app.t("co_finder_title")}</h1>
            <p class="lead">{app.t("co_finder_lead")}</p>
            <Field id="co-locality" label={app.t("co_locality")}>
                <select id="co-locality" aria-describedby={described_by("co-locality")} onchange={on_locality}>
                    <option value="" selected={locality.is_empty()}>{app.t("co_choose")}</option>
                    { for localities.ready().into_iter().flat_map(|l| l.items.iter()).map(|l| html! {
                        <option value={l.id.clone()} selected={*locality == l.id}>{pick(lang, &l.name)}</option>
                    }) }
                </select>
            </Field>
            if !locality.is_empty() {
                { match &*colleges {
                    Remote::Ready(c) if c.items.is_empty() => html! {
                        <p class="empty" data-testid="colleges-empty">{app.t("co_no_colleges")}</p>
                    },
                    Remote::Ready(c) => html! {
                        <ul class="app-cards">
                            { for c.items.iter().map(|c| html! {
                                <li class="card" data-testid="college" data-org={c.id.clone()}>
                                    <h2><Link<Route> to={Route::College { org: c.id.clone() }}>{pick(lang, &c.name)}</Link<Route>></h2>
                                    <p class="muted">{c.address.clone()}</p>
                                </li>
                            }) }
                        </ul>
                    },
                    other => pending(lang, other),
                } }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CollegeProps {
    pub org: String,
}

#[function_component]
pub fn CollegePage(p: &CollegeProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let page = use_get::<Page>(Some(page_path(&p.org)), 0);
    let Remote::Ready(c) = &*page else {
        return html! { <section class="college-page">{pending(lang, &page)}</section> };
    };
    let period = app.tf(
        "co_campaign_period",
        &[
            ("year", &c.campaign.academic_year.to_string()),
            ("from", &fmt_date(&c.campaign.opens)),
            ("to", &fmt_date(&c.campaign.closes)),
        ],
    );
    let row = |s: &domain::college::api::Specialty| {
        html! {
            <tr key={s.id.clone()} data-line={s.id.clone()}>
                {line_cells(&app, s)}
                <td data-label={app.t("co_ranking_title")}>
                    <Link<Route> to={Route::Ranking { org: c.org_id.clone(), line: s.id.clone() }}>
                        {app.t("co_ranking_open")}<span class="visually-hidden">{format!(": {}", line_name(lang, s))}</span>
                    </Link<Route>>
                </td>
            </tr>
        }
    };
    html! {
        <section class="college-page" aria-labelledby="co-college-title" data-open={c.open_now.to_string()}>
            <p class="back"><Link<Route> to={Route::Finder}>{"← "}{app.t("co_finder_title")}</Link<Route>></p>
            <h1 id="co-college-title">{pick(lang, &c.name)}</h1>
            if let Some(a) = &c.address { <p class="muted">{a.clone()}</p> }
            <p class={classes!("alert", if c.open_now { "alert-info" } else { "alert-error" })} data-testid="campaign">
                {period}{" "}{app.t(if c.open_now { "co_campaign_open" } else { "co_campaign_closed" })}
            </p>
            if c.open_now {
                <p><Link<Route> to={Route::Apply { org: c.org_id.clone() }} classes="btn">{app.t("co_apply")}</Link<Route>></p>
            }
            <h2>{app.t("co_specialties")}</h2>
            if c.specialties.is_empty() {
                <p class="empty">{app.t("co_no_specialties")}</p>
            } else {
                <table class="stack specialties-table">
                    <caption class="visually-hidden">{app.t("co_specialties")}</caption>
                    {lines_head(&app, app.t("co_ranking_title"))}
                    <tbody>{ for c.specialties.iter().map(row) }</tbody>
                </table>
            }
        </section>
    }
}
