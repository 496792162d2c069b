//! «Государственные услуги»: the journal of the organisation's applications, unprocessed
//! («На проверке») and processed, with the journal's filters («Решение» among them), search
//! (by number, IIN, the applicant's, the child's or the responsible's name) and pages; the director selects rows and names their responsible at once (seed 002
//! «Назначить ответственного»).

mod assign;
mod table;

use chrono::{DateTime, Utc};
use domain::api::{Application, Campaign, List};
use domain::journal::DecisionFilter;
use domain::permissions::{Permission, permits};
use domain::staff::{StaffMember, StaffStatus};
use domain::{AdmissionType, Status};
use yew::prelude::*;

use super::{Cabinet, admission_title, org_path, query};
use crate::api::{Api, ApiError, spawn};
use crate::components::{Field, value_of};
use crate::hooks::{use_get, use_reload};
use crate::state::{App as AppHandle, Texts, use_app};
use table::JournalTable;

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
    decision: String,
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
            ("decision", f.decision.clone()),
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

#[derive(Properties, PartialEq)]
pub struct JournalProps {
    /// Opens on «Обработанные» (a cabinet's «Обработанные заявки»).
    #[prop_or_default]
    pub processed: bool,
}

#[function_component]
pub fn Journal<R: Cabinet>(p: &JournalProps) -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let tab = use_state(|| {
        if p.processed {
            Tab::Processed
        } else {
            Tab::Unprocessed
        }
    });
    let filter = use_state(Filter::default);
    let q_draft = use_state(String::new);
    let rows = use_state(|| None::<Rows>);
    let more_busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let now = use_state(|| None::<DateTime<Utc>>);
    let seq = use_mut_ref(|| 0u32);
    let reload = use_reload();
    let selected = use_state(Vec::<String>::new);
    let choice = use_state(String::new);
    let notice = use_state(|| None::<String>);
    // Whom the director may name responsible: the staff who may decide.
    let staff = use_get::<List<StaffMember>>(
        app.can(Permission::AssignExecutor)
            .then(|| org_path(&org, "/staff")),
        0,
    );
    let deciders: Vec<&StaffMember> = staff
        .ready()
        .into_iter()
        .flat_map(|l| l.items.iter())
        .filter(|m| m.status == StaffStatus::Active && permits(&m.roles, Permission::Decide))
        .collect();

    // The first page for the organisation, tab and filters; the business clock with it.
    {
        let (rows, error, now, seq) = (rows.clone(), error.clone(), now.clone(), seq.clone());
        let selected = selected.clone();
        let api = Api::of(&app);
        let deps = (org.clone(), *tab, (*filter).clone(), api, reload.value());
        use_effect_with(deps, move |(org, tab, filter, api, _)| {
            let n = {
                let mut s = seq.borrow_mut();
                *s += 1;
                *s
            };
            let (org, tab, filter, api) = (org.clone(), *tab, filter.clone(), api.clone());
            rows.set(None);
            error.set(None);
            selected.set(Vec::new());
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
        let (tab, filter, notice) = (tab.clone(), filter.clone(), notice.clone());
        Callback::from(move |_| {
            if *tab != t {
                notice.set(None);
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

    // The director names the responsible of applications still «На проверке» (seed 002).
    let can_select = app.can(Permission::AssignExecutor) && *tab == Tab::Unprocessed;
    let on_toggle = {
        let selected = selected.clone();
        Callback::from(move |(id, on): (String, bool)| {
            let mut v: Vec<String> = (*selected).iter().filter(|x| **x != id).cloned().collect();
            if on {
                v.push(id);
            }
            selected.set(v);
        })
    };
    let on_assign = {
        let (app, org, selected, choice) =
            (app.clone(), org.clone(), selected.clone(), choice.clone());
        let (busy, error, notice, reload) = (
            more_busy.clone(),
            error.clone(),
            notice.clone(),
            reload.clone(),
        );
        Callback::from(move |_| {
            let (notice, reload) = (notice.clone(), reload.clone());
            let ids = (*selected).clone();
            assign::assign(
                &app,
                &org,
                ids,
                (*choice).clone(),
                &busy,
                &error,
                move |text| {
                    notice.set(Some(text));
                    reload.bump();
                },
            );
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
                    if R::journal_column(&app).is_none() {
                    <Field id="journal-admission" label={app.t("st_admission_type")}>
                        <select id="journal-admission" onchange={set(|f, v| f.admission_type = v)}>
                            {opt("", app.t("st_filter_any"), &f.admission_type)}
                            { for AdmissionType::ALL.into_iter()
                                .map(|t| opt(t.as_str(), admission_title(&app, t), &f.admission_type)) }
                        </select>
                    </Field>
                    }
                    <Field id="journal-overdue" label={app.t("st_filter_overdue")}>
                        <select id="journal-overdue" onchange={set(|f, v| f.overdue = v)}>
                            {opt("", app.t("st_filter_any"), &f.overdue)}
                            {opt("true", app.t("st_filter_overdue_only"), &f.overdue)}
                            {opt("false", app.t("st_filter_not_overdue"), &f.overdue)}
                        </select>
                    </Field>
                    <Field id="journal-decision" label={app.t("st_col_decision")}>
                        <select id="journal-decision" onchange={set(|f, v| f.decision = v)}>
                            {opt("", app.t("st_filter_any"), &f.decision)}
                            { for DecisionFilter::ALL.into_iter()
                                .map(|d| opt(d.as_str(), decision_title(&app, d), &f.decision)) }
                        </select>
                    </Field>
                    if *f != Filter::default() {
                        <button type="button" class="btn btn-secondary btn-small" onclick={reset}>{app.t("st_filter_reset")}</button>
                    }
                </div>
                {crate::components::api_error((*error).clone())}
                if let Some(n) = &*notice {
                    <p class="alert alert-info" role="status" data-testid="assign-result">{n.clone()}</p>
                }
                { match &*rows {
                    None if error.is_none() => html! { {crate::components::loading(app.lang)} },
                    None => html! {},
                    Some(r) => html! {
                        <>
                            <p class="muted" role="status" aria-live="polite">
                                {app.tf("st_shown", &[("n", &r.items.len().to_string())])}
                            </p>
                            if can_select && !r.items.is_empty() {
                                <div class="toolbar assign-bar">
                                    <Field id="assign-executor" label={app.t("st_assign_to")}>
                                        <select id="assign-executor" onchange={
                                            let c = choice.clone();
                                            Callback::from(move |e: Event| c.set(value_of(&e)))
                                        }>
                                            {opt("", app.t("st_choose"), &choice)}
                                            // By name; the IIN of someone not signed in since.
                                            { for deciders.iter().map(|m| {
                                                opt(&m.iin, m.name.as_ref().unwrap_or(&m.iin), &choice)
                                            }) }
                                        </select>
                                    </Field>
                                    <button type="button" class="btn" onclick={on_assign}
                                        disabled={*more_busy || choice.is_empty() || selected.is_empty()}>
                                        {app.tf("st_assign_selected", &[("n", &selected.len().to_string())])}
                                    </button>
                                </div>
                            }
                            if r.items.is_empty() {
                                <p class="empty">{app.t("st_journal_empty")}</p>
                            } else {
                                <JournalTable<R> items={r.items.clone()} now={*now}
                                    selected={can_select.then(|| (*selected).clone())} on_toggle={on_toggle} />
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

/// «Положительно» / «Отрицательно» / «Нет решения» (seed 002's «Решение» column).
fn decision_title(app: &AppHandle, d: DecisionFilter) -> &'static str {
    match d {
        DecisionFilter::Accept => app.t("st_decision_accept"),
        DecisionFilter::Reject => app.t("st_decision_reject"),
        DecisionFilter::None => app.t("st_decision_none"),
    }
}
