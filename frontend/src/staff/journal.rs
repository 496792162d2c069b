//! «Государственные услуги»: the journal of the organisation's applications, unprocessed
//! («На проверке») and processed, with the journal's filters, search and pages.

use chrono::{DateTime, Utc};
use domain::api::{Application, Campaign, List};
use domain::{AdmissionType, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use super::{admission_title, org_path, query};
use crate::api::{Api, ApiError, spawn};
use crate::components::{Field, StatusBadge, fmt_time, time_left, value_of};
use crate::route::Route;
use crate::state::{Texts, use_app};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tab {
    Unprocessed,
    Processed,
}

/// The journal's filters as the query parameters take them (empty: no filter).
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    /// Only on the processed tab; empty means every status but `in_review`.
    status: String,
    admission_type: String,
    overdue: String,
    from: String,
    to: String,
    q: String,
}

/// How many rows the processed tab gathers before it stops (it filters `in_review` out itself).
const PROCESSED_BATCH: usize = 20;

/// One request of rows: the processed tab without a status asks for every status and drops
/// `in_review`, reading on while a page had too few.
async fn fetch(
    api: &Api,
    org: &str,
    tab: Tab,
    f: &Filter,
    mut token: Option<String>,
) -> Result<(Vec<Application>, Option<String>), ApiError> {
    let status = match tab {
        Tab::Unprocessed => Status::InReview.as_str().to_string(),
        Tab::Processed => f.status.clone(),
    };
    let drops_in_review = tab == Tab::Processed && f.status.is_empty();
    let mut out = Vec::new();
    for _ in 0..10 {
        let params = [
            ("status", status.clone()),
            ("admission_type", f.admission_type.clone()),
            ("overdue", f.overdue.clone()),
            ("from", f.from.clone()),
            ("to", f.to.clone()),
            ("q", f.q.trim().to_string()),
            ("page_token", token.clone().unwrap_or_default()),
        ];
        let path = format!("{}{}", org_path(org, "/applications"), query(&params));
        let page: List<Application> = api.get(&path).await?;
        out.extend(
            page.items
                .into_iter()
                .filter(|a| !drops_in_review || a.status != Status::InReview),
        );
        token = page.next_page_token;
        if !drops_in_review || token.is_none() || out.len() >= PROCESSED_BATCH {
            break;
        }
    }
    Ok((out, token))
}

#[derive(Clone, Debug, PartialEq)]
struct Rows {
    items: Vec<Application>,
    token: Option<String>,
}

