//! `/preschool/new`: registering a child in a locality's queue: the child by IIN (birth date
//! and sex read from it, the age checked as typed), the locality of the address register, the
//! group's language, the privilege with its document, and how to reach the applicant. A
//! refusal of the API is shown at its field.

use chrono::Utc;
use domain::api::Child;
use domain::api::plausible_email;
use domain::preschool::PrivilegeCategory;
use domain::preschool::api::{QueueApplication, RegisterInQueue};
use domain::{DocumentKind, ErrorCode, Iin, Lang, MsgLang, normalize_phone};
use frontend::api::{Api, spawn};
use frontend::components::{ErrorSummary, Field, described_by, fmt_date, pick, value_of};
use frontend::hooks::{Remote, use_campaign, use_localities};
use frontend::pages::iin_error;
use frontend::state::{Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use super::GROUP_LANGUAGES;
use crate::route::Route;
use frontend::upload::{DocumentUpload, Uploaded};

/// What is typed, as typed.
#[derive(Clone, Default, PartialEq)]
struct Form {
    iin: String,
    last_name: String,
    first_name: String,
    middle_name: String,
    locality_id: String,
    language: Option<Lang>,
    privilege: Option<PrivilegeCategory>,
    proof: Option<Uploaded>,
    phone: String,
    email: String,
}

type Errors = Vec<(String, String)>;

/// The input a field of the API's refusal names.
fn input_of(field: Option<&str>) -> &'static str {
    match field.unwrap_or_default() {
        "child.iin" | "child.birth_date" | "child.sex" | "child" => "child-iin",
        "child.last_name" => "child-last-name",
        "child.first_name" => "child-first-name",
        "child.middle_name" => "child-middle-name",
        "locality_id" => "locality",
        "language" => "language",
        "privilege" => "privilege",
        f if f.starts_with("privilege_document") => "privilege-document",
        "phone" => "phone",
        "email" => "email",
        _ => "",
    }
}

impl Form {
    /// The checks that need nothing stored; the request once they pass.
    fn check(&self, lang: MsgLang, today: chrono::NaiveDate) -> Result<RegisterInQueue, Errors> {
        let mut errs = Errors::new();
        let mut need = |id: &str, ok: bool, code: ErrorCode| {
            if !ok {
                errs.push((id.into(), code.message(lang).into()));
            }
        };
        let iin = Iin::parse(self.iin.trim()).ok();
        need("child-iin", iin.is_some(), ErrorCode::InvalidIin);
        if let Some(iin) = &iin {
            let age = domain::preschool::may_register(iin.birth_date(), today);
            need("child-iin", age.is_ok(), ErrorCode::NotPreschoolAge);
        }
        let filled = |s: &str| !s.trim().is_empty();
        need(
            "child-last-name",
            filled(&self.last_name),
            ErrorCode::ValidationFailed,
        );
        need(
            "child-first-name",
            filled(&self.first_name),
            ErrorCode::ValidationFailed,
        );
        need(
            "locality",
            filled(&self.locality_id),
            ErrorCode::ValidationFailed,
        );
        need(
            "language",
            self.language.is_some(),
            ErrorCode::ValidationFailed,
        );
        need(
            "privilege",
            self.privilege.is_some(),
            ErrorCode::ValidationFailed,
        );
        let claimed = self.privilege.is_some_and(|p| p != PrivilegeCategory::None);
        need(
            "privilege-document",
            !claimed || self.proof.is_some(),
            ErrorCode::MissingDocument,
        );
        let phone = normalize_phone(&self.phone);
        need("phone", phone.is_some(), ErrorCode::ValidationFailed);
        let email = self.email.trim();
        need(
            "email",
            email.is_empty() || plausible_email(email),
            ErrorCode::ValidationFailed,
        );
        let (Some(iin), Some(language), Some(privilege), Some(phone), true) =
            (iin, self.language, self.privilege, phone, errs.is_empty())
        else {
            return Err(errs);
        };
        let middle = self.middle_name.trim();
        Ok(RegisterInQueue {
            child: Child {
                iin: iin.as_str().into(),
                last_name: self.last_name.trim().into(),
                first_name: self.first_name.trim().into(),
                middle_name: (!middle.is_empty()).then(|| middle.into()),
                birth_date: iin.birth_date(),
                sex: iin.sex(),
            },
            locality_id: self.locality_id.clone(),
            language,
            privilege,
            privilege_document: self
                .proof
                .as_ref()
                .filter(|_| claimed)
                .map(|u| u.doc.clone()),
            phone,
            email: (!email.is_empty()).then(|| email.into()),
        })
    }
}

