//! «Моя организация» → «Лимиты классов»: each parallel's seats and classes for a year, its
//! quotas by the 3-to-1 rule, the seats taken and free; add a parallel, edit one inline.

use domain::api::{Campaign, CreateLimit, Limit, List, MAX_SEATS, Org, validate_seats};
use domain::{AcademicYear, DomainError, Lang, MsgLang, Role};
use yew::prelude::*;

use super::{Remote, RoleGate, org_path, pending, run, use_get, use_reload};
use crate::api::{Api, ApiError};
use crate::components::{ErrorSummary, Field, described_by, value_of};
use crate::i18n::{tr, trf};
use crate::state::{Texts, use_app};

#[function_component]
pub fn Limits() -> Html {
    html! { <RoleGate roles={vec![Role::Director, Role::Oso]}><LimitsPage /></RoleGate> }
}

/// The text for a seats/classes error the domain's check named.
fn seats_error(lang: MsgLang, e: &DomainError) -> (&'static str, String) {
    match e.field.as_deref() {
        Some("classes") => ("classes", tr(lang, "st_classes_invalid").to_string()),
        Some("grade") => ("grade", tr(lang, "st_grade_invalid").to_string()),
        _ => (
            "seats",
            trf(lang, "st_seats_invalid", &[("max", &MAX_SEATS.to_string())]),
        ),
    }
}

/// A whole number typed in a field, or the field's error.
fn number(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

#[function_component]
fn LimitsPage() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let campaign = use_get::<Campaign>(Some("/api/campaign".into()), 0);
    let chosen = use_state(|| None::<AcademicYear>);
    let reload = use_reload();
    let year = (*chosen).or(campaign.ready().map(|c| c.academic_year));
    let list = use_get::<List<Limit>>(
        year.map(|y| org_path(&org, &format!("/limits?academic_year={y}"))),
        reload.value(),
    );
    let org_info = use_get::<Org>(Some(org_path(&org, "")), 0);
    let added = use_state(|| false);

    let Some(year) = year else {
        return html! { <section class="staff-page">{pending(app.lang, &campaign)}</section> };
    };
    let base = campaign.ready().map_or(year, |c| c.academic_year);
    let mut years: Vec<AcademicYear> = [
        base.first_year() - 1,
        base.first_year(),
        base.first_year() + 1,
    ]
    .into_iter()
    .filter_map(AcademicYear::new)
    .collect();
    if !years.contains(&year) {
        years.push(year);
        years.sort();
    }
    let on_year = {
        let (chosen, added) = (chosen.clone(), added.clone());
        Callback::from(move |e: Event| {
            if let Ok(y) = value_of(&e).parse::<AcademicYear>() {
                chosen.set(Some(y));
                added.set(false);
            }
        })
    };
    let on_changed = {
        let reload = reload.clone();
        Callback::from(move |_| reload.bump())
    };
    let on_added = {
        let (reload, added) = (reload.clone(), added.clone());
        Callback::from(move |_| {
            added.set(true);
            reload.bump();
        })
    };
    let languages = org_info
        .ready()
        .map(|o| o.languages.clone())
        .unwrap_or_else(|| Lang::ALL.to_vec());

    html! {
        <section class="staff-page limits-page">
            <p class="muted breadcrumb">{app.t("st_my_org")}{" → "}{app.t("nav_limits")}</p>
            <h1>{app.t("nav_limits")}</h1>
            <p class="muted">{app.t("st_limits_rule")}</p>
            <div class="toolbar">
                <Field id="limits-year" label={app.t("st_academic_year")}>
                    <select id="limits-year" onchange={on_year}>
                        { for years.iter().map(|y| html! {
                            <option value={y.to_string()} selected={*y == year}>{y.to_string()}</option>
                        }) }
                    </select>
                </Field>
            </div>
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! {
                    <p class="empty">{app.tf("st_limits_empty", &[("year", &year.to_string())])}</p>
                },
                Remote::Ready(l) => html! {
                    <table class="stack limits-table">
                        <caption class="visually-hidden">{app.t("nav_limits")}{" "}{year.to_string()}</caption>
                        <thead><tr>
                            <th scope="col">{app.t("st_language")}</th>
                            <th scope="col">{app.t("st_grade")}</th>
                            <th scope="col">{app.t("st_seats")}</th>
                            <th scope="col">{app.t("st_classes")}</th>
                            <th scope="col">{app.t("st_quota")}</th>
                            <th scope="col">{app.t("st_taken")}</th>
                            <th scope="col">{app.t("st_free")}</th>
                            <th scope="col"><span class="visually-hidden">{app.t("st_col_action")}</span></th>
                        </tr></thead>
                        <tbody>
                            { for l.items.iter().map(|limit| html! {
                                <LimitRow key={limit.id.clone()} limit={limit.clone()} on_saved={on_changed.clone()} />
                            }) }
                        </tbody>
                    </table>
                },
                other => pending(app.lang, other),
            } }
            <section class="card" aria-labelledby="add-limit-title">
                <h2 id="add-limit-title">{app.t("st_add_limit")}</h2>
                <AddLimitForm org={org.clone()} {year} {languages} on_added={on_added} />
                if *added {
                    <p class="alert alert-success" role="status">{app.t("st_limit_added")}</p>
                }
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LimitRowProps {
    limit: Limit,
    on_saved: Callback<()>,
}

