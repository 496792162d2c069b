//! «Специальности»: the college's specialty lines (code, name, qualification, language, form,
//! basis, state-order and paid places), each with its ranked list; the director (or OSO) adds,
//! changes and deletes them (`/api/orgs/{org}/specialties[/{line}]`). A line is its code,
//! language, form and basis: editing one changes its names and places only.

use domain::Lang;
use domain::api::{List, Text};
use domain::college::api::Specialty;
use domain::college::{EducationBasis, StudyForm};
use domain::permissions::Permission;
use frontend::api::{Api, ApiError};
use frontend::components::{ErrorSummary, Field, api_error, described_by, enc, value_of};
use frontend::hooks::{Remote, pending, run, use_get, use_reload};
use frontend::state::{App, Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::details::{line_cells, line_name, lines_head};
use crate::route::Route;

/// The languages a line is taught in.
const LANGUAGES: [Lang; 2] = [Lang::Kk, Lang::Ru];

fn path(org: &str, line: Option<&str>) -> String {
    match line {
        Some(l) => format!("/api/orgs/{}/specialties/{}", enc(org), enc(l)),
        None => format!("/api/orgs/{}/specialties", enc(org)),
    }
}

/// An empty line to fill in: Russian, full-time, after grade 9.
fn blank() -> Specialty {
    let empty = || Text {
        ru: String::new(),
        kk: String::new(),
    };
    Specialty {
        id: String::new(),
        code: String::new(),
        name: empty(),
        qualification: empty(),
        language: Lang::Ru,
        form: StudyForm::FullTime,
        basis: EducationBasis::Grade9,
        state_places: 0,
        paid_places: 0,
    }
}

/// The input a field of `Specialty::validate` names.
fn input_of(field: Option<&str>) -> String {
    match field.unwrap_or_default() {
        "" | "id" | "org" => String::new(),
        f => format!("sp-{}", f.replace(['.', '_'], "-")),
    }
}

#[function_component]
pub fn Specialties() -> Html {
    let app = use_app();
    let lang = app.lang;
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let list = use_get::<List<Specialty>>(Some(path(&org, None)), reload.value());
    // The line being written: a new one (`id` empty) or one being edited.
    let draft = use_state(|| None::<Specialty>);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let can_edit = app.can(Permission::ManagePlaces);

    let open = |s: Specialty| {
        let (draft, errors) = (draft.clone(), errors.clone());
        Callback::from(move |_| {
            errors.set(Vec::new());
            draft.set(Some(s.clone()));
        })
    };
    let delete = |id: String| {
        let (app, org, busy, failure, reload) = (
            app.clone(),
            org.clone(),
            busy.clone(),
            failure.clone(),
            reload.clone(),
        );
        Callback::from(move |_| {
            let (api, path, reload) = (Api::of(&app), path(&org, Some(&id)), reload.clone());
            run(
                &busy,
                &failure,
                async move { api.delete(&path).await },
                move |_| reload.bump(),
            );
        })
    };
    let save = {
        let (app, org, draft, errors, busy, failure, reload) = (
            app.clone(),
            org.clone(),
            draft.clone(),
            errors.clone(),
            busy.clone(),
            failure.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(line) = (*draft).clone() else { return };
            let line = match line.validate() {
                Ok(l) => l,
                Err(e) => {
                    errors.set(vec![(
                        input_of(e.field.as_deref()),
                        e.message(app.lang).into(),
                    )]);
                    return;
                }
            };
            errors.set(Vec::new());
            let (api, path) = (Api::of(&app), path(&org, Some(&line.id)));
            let (draft, reload) = (draft.clone(), reload.clone());
            run(
                &busy,
                &failure,
                async move { api.put::<_, Specialty>(&path, &line).await },
                move |_| {
                    draft.set(None);
                    reload.bump();
                },
            );
        })
    };

    let row = |s: &Specialty| {
        html! {
            <tr key={s.id.clone()} data-line={s.id.clone()}>
                {line_cells(&app, s)}
                <td data-label={app.t("st_col_action")} class="cell-actions">
                    <div class="cell-buttons">
                        <Link<Route> to={Route::Ranking { org: org.clone(), line: s.id.clone() }} classes="btn btn-small btn-secondary">
                            {app.t("co_ranking_open")}<span class="visually-hidden">{format!(": {}", line_name(lang, s))}</span>
                        </Link<Route>>
                        if can_edit {
                            <button type="button" class="btn btn-small btn-secondary" onclick={open(s.clone())}>
                                {app.t("co_edit")}<span class="visually-hidden">{format!(": {}", line_name(lang, s))}</span>
                            </button>
                            <button type="button" class="btn btn-small btn-danger" disabled={*busy} onclick={delete(s.id.clone())}>
                                {app.t("co_delete")}<span class="visually-hidden">{format!(": {}", line_name(lang, s))}</span>
                            </button>
                        }
                    </div>
                </td>
            </tr>
        }
    };
    html! {
        <section class="staff-page specialties-page" aria-labelledby="co-sp-title">
            <div class="page-head">
                <h1 id="co-sp-title">{app.t("co_nav_specialties")}</h1>
                if can_edit && draft.is_none() {
                    <button type="button" class="btn btn-small" id="sp-add" onclick={open(blank())}>{app.t("co_add_line")}</button>
                }
            </div>
            {api_error((*failure).clone())}
            if let Some(d) = &*draft {
                {line_form(&app, &draft, d, &errors, *busy, save)}
            }
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! {
                    <p class="empty" data-testid="specialties-empty">{app.t("co_no_specialties")}</p>
                },
                Remote::Ready(l) => html! {
                    <table class="stack specialties-table">
                        <caption class="visually-hidden">{app.t("co_nav_specialties")}</caption>
                        {lines_head(&app, app.t("st_col_action"))}
                        <tbody>{ for l.items.iter().map(row) }</tbody>
                    </table>
                },
                other => pending(lang, other),
            } }
        </section>
    }
}

