//! «Приказы» (seed 003): the school's enrolment orders of an academic year. An executor or the
//! director gathers the signed acceptances into a draft («Сформировать проект приказа»), the
//! office gives it a number and a date («Регистрация приказа»), the director signs it with the
//! school's ЭЦП; each order's paper; and «Книга регистрации приказов» of a calendar year. The
//! class-composition orders made on «Комплектование классов» (`super::classes`) are listed here
//! too, each with its classes. What each person is offered follows `domain::permissions` (the API
//! checks the same).
//!
//! One component: the sections and each order are plain functions of its state (every
//! component type costs the wasm several KB).

use chrono::{Datelike, NaiveDate};
use domain::api::List;
use domain::orders::{
    BookRow, MAX_CHILDREN, MAX_NUMBER, NewOrder, Order, OrderChild, OrderKind, OrderStatus,
    RegisterOrder,
};
use domain::permissions::Permission;
use serde::de::IgnoredAny;
use yew::prelude::*;

use super::classes::class_line;
use super::{Acts, client_id, input_value, org_path, use_acts, use_year_pick};
use crate::api::{Api, download};
use crate::components::{
    Field, api_error, checked_of, described_by, fmt_date, fmt_time, pick, value_of,
};
use crate::hooks::{Remote, pending, use_get, use_reload};
use crate::signing::{KeyFile, KeyPicker, sign_at};
use crate::state::{App, Texts, use_app};

/// The i18n keys of the book's columns (seed 003).
const BOOK_COLUMNS: [&str; 5] = [
    "st_book_seq",
    "st_book_number",
    "st_book_date",
    "st_book_title",
    "st_book_signed_by",
];

/// The i18n keys of the candidates' columns.
const CANDIDATE_COLUMNS: [&str; 4] = [
    "st_order_include",
    "st_order_child",
    "st_order_born",
    "st_order_application",
];

#[function_component]
pub fn Orders() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let pick_year = use_year_pick();
    let year = pick_year.year();
    let can_prepare = app.can(Permission::PrepareOrders);
    let candidates = use_get::<List<OrderChild>>(
        year.filter(|_| can_prepare)
            .map(|y| org_path(&org, &format!("/order-candidates?academic_year={y}"))),
        reload.value(),
    );
    let orders = use_get::<List<Order>>(
        year.map(|y| org_path(&org, &format!("/orders?academic_year={y}"))),
        reload.value(),
    );
    let today = pick_year
        .campaign
        .ready()
        .map(|c| domain::to_almaty(c.now.to_utc()).date_naive());
    let book_year = use_state(|| None::<i32>);
    let shown_year = (*book_year).or(today.map(|d| d.year()));
    let book = use_get::<List<BookRow>>(
        shown_year.map(|y| org_path(&org, &format!("/order-book?year={y}"))),
        reload.value(),
    );
    // The candidates left out of the new order (all go in by default).
    let excluded = use_state(Vec::<String>::new);
    // The new order's id: the same until it is created, so a retry finds it.
    let order_id = use_state(client_id);
    let key = use_state(|| None::<KeyFile>);
    let acts = use_acts(&reload);
    let (Some(year), Some(today)) = (year, today) else {
        return html! { <section class="staff-page">{pending(app.lang, &pick_year.campaign)}</section> };
    };

    let new_order = match &*candidates {
        _ if !can_prepare => html! {},
        Remote::Ready(l) => {
            new_order_section(&app, &org, year, &l.items, &excluded, &order_id, &acts)
        }
        other => pending(app.lang, other),
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |k: Option<KeyFile>| key.set(k))
    };
    let on_book_year = {
        let book_year = book_year.clone();
        Callback::from(move |e: Event| {
            if let Ok(y) = value_of(&e).trim().parse::<i32>()
                && (2000..=2200).contains(&y)
            {
                book_year.set(Some(y));
            }
        })
    };
    let book_year_value = shown_year.map(|y| y.to_string()).unwrap_or_default();

    html! {
        <section class="staff-page orders-page">
            <h1>{app.t("nav_orders")}</h1>
            <p class="muted">{app.t("st_orders_intro")}</p>
            <div class="toolbar">{pick_year.select(&app, "orders-year")}</div>
            {new_order}
            <section aria-labelledby="orders-title">
                <h2 id="orders-title">{app.tf("st_orders_of_year", &[("year", &year.to_string())])}</h2>
                if let Some(k) = *acts.flash {
                    <p class="alert alert-success" role="status" data-testid="orders-flash">{app.t(k)}</p>
                }
                { match &*orders {
                    Remote::Ready(l) if l.items.is_empty() => html! {
                        <p class="empty">{app.t("st_orders_empty")}</p>
                    },
                    Remote::Ready(l) => html! {
                        <>
                            if app.can(Permission::Sign) && l.items.iter().any(|o| o.status == OrderStatus::Registered) {
                                <section class="card" aria-labelledby="key-heading">
                                    <h3 id="key-heading">{app.t("st_key_title")}</h3>
                                    <KeyPicker key_file={(*key).clone()} on_change={on_key} />
                                </section>
                            }
                            { for l.items.iter().map(|o| order_card(&app, &org, o, today, &key, &acts)) }
                        </>
                    },
                    other => pending(app.lang, other),
                } }
            </section>
            <section class="card" aria-labelledby="book-title">
                <h2 id="book-title">{app.t("st_book_title_heading")}</h2>
                <div class="toolbar">
                    <Field id="book-year" label={app.t("st_book_year")}>
                        <input id="book-year" type="number" inputmode="numeric" min="2000" max="2200"
                            value={book_year_value} onchange={on_book_year} />
                    </Field>
                </div>
                { match &*book {
                    Remote::Ready(l) if l.items.is_empty() => html! {
                        <p class="empty">{app.t("st_book_empty")}</p>
                    },
                    Remote::Ready(l) => book_table(&app, &l.items),
                    other => pending(app.lang, other),
                } }
            </section>
        </section>
    }
}

