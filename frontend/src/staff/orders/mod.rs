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
//!
//! Here the page and the book; the new order in [`new_order`], an order's card in [`card`].

mod card;
mod new_order;

use chrono::Datelike;
use domain::api::List;
use domain::orders::{BookRow, Order, OrderChild, OrderStatus};
use domain::permissions::Permission;
use yew::prelude::*;

use super::{org_path, use_acts, use_year_pick};
use crate::components::{Field, fmt_date, pick, value_of};
use crate::hooks::{Remote, pending, use_get, use_reload};
use crate::signing::{KeyFile, KeyPicker};
use crate::state::{App, Texts, use_app};
use card::order_card;
use new_order::new_order_section;

/// The i18n keys of the book's columns (seed 003).
const BOOK_COLUMNS: [&str; 5] = [
    "st_book_seq",
    "st_book_number",
    "st_book_date",
    "st_book_title",
    "st_book_signed_by",
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
    let order_id = use_state(super::client_id);
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
