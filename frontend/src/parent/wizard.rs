//! The application wizard (`/apply`): (1) the child, (2) the applicant, (3) the registered
//! address and the school, (4) documents, (5) review and submit. Every step is checked with the
//! domain's rules before "Далее"; the draft lives in localStorage until the submit succeeds.

use std::rc::Rc;

use domain::address::{Address, AddressKind, SchoolListing};
use domain::api::{Application, Campaign, CreateFile, FileCreated, List, Me};
use domain::{
    DocumentKind, ErrorCode, Lang, Relation, check_file, grade1_birth_window, normalize_phone,
    required_documents,
};
use yew::prelude::*;
use yew_router::prelude::*;

use super::draft::{Draft, DraftDoc, Errors, STEPS, storage_key, target};
use super::{Loaded, enc, fmt_size, focus, pick, scroll_top, use_localities};
use crate::api::{self, Api, ApiError, spawn};
use crate::components::{
    ErrorSummary, Field, StatusBadge, checked_of, described_by, fmt_date, fmt_time, value_of,
};
use crate::route::Route;
use crate::state::{Action, Texts, load, save, use_app};

/// One change of the draft, applied to its latest state (so that an upload finishing while
/// the parent types loses neither).
pub struct Edit(Box<dyn FnOnce(&mut Draft)>);

impl Reducible for Draft {
    type Action = Edit;

    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut d = (*self).clone();
        (edit.0)(&mut d);
        Rc::new(d)
    }
}

type DraftHandle = UseReducerHandle<Draft>;

fn edit(draft: &DraftHandle, f: impl FnOnce(&mut Draft) + 'static) {
    draft.dispatch(Edit(Box::new(f)));
}

/// An input's `oninput` that stores its value with `set`, and clears the input's error.
fn on_text(
    draft: &DraftHandle,
    clear: &Callback<String>,
    id: &'static str,
    set: fn(&mut Draft, String),
) -> Callback<InputEvent> {
    let (draft, clear) = (draft.clone(), clear.clone());
    Callback::from(move |e: InputEvent| {
        let v = value_of(&e);
        edit(&draft, move |d| set(d, v));
        clear.emit(id.to_string());
    })
}

fn error_of(errors: &Errors, id: &str) -> Option<String> {
    errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone())
}

// ---------------------------------------------------------------- the wizard