#[function_component]
pub fn Journal() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let tab = use_state(|| Tab::Unprocessed);
    let filter = use_state(Filter::default);
    let q_draft = use_state(String::new);
    let rows = use_state(|| None::<Rows>);
    let more_busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let now = use_state(|| None::<DateTime<Utc>>);
    let seq = use_mut_ref(|| 0u32);

    // The first page for the organisation, tab and filters; the business clock with it.
    {
        let (rows, error, now, seq) = (rows.clone(), error.clone(), now.clone(), seq.clone());
        let api = Api::of(&app);
        let deps = (org.clone(), *tab, (*filter).clone(), api);
        use_effect_with(deps, move |(org, tab, filter, api)| {
            let n = {
                let mut s = seq.borrow_mut();
                *s += 1;
                *s
            };
            let (org, tab, filter, api) = (org.clone(), *tab, filter.clone(), api.clone());
            rows.set(None);
            error.set(None);
            spawn(async move {
                if let Ok(c) = api.get::<Campaign>("/api/campaign").await {
                    now.set(Some(c.now.with_timezone(&Utc)));
                }
                let result = fetch(&api, &org, tab, &filter, None).await;
                if *seq.borrow() != n {
                    return;
                }
                match result {
                    Ok((items, token)) => rows.set(Some(Rows { items, token })),
                    Err(e) => error.set(Some(e)),
                }
            });
        });
    }

    let show_more = {
        let (app, org, tab, filter, rows, error, busy) = (
            app.clone(),
            org.clone(),
            *tab,
            (*filter).clone(),
            rows.clone(),
            error.clone(),
            more_busy.clone(),
        );
        Callback::from(move |_| {
            let Some(current) = (*rows).clone() else {
                return;
            };
            let Some(token) = current.token.clone() else {
                return;
            };
            let (api, org, filter, rows, error, busy) = (
                Api::of(&app),
                org.clone(),
                filter.clone(),
                rows.clone(),
                error.clone(),
                busy.clone(),
            );
            busy.set(true);
            spawn(async move {
                match fetch(&api, &org, tab, &filter, Some(token)).await {
                    Ok((items, token)) => {
                        let mut all = current.items;
                        all.extend(items);
                        rows.set(Some(Rows { items: all, token }));
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };

    let select_tab = |t: Tab| {
        let (tab, filter) = (tab.clone(), filter.clone());
        Callback::from(move |_| {
            if *tab != t {
                let mut f = (*filter).clone();
                f.status.clear();
                filter.set(f);
                tab.set(t);
            }
        })
    };
    let set = |apply: fn(&mut Filter, String)| {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let mut f = (*filter).clone();
            apply(&mut f, value_of(&e));
            filter.set(f);
        })
    };
    let on_search = {
        let (filter, q_draft) = (filter.clone(), q_draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut f = (*filter).clone();
            f.q = (*q_draft).clone();
            filter.set(f);
        })
    };
    let reset = {
        let (filter, q_draft) = (filter.clone(), q_draft.clone());
        Callback::from(move |_| {
            filter.set(Filter::default());
            q_draft.set(String::new());
        })
    };

    let tab_button = |t: Tab, key: &'static str, id: &'static str| {
        let selected = *tab == t;
        html! {
            <button type="button" role="tab" class="tab" id={id} aria-selected={selected.to_string()}
                aria-controls="journal-panel"
                onclick={select_tab(t)}>{app.t(key)}</button>
        }
    };
    let f = &*filter;
    let opt = |value: &str, label: &str, current: &str| {
        html! { <option value={value.to_string()} selected={value == current}>{label.to_string()}</option> }
    };
    let active_tab_id = match *tab {
        Tab::Unprocessed => "tab-unprocessed",
        Tab::Processed => "tab-processed",
    };

    html! {
        <section class="staff-page journal-page">
            <h1>{app.t("nav_gov_services")}</h1>
            <div class="tabs" role="tablist" aria-label={app.t("st_journal_tabs")}>
                {tab_button(Tab::Unprocessed, "st_tab_unprocessed", "tab-unprocessed")}
                {tab_button(Tab::Processed, "st_tab_processed", "tab-processed")}
            </div>
            <div id="journal-panel" role="tabpanel" aria-labelledby={active_tab_id}>
                <form class="journal-search" role="search" onsubmit={on_search}>
                    <Field id="journal-q" label={app.t("st_search_label")}>
                        <input id="journal-q" type="search" name="q" value={(*q_draft).clone()}
                            aria-describedby="journal-q-help journal-q-error" maxlength="100"
                            oninput={let q = q_draft.clone(); Callback::from(move |e: InputEvent| q.set(value_of(&e)))} />
                    </Field>
                    <button type="submit" class="btn">{app.t("st_search")}</button>
                    <p class="hint search-hint" id="journal-q-help">{app.t("st_search_hint")}</p>
                </form>
                <div class="toolbar journal-filters">
                    if *tab == Tab::Processed {
                        <Field id="journal-status" label={app.t("st_filter_status")}>
                            <select id="journal-status" onchange={set(|f, v| f.status = v)}>
                                {opt("", app.t("st_filter_all_processed"), &f.status)}
                                { for [Status::OnSigning, Status::Accepted, Status::Rejected, Status::Withdrawn]
                                    .into_iter().map(|s| opt(s.as_str(), s.title(app.lang), &f.status)) }
                            </select>
                        </Field>
                    }
                    <Field id="journal-admission" label={app.t("st_admission_type")}>
                        <select id="journal-admission" onchange={set(|f, v| f.admission_type = v)}>
                            {opt("", app.t("st_filter_any"), &f.admission_type)}
                            { for AdmissionType::ALL.into_iter()
                                .map(|t| opt(t.as_str(), admission_title(&app, t), &f.admission_type)) }
                        </select>
                    </Field>
                    <Field id="journal-overdue" label={app.t("st_filter_overdue")}>
                        <select id="journal-overdue" onchange={set(|f, v| f.overdue = v)}>
                            {opt("", app.t("st_filter_any"), &f.overdue)}
                            {opt("true", app.t("st_filter_overdue_only"), &f.overdue)}
                            {opt("false", app.t("st_filter_not_overdue"), &f.overdue)}
                        </select>
                    </Field>
                    <Field id="journal-from" label={app.t("st_filter_from")}>
                        <input id="journal-from" type="date" value={f.from.clone()} onchange={set(|f, v| f.from = v)} />
                    </Field>
                    <Field id="journal-to" label={app.t("st_filter_to")}>
                        <input id="journal-to" type="date" value={f.to.clone()} onchange={set(|f, v| f.to = v)} />
                    </Field>
                    if *f != Filter::default() {
                        <button type="button" class="btn btn-secondary btn-small" onclick={reset}>{app.t("st_filter_reset")}</button>
                    }
                </div>
                {crate::components::api_error((*error).clone())}
                { match &*rows {
                    None if error.is_none() => html! { {crate::components::loading(app.lang)} },
                    None => html! {},
                    Some(r) => html! {
                        <>
                            <p class="muted" role="status" aria-live="polite">
                                {app.tf("st_shown", &[("n", &r.items.len().to_string())])}
                            </p>
                            if r.items.is_empty() {
                                <p class="empty">{app.t("st_journal_empty")}</p>
                            } else {
                                <JournalTable items={r.items.clone()} now={*now} />
                            }
                            if r.token.is_some() {
                                <button type="button" class="btn btn-secondary show-more" onclick={show_more}
                                    disabled={*more_busy}>{app.t("st_show_more")}</button>
                            }
                        </>
                    },
                } }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    items: Vec<Application>,
    now: Option<DateTime<Utc>>,
}

#[function_component]
fn JournalTable(p: &TableProps) -> Html {
    let app = use_app();
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
        html! {
            <tr key={a.id.clone()} data-id={a.id.clone()} class={classes!(a.overdue.then_some("overdue"))}>
                <td data-label={app.t("st_col_number")}>
                    <Link<Route> to={Route::Card { id: a.id.clone() }} classes="row-link">{number.clone()}</Link<Route>>
                </td>
                <td data-label={app.t("st_col_child")}>
                    <div>
                        <span class="child-name">{a.child.full_name()}</span>
                        <span class="muted iin">{a.child.iin.clone()}</span>
                    </div>
                </td>
                <td data-label={app.t("st_col_submitted")}>{fmt_time(&a.submitted_at)}</td>
                <td data-label={app.t("st_admission_type")}>{admission_title(&app, a.admission_type)}</td>
                <td data-label={app.t("st_col_status")}><StatusBadge status={a.status} overdue={a.overdue} /></td>
                <td data-label={app.t("st_col_deadline")} class="deadline"><div>{deadline}</div></td>
                <td data-label={app.t("st_col_action")} class="cell-actions">
                    <div class="cell-buttons">
                    <Link<Route> to={Route::Card { id: a.id.clone() }} classes="btn btn-small btn-secondary">
                        {app.t("st_open")}<span class="visually-hidden">{format!(" {number}")}</span>
                    </Link<Route>>
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
                    <th scope="col">{app.t("st_col_number")}</th>
                    <th scope="col">{app.t("st_col_child")}</th>
                    <th scope="col">{app.t("st_col_submitted")}</th>
                    <th scope="col">{app.t("st_admission_type")}</th>
                    <th scope="col">{app.t("st_col_status")}</th>
                    <th scope="col">{app.t("st_col_deadline")}</th>
                    <th scope="col"><span class="visually-hidden">{app.t("st_col_action")}</span></th>
                </tr>
            </thead>
            <tbody>{ for p.items.iter().map(row) }</tbody>
        </table>
    }
}
