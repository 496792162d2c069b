//! An order's card on «Приказы»: its facts, what the person may do with it now (register a
//! draft, discard it, sign a registered order) and its paper.

use chrono::NaiveDate;
use domain::orders::{MAX_NUMBER, Order, OrderStatus, RegisterOrder};
use domain::permissions::Permission;
use serde::de::IgnoredAny;
use yew::prelude::*;

use crate::api::{Api, download};
use crate::components::{Field, api_error, described_by, fmt_date, fmt_time, pick};
use crate::signing::{KeyFile, sign_at};
use crate::staff::classes::class_line;
use crate::staff::{Acts, input_value, org_path};
use crate::state::{App, Texts};

/// An order: its status, number and date, children and who prepared it; what the person may do
/// with it now; its paper.
pub(super) fn order_card(
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
    let paper = paper_download(app, o, &base, acts);
    let (form, button) = match o.status {
        OrderStatus::Draft => {
            let errors = (number_error, date_error);
            draft_actions(app, o, &base, today, acts, errors)
        }
        OrderStatus::Registered if app.can(Permission::Sign) => {
            (Html::default(), sign_button(app, o, &base, key, acts))
        }
        _ => (Html::default(), Html::default()),
    };
    let facts = facts(o);
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

/// The order's paper as it stands («Просмотреть проект» / «Скачать приказ»).
fn paper_download(app: &App, o: &Order, base: &str, acts: &Acts) -> Callback<MouseEvent> {
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
}

/// A draft's registration form (the office, «Регистрация приказа»: the number, or the next free
/// one, and the date) and «Удалить проект».
fn draft_actions(
    app: &App,
    o: &Order,
    base: &str,
    today: NaiveDate,
    acts: &Acts,
    (number_error, date_error): (Option<String>, Option<String>),
) -> (Html, Html) {
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
                Box::pin(async move { api.post::<_, IgnoredAny>(&path, &body).await.map(|_| ()) }),
            );
        })
    };
    let discard = {
        let (api, path, acts, id) = (Api::of(app), base.to_string(), acts.clone(), o.id.clone());
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

/// «Подписать» a registered order with the director's key.
fn sign_button(
    app: &App,
    o: &Order,
    base: &str,
    key: &UseStateHandle<Option<KeyFile>>,
    acts: &Acts,
) -> Html {
    let sign = {
        let (app, key, acts, id) = (app.clone(), key.clone(), acts.clone(), o.id.clone());
        let base = base.to_string();
        Callback::from(move |_| {
            let Some(key) = (*key).clone() else {
                return acts.fail(&id, app.t("st_key_choose_first").into(), None);
            };
            let (api, base) = (Api::of(&app), base.clone());
            acts.run(
                &id,
                "st_order_signed",
                Box::pin(async move { sign_at::<IgnoredAny>(&api, &base, &key).await.map(|_| ()) }),
            );
        })
    };
    html! {
        <button type="button" class="btn" onclick={sign} disabled={*acts.busy}>{app.t("st_sign")}</button>
    }
}

/// Who did what when: prepared, registered, signed (and a class order's classes).
fn facts(o: &Order) -> Vec<(&'static str, String)> {
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
    facts
}