/// «Новый приказ о зачислении»: the signed acceptances in no order yet, each with a checkbox
/// (all checked), and «Сформировать проект приказа».
fn new_order_section(
    app: &App,
    org: &str,
    year: domain::AcademicYear,
    items: &[OrderChild],
    excluded: &UseStateHandle<Vec<String>>,
    order_id: &UseStateHandle<String>,
    acts: &Acts,
) -> Html {
    let chosen: Vec<String> = items
        .iter()
        .map(|c| c.application_id.clone())
        .filter(|id| !excluded.contains(id))
        .collect();
    let too_many = chosen.len() > MAX_CHILDREN;
    let create = {
        let (app, path, excluded, order_id, acts) = (
            app.clone(),
            org_path(org, "/orders"),
            excluded.clone(),
            order_id.clone(),
            acts.clone(),
        );
        let chosen = chosen.clone();
        Callback::from(move |_| {
            let api = Api::of(&app);
            let body = NewOrder {
                order_id: (*order_id).clone(),
                kind: OrderKind::Enrolment,
                academic_year: year,
                application_ids: chosen.clone(),
                language: None,
            };
            let (path, excluded, order_id) = (path.clone(), excluded.clone(), order_id.clone());
            acts.run(
                "new",
                "st_order_created",
                Box::pin(async move {
                    api.post::<_, IgnoredAny>(&path, &body).await?;
                    // The next order is another one.
                    order_id.set(client_id());
                    excluded.set(Vec::new());
                    Ok(())
                }),
            );
        })
    };
    let toggle = |id: &str| {
        let (excluded, id) = (excluded.clone(), id.to_string());
        Callback::from(move |e: Event| {
            let mut next: Vec<String> = excluded.iter().filter(|x| **x != id).cloned().collect();
            if !checked_of(&e) {
                next.push(id.clone());
            }
            excluded.set(next);
        })
    };
    let [include, name_h, born_h, application_h] = CANDIDATE_COLUMNS.map(|k| app.t(k));
    html! {
        <section class="card new-order" aria-labelledby="new-order-title">
            <h2 id="new-order-title">{app.t("st_new_order")}</h2>
            <p class="muted">{app.tf("st_new_order_intro", &[("max", &MAX_CHILDREN.to_string())])}</p>
            if items.is_empty() {
                <p class="empty">{app.t("st_new_order_empty")}</p>
            } else {
                <table class="stack order-candidates">
                    <caption class="visually-hidden">{app.t("st_new_order")}</caption>
                    <thead><tr>
                        { for [include, name_h, born_h, application_h].map(|h| html! { <th scope="col">{h}</th> }) }
                    </tr></thead>
                    <tbody>
                        { for items.iter().map(|c| {
                            let id = format!("order-child-{}", c.application_id);
                            html! {
                                <tr key={c.application_id.clone()} data-testid="order-candidate">
                                    <td data-label={include} class="cell-select">
                                        <input type="checkbox" id={id.clone()} checked={!excluded.contains(&c.application_id)}
                                            onchange={toggle(&c.application_id)} />
                                    </td>
                                    <td data-label={name_h}><label for={id}>{c.full_name()}</label></td>
                                    <td data-label={born_h}>{fmt_date(&c.birth_date)}</td>
                                    <td data-label={application_h}>
                                        {app.tf("st_order_application_of", &[
                                            ("n", &c.application_number.to_string()),
                                            ("date", &fmt_date(&c.applied_on)),
                                        ])}
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class={classes!("hint", too_many.then_some("error-text"))} aria-live="polite">
                    {app.tf("st_order_chosen", &[("n", &chosen.len().to_string()), ("total", &items.len().to_string())])}
                </p>
                {api_error(acts.error_at("new"))}
                <button type="button" class="btn" onclick={create}
                    disabled={*acts.busy || chosen.is_empty() || too_many}>{app.t("st_order_create")}</button>
            }
        </section>
    }
}

/// An order: its status, number and date, children and who prepared it; what the person may do
/// with it now; its paper.
fn order_card(
    app: &App,
    org: &str,
    o: &Order,
    today: NaiveDate,
    key: &UseStateHandle<Option<KeyFile>>,
    acts: &Acts,
) -> Html {
    let base = org_path(org, &format!("/orders/{}", o.id));
    let title = pick(app.lang, &o.title);
    let heading = match &o.registration {
        Some(r) => app.tf(
            "st_order_heading",
            &[
                ("n", &r.number.to_string()),
                ("date", &fmt_date(&r.date)),
                ("title", &title),
            ],
        ),
        None => app.tf("st_order_draft_heading", &[("title", &title)]),
    };
    let heading_id = format!("order-{}", o.id);
    let error = acts.error_at(&o.id);
    let field_error = |f: &str| {
        error
            .as_ref()
            .filter(|e| e.field.as_deref() == Some(f))
            .map(|e| e.message.clone())
    };
    let (number_error, date_error) = (field_error("number"), field_error("date"));
    let other_error = error.clone().filter(|e| {
        !matches!(e.field.as_deref(), Some("number" | "date")) || o.status != OrderStatus::Draft
    });
    let paper = {
        let (api, path, acts, id) = (
            Api::of(app),
            format!("{base}/paper"),
            acts.clone(),
            o.id.clone(),
        );
        let filename = match &o.registration {
            Some(r) => format!("order-{}.pdf", r.number),
            None => "order-draft.pdf".to_string(),
        };
        Callback::from(move |_| {
            let (acts, id) = (acts.clone(), id.clone());
            download(
                api.clone(),
                path.clone(),
                filename.clone(),
                Callback::from(move |m| acts.fail(&id, m, None)),
            );
        })
    };
    let (form, button) = match o.status {
        OrderStatus::Draft => {
            let (number_id, date_id) = (
                format!("order-number-{}", o.id),
                format!("order-date-{}", o.id),
            );
            let register = {
                let (app, path, acts, id) = (
                    app.clone(),
                    format!("{base}/register"),
                    acts.clone(),
                    o.id.clone(),
                );
                let (number_id, date_id) = (number_id.clone(), date_id.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let number = input_value(&number_id);
                    let number = match number.trim() {
                        "" => None,
                        n => match n.parse::<u32>() {
                            Ok(n) if (1..=MAX_NUMBER).contains(&n) => Some(n),
                            _ => {
                                let max = MAX_NUMBER.to_string();
                                let m = app.tf("st_order_number_invalid", &[("max", &max)]);
                                return acts.fail(&id, m, Some("number"));
                            }
                        },
                    };
                    let Some(body) = input_value(&date_id)
                        .parse()
                        .ok()
                        .and_then(|date| RegisterOrder { number, date }.validate().ok())
                    else {
                        return acts.fail(&id, app.t("st_order_date_invalid").into(), Some("date"));
                    };
                    let (api, path) = (Api::of(&app), path.clone());
                    acts.run(
                        &id,
                        "st_order_registered",
                        Box::pin(async move {
                            api.post::<_, IgnoredAny>(&path, &body).await.map(|_| ())
                        }),
                    );
                })
            };
            let discard = {
                let (api, path, acts, id) =
                    (Api::of(app), base.clone(), acts.clone(), o.id.clone());
                Callback::from(move |_| {
                    let (api, path) = (api.clone(), path.clone());
                    acts.run(
                        &id,
                        "st_order_discarded",
                        Box::pin(async move { api.delete(&path).await.map(|_| ()) }),
                    );
                })
            };
            let form = html! {
                <>
                    if app.can(Permission::RegisterOrders) {
                        <form class="order-register" onsubmit={register} novalidate=true
                            aria-label={app.t("st_order_register_title")}>
                            <Field id={number_id.clone()} label={app.t("st_order_number")} error={number_error.clone()}>
                                <input id={number_id.clone()} name="number" type="text" inputmode="numeric" autocomplete="off"
                                    maxlength="6" placeholder={app.t("st_order_number_placeholder")}
                                    aria-describedby={described_by(&number_id)}
                                    aria-invalid={number_error.is_some().to_string()} />
                            </Field>
                            <Field id={date_id.clone()} label={app.t("st_order_date")} required=true error={date_error.clone()}>
                                <input id={date_id.clone()} name="date" type="date" required=true value={today.to_string()}
                                    aria-describedby={described_by(&date_id)}
                                    aria-invalid={date_error.is_some().to_string()} />
                            </Field>
                            <button type="submit" class="btn" disabled={*acts.busy}>{app.t("st_order_register")}</button>
                        </form>
                    }
                </>
            };
            let button = html! {
                if app.can(Permission::PrepareOrders) {
                    <button type="button" class="btn btn-danger" onclick={discard} disabled={*acts.busy}>
                        {app.t("st_order_discard")}
                    </button>
                }
            };
            (form, button)
        }
        OrderStatus::Registered if app.can(Permission::Sign) => {
            let sign = {
                let (app, key, acts, id) = (app.clone(), key.clone(), acts.clone(), o.id.clone());
                let base = base.clone();
                Callback::from(move |_| {
                    let Some(key) = (*key).clone() else {
                        return acts.fail(&id, app.t("st_key_choose_first").into(), None);
                    };
                    let (api, base) = (Api::of(&app), base.clone());
                    acts.run(
                        &id,
                        "st_order_signed",
                        Box::pin(async move {
                            sign_at::<IgnoredAny>(&api, &base, &key).await.map(|_| ())
                        }),
                    );
                })
            };
            let button = html! {
                <button type="button" class="btn" onclick={sign} disabled={*acts.busy}>{app.t("st_sign")}</button>
            };
            (Html::default(), button)
        }
        _ => (Html::default(), Html::default()),
    };
    // Who did what when: prepared, registered, signed.
    let by = |name: Option<&str>, at| format!("{} · {}", name.unwrap_or_default(), fmt_time(at));
    let mut facts = vec![
        ("st_order_children", o.children.len().to_string()),
        (
            "st_order_prepared_by",
            by(o.prepared_by_name.as_deref(), &o.prepared_at),
        ),
    ];
    if !o.classes.is_empty() {
        facts.insert(0, ("st_order_classes", o.classes.len().to_string()));
    }
    if let Some(r) = &o.registration {
        facts.push((
            "st_order_registered_by",
            by(r.registered_by_name.as_deref(), &r.registered_at),
        ));
    }
    if let Some(s) = &o.signature {
        facts.push(("st_order_signed_by", by(Some(&s.signer_name), &s.signed_at)));
    }
    html! {
        <article class="card order" key={o.id.clone()} data-id={o.id.clone()} data-status={o.status.as_str()}
            aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{heading}</h3>
            <dl class="facts">
                <dt>{app.t("st_order_status")}</dt>
                <dd><span class={classes!("badge", format!("badge-order-{}", o.status.as_str()))}>{o.status.title(app.lang)}</span></dd>
                { for facts.iter().map(|(k, v)| html! { <><dt>{app.t(k)}</dt><dd>{v}</dd></> }) }
            </dl>
            if o.classes.is_empty() {
                <details class="order-children">
                    <summary>{app.tf("st_order_children_list", &[("n", &o.children.len().to_string())])}</summary>
                    <ol>
                        { for o.children.iter().map(|c| html! {
                            <li>{c.full_name()}{", "}{app.tf("st_order_born_on", &[("date", &fmt_date(&c.birth_date))])}</li>
                        }) }
                    </ol>
                </details>
            } else {
                // A class-composition order: each class's size and teacher (its paper lists
                // the children).
                <ul class="order-classes">
                    { for o.classes.iter().map(|c| html! { <li>{class_line(app, c)}</li> }) }
                </ul>
            }
            {form}
            <div class="row-actions order-actions">
                {button}
                <button type="button" class="btn btn-secondary" data-paper="order" onclick={paper}>
                    {app.t(if o.status == OrderStatus::Draft { "st_order_preview" } else { "st_order_download" })}
                </button>
            </div>
            {api_error(other_error)}
        </article>
    }
}

/// «Книга регистрации приказов»: the seed's five columns.
fn book_table(app: &App, rows: &[BookRow]) -> Html {
    let labels = BOOK_COLUMNS.map(|k| app.t(k));
    html! {
        <table class="stack order-book">
            <caption class="visually-hidden">{app.t("st_book_title_heading")}</caption>
            <thead><tr>
                { for labels.iter().map(|l| html! { <th scope="col">{*l}</th> }) }
            </tr></thead>
            <tbody>
                { for rows.iter().map(|r| {
                    let cells = [
                        r.seq.to_string(),
                        r.number.to_string(),
                        fmt_date(&r.date),
                        pick(app.lang, &r.title),
                        r.signed_by.clone().unwrap_or_default(),
                    ];
                    html! {
                        <tr key={r.order_id.clone()} data-testid="book-row">
                            { for labels.iter().zip(cells).map(|(l, v)| html! { <td data-label={*l}>{v}</td> }) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
