//! The editable part of the profile (seed 002, 5.7): name, e-mail, phone and position
//! (`GET/PUT /api/me/profile`). Plain functions over the profile page's state, not a component
//! of its own (every component type adds lifecycle code to the wasm); the form is one loop over
//! [`FIELDS`], and «Сохранить» sends what the inputs hold then (an edit's change event may come
//! with the click itself, before any render).

use domain::profile::Profile;
use yew::prelude::*;

use crate::api::{Api, spawn};
use crate::components::{Field, described_by, error_summary, value_of};
use crate::hooks::{Remote, pending, use_get};
use crate::state::{App, Texts};

/// (the field as the API names it in errors, the input's id, its label).
const FIELDS: [(&str, &str, &str); 7] = [
    ("last_name", "profile-last-name", "prof_last_name"),
    ("first_name", "profile-first-name", "prof_first_name"),
    ("middle_name", "profile-middle-name", "prof_middle_name"),
    ("email", "profile-email", "prof_email"),
    ("phone", "profile-phone", "prof_phone"),
    ("position.ru", "profile-position-ru", "prof_position_ru"),
    ("position.kk", "profile-position-kk", "prof_position_kk"),
];

/// The text of a field of the profile (an absent optional one reads as empty).
fn slot<'a>(p: &'a mut Profile, field: &str) -> &'a mut String {
    match field {
        "last_name" => &mut p.last_name,
        "first_name" => &mut p.first_name,
        "middle_name" => p.middle_name.get_or_insert_default(),
        "email" => p.email.get_or_insert_default(),
        "phone" => p.phone.get_or_insert_default(),
        "position.ru" => &mut p.position.get_or_insert_default().ru,
        _ => &mut p.position.get_or_insert_default().kk,
    }
}

/// The text of an input of the page.
fn input_value(id: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .map(|i| i.value())
}

/// The profile form's state: the profile as read, then as edited and saved; the errors
/// `(input id, message)`; whether the last save went through (until the next edit).
pub struct ProfileState {
    saved_profile: UseStateHandle<Remote<Profile>>,
    draft: UseStateHandle<Option<Profile>>,
    errors: UseStateHandle<Vec<(String, String)>>,
    saved: UseStateHandle<bool>,
}

#[hook]
pub fn use_profile() -> ProfileState {
    ProfileState {
        saved_profile: use_get(Some("/api/me/profile".into()), 0),
        draft: use_state(|| None),
        errors: use_state(Vec::new),
        saved: use_state(|| false),
    }
}

/// The form: every field as edited (or as read), «Сохранить», and
/// «Сохранено» once the server took it.
pub fn form(app: &App, s: &ProfileState) -> Html {
    let profile = match (&*s.draft, &*s.saved_profile) {
        (Some(p), _) | (None, Remote::Ready(p)) => p.clone(),
        (None, other) => return pending(app.lang, other),
    };
    let onsubmit = {
        let (api, draft, errors, saved, body) = (
            Api::of(app),
            s.draft.clone(),
            s.errors.clone(),
            s.saved.clone(),
            profile.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, draft, errors, saved, mut body) = (
                api.clone(),
                draft.clone(),
                errors.clone(),
                saved.clone(),
                body.clone(),
            );
            for (field, id, _) in FIELDS {
                if let Some(v) = input_value(id) {
                    *slot(&mut body, field) = v;
                }
            }
            spawn(async move {
                let result = api.put::<_, Profile>("/api/me/profile", &body).await;
                saved.set(result.is_ok());
                match result {
                    Ok(p) => {
                        draft.set(Some(p));
                        errors.set(Vec::new());
                    }
                    Err(e) => {
                        let id = FIELDS
                            .iter()
                            .find(|f| Some(f.0) == e.field.as_deref())
                            .map_or("", |f| f.1);
                        errors.set(vec![(id.to_string(), e.message)]);
                    }
                }
            });
        })
    };
    // One listener for every field (the event bubbles up from the input typed in): the
    // inputs show the draft, so it follows each keystroke.
    let oninput = {
        let (draft, saved, profile) = (s.draft.clone(), s.saved.clone(), profile.clone());
        Callback::from(move |e: InputEvent| {
            use wasm_bindgen::JsCast;
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|t| t.id());
            if let Some(&(field, ..)) = FIELDS.iter().find(|f| Some(f.1) == id.as_deref()) {
                let mut p = profile.clone();
                *slot(&mut p, field) = value_of(&e);
                draft.set(Some(p));
            }
            saved.set(false);
        })
    };
    html! {
        <form {onsubmit} {oninput} novalidate=true aria-labelledby="profile-edit">
            <h2 id="profile-edit">{app.t("prof_details")}</h2>
            {error_summary(app.lang, &s.errors)}
            { for FIELDS.iter().map(|&(field, id, label)| {
                let error = s.errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
                let value = slot(&mut profile.clone(), field).clone();
                html! {
                    <Field id={id} label={app.t(label)} {error}>
                        <input {id} aria-describedby={described_by(id)} {value} />
                    </Field>
                }
            }) }
            <button class="btn" type="submit">{app.t("prof_save")}</button>
            if *s.saved { <span class="saved" role="status">{app.t("prof_saved")}</span> }
        </form>
    }
}
