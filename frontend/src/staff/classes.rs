//! «Комплектование классов» (seed 003 «Автоматическое распределение детей по классам»): a year's
//! signed 1st-grade acceptances of one language of instruction dealt into the limit's classes
//! («Распределить автоматически»), then changed by hand (a child moved to another class, each
//! class's teacher named) and made into the order «О комплектовании классов», which freezes
//! them; the order is then registered and signed on «Приказы». Dealing again replaces the hand
//! changes, so the page asks first. What each person is offered follows `domain::permissions`
//! (the API checks the same).
//!
//! One component, as «Приказы»: each class is a plain function of its state.

use domain::api::Empty;
use domain::classes::{ClassChange, Composition};
use domain::orders::{NewOrder, OrderChild, OrderClass, OrderKind};
use domain::permissions::Permission;
use domain::{Lang, Sex};
use serde::de::IgnoredAny;
use yew::prelude::*;
use yew_router::prelude::Link;

use super::{Acts, client_id, input_value, org_path, use_acts, use_year_pick};
use crate::api::Api;
use crate::components::{Field, api_error, described_by, fmt_date, value_of};
use crate::hooks::{Remote, pending, use_get, use_reload};
use crate::route::Route;
use crate::state::{App, Texts, use_app};

/// The languages of instruction a school's classes are composed for.
const LANGUAGES: [Lang; 2] = [Lang::Kk, Lang::Ru];

/// «1 «А» класс — 22 учащихся».
fn class_heading(app: &App, c: &OrderClass) -> String {
    let n = c.children.len().to_string();
    app.tf("st_class_heading", &[("letter", &c.letter), ("n", &n)])
}

/// A class as a class-composition order on «Приказы» lists it: «1 «А» класс — 22 учащихся, кл.
/// руководитель Ашимова А. М.».
pub(super) fn class_line(app: &App, c: &OrderClass) -> String {
    let heading = class_heading(app, c);
    match c.teacher.as_deref() {
        Some(t) => app.tf("st_class_line", &[("class", &heading), ("teacher", t)]),
        None => heading,
    }
}

/// The girls and the boys among `children`.
fn sexes(children: &[OrderChild]) -> (usize, usize) {
    let girls = children.iter().filter(|c| c.sex == Sex::Female).count();
    (girls, children.len() - girls)
}

