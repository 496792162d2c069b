//! A specialty line's ranked list (`GET /api/public/colleges/{org}/specialties/{line}/ranking`):
//! the places split into the quota categories' seats and the general competition, the cut-off,
//! and each signed acceptance with its position and whether it is within the places. The IINs
//! come masked; the college's own staff also get the names.

use domain::college::api::RankedList;
use domain::college::rank::{Seat, Split};
use frontend::components::enc;
use frontend::hooks::{Remote, pending, use_get};
use frontend::state::{App, Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::details::{line_name, line_terms};
use crate::route::Route;

/// Where a row stands against the places, in words.
pub fn seat_text(app: &App, seat: Seat) -> String {
    match seat {
        Seat::Quota(q) => app.tf("co_seat_quota", &[("category", q.title(app.lang))]),
        Seat::General => app.t("co_seat_general").into(),
        Seat::Outside => app.t("co_seat_outside").into(),
    }
}

/// The places, the quota seats taken and the passing score so far.
pub fn split_facts(app: &App, split: &Split) -> Html {
    html! {
        <dl class="facts split">
            <dt>{app.t("co_state_places")}</dt><dd data-testid="state-places">{split.state_places}</dd>
            { for split.quota_seats.iter().filter(|q| q.seats > 0).map(|q| html! {
                <>
                    <dt>{q.category.title(app.lang)}</dt>
                    <dd>{app.tf("co_quota_taken", &[("taken", &q.taken.to_string()), ("seats", &q.seats.to_string())])}</dd>
                </>
            }) }
            <dt>{app.t("co_general_seats")}</dt><dd>{split.general_seats}</dd>
            <dt>{app.t("co_cut_off")}</dt>
            <dd data-testid="cut-off">{split.cut_off.map_or_else(|| app.t("co_cut_off_none").to_string(), |s| s.to_string())}</dd>
        </dl>
    }
}

#[derive(Properties, PartialEq)]
pub struct RankingProps {
    pub org: String,
    pub line: String,
}

#[function_component]
pub fn Ranking(p: &RankingProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_get::<RankedList>(
        Some(format!(
            "/api/public/colleges/{}/specialties/{}/ranking",
            enc(&p.org),
            enc(&p.line)
        )),
        0,
    );
    let back = html! {
        <p class="back">
            <Link<Route> to={Route::College { org: p.org.clone() }}>{"← "}{app.t("co_back_to_college")}</Link<Route>>
        </p>
    };
    let Remote::Ready(l) = &*list else {
        return html! { <section class="ranking-page">{back}{pending(lang, &list)}</section> };
    };
    let names = l.rows.iter().any(|r| r.name.is_some());
    html! {
        <section class="ranking-page" aria-labelledby="co-ranking-title">
            {back}
            <h1 id="co-ranking-title">{app.t("co_ranking_title")}{": "}{line_name(lang, &l.specialty)}</h1>
            <p class="lead">{line_terms(lang, &l.specialty)}{" · "}{l.academic_year.to_string()}</p>
            <section class="card" aria-labelledby="co-split-title">
                <h2 id="co-split-title">{app.t("co_split_title")}</h2>
                {split_facts(&app, &l.split)}
            </section>
            if l.rows.is_empty() {
                <p class="empty" data-testid="ranking-empty">{app.t("co_ranking_empty")}</p>
            } else {
                <table class="stack ranking-table">
                    <caption class="visually-hidden">{app.t("co_ranking_title")}</caption>
                    <thead><tr>
                        <th scope="col">{app.t("co_col_position")}</th>
                        <th scope="col">{app.t("co_col_number")}</th>
                        <th scope="col">{app.t("iin")}</th>
                        if names { <th scope="col">{app.t("full_name")}</th> }
                        <th scope="col">{app.t("co_score")}</th>
                        <th scope="col">{app.t("co_quota")}</th>
                        <th scope="col">{app.t("co_col_priority")}</th>
                        <th scope="col">{app.t("co_col_seat")}</th>
                    </tr></thead>
                    <tbody>
                        { for l.rows.iter().map(|r| html! {
                            <tr key={r.number} data-testid="rank-row" data-position={r.position.to_string()}
                                class={classes!((r.seat == Seat::Outside).then_some("muted"))}>
                                <td data-label={app.t("co_col_position")}>{r.position}</td>
                                <td data-label={app.t("co_col_number")}>{format!("№ {}", r.number)}</td>
                                <td data-label={app.t("iin")}>{r.iin_masked.clone()}</td>
                                if names { <td data-label={app.t("full_name")}>{r.name.clone().unwrap_or_default()}</td> }
                                <td data-label={app.t("co_score")}>{r.score.to_string()}</td>
                                <td data-label={app.t("co_quota")}>{r.quota.map_or("—", |q| q.title(lang))}</td>
                                <td data-label={app.t("co_col_priority")}>{r.priority}</td>
                                <td data-label={app.t("co_col_seat")}>{seat_text(&app, r.seat)}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
