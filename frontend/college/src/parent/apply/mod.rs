//! `/college/colleges/{org}/apply`: the application to a college, on one page: who applies
//! (oneself, or one's child), the student, the basis, the certificate and its average score, up
//! to four of the college's lines on that basis in priority order, the quota category,
//! disability, the dormitory, the documents `domain::college::required_documents` asks for, and
//! the contact. Checked with the domain's rules before it is sent; a refusal of the API is shown
//! at its input.

mod form;

use domain::api::Application as Submitted;
use domain::college::api::CollegePage;
use domain::college::{EducationBasis, MAX_CHOICES, QuotaCategory, required_documents};
use domain::{DocumentKind, Iin};
use frontend::api::{Api, ApiError};
use frontend::components::{
    Checkbox, ErrorSummary, Field, api_error, described_by, fmt_date, pick, value_of,
};
use frontend::hooks::{Remote, pending, run, use_get};
use frontend::pages::iin_error;
use frontend::state::{App, Texts, use_app};
use frontend::upload::{DocumentUpload, Uploaded};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::details::{line_name, line_terms, page_path};
use crate::route::Route;
use form::{Errors, Form, input_of};

#[derive(Properties, PartialEq)]
pub struct ApplyProps {
    pub org: String,
}

#[function_component]
pub fn Apply(p: &ApplyProps) -> Html {
    let app = use_app();
    let page = use_get::<CollegePage>(Some(page_path(&p.org)), 0);
    let me = app.me.clone();
    let form = use_state(|| Form::new(me.as_ref().map_or("", |m| m.name.as_str())));
    let errors = use_state(Errors::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let uploading = use_state(|| 0u32);
    let navigator = use_navigator();
    let Remote::Ready(c) = &*page else {
        return html! { <section class="college-apply">{pending(app.lang, &page)}</section> };
    };
    let own_iin = me.map(|m| m.iin).unwrap_or_default();

    let onsubmit = {
        let (app, form, errors, failure, busy) = (
            app.clone(),
            form.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        let (c, own_iin, uploading) = (c.clone(), own_iin.clone(), *uploading);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if uploading > 0 {
                return;
            }
            let year = c.campaign.academic_year;
            let req = match form.check(app.lang, &own_iin, &c.org_id, year, &c.specialties) {
                Ok(req) => req,
                Err(errs) => {
                    failure.set(None);
                    errors.set(errs);
                    return;
                }
            };
            errors.set(Errors::new());
            let (api, errors, navigator) = (Api::of(&app), errors.clone(), navigator.clone());
            run(
                &busy,
                &failure,
                async move {
                    let r = api
                        .post::<_, Submitted>("/api/college/applications", &req)
                        .await;
                    // A refusal naming a field is shown at its input too.
                    if let Err(e) = &r {
                        let id = input_of(e.field.as_deref(), &[0, 1, 2, 3]);
                        if !id.is_empty() {
                            errors.set(vec![(id, e.message.clone())]);
                        }
                    }
                    r
                },
                move |a| {
                    if let Some(n) = navigator {
                        n.push(&Route::MyApplication { id: a.id });
                    }
                },
            );
        })
    };

    let f = &*form;
    let lang = app.lang;
    let err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    let edit = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            apply(&mut next, value_of(&e));
            form.set(next);
        })
    };
    // What is typed is kept as typed (`oninput`): a form sent right after typing has it.
    let typed = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            apply(&mut next, value_of(&e));
            form.set(next);
        })
    };
    let toggle = |apply: fn(&mut Form, bool)| {
        let form = form.clone();
        Callback::from(move |v: bool| {
            let mut next = (*form).clone();
            apply(&mut next, v);
            form.set(next);
        })
    };
    let bases: Vec<EducationBasis> = EducationBasis::ALL
        .into_iter()
        .filter(|b| c.specialties.iter().any(|s| s.basis == *b))
        .collect();
    let lines: Vec<_> = c
        .specialties
        .iter()
        .filter(|s| Some(s.basis) == f.basis)
        .collect();
    let typed_iin = f.iin.trim();
    let child_iin = Iin::parse(typed_iin).ok();
    let live = (typed_iin.chars().count() >= Iin::LEN)
        .then(|| iin_error(lang, typed_iin))
        .flatten();
    let on_busy = {
        let uploading = uploading.clone();
        Callback::from(move |b: bool| {
            uploading.set(if b {
                *uploading + 1
            } else {
                uploading.saturating_sub(1)
            })
        })
    };
    let document = |kind: DocumentKind| {
        let id = format!("doc-{}", kind.as_str());
        let value = f.documents.iter().find(|d| d.doc.kind == kind).cloned();
        let on_change = {
            let (form, errors, input) = (form.clone(), errors.clone(), id.clone());
            Callback::from(move |u: Option<Uploaded>| {
                // The document's error goes with its upload.
                if u.is_some() {
                    errors.set(
                        errors
                            .iter()
                            .filter(|(f, _)| *f != input)
                            .cloned()
                            .collect(),
                    );
                }
                let mut next = (*form).clone();
                next.documents.retain(|d| d.doc.kind != kind);
                next.documents.extend(u);
                form.set(next);
            })
        };
        html! {
            <DocumentUpload id={id.clone()} {kind} {value} error={err(&id)} {on_change} on_busy={on_busy.clone()} />
        }
    };
    let text = |id: &'static str,
                key: &'static str,
                value: &str,
                required: bool,
                apply: fn(&mut Form, String)| {
        html! {
            <Field id={id} label={app.t(key)} {required} error={err(id)}>
                <input id={id} aria-describedby={described_by(id)} value={value.to_string()} oninput={typed(apply)} />
            </Field>
        }
    };

    if !c.open_now {
        return html! {
            <section class="card narrow">
                <h1>{pick(lang, &c.name)}</h1>
                <p class="alert alert-error" role="alert">{domain::ErrorCode::CampaignClosed.message(lang)}</p>
            </section>
        };
    }
    html! {
        <section class="college-apply" aria-labelledby="co-apply-title">
            <p class="back"><Link<Route> to={Route::College { org: c.org_id.clone() }}>{"← "}{pick(lang, &c.name)}</Link<Route>></p>
            <h1 id="co-apply-title">{app.t("co_apply_title")}</h1>
            <p class="lead">{app.tf("co_apply_lead", &[("college", &pick(lang, &c.name)), ("year", &c.campaign.academic_year.to_string())])}</p>
            <form class="card wizard-form" onsubmit={onsubmit} novalidate=true>
                <ErrorSummary errors={(*errors).clone()} />
                {api_error((*failure).clone())}

                <h2>{app.t("co_student")}</h2>
                <fieldset class="radio-group">
                    <legend>{app.t("co_who")}</legend>
                    {who(&app, &form, false, "co-who-self", "co_who_self")}
                    {who(&app, &form, true, "co-who-child", "co_who_child")}
                </fieldset>
                if f.for_child {
                    <Field id="co-iin" label={app.t("co_student_iin")} required=true error={err("co-iin").or(live)}>
                        <input id="co-iin" inputmode="numeric" maxlength={Iin::LEN.to_string()}
                            aria-describedby={described_by("co-iin")} value={f.iin.clone()}
                            oninput={let form = form.clone(); Callback::from(move |e: InputEvent| {
                                let mut next = (*form).clone();
                                next.iin = value_of(&e);
                                form.set(next);
                            })} />
                    </Field>
                    if let Some(iin) = child_iin {
                        <p class="hint" id="co-birth">{app.tf("co_birth", &[("date", &fmt_date(&iin.birth_date())), ("sex", iin.sex().title(lang))])}</p>
                    }
                } else {
                    <p class="hint" id="co-own">{app.tf("co_own_iin", &[("iin", &own_iin)])}</p>
                    if let Some(e) = err("co-iin") { <p class="error-text" id="co-iin">{e}</p> }
                }
                {text("co-last-name", "co_last_name", &f.last_name, true, |f, v| f.last_name = v)}
                {text("co-first-name", "co_first_name", &f.first_name, true, |f, v| f.first_name = v)}
                {text("co-middle-name", "co_middle_name", &f.middle_name, false, |f, v| f.middle_name = v)}

                <h2>{app.t("co_education")}</h2>
                <Field id="co-basis" label={app.t("co_basis")} required=true error={err("co-basis")}>
                    <select id="co-basis" aria-describedby={described_by("co-basis")} onchange={edit(|f, v| {
                        f.basis = v.parse().ok();
                        // Lines are per basis: the choices made on another go.
                        f.choices = Default::default();
                    })}>
                        <option value="" selected={f.basis.is_none()}>{app.t("co_choose")}</option>
                        { for bases.iter().map(|b| html! {
                            <option value={b.as_str()} selected={f.basis == Some(*b)}>{b.title(lang)}</option>
                        }) }
                    </select>
                </Field>
                {text("co-certificate", "co_certificate", &f.certificate, true, |f, v| f.certificate = v)}
                <Field id="co-score" label={app.t("co_score")} required=true hint={app.t("co_score_hint")} error={err("co-score")}>
                    <input id="co-score" inputmode="decimal" aria-describedby={described_by("co-score")}
                        value={f.score.clone()} oninput={typed(|f, v| f.score = v)} />
                </Field>

                <h2>{app.t("co_choices")}</h2>
                <p class="hint">{app.t("co_choices_hint")}</p>
                { for (0..MAX_CHOICES).map(|i| {
                    let id = format!("co-choice-{i}");
                    let label = app.tf("co_choice_n", &[("n", &(i + 1).to_string())]);
                    let onchange = {
                        let form = form.clone();
                        Callback::from(move |e: Event| {
                            let mut next = (*form).clone();
                            next.choices[i] = value_of(&e);
                            form.set(next);
                        })
                    };
                    html! {
                        <Field id={id.clone()} {label} required={i == 0} error={err(&id)}>
                            <select id={id.clone()} aria-describedby={described_by(&id)} {onchange} disabled={f.basis.is_none()}>
                                <option value="" selected={f.choices[i].is_empty()}>{app.t("co_choice_none")}</option>
                                { for lines.iter().map(|s| html! {
                                    <option value={s.id.clone()} selected={f.choices[i] == s.id}>
                                        {format!("{} — {}", line_name(lang, s), line_terms(lang, s))}
                                    </option>
                                }) }
                            </select>
                        </Field>
                    }
                }) }

                <h2>{app.t("co_circumstances")}</h2>
                <Field id="co-quota" label={app.t("co_quota")} error={err("co-quota")}>
                    <select id="co-quota" aria-describedby={described_by("co-quota")}
                        onchange={edit(|f, v| f.quota = v.parse::<QuotaCategory>().ok())}>
                        <option value="" selected={f.quota.is_none()}>{app.t("co_quota_none")}</option>
                        { for QuotaCategory::ALL.into_iter().map(|q| html! {
                            <option value={q.as_str()} selected={f.quota == Some(q)}>{q.title(lang)}</option>
                        }) }
                    </select>
                </Field>
                <Checkbox id="co-disability" label={app.t("co_disability_question")} checked={f.disability}
                    hint={app.t("co_disability_hint")} onchange={toggle(|f, v| f.disability = v)} />
                <Checkbox id="co-dormitory" label={app.t("co_dormitory_question")} checked={f.dormitory}
                    onchange={toggle(|f, v| f.dormitory = v)} />

                <h2>{app.t("co_documents")}</h2>
                { for required_documents(f.disability, f.quota).into_iter().map(document) }

                <h2>{app.t("co_contacts")}</h2>
                <Field id="co-phone" label={app.t("facts_phone")} required=true error={err("co-phone")}>
                    <input id="co-phone" type="tel" autocomplete="tel" aria-describedby={described_by("co-phone")}
                        value={f.phone.clone()} oninput={typed(|f, v| f.phone = v)} />
                </Field>
                <Field id="co-email" label={app.t("facts_email")} error={err("co-email")}>
                    <input id="co-email" type="email" autocomplete="email" aria-describedby={described_by("co-email")}
                        value={f.email.clone()} oninput={typed(|f, v| f.email = v)} />
                </Field>
                <button type="submit" class="btn" id="co-submit" disabled={*busy || *uploading > 0}>{app.t("co_submit")}</button>
            </form>
        </section>
    }
}

/// One answer to «Кто подаёт заявление».
fn who(
    app: &App,
    form: &UseStateHandle<Form>,
    child: bool,
    id: &'static str,
    key: &'static str,
) -> Html {
    let onchange = {
        let form = form.clone();
        Callback::from(move |_| {
            let mut next = (*form).clone();
            next.for_child = child;
            form.set(next);
        })
    };
    html! {
        <div class="radio">
            <input type="radio" id={id} name="co-who" checked={form.for_child == child} {onchange} />
            <label for={id}>{app.t(key)}</label>
        </div>
    }
}
