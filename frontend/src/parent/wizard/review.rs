//! Step 5: everything the application says, each part with a way back to change it; and
//! the receipt once it is submitted.

use domain::api::Application;
use domain::{normalize_phone, required_documents};
use yew::prelude::*;
use yew_router::prelude::*;

use super::super::{fmt_size, focus};
use super::StepProps;
use crate::components::{fmt_date, fmt_time, pick, status_badge};
use crate::hooks::{Remote, use_localities};
use crate::route::Route;
use crate::state::{Texts, use_app};

#[function_component]
pub(super) fn ReviewStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let localities = use_localities();
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
        Remote::Ready(list) => list
            .items
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
                    <dd>{match &d.registered { Some(a) => pick(lang, &a.text), None => app.t("wiz_address_unregistered").to_string() }}</dd>
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

#[derive(Properties, PartialEq)]
pub(super) struct SubmittedProps {
    pub application: Application,
    /// Starts another application.
    pub again: Callback<MouseEvent>,
}

#[function_component]
pub(super) fn Submitted(p: &SubmittedProps) -> Html {
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
                <dt>{app.t("my_status")}</dt><dd>{status_badge(app.lang, a.status, a.overdue)}</dd>
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
