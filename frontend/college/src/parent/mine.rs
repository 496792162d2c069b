//! «Мои заявления» (`/college/my`): the caller's college applications with their status and
//! decision, and for a signed acceptance the rank in each chosen line; one application in full
//! (`/college/my/{id}`) with its details, rank and «Отозвать заявление» while it is open.

use domain::Service;
use domain::Status;
use domain::api::{Application as Submitted, DecisionKind, List};
use domain::college::api::MyRank;
use frontend::components::{StatusBadge, enc, fmt_time};
use frontend::hooks::{Remote, pending, use_get, use_org_names, use_reload};
use frontend::parent::{Withdraw, org_name};
use frontend::state::{App, Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::details::{CollegeDetails, line_name, line_terms};
use crate::ranking::seat_text;
use crate::route::Route;

/// The decision as the applicant reads it: accepted, or refused with its ground.
fn decision(app: &App, a: &Submitted) -> Html {
    let Some(d) = a.decision.as_ref().filter(|_| a.status.is_final()) else {
        return html! {};
    };
    html! {
        <>
            <dt>{app.t("co_decision")}</dt>
            <dd data-testid="decision">{ match d.decision {
                DecisionKind::Accept => app.t("co_decision_accept").to_string(),
                DecisionKind::Reject => d.reason.map_or_else(
                    || app.t("co_decision_reject").to_string(),
                    |r| format!("{}: {}", app.t("co_decision_reject"), r.text(app.lang)),
                ),
            } }</dd>
        </>
    }
}

#[function_component]
pub fn MyApplications() -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_get::<List<Submitted>>(Some("/api/me/applications".into()), 0);
    let items: Vec<Submitted> = list
        .ready()
        .into_iter()
        .flat_map(|l| l.items.iter())
        .filter(|a| a.service == Service::College)
        .cloned()
        .collect();
    let names = use_org_names(&app, items.iter().map(|a| a.org_id.clone()).collect());
    let find = html! { <Link<Route> to={Route::Finder} classes="btn btn-small">{app.t("co_find")}</Link<Route>> };
    let body = match &*list {
        Remote::Ready(_) if items.is_empty() => html! {
            <div class="empty" data-testid="my-empty"><p>{app.t("co_my_empty")}</p>{find.clone()}</div>
        },
        Remote::Ready(_) => html! {
            <ul class="app-cards">
                { for items.iter().map(|a| html! {
                    <li class="card app-card" data-testid="application-card" data-id={a.id.clone()} data-status={a.status.as_str()}>
                        <div class="app-card-head">
                            <h2><Link<Route> to={Route::MyApplication { id: a.id.clone() }}>
                                {app.tf("co_application_no", &[("n", &a.number.to_string())])}
                            </Link<Route>></h2>
                            <StatusBadge status={a.status} overdue={a.overdue} />
                        </div>
                        <dl class="facts">
                            <dt>{app.t("co_college")}</dt>
                            <dd>{org_name(lang, &names, &a.org_id).unwrap_or_else(|| app.t("loading").into())}</dd>
                            <dt>{app.t("co_student")}</dt><dd>{a.child.full_name()}</dd>
                            <dt>{app.t("co_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                            {decision(&app, a)}
                        </dl>
                        if a.status == Status::Accepted {
                            <Rank id={a.id.clone()} org={a.org_id.clone()} />
                        }
                    </li>
                }) }
            </ul>
        },
        other => pending(lang, other),
    };
    html! {
        <section class="my-applications" aria-labelledby="co-my-title">
            <div class="page-head">
                <h1 id="co-my-title">{app.t("co_my_title")}</h1>
                {find}
            </div>
            {body}
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ApplicationProps {
    pub id: String,
}

#[function_component]
pub fn Application(p: &ApplicationProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let reload = use_reload();
    let a = use_get::<Submitted>(
        Some(format!("/api/applications/{}", enc(&p.id))),
        reload.value(),
    );
    let org = a
        .ready()
        .map(|a| vec![a.org_id.clone()])
        .unwrap_or_default();
    let names = use_org_names(&app, org);
    let paper_error = use_state(|| None::<String>);
    let back = html! {
        <p class="back"><Link<Route> to={Route::MyApplications}>{"← "}{app.t("co_my_title")}</Link<Route>></p>
    };
    let Remote::Ready(a) = &*a else {
        return html! { <section class="college-application">{back}{pending(lang, &a)}</section> };
    };
    let on_withdrawn = {
        let reload = reload.clone();
        Callback::from(move |_| reload.bump())
    };
    html! {
        <section class="college-application" aria-labelledby="co-app-title" data-status={a.status.as_str()}>
            {back}
            <header class="card-head">
                <h1 id="co-app-title">{app.tf("co_application_no", &[("n", &a.number.to_string())])}</h1>
                <StatusBadge status={a.status} overdue={a.overdue} />
            </header>
            <div class="card-grid">
                <section class="card" aria-labelledby="co-app-facts">
                    <h2 id="co-app-facts">{app.t("co_application")}</h2>
                    <dl class="facts">
                        <dt>{app.t("co_college")}</dt>
                        <dd>{org_name(lang, &names, &a.org_id).unwrap_or_else(|| app.t("loading").into())}</dd>
                        <dt>{app.t("co_student")}</dt><dd>{a.child.full_name()}</dd>
                        <dt>{app.t("co_year")}</dt><dd>{a.academic_year.to_string()}</dd>
                        <dt>{app.t("co_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                        if a.status.is_open() {
                            <dt>{app.t("co_due")}</dt><dd>{fmt_time(&a.due_at)}</dd>
                        }
                        {decision(&app, a)}
                    </dl>
                </section>
                <CollegeDetails application={a.clone()} />
            </div>
            // «Скачать уведомление», once the decision is signed.
            {frontend::papers::papers(&app, a, None, {
                let e = paper_error.clone();
                Callback::from(move |x| e.set(Some(x)))
            })}
            if let Some(e) = &*paper_error {
                <div class="alert alert-error" role="alert">{e.clone()}</div>
            }
            if a.status == Status::Accepted {
                <section class="card" aria-labelledby="co-rank-title">
                    <h2 id="co-rank-title">{app.t("co_rank_title")}</h2>
                    <Rank id={a.id.clone()} org={a.org_id.clone()} />
                </section>
            }
            if a.status.is_open() {
                <Withdraw application={a.clone()} on_done={on_withdrawn} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RankProps {
    id: String,
    org: String,
}

/// The applicant's place in each chosen line (`GET /api/college/applications/{id}/rank`).
#[function_component]
fn Rank(p: &RankProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let rank = use_get::<MyRank>(
        Some(format!("/api/college/applications/{}/rank", enc(&p.id))),
        0,
    );
    let Remote::Ready(r) = &*rank else {
        return pending(lang, &rank);
    };
    html! {
        <table class="stack rank-table" data-testid="my-rank">
            <caption class="visually-hidden">{app.t("co_rank_title")}</caption>
            <thead><tr>
                <th scope="col">{app.t("co_col_priority")}</th>
                <th scope="col">{app.t("co_specialty")}</th>
                <th scope="col">{app.t("co_col_position")}</th>
                <th scope="col">{app.t("co_col_seat")}</th>
                <th scope="col">{app.t("co_cut_off")}</th>
            </tr></thead>
            <tbody>
                { for r.lines.iter().map(|l| html! {
                    <tr key={l.specialty.id.clone()} data-line={l.specialty.id.clone()}>
                        <td data-label={app.t("co_col_priority")}>{l.priority}</td>
                        <td data-label={app.t("co_specialty")}>
                            <div>
                                <Link<Route> to={Route::Ranking { org: p.org.clone(), line: l.specialty.id.clone() }}>
                                    {line_name(lang, &l.specialty)}
                                </Link<Route>>
                                <span class="muted">{format!(" — {}", line_terms(lang, &l.specialty))}</span>
                            </div>
                        </td>
                        <td data-label={app.t("co_col_position")} data-testid="position">{ match l.position {
                            Some(n) => app.tf("co_position_of", &[("n", &n.to_string()), ("of", &l.ranked.to_string())]),
                            None => "—".to_string(),
                        } }</td>
                        <td data-label={app.t("co_col_seat")} data-testid="seat">
                            {l.seat.map_or_else(|| "—".to_string(), |s| seat_text(&app, s))}
                        </td>
                        <td data-label={app.t("co_cut_off")}>
                            {l.split.cut_off.map_or_else(|| app.t("co_cut_off_none").to_string(), |s| s.to_string())}
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