#[function_component]
pub fn Classes() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let pick_year = use_year_pick();
    let language = use_state(|| Lang::Kk);
    let base = pick_year
        .year()
        .map(|y| org_path(&org, &format!("/classes/{y}/{}", language.as_str())));
    let composition = use_get::<Composition>(base.clone(), reload.value());
    let acts = use_acts(&reload);
    let confirming = use_state(|| false);
    // The order's id: the same until it is made, so a retry finds it.
    let order_id = use_state(client_id);
    // Another year or language: nothing said, refused or asked of the last one stays.
    {
        let (acts, confirming) = (acts.clone(), confirming.clone());
        use_effect_with(base.clone(), move |_| {
            acts.flash.set(None);
            acts.error.set(None);
            confirming.set(false);
        });
    }
    // The confirmation takes the focus when it appears.
    use_effect_with(*confirming, |shown| {
        if *shown {
            crate::parent::focus("classes-confirm");
        }
    });
    let (Some(year), Some(base)) = (pick_year.year(), base) else {
        return html! { <section class="staff-page">{pending(app.lang, &pick_year.campaign)}</section> };
    };
    let can_prepare = app.can(Permission::PrepareOrders);
    let on_language = {
        let language = language.clone();
        Callback::from(move |e: Event| {
            if let Ok(l) = value_of(&e).parse() {
                language.set(l);
            }
        })
    };
    let distribute = {
        let (api, path) = (Api::of(&app), format!("{base}/distribute"));
        let (acts, confirming) = (acts.clone(), confirming.clone());
        Callback::from(move |_| {
            confirming.set(false);
            let (api, path) = (api.clone(), path.clone());
            acts.run(
                "distribute",
                "st_classes_distributed",
                Box::pin(async move {
                    api.post::<_, IgnoredAny>(&path, &Empty {})
                        .await
                        .map(|_| ())
                }),
            );
        })
    };
    let body = match &*composition {
        Remote::Failed(e) if e.status == 404 => html! {
            <section class="card" aria-labelledby="classes-none-title">
                <h2 id="classes-none-title">{app.t("st_classes_none_title")}</h2>
                <p>{app.t("st_classes_none")}</p>
                if can_prepare {
                    <p class="hint">{app.t("st_classes_none_hint")}</p>
                    {api_error(acts.error_at("distribute"))}
                    <button type="button" class="btn" onclick={distribute} disabled={*acts.busy}>
                        {app.t("st_classes_distribute")}
                    </button>
                }
            </section>
        },
        Remote::Ready(c) => {
            let editable = can_prepare && c.order_id.is_none();
            let form_order = {
                let (api, path) = (Api::of(&app), org_path(&org, "/orders"));
                let (acts, order_id, language) = (acts.clone(), order_id.clone(), *language);
                Callback::from(move |_| {
                    let body = NewOrder {
                        order_id: (*order_id).clone(),
                        kind: OrderKind::Classes,
                        academic_year: year,
                        application_ids: Vec::new(),
                        language: Some(language),
                    };
                    let (api, path, order_id) = (api.clone(), path.clone(), order_id.clone());
                    acts.run(
                        "order",
                        "st_classes_order_created",
                        Box::pin(async move {
                            api.post::<_, IgnoredAny>(&path, &body).await?;
                            // The next order is another one.
                            order_id.set(client_id());
                            Ok(())
                        }),
                    );
                })
            };
            let ask = |v: bool| {
                let confirming = confirming.clone();
                Callback::from(move |_| confirming.set(v))
            };
            let actions = if c.order_id.is_some() {
                html! {
                    <div class="alert alert-info classes-frozen" data-testid="classes-frozen">
                        <p>{app.t("st_classes_frozen")}</p>
                        <Link<Route> to={Route::Orders}>{app.t("st_classes_to_orders")}</Link<Route>>
                    </div>
                }
            } else if !editable {
                Html::default()
            } else if *confirming {
                html! {
                    <div id="classes-confirm" class="alert alert-error" role="alertdialog" tabindex="-1"
                        aria-labelledby="classes-confirm-question">
                        <p id="classes-confirm-question">{app.t("st_classes_redeal_question")}</p>
                        <div class="row-actions">
                            <button type="button" class="btn btn-danger" onclick={distribute} disabled={*acts.busy}>
                                {app.t("st_classes_redeal_yes")}
                            </button>
                            <button type="button" class="btn btn-secondary" onclick={ask(false)}>{app.t("st_cancel")}</button>
                        </div>
                    </div>
                }
            } else {
                html! {
                    <>
                        <p class="hint">{app.t("st_classes_order_hint")}</p>
                        <div class="row-actions classes-actions">
                            <button type="button" class="btn" onclick={form_order} disabled={*acts.busy}>
                                {app.t("st_classes_order_create")}
                            </button>
                            <button type="button" class="btn btn-secondary" onclick={ask(true)}>
                                {app.t("st_classes_redeal")}
                            </button>
                        </div>
                    </>
                }
            };
            let all = c.children();
            let (girls, boys) = sexes(&all);
            let deck = Deck {
                app: &app,
                base: &base,
                letters: c.classes.iter().map(|x| x.letter.as_str()).collect(),
                editable,
                acts: &acts,
                language: c.language,
            };
            let lang = c.language.title(app.lang).to_lowercase();
            html! {
                <section aria-labelledby="classes-title">
                    <h2 id="classes-title">{app.tf("st_classes_heading", &[("year", &year.to_string()), ("lang", &lang)])}</h2>
                    <p data-testid="classes-total">{app.tf("st_classes_total", &[
                        ("k", &c.classes.len().to_string()),
                        ("n", &all.len().to_string()),
                        ("girls", &girls.to_string()),
                        ("boys", &boys.to_string()),
                    ])}</p>
                    {actions}
                    {api_error(acts.error_at("distribute"))}
                    {api_error(acts.error_at("order"))}
                    <div class="classes-grid">
                        { for c.classes.iter().enumerate().map(|(i, class)| class_card(&deck, i + 1, class)) }
                    </div>
                </section>
            }
        }
        other => pending(app.lang, other),
    };

    html! {
        <section class="staff-page classes-page">
            <h1>{app.t("nav_classes")}</h1>
            <p class="muted">{app.t("st_classes_intro")}</p>
            <div class="toolbar">
                {pick_year.select(&app, "classes-year")}
                <Field id="classes-language" label={app.t("st_language")}>
                    <select id="classes-language" onchange={on_language}>
                        { for LANGUAGES.iter().map(|l| html! {
                            <option value={l.as_str()} selected={*l == *language}>{l.title(app.lang)}</option>
                        }) }
                    </select>
                </Field>
            </div>
            if let Some(k) = *acts.flash {
                <p class="alert alert-success" role="status" data-testid="classes-flash">{app.t(k)}</p>
            }
            {body}
        </section>
    }
}

/// What every class card of a composition shares.
struct Deck<'a> {
    app: &'a App,
    /// `/api/orgs/{org}/classes/{year}/{language}`.
    base: &'a str,
    /// Every class's letter, in order.
    letters: Vec<&'a str>,
    /// Whether its children may be moved and its teacher named.
    editable: bool,
    acts: &'a Acts,
    language: Lang,
}

