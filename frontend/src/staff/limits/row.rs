//! One parallel of «Лимиты классов», its seats and classes editable in place.

use domain::api::{Limit, MAX_SEATS, UpdateLimit, validate_seats};
use yew::prelude::*;

use super::super::org_path;
use super::{number, seats_error};
use crate::api::{Api, ApiError};
use crate::components::value_of;
use crate::hooks::run;
use crate::i18n::trf;
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(super) struct LimitRowProps {
    pub limit: Limit,
    pub on_saved: Callback<()>,
}

/// One parallel, its seats and classes editable in place.
#[function_component]
pub(super) fn LimitRow(p: &LimitRowProps) -> Html {
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
                    let body = UpdateLimit {
                        seats: s,
                        classes: c,
                    };
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
                        aria-describedby={seats_err.is_some().then(|| format!("{seats_id}-error"))}
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
                        aria-describedby={classes_err.is_some().then(|| format!("{classes_id}-error"))}
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