#[function_component]
pub fn Wizard() -> Html {
    let app = use_app();
    let campaign = super::use_campaign(&app);
    let Some(me) = app.me.clone() else {
        return html! { {crate::components::loading(app.lang)} };
    };
    match &*campaign {
        None => html! { {crate::components::loading(app.lang)} },
        Some(Err(e)) => html! {
            <section class="card narrow">{crate::components::api_error(Some(e.clone()))}</section>
        },
        Some(Ok(c)) => {
            html! { <WizardForm key={me.iin.clone()} campaign={c.clone()} me={me.clone()} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    campaign: Campaign,
    me: Me,
}

/// Transient upload states of the documents step, by kind.
#[derive(Clone, Debug, Default, PartialEq)]
struct Uploads(Vec<(DocumentKind, Upload)>);

#[derive(Clone, Debug, PartialEq)]
enum Upload {
    /// Sending; the fraction sent.
    Busy(f64),
    Failed(String),
}

enum UploadAction {
    Set(DocumentKind, Upload),
    Done(DocumentKind),
}

impl Reducible for Uploads {
    type Action = UploadAction;

    fn reduce(self: Rc<Self>, action: UploadAction) -> Rc<Self> {
        let mut u = (*self).clone();
        match action {
            UploadAction::Set(kind, state) => {
                u.0.retain(|(k, _)| *k != kind);
                u.0.push((kind, state));
            }
            UploadAction::Done(kind) => u.0.retain(|(k, _)| *k != kind),
        }
        Rc::new(u)
    }
}

impl Uploads {
    fn of(&self, kind: DocumentKind) -> Option<&Upload> {
        self.0.iter().find(|(k, _)| *k == kind).map(|(_, u)| u)
    }

    fn busy(&self) -> Option<DocumentKind> {
        self.0
            .iter()
            .find(|(_, u)| matches!(u, Upload::Busy(_)))
            .map(|(k, _)| *k)
    }
}

#[function_component]
fn WizardForm(p: &FormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let year = p.campaign.academic_year;
    let key = storage_key(&p.me.iin);
    let draft = {
        let key = key.clone();
        use_reducer(move || load(&key).map(|s| Draft::from_json(&s)).unwrap_or_default())
    };
    let errors = use_state(Errors::new);
    let focus_summary = use_state(|| 0u32);
    let busy = use_state(|| false);
    let submitted = use_state(|| None::<Application>);
    let uploads = use_reducer(Uploads::default);
    let step = draft.step();

    // Keep the draft: every change is saved; nothing typed is lost on a reload.
    {
        let key = key.clone();
        use_effect_with((*draft).clone(), move |d| {
            if d.is_empty() {
                save(&key, None);
            } else {
                save(&key, Some(&d.to_json()));
            }
        });
    }
    // A new step: to its top, its heading focused (not on the first render).
    {
        let first = use_mut_ref(|| true);
        use_effect_with(step, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                scroll_top();
                focus("wizard-step-title");
            }
        });
    }
    // Errors found: the summary at the top takes the focus.
    use_effect_with(*focus_summary, |n| {
        if *n > 0 {
            focus("error-summary");
        }
    });

    // The chosen address in the reader's language: the register is searched for its own text
    // (which finds it in either language) and the same building's text taken.
    {
        let (draft, api) = (draft.clone(), Api::of(&app));
        let chosen = draft
            .address
            .clone()
            .map(|a| (a, draft.locality_id.clone()));
        use_effect_with(
            (lang, chosen.as_ref().map(|(a, _)| a.id.clone())),
            move |_| {
                if let Some((a, locality)) = chosen {
                    spawn(async move {
                        let path = format!(
                            "/api/addresses?locality_id={}&q={}",
                            enc(&locality),
                            enc(&a.text)
                        );
                        if let Ok(found) = api.get::<List<Address>>(&path).await
                            && let Some(same) = found
                                .items
                                .into_iter()
                                .find(|f| f.id == a.id && f.text != a.text)
                        {
                            edit(&draft, move |d| {
                                if d.address.as_ref().is_some_and(|x| x.id == same.id) {
                                    d.address = Some(same);
                                }
                            });
                        }
                    });
                }
            },
        );
    }

    let show_errors = {
        let (errors, focus_summary) = (errors.clone(), focus_summary.clone());
        Callback::from(move |errs: Errors| {
            errors.set(errs);
            focus_summary.set(*focus_summary + 1);
        })
    };
    let clear = {
        let errors = errors.clone();
        Callback::from(move |id: String| {
            if errors.iter().any(|(f, _)| *f == id) {
                errors.set(errors.iter().filter(|(f, _)| *f != id).cloned().collect());
            }
        })
    };
    let go = {
        let (draft, errors) = (draft.clone(), errors.clone());
        Callback::from(move |to: u8| {
            errors.set(Errors::new());
            edit(&draft, move |d| d.step = to);
        })
    };

    let submit = {
        let (app, draft, busy, submitted, show_errors, key) = (
            app.clone(),
            draft.clone(),
            busy.clone(),
            submitted.clone(),
            show_errors.clone(),
            key.clone(),
        );
        move || {
            if let Some((s, errs)) = draft.first_invalid_step(lang, year) {
                edit(&draft, move |d| d.step = s);
                show_errors.emit(errs);
                return;
            }
            let Some(body) = draft.submission(year) else {
                return;
            };
            if let Err(e) = body.validate() {
                let (s, id) = target(e.field.as_deref(), e.code.as_str());
                edit(&draft, move |d| d.step = s);
                show_errors.emit(vec![(id, e.code.message(lang).to_string())]);
                return;
            }
            busy.set(true);
            let (app, draft, busy, submitted, show_errors, key) = (
                app.clone(),
                draft.clone(),
                busy.clone(),
                submitted.clone(),
                show_errors.clone(),
                key.clone(),
            );
            spawn(async move {
                let api = Api::of(&app);
                match api.post::<_, Application>("/api/applications", &body).await {
                    Ok(a) => {
                        save(&key, None);
                        edit(&draft, |d| *d = Draft::default());
                        submitted.set(Some(a));
                        scroll_top();
                        // The receipt notice: the header's unread count follows.
                        if let Ok(me) = api.get::<Me>("/api/me").await {
                            app.dispatch(Action::Me(me));
                        }
                    }
                    Err(e) => {
                        let (s, id) = target(e.field.as_deref(), &e.code);
                        edit(&draft, move |d| d.step = s);
                        show_errors.emit(vec![(id, e.message)]);
                    }
                }
                busy.set(false);
            });
        }
    };

    let onsubmit = {
        let (draft, uploads, show_errors, go) = (
            draft.clone(),
            uploads.clone(),
            show_errors.clone(),
            go.clone(),
        );
        let app = app.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if step == STEPS {
                submit();
                return;
            }
            let mut errs = draft.errors(step, lang, year);
            if step == 4
                && let Some(kind) = uploads.busy()
            {
                errs.push((
                    format!("doc-{}", kind.as_str()),
                    app.t("wiz_err_uploading").into(),
                ));
            }
            if errs.is_empty() {
                go.emit(step + 1);
            } else {
                show_errors.emit(errs);
            }
        })
    };

    if let Some(a) = &*submitted {
        let again = {
            let submitted = submitted.clone();
            Callback::from(move |_| submitted.set(None))
        };
        return html! { <Submitted application={a.clone()} {again} /> };
    }

    let title = |s: u8| match s {
        1 => app.t("wiz_step_child"),
        2 => app.t("wiz_step_applicant"),
        3 => app.t("wiz_step_school"),
        4 => app.t("wiz_step_documents"),
        _ => app.t("wiz_step_review"),
    };
    let errs = (*errors).clone();
    let props = StepProps {
        draft: draft.clone(),
        errors: errs.clone(),
        clear: clear.clone(),
        campaign: p.campaign.clone(),
        go: go.clone(),
        me: p.me.clone(),
        uploads: uploads.clone(),
    };
    let body = match step {
        1 => html! { <ChildStep ..props /> },
        2 => html! { <ApplicantStep ..props /> },
        3 => html! { <SchoolStep ..props /> },
        4 => html! { <DocumentsStep ..props /> },
        _ => html! { <ReviewStep ..props /> },
    };
    let back = {
        let go = go.clone();
        Callback::from(move |_| go.emit(step.saturating_sub(1).max(1)))
    };
    html! {
        <section class="card wizard" aria-labelledby="wizard-title">
            <h1 id="wizard-title">{app.t("wiz_title")}</h1>
            <p class="hint">{app.tf("wiz_year", &[("year", &year.to_string())])}{" "}{app.t("wiz_draft_note")}</p>
            <ol class="steps" aria-label={app.t("wiz_steps")}>
                { for (1..=STEPS).map(|s| {
                    let class = classes!("step", (s == step).then_some("current"), (s < step).then_some("done"));
                    html! {
                        <li {class} aria-current={(s == step).then_some("step")}>
                            <span class="step-title">{title(s)}</span>
                            if s < step { <span class="visually-hidden">{app.t("wiz_step_done")}</span> }
                        </li>
                    }
                }) }
            </ol>
            <ErrorSummary errors={errs} />
            <h2 id="wizard-step-title" tabindex="-1">
                {app.tf("wiz_step_of", &[("n", &step.to_string()), ("total", &STEPS.to_string())])}
                {" "}{title(step)}
            </h2>
            <form onsubmit={onsubmit} novalidate=true>
                {body}
                <div class="row-actions wizard-nav">
                    if step > 1 {
                        <button type="button" class="btn-secondary" id="wizard-back" onclick={back}>{app.t("wiz_back")}</button>
                    }
                    if step < STEPS {
                        <button type="submit" class="btn" id="wizard-next">{app.t("wiz_next")}</button>
                    } else {
                        <button type="submit" class="btn" id="wizard-submit" disabled={*busy}>
                            {if *busy { app.t("wiz_submitting") } else { app.t("wiz_submit") }}
                        </button>
                    }
                </div>
            </form>
        </section>
    }
}