#[function_component]
pub fn Register() -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(Form::default);
    let errors = use_state(Errors::new);
    let busy = use_state(|| false);
    let uploading = use_state(|| false);
    let campaign = use_campaign();
    let localities = use_localities();
    let navigator = use_navigator();
    let today = domain::to_almaty(
        campaign
            .ready()
            .map_or_else(Utc::now, |c| c.now.with_timezone(&Utc)),
    )
    .date_naive();
    let err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    let set = |id: &'static str, f: fn(&mut Form, String)| {
        let (form, errors) = (form.clone(), errors.clone());
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            f(&mut next, value_of(&e));
            form.set(next);
            errors.set(errors.iter().filter(|(x, _)| x != id).cloned().collect());
        })
    };
    let text = |id: &'static str, f: fn(&mut Form, String)| {
        let cb = set(id, f);
        Callback::from(move |e: InputEvent| cb.emit(e.into()))
    };
    let onsubmit = {
        let (app, form, errors, busy, uploading) = (
            app.clone(),
            form.clone(),
            errors.clone(),
            busy.clone(),
            uploading.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *uploading {
                errors.set(vec![(
                    "privilege-document".into(),
                    app.t("pp_wait_upload").into(),
                )]);
                frontend::parent::focus("error-summary");
                return;
            }
            let body = match form.check(lang, today) {
                Ok(b) => b,
                Err(errs) => {
                    errors.set(errs);
                    frontend::parent::focus("error-summary");
                    return;
                }
            };
            busy.set(true);
            let (api, errors, busy, navigator) = (
                Api::of(&app),
                errors.clone(),
                busy.clone(),
                navigator.clone(),
            );
            spawn(async move {
                let result = api
                    .post::<_, QueueApplication>("/api/preschool/applications", &body)
                    .await;
                busy.set(false);
                match result {
                    Ok(a) => {
                        if let Some(n) = navigator {
                            n.push(&Route::Application { id: a.id });
                        }
                    }
                    Err(e) => {
                        errors.set(vec![(input_of(e.field.as_deref()).into(), e.message)]);
                        frontend::parent::focus("error-summary");
                    }
                }
            });
        })
    };
    let f = &*form;
    let typed = f.iin.trim();
    let iin = Iin::parse(typed).ok();
    let live = (typed.chars().count() >= Iin::LEN)
        .then(|| iin_error(lang, typed))
        .flatten();
    let claimed = f.privilege.is_some_and(|p| p != PrivilegeCategory::None);
    let on_proof = {
        let (form, errors) = (form.clone(), errors.clone());
        Callback::from(move |u: Option<Uploaded>| {
            let mut next = (*form).clone();
            next.proof = u;
            form.set(next);
            errors.set(
                errors
                    .iter()
                    .filter(|(x, _)| x != "privilege-document")
                    .cloned()
                    .collect(),
            );
        })
    };
    let on_busy = {
        let uploading = uploading.clone();
        Callback::from(move |b: bool| uploading.set(b))
    };
    html! {
        <section class="card wizard" aria-labelledby="pp-register-title">
            <h1 id="pp-register-title">{app.t("ps_register_title")}</h1>
            <p class="lead">{app.t("pp_register_lead")}</p>
            <ErrorSummary errors={(*errors).clone()} />
            <form {onsubmit} novalidate=true>
                <h2>{app.t("pp_child")}</h2>
                <Field id="child-iin" label={app.t("pp_child_iin")} required=true hint={app.t("pp_child_iin_hint")}
                    error={err("child-iin").or(live)}>
                    <input id="child-iin" inputmode="numeric" maxlength={Iin::LEN.to_string()} autocomplete="off"
                        aria-describedby={described_by("child-iin")} value={f.iin.clone()}
                        oninput={text("child-iin", |f, v| f.iin = v)} />
                </Field>
                if let Some(iin) = &iin {
                    <div class="child-from-iin" aria-live="polite">
                        <dl class="facts">
                            <dt>{app.t("pp_birth_date")}</dt>
                            <dd id="child-birth-date">{fmt_date(&iin.birth_date())}</dd>
                            <dt>{app.t("pp_sex")}</dt>
                            <dd id="child-sex">{iin.sex().title(lang)}</dd>
                        </dl>
                        if domain::preschool::may_register(iin.birth_date(), today).is_err() {
                            <p class="alert alert-error" id="child-age">{ErrorCode::NotPreschoolAge.message(lang)}</p>
                        }
                    </div>
                }
                <Field id="child-last-name" label={app.t("pp_last_name")} required=true error={err("child-last-name")}>
                    <input id="child-last-name" autocomplete="off" aria-describedby={described_by("child-last-name")}
                        value={f.last_name.clone()} oninput={text("child-last-name", |f, v| f.last_name = v)} />
                </Field>
                <Field id="child-first-name" label={app.t("pp_first_name")} required=true error={err("child-first-name")}>
                    <input id="child-first-name" autocomplete="off" aria-describedby={described_by("child-first-name")}
                        value={f.first_name.clone()} oninput={text("child-first-name", |f, v| f.first_name = v)} />
                </Field>
                <Field id="child-middle-name" label={app.t("pp_middle_name")} error={err("child-middle-name")}>
                    <input id="child-middle-name" autocomplete="off" aria-describedby={described_by("child-middle-name")}
                        value={f.middle_name.clone()} oninput={text("child-middle-name", |f, v| f.middle_name = v)} />
                </Field>

                <h2>{app.t("pp_queue")}</h2>
                <Field id="locality" label={app.t("pp_locality")} required=true error={err("locality")}>
                    <select id="locality" aria-describedby={described_by("locality")}
                        onchange={set("locality", |f, v| f.locality_id = v)}>
                        <option value="" selected={f.locality_id.is_empty()}>{app.t("pp_choose")}</option>
                        if let Remote::Ready(list) = &*localities {
                            { for list.items.iter().map(|l| html! {
                                <option value={l.id.clone()} selected={l.id == f.locality_id}>{pick(lang, &l.name)}</option>
                            }) }
                        }
                    </select>
                </Field>
                <Field id="language" label={app.t("pp_language")} required=true error={err("language")}>
                    <select id="language" aria-describedby={described_by("language")}
                        onchange={set("language", |f, v| f.language = v.parse().ok())}>
                        <option value="" selected={f.language.is_none()}>{app.t("pp_choose")}</option>
                        { for GROUP_LANGUAGES.iter().map(|l| html! {
                            <option value={l.as_str()} selected={f.language == Some(*l)}>{l.title(lang)}</option>
                        }) }
                    </select>
                </Field>
                <fieldset class={classes!("field", err("privilege").is_some().then_some("field-invalid"))}
                    id="privilege" aria-describedby="privilege-error">
                    <legend>{app.t("pp_privilege")}<span class="req" aria-hidden="true">{" *"}</span></legend>
                    { for PrivilegeCategory::ALL.iter().map(|c| {
                        let id = format!("privilege-{}", c.as_str());
                        let hint = format!("{id}-hint");
                        html! {
                            <div class="checkbox">
                                <input type="radio" name="privilege" id={id.clone()} value={c.as_str()}
                                    checked={f.privilege == Some(*c)} aria-describedby={hint.clone()}
                                    onchange={set("privilege", |f, v| f.privilege = v.parse().ok())} />
                                <div>
                                    <label for={id}>{c.title(lang)}</label>
                                    <p class="hint" id={hint}>{c.who(lang)}</p>
                                </div>
                            </div>
                        }
                    }) }
                    if let Some(e) = err("privilege") { <p class="error-text" id="privilege-error">{e}</p> }
                    else { <span hidden=true id="privilege-error"></span> }
                </fieldset>
                if claimed {
                    <DocumentUpload id="privilege-document" kind={DocumentKind::PrivilegeProof} value={f.proof.clone()} error={err("privilege-document")}
                        on_change={on_proof} {on_busy} />
                    <p class="hint">{app.t("pp_privilege_checked")}</p>
                }

                <h2>{app.t("pp_contacts")}</h2>
                <Field id="phone" label={app.t("pp_phone")} required=true hint={app.t("pp_phone_hint")} error={err("phone")}>
                    <input id="phone" type="tel" inputmode="tel" autocomplete="tel" aria-describedby={described_by("phone")}
                        value={f.phone.clone()} oninput={text("phone", |f, v| f.phone = v)} />
                </Field>
                <Field id="email" label={app.t("pp_email")} error={err("email")}>
                    <input id="email" type="email" autocomplete="email" aria-describedby={described_by("email")}
                        value={f.email.clone()} oninput={text("email", |f, v| f.email = v)} />
                </Field>
                <div class="row-actions">
                    <button type="submit" class="btn" id="pp-register-submit" disabled={*busy}>
                        {if *busy { app.t("pp_sending") } else { app.t("pp_register_submit") }}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_land_on_their_input() {
        assert_eq!(input_of(Some("child.birth_date")), "child-iin");
        assert_eq!(
            input_of(Some("privilege_document.kind")),
            "privilege-document"
        );
        assert_eq!(input_of(Some("locality_id")), "locality");
        assert_eq!(input_of(None), "");
    }

    #[test]
    fn a_form_is_checked_before_it_is_sent() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let birth = chrono::NaiveDate::from_ymd_opt(2022, 3, 4).unwrap();
        let iin = domain::first_valid_iin(birth, domain::Sex::Female);
        let mut f = Form {
            iin: iin.as_str().into(),
            last_name: "Ахметова".into(),
            first_name: "Айша".into(),
            locality_id: "loc".into(),
            language: Some(Lang::Kk),
            privilege: Some(PrivilegeCategory::FirstPriority),
            phone: "87011234567".into(),
            ..Form::default()
        };
        let errs = f.check(MsgLang::Ru, today).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, "privilege-document");
        f.privilege = Some(PrivilegeCategory::None);
        let body = f.check(MsgLang::Ru, today).unwrap();
        assert_eq!(body.child.birth_date, birth);
        assert_eq!(body.privilege_document, None);
        assert_eq!(body.email, None);
    }
}
