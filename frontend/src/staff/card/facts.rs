//! What the card tells about the application besides the shared facts block: its number,
//! admission type, dates and class; transport; special needs with the ПМПК conclusion.

use domain::api::{Application, Org, TransportDecision};
use domain::{DocumentKind, ErrorCode, Service, Status};
use yew::prelude::*;

use super::super::admission_title;
use super::documents::Documents;
use crate::components::{fmt_time, pick};
use crate::state::{App, Texts};

/// «Сведения о заявке».
pub(super) fn info(app: &App, a: &Application, org: Option<&Org>) -> Html {
    html! {
        <section class="card" aria-labelledby="sec-info">
            <h2 id="sec-info">{app.t("st_sec_info")}</h2>
            <dl class="facts">
                <dt>{app.t("st_col_number")}</dt><dd>{a.number}</dd>
                if a.service == Service::Grade1 {
                    <dt>{app.t("st_admission_type")}</dt>
                    <dd data-testid="admission-type">{admission_title(app, a.admission_type)}</dd>
                }
                <dt>{app.t("st_col_submitted")}</dt><dd>{fmt_time(&a.submitted_at)}</dd>
                <dt>{app.t("st_due_at")}</dt><dd>{fmt_time(&a.due_at)}</dd>
                <dt>{app.t("st_academic_year")}</dt><dd>{a.academic_year.to_string()}</dd>
                if a.service == Service::Grade1 {
                    <dt>{app.t("st_grade")}</dt><dd>{a.grade}</dd>
                    <dt>{app.t("st_language")}</dt><dd>{a.language.title(app.lang)}</dd>
                }
                if let Some(o) = org {
                    <dt>{app.t("st_org")}</dt><dd>{pick(app.lang, &o.name)}</dd>
                }
            </dl>
        </section>
    }
}

/// «Подвоз»: requested or not, whether the school provides it, and the answer given.
pub(super) fn transport(
    app: &App,
    a: &Application,
    org: Option<&Org>,
    applies: Option<bool>,
) -> Html {
    html! {
        <section class="card" aria-labelledby="sec-transport">
            <h2 id="sec-transport">{app.t("st_sec_transport")}</h2>
            if !a.transport_requested {
                <p>{app.t("st_transport_not_requested")}</p>
            } else {
                <p><span class="pill">{app.t("st_transport_requested")}</span></p>
                if org.is_some_and(|o| !o.provides_transport) {
                    <p class="muted">{app.t("st_transport_not_provided")}</p>
                }
                { match a.decision.as_ref().and_then(|d| d.transport) {
                    Some(TransportDecision::Approved) => html! { <p>{app.t("st_transport_approved")}</p> },
                    Some(TransportDecision::Denied) => html! { <p>{app.t("st_transport_denied")}</p> },
                    None if applies == Some(true) && a.status == Status::InReview => html! {
                        <p class="muted">{app.t("st_transport_with_decision")}</p>
                    },
                    None => html! {},
                } }
            }
        </section>
    }
}

/// «Особые образовательные потребности» and the ПМПК conclusion they need.
pub(super) fn special_needs(app: &App, a: &Application) -> Html {
    let pmpk: Vec<_> = a
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::PmpkConclusion)
        .map(|d| (d.kind, d.file_id.clone()))
        .collect();
    html! {
        <section class="card" aria-labelledby="sec-needs">
            <h2 id="sec-needs">{app.t("st_sec_special_needs")}</h2>
            if a.special_needs {
                <p><span class="pill">{app.t("st_special_needs_yes")}</span></p>
                <p class="muted">{app.t("st_special_needs_info")}</p>
                if pmpk.is_empty() {
                    <p class="alert alert-error">{ErrorCode::MissingDocument.message(app.lang)}</p>
                } else {
                    <Documents application_id={a.id.clone()} docs={pmpk} />
                }
            } else {
                <p>{app.t("st_special_needs_no")}</p>
            }
        </section>
    }
}