/// The form of a new line or of one being edited (its key fields then fixed).
fn line_form(
    app: &App,
    draft: &UseStateHandle<Option<Specialty>>,
    d: &Specialty,
    errors: &[(String, String)],
    busy: bool,
    onsubmit: Callback<SubmitEvent>,
) -> Html {
    let lang = app.lang;
    let editing = !d.id.is_empty();
    let err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    let edit = |apply: fn(&mut Specialty, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*draft).clone() {
                apply(&mut next, value_of(&e));
                draft.set(Some(next));
            }
        })
    };
    // What is typed is kept as typed (`oninput`): a form sent right after typing has it.
    let typed = |apply: fn(&mut Specialty, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(mut next) = (*draft).clone() {
                apply(&mut next, value_of(&e));
                draft.set(Some(next));
            }
        })
    };
    let text = |id: &'static str,
                key: &'static str,
                value: &str,
                apply: fn(&mut Specialty, String)| {
        html! {
            <Field id={id} label={app.t(key)} required=true error={err(id)}>
                <input id={id} aria-describedby={described_by(id)} value={value.to_string()} oninput={typed(apply)} />
            </Field>
        }
    };
    let number = |id: &'static str,
                  key: &'static str,
                  value: u32,
                  apply: fn(&mut Specialty, String)| {
        html! {
            <Field id={id} label={app.t(key)} required=true error={err(id)}>
                <input id={id} type="number" min="0" inputmode="numeric" aria-describedby={described_by(id)}
                    value={value.to_string()} oninput={typed(apply)} />
            </Field>
        }
    };
    let cancel = {
        let draft = draft.clone();
        Callback::from(move |_| draft.set(None))
    };
    html! {
        <form class="card line-form" {onsubmit} novalidate=true aria-labelledby="sp-form-title">
            <h2 id="sp-form-title">{app.t(if editing { "co_edit_line" } else { "co_add_line" })}</h2>
            <ErrorSummary errors={errors.to_vec()} />
            <Field id="sp-code" label={app.t("co_code")} required=true hint={app.t("co_code_hint")} error={err("sp-code")}>
                <input id="sp-code" inputmode="numeric" maxlength="8" disabled={editing}
                    aria-describedby={described_by("sp-code")} value={d.code.clone()} oninput={typed(|s, v| s.code = v)} />
            </Field>
            {text("sp-name-ru", "co_name_ru", &d.name.ru, |s, v| s.name.ru = v)}
            {text("sp-name-kk", "co_name_kk", &d.name.kk, |s, v| s.name.kk = v)}
            {text("sp-qualification-ru", "co_qualification_ru", &d.qualification.ru, |s, v| s.qualification.ru = v)}
            {text("sp-qualification-kk", "co_qualification_kk", &d.qualification.kk, |s, v| s.qualification.kk = v)}
            <Field id="sp-language" label={app.t("co_language")} required=true error={err("sp-language")}>
                <select id="sp-language" disabled={editing} aria-describedby={described_by("sp-language")}
                    onchange={edit(|s, v| if let Ok(l) = v.parse() { s.language = l })}>
                    { for LANGUAGES.into_iter().map(|l| html! {
                        <option value={l.as_str()} selected={d.language == l}>{l.title(lang)}</option>
                    }) }
                </select>
            </Field>
            <Field id="sp-form" label={app.t("co_form")} required=true>
                <select id="sp-form" disabled={editing} aria-describedby={described_by("sp-form")}
                    onchange={edit(|s, v| if let Ok(f) = v.parse() { s.form = f })}>
                    { for StudyForm::ALL.into_iter().map(|f| html! {
                        <option value={f.as_str()} selected={d.form == f}>{f.title(lang)}</option>
                    }) }
                </select>
            </Field>
            <Field id="sp-basis" label={app.t("co_basis")} required=true>
                <select id="sp-basis" disabled={editing} aria-describedby={described_by("sp-basis")}
                    onchange={edit(|s, v| if let Ok(b) = v.parse() { s.basis = b })}>
                    { for EducationBasis::ALL.into_iter().map(|b| html! {
                        <option value={b.as_str()} selected={d.basis == b}>{b.title(lang)}</option>
                    }) }
                </select>
            </Field>
            {number("sp-state-places", "co_state_places", d.state_places, |s, v| s.state_places = v.trim().parse().unwrap_or(u32::MAX))}
            {number("sp-paid-places", "co_paid_places", d.paid_places, |s, v| s.paid_places = v.trim().parse().unwrap_or(u32::MAX))}
            <div class="row-actions">
                <button type="submit" class="btn" id="sp-save" disabled={busy}>{app.t("co_save")}</button>
                <button type="button" class="btn btn-secondary" onclick={cancel}>{app.t("st_cancel")}</button>
            </div>
        </form>
    }
}
