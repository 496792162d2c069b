//! The editable part of the profile (seed 002, 5.7): name, e-mail, phone and position
//! (`GET/PUT /api/me/profile`). Read and sent as plain JSON by field name, so the form is one
//! loop over [`FIELDS`] and adds little to the app.

use serde_json::Value;
use yew::prelude::*;

use crate::api::{Api, spawn};
use crate::components::{ErrorSummary, Field, described_by, value_of};
use crate::hooks::{Remote, pending, use_get};
use crate::state::{Texts, use_app};

/// (the field as the API names it, its label).
const FIELDS: [(&str, &str); 7] = [
    ("last_name", "prof_last_name"),
    ("first_name", "prof_first_name"),
    ("middle_name", "prof_middle_name"),
    ("email", "prof_email"),
    ("phone", "prof_phone"),
    ("position.ru", "prof_position_ru"),
    ("position.kk", "prof_position_kk"),
];

fn get(p: &Value, field: &str) -> String {
    field
        .split('.')
        .try_fold(p, |v, part| v.get(part))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn set(p: &mut Value, field: &str, value: String) {
    *field.split('.').fold(p, |v, part| &mut v[part]) = Value::String(value);
}

#[function_component]
pub fn ProfileForm() -> Html {
    let app = use_app();
    let loaded = use_get::<Value>(Some("/api/me/profile".into()), 0);
    let draft = use_state(|| None::<Value>);
    let errors = use_state(Vec::<(String, String)>::new);
    let saved = use_state(|| false);
    let profile = match (&*draft, &*loaded) {
        (Some(p), _) | (None, Remote::Ready(p)) => p.clone(),
        (None, other) => return pending(app.lang, other),
    };
    let onsubmit = {
        let (app, draft, errors, saved, body) = (
            app.clone(),
            draft.clone(),
            errors.clone(),
            saved.clone(),
            profile.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, draft, errors, saved, body) = (
                Api::of(&app),
                draft.clone(),
                errors.clone(),
                saved.clone(),
                body.clone(),
            );
            spawn(async move {
                let result = api.put::<_, Value>("/api/me/profile", &body).await;
                saved.set(result.is_ok());
                match result {
                    Ok(p) => {
                        draft.set(Some(p));
                        errors.set(Vec::new());
                    }
                    Err(e) => errors.set(vec![(field_id(e.field.as_deref()), e.message)]),
                }
            });
        })
    };
    html! {
        <form {onsubmit} novalidate=true aria-labelledby="profile-edit">
            <h2 id="profile-edit">{app.t("prof_details")}</h2>
            <ErrorSummary errors={(*errors).clone()} />
            { for FIELDS.iter().map(|(field, label)| {
                let id = field_id(Some(field));
                let error = errors.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone());
                let onchange = {
                    let (draft, profile, saved) = (draft.clone(), profile.clone(), saved.clone());
                    Callback::from(move |e: Event| {
                        let mut p = profile.clone();
                        set(&mut p, field, value_of(&e));
                        draft.set(Some(p));
                        saved.set(false);
                    })
                };
                html! {
                    <Field id={id.clone()} label={app.t(label)} {error}>
                        <input id={id.clone()} aria-describedby={described_by(&id)} value={get(&profile, field)} {onchange} />
                    </Field>
                }
            }) }
            <button class="btn" type="submit">{app.t("prof_save")}</button>
            if *saved { <span class="saved" role="status">{app.t("prof_saved")}</span> }
        </form>
    }
}

/// The input id of an API field (`position.ru` → `profile-position-ru`); none: the form's.
fn field_id(field: Option<&str>) -> String {
    field.map_or(String::new(), |f| {
        format!("profile-{}", f.replace(['.', '_'], "-"))
    })
}