/// What every step gets: the draft, the errors shown, and ways to clear an error and to go to
/// a step.
#[derive(Properties, PartialEq, Clone)]
struct StepProps {
    draft: DraftHandle,
    errors: Errors,
    clear: Callback<String>,
    campaign: Campaign,
    go: Callback<u8>,
    me: Me,
    uploads: UseReducerHandle<Uploads>,
}

// ---------------------------------------------------------------- 1. the child

#[function_component]
fn ChildStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let year = p.campaign.academic_year;
    let err = |id: &str| error_of(&p.errors, id);
    // The IIN as typed: checked once all 12 digits are there.
    let typed = d.child_iin.trim();
    let live = if typed.chars().count() >= 12 {
        crate::pages::iin_error(lang, typed)
    } else {
        None
    };
    let (first, last) = grade1_birth_window(year);
    let window = app.tf(
        "wiz_birth_window",
        &[
            ("from", &fmt_date(&first)),
            ("to", &fmt_date(&last)),
            ("year", &year.to_string()),
        ],
    );
    html! {
        <>
            <Field id="child-iin" label={app.t("wiz_child_iin")} required=true
                hint={app.t("wiz_child_iin_hint")} error={err("child-iin").or(live)}>
                <input id="child-iin" name="child-iin" inputmode="numeric" maxlength="12" autocomplete="off"
                    aria-describedby={described_by("child-iin")} value={d.child_iin.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-iin", |d, v| d.child_iin = v)} />
            </Field>
            if let Some(iin) = d.child_iin() {
                <div class="child-from-iin" aria-live="polite">
                    <dl class="facts">
                        <dt>{app.t("wiz_birth_date")}</dt>
                        <dd id="child-birth-date">{fmt_date(&iin.birth_date())}</dd>
                        <dt>{app.t("wiz_sex")}</dt>
                        <dd id="child-sex">{iin.sex().title(lang)}</dd>
                    </dl>
                    if domain::grade1_age_eligible(iin.birth_date(), year) {
                        <p class="alert alert-success" id="child-age">
                            {app.tf("wiz_age_ok", &[("year", &year.to_string())])}
                        </p>
                    } else {
                        <p class="alert alert-error" id="child-age">
                            // The field's error says it already once the step was checked.
                            if err("child-iin").is_none() { {ErrorCode::AgeNotEligible.message(lang)}{" "} }
                            {window.clone()}
                        </p>
                    }
                </div>
            } else {
                <p class="hint window-hint">{window}</p>
            }
            <Field id="child-last-name" label={app.t("wiz_last_name")} required=true error={err("child-last-name")}>
                <input id="child-last-name" autocomplete="off" aria-describedby={described_by("child-last-name")}
                    value={d.child_last_name.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-last-name", |d, v| d.child_last_name = v)} />
            </Field>
            <Field id="child-first-name" label={app.t("wiz_first_name")} required=true error={err("child-first-name")}>
                <input id="child-first-name" autocomplete="off" aria-describedby={described_by("child-first-name")}
                    value={d.child_first_name.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-first-name", |d, v| d.child_first_name = v)} />
            </Field>
            <Field id="child-middle-name" label={app.t("wiz_middle_name")} hint={app.t("wiz_middle_name_hint")}
                error={err("child-middle-name")}>
                <input id="child-middle-name" autocomplete="off" aria-describedby={described_by("child-middle-name")}
                    value={d.child_middle_name.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-middle-name", |d, v| d.child_middle_name = v)} />
            </Field>
        </>
    }
}

// ---------------------------------------------------------------- 2. the applicant

#[function_component]
fn ApplicantStep(p: &StepProps) -> Html {
    let app = use_app();
    let d = &*p.draft;
    let err = |id: &str| error_of(&p.errors, id);
    let on_relation = {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |e: Event| {
            let r = value_of(&e).parse::<Relation>().ok();
            edit(&draft, move |d| d.relation = r);
            clear.emit("applicant-relation".into());
        })
    };
    // The phone as the service stores it, once it reads as a mobile number.
    let on_phone_blur = {
        let draft = p.draft.clone();
        Callback::from(move |_: FocusEvent| {
            edit(&draft, |d| {
                if let Some(n) = normalize_phone(&d.phone) {
                    d.phone = n;
                }
            })
        })
    };
    html! {
        <>
            <p class="hint">{app.t("wiz_applicant_from_profile")}</p>
            <div class="grid-2">
                <Field id="applicant-name" label={app.t("full_name")}>
                    <input id="applicant-name" value={p.me.name.clone()} readonly=true aria-readonly="true" />
                </Field>
                <Field id="applicant-iin" label={app.t("iin")}>
                    <input id="applicant-iin" value={p.me.iin.clone()} readonly=true aria-readonly="true" />
                </Field>
            </div>
            <Field id="applicant-relation" label={app.t("wiz_relation")} required=true error={err("applicant-relation")}>
                <select id="applicant-relation" aria-describedby={described_by("applicant-relation")} onchange={on_relation}>
                    <option value="" selected={d.relation.is_none()}>{app.t("wiz_choose")}</option>
                    { for Relation::ALL.iter().map(|r| html! {
                        <option value={r.as_str()} selected={d.relation == Some(*r)}>{r.title(app.lang)}</option>
                    }) }
                </select>
            </Field>
            <Field id="applicant-phone" label={app.t("wiz_phone")} required=true hint={app.t("wiz_phone_hint")}
                error={err("applicant-phone")}>
                <input id="applicant-phone" type="tel" inputmode="tel" autocomplete="tel"
                    aria-describedby={described_by("applicant-phone")} value={d.phone.clone()}
                    onblur={on_phone_blur}
                    oninput={on_text(&p.draft, &p.clear, "applicant-phone", |d, v| d.phone = v)} />
            </Field>
            <Field id="applicant-email" label={app.t("wiz_email")} hint={app.t("wiz_email_hint")}
                error={err("applicant-email")}>
                <input id="applicant-email" type="email" autocomplete="email"
                    aria-describedby={described_by("applicant-email")} value={d.email.clone()}
                    oninput={on_text(&p.draft, &p.clear, "applicant-email", |d, v| d.email = v)} />
            </Field>
        </>
    }
}

// ---------------------------------------------------------------- 3. address and school

/// The free seats a school shows for the year and language: all of them for the school of
/// the address's microdistrict, the outside quota's for a school by choice. `None`: no class
/// limit, so no applications are accepted there.
fn seats_for(s: &SchoolListing, year: domain::AcademicYear, lang: Lang) -> Option<u32> {
    s.free_seats
        .iter()
        .find(|f| f.academic_year == year && f.language == lang)
        .map(|f| {
            if s.in_microdistrict {
                f.free_total
            } else {
                f.free_outside
            }
        })
}

#[function_component]
fn SchoolStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let year = p.campaign.academic_year;
    let err = |id: &str| error_of(&p.errors, id);
    let localities = use_localities(&app);
    let results = use_state(|| None::<Result<Vec<Address>, ApiError>>);
    let search_seq = use_mut_ref(|| 0u32);
    let schools = use_state(|| None::<Loaded<Vec<SchoolListing>>>);
    let schools_seq = use_mut_ref(|| 0u32);

    // The address register, searched as the parent types (after a pause).
    {
        let (results, seq, api) = (results.clone(), search_seq.clone(), Api::of(&app));
        use_effect_with(
            (d.locality_id.clone(), d.address_query.clone()),
            move |(locality, q)| {
                let q = q.trim().to_string();
                let n = {
                    let mut s = seq.borrow_mut();
                    *s += 1;
                    *s
                };
                let mut timer = None;
                if locality.is_empty() || q.chars().count() < 2 {
                    results.set(None);
                } else {
                    let locality = locality.clone();
                    timer = Some(gloo_timers::callback::Timeout::new(300, move || {
                        spawn(async move {
                            let path = format!(
                                "/api/addresses?locality_id={}&q={}",
                                enc(&locality),
                                enc(&q)
                            );
                            let r = api.get::<List<Address>>(&path).await.map(|l| {
                                l.items
                                    .into_iter()
                                    .filter(|a| a.kind == AddressKind::Building)
                                    .take(40)
                                    .collect::<Vec<_>>()
                            });
                            if *seq.borrow() == n {
                                results.set(Some(r));
                            }
                        });
                    }));
                }
                move || drop(timer)
            },
        );
    }

    // The schools of the locality teaching the language, marked for the address.
    {
        let (schools, seq, api, draft) = (
            schools.clone(),
            schools_seq.clone(),
            Api::of(&app),
            p.draft.clone(),
        );
        let address_id = d.address.as_ref().map(|a| a.id.clone());
        use_effect_with(
            (d.locality_id.clone(), address_id, d.language),
            move |(locality, address, language)| {
                let n = {
                    let mut s = seq.borrow_mut();
                    *s += 1;
                    *s
                };
                match (address, language) {
                    (Some(address), Some(language)) if !locality.is_empty() => {
                        schools.set(Some(None));
                        let path = format!(
                            "/api/schools?locality_id={}&language={}&address_id={}",
                            enc(locality),
                            language.as_str(),
                            enc(address)
                        );
                        spawn(async move {
                            let r = api.get::<List<SchoolListing>>(&path).await.map(|l| l.items);
                            if *seq.borrow() != n {
                                return;
                            }
                            if let Ok(list) = &r {
                                // The chosen school as listed now (free seats), or none if it left.
                                let list = list.clone();
                                edit(&draft, move |d| {
                                    if let Some(chosen) = &d.school {
                                        d.school = list.iter().find(|s| s.id == chosen.id).cloned();
                                    }
                                });
                            }
                            schools.set(Some(Some(r)));
                        });
                    }
                    _ => schools.set(None),
                }
            },
        );
    }

    let on_locality = {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            edit(&draft, move |d| {
                if d.locality_id != v {
                    d.locality_id = v;
                    d.address = None;
                    d.address_query.clear();
                    d.school = None;
                }
            });
            clear.emit("locality".into());
        })
    };
    let on_query = on_text(&p.draft, &p.clear, "address-search", |d, v| {
        d.address_query = v
    });
    // Enter in the search must not submit the step.
    let on_query_key = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
        }
    });
    let choose_address = |a: Address| {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |_| {
            let a = a.clone();
            edit(&draft, move |d| {
                d.address = Some(a);
                d.address_query.clear();
                d.school = None;
            });
            clear.emit("address-search".into());
            focus("address-search");
        })
    };
    let on_language = {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |e: Event| {
            let l = value_of(&e).parse::<Lang>().ok();
            edit(&draft, move |d| {
                d.language = l;
                if d.school
                    .as_ref()
                    .is_some_and(|s| l.is_none_or(|l| !s.languages.contains(&l)))
                {
                    d.school = None;
                }
            });
            clear.emit("language".into());
        })
    };
    let choose_school = |s: &SchoolListing| {
        let (draft, clear, s) = (p.draft.clone(), p.clear.clone(), s.clone());
        Callback::from(move |_: Event| {
            let s = s.clone();
            edit(&draft, move |d| d.school = Some(s));
            clear.emit("schools".into());
        })
    };
    let on_check = |set: fn(&mut Draft, bool)| {
        let draft = p.draft.clone();
        Callback::from(move |e: Event| {
            let v = checked_of(&e);
            edit(&draft, move |d| set(d, v));
        })
    };

    let school_option = |s: &SchoolListing| {
        let id = format!("school-{}", s.id);
        let seats = d.language.and_then(|l| seats_for(s, year, l));
        let seats_text = match seats {
            None => app.t("wiz_no_limit").to_string(),
            Some(n) if s.in_microdistrict => app.tf("wiz_free_seats", &[("n", &n.to_string())]),
            Some(n) => app.tf("wiz_free_outside", &[("n", &n.to_string())]),
        };
        let checked = d.school.as_ref().is_some_and(|c| c.id == s.id);
        html! {
            <div class={classes!("radio", "school-option", checked.then_some("chosen"))}>
                <input type="radio" name="school" id={id.clone()} value={s.id.clone()} {checked}
                    disabled={seats.is_none()} aria-describedby={format!("{id}-seats")}
                    onchange={choose_school(s)} />
                <label for={id.clone()}>
                    <span class="school-name">{pick(lang, &s.name)}</span>
                    <span class="school-meta">{s.address.clone()}</span>
                    <span class={classes!("school-meta", "seats", (seats == Some(0)).then_some("seats-none"))} id={format!("{id}-seats")}>
                        {seats_text}
                    </span>
                    if s.provides_transport { <span class="pill">{app.t("wiz_transport_offered")}</span> }
                </label>
            </div>
        }
    };

    let school_list = match &*schools {
        None => html! { <p class="hint">{app.t("wiz_schools_need")}</p> },
        Some(None) => html! { {crate::components::loading(app.lang)} },
        Some(Some(Err(e))) => html! { {crate::components::api_error(Some(e.clone()))} },
        Some(Some(Ok(list))) => {
            let (micro, other): (Vec<_>, Vec<_>) = list.iter().partition(|s| s.in_microdistrict);
            html! {
                <>
                    <h3>{app.t("wiz_school_micro")}</h3>
                    if micro.is_empty() {
                        <p class="hint">{app.t("wiz_school_micro_none")}</p>
                    } else {
                        <p class="hint">{app.t("wiz_school_micro_hint")}</p>
                        { for micro.iter().map(|s| school_option(s)) }
                    }
                    <h3>{app.t("wiz_school_choice")}</h3>
                    if other.is_empty() {
                        <p class="hint">{app.t("wiz_school_choice_none")}</p>
                    } else {
                        <p class="hint">{app.t("wiz_school_choice_hint")}</p>
                        { for other.iter().map(|s| school_option(s)) }
                    }
                </>
            }
        }
    };
    let schools_err = err("schools");
    let offers_transport = d.school.as_ref().is_some_and(|s| s.provides_transport);

    html! {
        <>
            <Field id="locality" label={app.t("wiz_locality")} required=true error={err("locality")}>
                <select id="locality" aria-describedby={described_by("locality")} onchange={on_locality}>
                    <option value="" selected={d.locality_id.is_empty()}>{app.t("wiz_choose")}</option>
                    if let Some(Ok(list)) = &*localities {
                        { for list.iter().map(|l| html! {
                            <option value={l.id.clone()} selected={l.id == d.locality_id}>{pick(lang, &l.name)}</option>
                        }) }
                    }
                </select>
            </Field>
            if let Some(Err(e)) = &*localities { {crate::components::api_error(Some(e.clone()))} }
            <Field id="address-search" label={app.t("wiz_address")} required=true
                hint={app.t("wiz_address_hint")} error={err("address-search")}>
                if let Some(a) = &d.address {
                    <p class="chosen-address" id="address-chosen">
                        <span class="muted">{app.t("wiz_address_chosen")}</span>{" "}
                        <strong>{a.text.clone()}</strong>
                    </p>
                }
                <input id="address-search" type="search" autocomplete="off"
                    placeholder={app.t("wiz_address_placeholder")}
                    disabled={d.locality_id.is_empty()}
                    aria-describedby={format!("{} address-chosen", described_by("address-search"))}
                    aria-controls="address-results"
                    value={d.address_query.clone()} oninput={on_query} onkeydown={on_query_key} />
                <div id="address-results" aria-live="polite">
                    { match &*results {
                        None => html! {},
                        Some(Err(e)) => html! { {crate::components::api_error(Some(e.clone()))} },
                        Some(Ok(list)) if list.is_empty() => html! {
                            <p class="hint">{app.t("wiz_address_none")}</p>
                        },
                        Some(Ok(list)) => html! {
                            <ul class="address-results" aria-label={app.t("wiz_address_results")}>
                                { for list.iter().map(|a| html! {
                                    <li><button type="button" class="address-option" onclick={choose_address(a.clone())}>
                                        {a.text.clone()}
                                    </button></li>
                                }) }
                            </ul>
                        },
                    } }
                </div>
            </Field>
            <Field id="language" label={app.t("wiz_language")} required=true hint={app.t("wiz_language_hint")}
                error={err("language")}>
                <select id="language" aria-describedby={described_by("language")} onchange={on_language}>
                    <option value="" selected={d.language.is_none()}>{app.t("wiz_choose")}</option>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.as_str()} selected={d.language == Some(*l)}>{l.title(lang)}</option>
                    }) }
                </select>
            </Field>
            <fieldset id="schools" tabindex="-1" class={classes!("schools", schools_err.is_some().then_some("field-invalid"))}
                aria-describedby="schools-error">
                <legend>{app.t("wiz_school")}<span class="req" aria-hidden="true">{" *"}</span></legend>
                {school_list}
                if let Some(e) = schools_err { <p class="error-text" id="schools-error">{e}</p> }
            </fieldset>
            <Field id="actual-address" label={app.t("wiz_actual_address")} hint={app.t("wiz_actual_address_hint")}
                error={err("actual-address")}>
                <input id="actual-address" autocomplete="street-address" aria-describedby={described_by("actual-address")}
                    value={d.actual_address.clone()}
                    oninput={on_text(&p.draft, &p.clear, "actual-address", |d, v| d.actual_address = v)} />
            </Field>
            if offers_transport {
                <div class="field checkbox">
                    <input type="checkbox" id="transport" checked={d.transport} aria-describedby="transport-hint"
                        onchange={on_check(|d, v| d.transport = v)} />
                    <div>
                        <label for="transport">{app.t("wiz_transport")}</label>
                        <p class="hint" id="transport-hint">{app.t("wiz_transport_hint")}</p>
                    </div>
                </div>
            }
            <div class="field checkbox">
                <input type="checkbox" id="special-needs" checked={d.special_needs} aria-describedby="special-needs-hint"
                    onchange={on_check(|d, v| d.special_needs = v)} />
                <div>
                    <label for="special-needs">{app.t("wiz_special_needs")}</label>
                    <p class="hint" id="special-needs-hint">{app.t("wiz_special_needs_hint")}</p>
                </div>
            </div>
        </>
    }
}

