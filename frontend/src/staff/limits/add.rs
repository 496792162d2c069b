//! «Добавить параллель»: a new limit of the chosen year, checked before it is sent.

use domain::AcademicYear;
use domain::Lang;
use domain::api::{CreateLimit, Limit, MAX_SEATS};
use yew::prelude::*;

use super::super::org_path;
use super::{number, seats_error};
use crate::api::{Api, ApiError};
use crate::components::{Field, described_by, error_summary, value_of};
use crate::hooks::run;
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(super) struct AddLimitProps {
    pub org: String,
    pub year: AcademicYear,
    pub languages: Vec<Lang>,
    pub on_added: Callback<()>,
}

#[function_component]
pub(super) fn AddLimitForm(p: &AddLimitProps) -> Html {
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
            {error_summary(app.lang, &errors)}
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
