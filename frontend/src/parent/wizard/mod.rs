//! The application wizard (`/apply`): (1) the child, (2) the applicant, (3) the registered
//! address (from the population register) and the school, (4) documents, (5) review and submit, one file each. Every step is
//! checked with the domain's rules before "Далее"; the draft lives in localStorage until the
//! submit succeeds. Here: the shell (steps, navigation, submit) and what the steps share.

mod applicant;
mod child;
mod documents;
mod review;
mod school;

use std::rc::Rc;

use domain::api::{Application, Campaign, Me};
use yew::prelude::*;

use super::draft::{Draft, Errors, STEPS, storage_key, target};
use super::{focus, scroll_top};
use crate::api::{Api, ApiError, spawn};
use crate::components::{error_summary, value_of};
use crate::hooks::{Remote, pending, use_campaign};
use crate::state::{Action, Texts, load, save, use_app};
use applicant::ApplicantStep;
use child::ChildStep;
use documents::{DocumentsStep, Uploads};
use review::{ReviewStep, Submitted};
use school::SchoolStep;

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

#[function_component]
pub fn Wizard() -> Html {
    let app = use_app();
    let campaign = use_campaign();
    let Some(me) = app.me.clone() else {
        return crate::components::loading(app.lang);
    };
    match &*campaign {
        Remote::Ready(c) => {
            html! { <WizardForm key={me.iin.clone()} campaign={c.clone()} me={me.clone()} /> }
        }
        Remote::Failed(_) => {
            html! { <section class="card narrow">{pending(app.lang, &campaign)}</section> }
        }
        Remote::Loading => pending(app.lang, &campaign),
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    campaign: Campaign,
    me: Me,
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

    let show_errors = {
        let (errors, focus_summary) = (errors.clone(), focus_summary.clone());
        Callback::from(move |errs: Errors| {
            errors.set(errs);
            focus_summary.set(*focus_summary + 1);
        })
    };
    // A refusal of the API, shown on the step and input it is about.
    let refused = {
        let (draft, show_errors) = (draft.clone(), show_errors.clone());
        Callback::from(move |e: ApiError| {
            let (s, id) = target(e.field.as_deref(), &e.code);
            edit(&draft, move |d| d.step = s);
            show_errors.emit(vec![(id, e.message)]);
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
        let handles = (
            app.clone(),
            draft.clone(),
            busy.clone(),
            submitted.clone(),
            show_errors.clone(),
            key.clone(),
            refused.clone(),
        );
        move || {
            // Owned by the request that may follow.
            let (app, draft, busy, submitted, show_errors, key, refused) = handles.clone();
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
                    Err(e) => refused.emit(e),
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
        refused,
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
            {error_summary(app.lang, &errs)}
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
    /// Shows a refusal of the API on its step and input.
    refused: Callback<ApiError>,
}