// ---------------------------------------------------------------- 4. documents

/// What the file inputs accept (the types `check_file` allows).
const ACCEPT: &str = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";

#[function_component]
fn DocumentsStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let on_file = |kind: DocumentKind| {
        let (draft, uploads, clear, app) = (
            p.draft.clone(),
            p.uploads.clone(),
            p.clear.clone(),
            app.clone(),
        );
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let content_type = file.type_();
            let size = file.size() as u64;
            clear.emit(format!("doc-{}", kind.as_str()));
            // Type and size are checked here, before anything is sent.
            if let Err(code) = check_file(&content_type, size) {
                uploads.dispatch(UploadAction::Set(
                    kind,
                    Upload::Failed(code.message(lang).into()),
                ));
                input.set_value("");
                return;
            }
            uploads.dispatch(UploadAction::Set(kind, Upload::Busy(0.0)));
            let (draft, uploads, api) = (draft.clone(), uploads.clone(), Api::of(&app));
            spawn(async move {
                let name = file.name();
                let body = CreateFile {
                    kind,
                    content_type,
                    size,
                    name: Some(name.clone()),
                };
                let created = match api.post::<_, FileCreated>("/api/files", &body).await {
                    Ok(c) => c,
                    Err(e) => {
                        uploads.dispatch(UploadAction::Set(kind, Upload::Failed(e.message)));
                        return;
                    }
                };
                let progress = {
                    let uploads = uploads.clone();
                    Callback::from(move |f: f64| {
                        uploads.dispatch(UploadAction::Set(kind, Upload::Busy(f)))
                    })
                };
                match api::upload(lang, &created.upload, &file, progress).await {
                    Ok(()) => {
                        let doc = DraftDoc {
                            kind,
                            file_id: created.file_id,
                            name,
                            size,
                        };
                        edit(&draft, move |d| d.set_document(doc));
                        uploads.dispatch(UploadAction::Done(kind));
                    }
                    Err(e) => uploads.dispatch(UploadAction::Set(kind, Upload::Failed(e.message))),
                }
            });
        })
    };
    let max_mb = (domain::MAX_FILE_SIZE / (1024 * 1024)).to_string();
    let hint = app.tf("wiz_file_hint", &[("mb", &max_mb)]);
    html! {
        <>
            <p>{app.t("wiz_documents_intro")}</p>
            { for required_documents(d.special_needs).into_iter().map(|kind| {
                let id = format!("doc-{}", kind.as_str());
                let state = p.uploads.of(kind).cloned();
                let failed = match &state { Some(Upload::Failed(m)) => Some(m.clone()), _ => None };
                let error = error_of(&p.errors, &id).or(failed);
                let uploaded = d.document(kind).cloned();
                html! {
                    <Field id={id.clone()} label={kind.title(lang)} required=true hint={hint.clone()} {error}>
                        <input type="file" id={id.clone()} accept={ACCEPT}
                            aria-describedby={format!("{} {id}-status", described_by(&id))}
                            onchange={on_file(kind)} />
                        <div id={format!("{id}-status")} class="doc-status" aria-live="polite">
                            if let Some(Upload::Busy(f)) = state {
                                <label class="visually-hidden" for={format!("{id}-progress")}>
                                    {app.tf("wiz_uploading", &[("title", kind.title(lang))])}
                                </label>
                                <progress id={format!("{id}-progress")} max="100" value={percent(f).to_string()}></progress>
                                <span class="muted">{app.t("wiz_uploading_short")}{format!(" {}%", percent(f))}</span>
                            } else if let Some(doc) = uploaded {
                                <progress max="1" value="1" aria-hidden="true"></progress>
                                <span class="doc-done">
                                    {"✓ "}{app.tf("wiz_uploaded", &[("name", &doc.name), ("size", &fmt_size(doc.size))])}
                                </span>
                            }
                        </div>
                    </Field>
                }
            }) }
        </>
    }
}