/// One parallel, its seats and classes editable in place.
#[function_component]
fn LimitRow(p: &LimitRowProps) -> Html {
    let app = use_app();
    let l = &p.limit;
    let seats = use_state(|| l.seats.to_string());
    let classes = use_state(|| l.classes.to_string());
    let field_error = use_state(|| None::<(&'static str, String)>);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    {
        // A reloaded limit shows its stored numbers.
        let (seats, classes) = (seats.clone(), classes.clone());
        use_effect_with((l.seats, l.classes), move |(s, c)| {
            seats.set(s.to_string());
            classes.set(c.to_string());
        });
    }
    let changed = number(&seats) != Some(l.seats) || number(&classes) != Some(l.classes);
    let save = {
        let (app, l, on_saved) = (app.clone(), l.clone(), p.on_saved.clone());
        let (seats, classes, field_error, failure, busy, saved) = (
            seats.clone(),
            classes.clone(),
            field_error.clone(),
            failure.clone(),
            busy.clone(),
            saved.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            failure.set(None);
            saved.set(false);
            let (s, c) = match (number(&seats), number(&classes)) {
                (Some(s), Some(c)) => (s, c),
                (None, _) => {
                    let msg = trf(
                        app.lang,
                        "st_seats_invalid",
                        &[("max", &MAX_SEATS.to_string())],
                    );
                    field_error.set(Some(("seats", msg)));
                    return;
                }
                (_, None) => {
                    field_error.set(Some(("classes", app.t("st_classes_invalid").to_string())));
                    return;
                }
            };
            if let Err(e) = validate_seats(s, c) {
                field_error.set(Some(seats_error(app.lang, &e)));
                return;
            }
            field_error.set(None);
            let api = Api::of(&app);
            let path = org_path(&l.org_id, &format!("/limits/{}", l.id));
            let (on_saved, saved) = (on_saved.clone(), saved.clone());
            run(
                &busy,
                &failure,
                async move {
                    let body = serde_json::json!({ "seats": s, "classes": c });
                    api.put::<_, Limit>(&path, &body).await
                },
                move |_| {
                    saved.set(true);
                    on_saved.emit(());
                },
            );
        })
    };
    let reset = {
        let (seats, classes, field_error, failure) = (
            seats.clone(),
            classes.clone(),
            field_error.clone(),
            failure.clone(),
        );
        let (s, c) = (l.seats, l.classes);
        Callback::from(move |_| {
            seats.set(s.to_string());
            classes.set(c.to_string());
            field_error.set(None);
            failure.set(None);
        })
    };
    let form_id = format!("limit-form-{}", l.id);
    let seats_id = format!("limit-seats-{}", l.id);
    let classes_id = format!("limit-classes-{}", l.id);
    let err_for = |f: &str| {
        field_error
            .as_ref()
            .filter(|(x, _)| *x == f)
            .map(|(_, m)| m.clone())
    };
    let (seats_err, classes_err) = (err_for("seats"), err_for("classes"));
    let lang_title = l.language.title(app.lang);
    let pair = |a: u32, b: u32| {
        html! { <span class="pair"><span>{a}</span>{" / "}<span>{b}</span></span> }
    };
    html! {
        <>
            <tr data-id={l.id.clone()} data-language={l.language.as_str()}
                class={classes!((failure.is_some() || field_error.is_some()).then_some("row-invalid"))}>
                <td data-label={app.t("st_language")}>{lang_title}</td>
                <td data-label={app.t("st_grade")}>{l.grade}</td>
                <td data-label={app.t("st_seats")} class={classes!(seats_err.is_some().then_some("field-invalid"))}>
                    <div>
                    <label for={seats_id.clone()} class="visually-hidden">{app.tf("st_seats_of", &[("lang", lang_title)])}</label>
                    <input id={seats_id.clone()} form={form_id.clone()} type="number" inputmode="numeric"
                        min="1" max={MAX_SEATS.to_string()} class="num" value={(*seats).clone()}
                        aria-invalid={seats_err.is_some().to_string()}
                        aria-describedby={format!("{seats_id}-error")}
                        oninput={let s = seats.clone(); Callback::from(move |e: InputEvent| s.set(value_of(&e)))} />
                    if let Some(e) = &seats_err {
                        <p class="error-text" id={format!("{seats_id}-error")}>{e.clone()}</p>
                    }
                    </div>
                </td>
                <td data-label={app.t("st_classes")} class={classes!(classes_err.is_some().then_some("field-invalid"))}>
                    <div>
                    <label for={classes_id.clone()} class="visually-hidden">{app.tf("st_classes_of", &[("lang", lang_title)])}</label>
                    <input id={classes_id.clone()} form={form_id.clone()} type="number" inputmode="numeric"
                        min="1" class="num" value={(*classes).clone()}
                        aria-invalid={classes_err.is_some().to_string()}
                        aria-describedby={format!("{classes_id}-error")}
                        oninput={let s = classes.clone(); Callback::from(move |e: InputEvent| s.set(value_of(&e)))} />
                    if let Some(e) = &classes_err {
                        <p class="error-text" id={format!("{classes_id}-error")}>{e.clone()}</p>
                    }
                    </div>
                </td>
                <td data-label={app.t("st_quota")}>{pair(l.quota_microdistrict, l.quota_outside)}</td>
                <td data-label={app.t("st_taken")}>{pair(l.taken_microdistrict, l.taken_outside)}</td>
                <td data-label={app.t("st_free")}>{pair(l.free_total, l.free_outside)}</td>
                <td data-label={app.t("st_col_action")} class="cell-actions">
                    <div class="cell-buttons">
                    <form id={form_id} onsubmit={save} novalidate=true>
                        <button type="submit" class="btn btn-small" disabled={*busy || !changed}>
                            {app.t("st_save")}<span class="visually-hidden">{format!(" ({lang_title})")}</span>
                        </button>
                    </form>
                    if changed {
                        <button type="button" class="btn btn-small btn-secondary" onclick={reset}>{app.t("st_cancel")}</button>
                    }
                    if *saved && !changed {
                        <span class="saved" role="status">{app.t("st_saved")}</span>
                    }
                    </div>
                </td>
            </tr>
            if failure.is_some() {
                <tr class="row-error">
                    <td colspan="8">{crate::components::api_error((*failure).clone())}</td>
                </tr>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AddLimitProps {
    org: String,
    year: AcademicYear,
    languages: Vec<Lang>,
    on_added: Callback<()>,
}

#[function_component]
fn AddLimitForm(p: &AddLimitProps) -> Html {
    let app = use_app();
    let language = use_state(|| p.languages.first().copied());
    let grade = use_state(|| "1".to_string());
    let seats = use_state(String::new);
    let classes = use_state(String::new);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let lang_value = (*language)
        .filter(|l| p.languages.contains(l))
        .or(p.languages.first().copied());

    let onsubmit = {
        let (app, org, year, on_added) = (app.clone(), p.org.clone(), p.year, p.on_added.clone());
        let (grade, seats, classes, errors, failure, busy) = (
            grade.clone(),
            seats.clone(),
            classes.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            failure.set(None);
            let mut errs = Vec::new();
            let Some(language) = lang_value else {
                errs.push((
                    "limit-new-language".to_string(),
                    app.t("st_language_required").to_string(),
                ));
                errors.set(errs);
                return;
            };
            let g = number(&grade).and_then(|g| u8::try_from(g).ok());
            let (s, c) = (number(&seats), number(&classes));
            let max = MAX_SEATS.to_string();
            if g.is_none() {
                errs.push(("limit-new-grade".into(), app.t("st_grade_invalid").into()));
            }
            if s.is_none() {
                errs.push((
                    "limit-new-seats".into(),
                    app.tf("st_seats_invalid", &[("max", &max)]),
                ));
            }
            if c.is_none() {
                errs.push((
                    "limit-new-classes".into(),
                    app.t("st_classes_invalid").into(),
                ));
            }
            let (Some(g), Some(s), Some(c)) = (g, s, c) else {
                errors.set(errs);
                return;
            };
            let body = CreateLimit {
                academic_year: year,
                grade: g,
                language,
                seats: s,
                classes: c,
            };
            if let Err(e) = body.validate() {
                let (field, msg) = seats_error(app.lang, &e);
                errors.set(vec![(format!("limit-new-{field}"), msg)]);
                return;
            }
            errors.set(Vec::new());
            let (api, path) = (Api::of(&app), org_path(&org, "/limits"));
            let (seats, classes, on_added) = (seats.clone(), classes.clone(), on_added.clone());
            run(
                &busy,
                &failure,
                async move { api.post::<_, Limit>(&path, &body).await },
                move |_| {
                    seats.set(String::new());
                    classes.set(String::new());
                    on_added.emit(());
                },
            );
        })
    };
    let field_err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    let text_input = |id: &'static str, state: &UseStateHandle<String>, min: &'static str| {
        let s = state.clone();
        html! {
            <input id={id} type="number" inputmode="numeric" min={min} class="num"
                aria-describedby={described_by(id)} value={(**state).clone()}
                oninput={Callback::from(move |e: InputEvent| s.set(value_of(&e)))} />
        }
    };
    html! {
        <form class="add-limit" onsubmit={onsubmit} novalidate=true>
            <ErrorSummary errors={(*errors).clone()} />
            {crate::components::api_error((*failure).clone())}
            <p class="muted">{app.tf("st_add_limit_for", &[("year", &p.year.to_string())])}</p>
            <div class="toolbar">
                <Field id="limit-new-language" label={app.t("st_language")} required=true error={field_err("limit-new-language")}>
                    <select id="limit-new-language" aria-describedby={described_by("limit-new-language")}
                        onchange={let l = language.clone(); Callback::from(move |e: Event| l.set(value_of(&e).parse().ok()))}>
                        { for p.languages.iter().map(|l| html! {
                            <option value={l.as_str()} selected={lang_value == Some(*l)}>{l.title(app.lang)}</option>
                        }) }
                    </select>
                </Field>
                <Field id="limit-new-grade" label={app.t("st_grade")} required=true error={field_err("limit-new-grade")}>
                    {text_input("limit-new-grade", &grade, "1")}
                </Field>
                <Field id="limit-new-seats" label={app.t("st_seats")} required=true error={field_err("limit-new-seats")}>
                    {text_input("limit-new-seats", &seats, "1")}
                </Field>
                <Field id="limit-new-classes" label={app.t("st_classes")} required=true error={field_err("limit-new-classes")}>
                    {text_input("limit-new-classes", &classes, "1")}
                </Field>
            </div>
            <button type="submit" class="btn" disabled={*busy}>{app.t("st_add")}</button>
        </form>
    }
}