/// The `n`th class (from 1): its size, girls and boys, its teacher (a field while it may change)
/// and its children, each with «Перевести в класс».
fn class_card(d: &Deck, n: usize, class: &OrderClass) -> Html {
    let app = d.app;
    let at = format!("class-{n}");
    let heading_id = format!("class-{}-{n}", d.language.as_str());
    let error = d.acts.error_at(&at);
    let teacher_error = error
        .as_ref()
        .filter(|e| e.field.as_deref() == Some("teacher"))
        .map(|e| e.message.clone());
    let other_error = error.filter(|e| e.field.as_deref() != Some("teacher"));
    let (girls, boys) = sexes(&class.children);
    let teacher = if d.editable {
        let id = format!("class-teacher-{n}");
        let save = {
            let (api, path) = (Api::of(app), format!("{}/{n}", d.base));
            let (acts, at, id) = (d.acts.clone(), at.clone(), id.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let body = ClassChange {
                    class: None,
                    teacher: Some(input_value(&id)),
                };
                let (api, path) = (api.clone(), path.clone());
                acts.run(
                    &at,
                    "st_class_teacher_saved",
                    Box::pin(
                        async move { api.put::<_, IgnoredAny>(&path, &body).await.map(|_| ()) },
                    ),
                );
            })
        };
        html! {
            <form class="class-teacher" onsubmit={save} novalidate=true>
                <Field id={id.clone()} label={app.t("st_class_teacher")} error={teacher_error.clone()}>
                    <input id={id.clone()} type="text" maxlength="200" autocomplete="off"
                        value={class.teacher.clone().unwrap_or_default()}
                        aria-describedby={described_by(&id)}
                        aria-invalid={teacher_error.is_some().to_string()} />
                </Field>
                <button type="submit" class="btn btn-secondary" disabled={*d.acts.busy}>{app.t("st_save")}</button>
            </form>
        }
    } else {
        html! {
            <p class="class-teacher-name">
                <span class="muted">{app.t("st_class_teacher")}{": "}</span>
                {class.teacher.as_deref().unwrap_or(app.t("st_class_no_teacher"))}
            </p>
        }
    };
    let move_to = |child: &OrderChild| {
        if !d.editable {
            return Html::default();
        }
        let path = format!("{}/children/{}", d.base, child.application_id);
        let (api, acts, at) = (Api::of(app), d.acts.clone(), at.clone());
        let onchange = Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let Ok(to) = select.value().parse::<usize>() else {
                return;
            };
            // The select reads «Перевести в класс…» again; the child moves on the answer.
            select.set_value("");
            let body = ClassChange {
                class: Some(to),
                teacher: None,
            };
            let (api, path) = (api.clone(), path.clone());
            acts.run(
                &at,
                "st_class_child_moved",
                Box::pin(async move { api.put::<_, IgnoredAny>(&path, &body).await.map(|_| ()) }),
            );
        });
        let label = app.tf("st_class_move_label", &[("name", &child.full_name())]);
        html! {
            <select class="class-move" aria-label={label} {onchange}>
                <option value="" selected=true>{app.t("st_class_move")}</option>
                { for d.letters.iter().enumerate().filter(|(i, _)| i + 1 != n).map(|(i, l)| html! {
                    <option value={(i + 1).to_string()}>{app.tf("st_class_name", &[("letter", l)])}</option>
                }) }
            </select>
        }
    };
    html! {
        <article class="card class-card" key={heading_id.clone()} data-letter={class.letter.clone()}
            aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{class_heading(app, class)}</h3>
            <p class="muted">{app.tf("st_class_sexes", &[("girls", &girls.to_string()), ("boys", &boys.to_string())])}</p>
            {teacher}
            {api_error(other_error)}
            if class.children.is_empty() {
                <p class="empty">{app.t("st_class_empty")}</p>
            } else {
                <ol class="class-children">
                    // Each numbered as it stands (Chromium keeps the old numbers when an
                    // item before it leaves the list).
                    { for class.children.iter().enumerate().map(|(i, c)| html! {
                        <li key={c.application_id.clone()} data-id={c.application_id.clone()} value={(i + 1).to_string()}>
                            <div class="class-row">
                                <span class="class-child">
                                    <span class="class-child-name">{c.full_name()}</span>
                                    <span class="muted">{app.tf("st_order_born_on", &[("date", &fmt_date(&c.birth_date))])}</span>
                                </span>
                                {move_to(c)}
                            </div>
                        </li>
                    }) }
                </ol>
            }
        </article>
    }
}