// ---------------------------------------------------------------- 5. review

#[function_component]
fn ReviewStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let localities = use_localities(&app);
    let none = || html! { <span class="muted">{app.t("wiz_not_given")}</span> };
    let change = |step: u8, label: &'static str| {
        let go = p.go.clone();
        html! {
            <button type="button" class="link-btn" onclick={Callback::from(move |_| go.emit(step))}
                aria-label={app.tf("wiz_change_of", &[("what", label)])}>{app.t("wiz_change")}</button>
        }
    };
    let iin = d.child_iin();
    let locality = match &*localities {
        Some(Ok(list)) => list
            .iter()
            .find(|l| l.id == d.locality_id)
            .map(|l| pick(lang, &l.name)),
        _ => None,
    };
    let yes_no = |b: bool| if b { app.t("wiz_yes") } else { app.t("wiz_no") };
    html! {
        <div class="review">
            <p>{app.t("wiz_review_intro")}</p>
            <section aria-labelledby="review-child">
                <div class="review-head">
                    <h3 id="review-child">{app.t("wiz_step_child")}</h3>
                    {change(1, app.t("wiz_step_child"))}
                </div>
                <dl class="facts">
                    <dt>{app.t("full_name")}</dt>
                    <dd>{format!("{} {} {}", d.child_last_name.trim(), d.child_first_name.trim(), d.child_middle_name.trim()).trim().to_string()}</dd>
                    <dt>{app.t("iin")}</dt><dd>{d.child_iin.clone()}</dd>
                    if let Some(iin) = &iin {
                        <dt>{app.t("wiz_birth_date")}</dt><dd>{fmt_date(&iin.birth_date())}</dd>
                        <dt>{app.t("wiz_sex")}</dt><dd>{iin.sex().title(lang)}</dd>
                    }
                </dl>
            </section>
            <section aria-labelledby="review-applicant">
                <div class="review-head">
                    <h3 id="review-applicant">{app.t("wiz_step_applicant")}</h3>
                    {change(2, app.t("wiz_step_applicant"))}
                </div>
                <dl class="facts">
                    <dt>{app.t("full_name")}</dt><dd>{p.me.name.clone()}</dd>
                    <dt>{app.t("iin")}</dt><dd>{p.me.iin.clone()}</dd>
                    <dt>{app.t("wiz_relation")}</dt>
                    <dd>{d.relation.map(|r| html! { {r.title(lang)} }).unwrap_or_else(none)}</dd>
                    <dt>{app.t("wiz_phone")}</dt>
                    <dd>{normalize_phone(&d.phone).unwrap_or_else(|| d.phone.clone())}</dd>
                    <dt>{app.t("wiz_email")}</dt>
                    <dd>{if d.email.trim().is_empty() { none() } else { html! { {d.email.trim().to_string()} } }}</dd>
                </dl>
            </section>
            <section aria-labelledby="review-school">
                <div class="review-head">
                    <h3 id="review-school">{app.t("wiz_step_school")}</h3>
                    {change(3, app.t("wiz_step_school"))}
                </div>
                <dl class="facts">
                    <dt>{app.t("wiz_locality")}</dt>
                    <dd>{locality.map(|l| html! { {l} }).unwrap_or_else(none)}</dd>
                    <dt>{app.t("wiz_address")}</dt>
                    <dd>{d.address.as_ref().map(|a| html! { {a.text.clone()} }).unwrap_or_else(none)}</dd>
                    <dt>{app.t("wiz_actual_address")}</dt>
                    <dd>{if d.actual_address.trim().is_empty() { none() } else { html! { {d.actual_address.trim().to_string()} } }}</dd>
                    <dt>{app.t("wiz_school")}</dt>
                    <dd>
                        if let Some(s) = &d.school {
                            <span>{pick(lang, &s.name)}</span><br />
                            <span class="muted">{s.address.clone()}</span><br />
                            <span class="pill">
                                {if s.in_microdistrict { app.t("wiz_school_micro") } else { app.t("wiz_school_choice") }}
                            </span>
                        } else { {none()} }
                    </dd>
                    <dt>{app.t("wiz_language")}</dt>
                    <dd>{d.language.map(|l| html! { {l.title(lang)} }).unwrap_or_else(none)}</dd>
                    if d.school.as_ref().is_some_and(|s| s.provides_transport) {
                        <dt>{app.t("wiz_transport")}</dt><dd>{yes_no(d.transport_requested())}</dd>
                    }
                    <dt>{app.t("wiz_special_needs")}</dt><dd>{yes_no(d.special_needs)}</dd>
                </dl>
            </section>
            <section aria-labelledby="review-documents">
                <div class="review-head">
                    <h3 id="review-documents">{app.t("wiz_step_documents")}</h3>
                    {change(4, app.t("wiz_step_documents"))}
                </div>
                <ul class="review-docs">
                    { for required_documents(d.special_needs).into_iter().map(|kind| html! {
                        <li>
                            <span>{kind.title(lang)}</span>{": "}
                            { match d.document(kind) {
                                Some(doc) => html! { <span>{format!("{} ({})", doc.name, fmt_size(doc.size))}</span> },
                                None => none(),
                            } }
                        </li>
                    }) }
                </ul>
            </section>
            <p class="alert alert-info">{app.t("wiz_review_confirm")}</p>
        </div>
    }
}

// ---------------------------------------------------------------- submitted

#[derive(Properties, PartialEq)]
struct SubmittedProps {
    application: Application,
    /// Starts another application.
    again: Callback<MouseEvent>,
}

#[function_component]
fn Submitted(p: &SubmittedProps) -> Html {
    let app = use_app();
    let a = &p.application;
    use_effect_with((), |_| focus("submitted-title"));
    html! {
        <section class="card narrow submitted" aria-labelledby="submitted-title" data-testid="submitted">
            <div class="alert alert-success" role="status">
                <h1 id="submitted-title" tabindex="-1">{app.t("wiz_done_title")}</h1>
                <p>{app.tf("wiz_done_text", &[("number", &a.number.to_string())])}</p>
            </div>
            <dl class="facts">
                <dt>{app.t("my_number")}</dt><dd id="submitted-number">{format!("№ {}", a.number)}</dd>
                <dt>{app.t("my_status")}</dt><dd><StatusBadge status={a.status} overdue={a.overdue} /></dd>
                <dt>{app.t("my_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                <dt>{app.t("my_due")}</dt><dd id="submitted-due">{fmt_time(&a.due_at)}</dd>
            </dl>
            <p class="hint">{app.t("wiz_done_hint")}</p>
            <div class="row-actions">
                <Link<Route> to={Route::MyApplication { id: a.id.clone() }} classes="btn">{app.t("wiz_done_open")}</Link<Route>>
                <Link<Route> to={Route::MyApplications} classes="btn-secondary">{app.t("nav_my_applications")}</Link<Route>>
                <button type="button" class="link-btn" onclick={p.again.clone()}>{app.t("wiz_done_another")}</button>
            </div>
        </section>
    }
}

/// Upload progress (0.0–1.0) as a whole percentage.
fn percent(f: f64) -> u32 {
    (f.clamp(0.0, 1.0) * 100.0).round() as u32
}
