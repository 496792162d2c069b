//! «Информация о заявлении»: the applicant, the child with the queue numbers, the application's
//! state (with «в очереди с …»), the privilege and its confirmation, the stop-list, and the
//! direction with its kindergarten, expiry and the working days left.

use chrono::{DateTime, Utc};
use domain::preschool::api::{Direction, QueueApplication};
use domain::preschool::{DirectionState, working_days_left};
use frontend::components::{fmt_date, fmt_time, pick};
use frontend::hooks::use_localities;
use frontend::state::{App, Texts, use_app};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InfoProps {
    pub application: QueueApplication,
    pub now: DateTime<Utc>,
}

fn row(app: &App, key: &'static str, id: &'static str, value: impl Into<Html>) -> Html {
    html! { <><dt>{app.t(key)}</dt><dd id={id}>{value.into()}</dd></> }
}

fn or_dash(s: Option<&str>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .unwrap_or("—")
        .to_string()
}

#[function_component]
pub fn Info(p: &InfoProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let a = &p.application;
    let localities = use_localities();
    let locality = localities
        .ready()
        .and_then(|l| l.items.iter().find(|l| l.id == a.locality_id))
        .map_or_else(|| a.locality_id.clone(), |l| pick(lang, &l.name));
    let position = a.position;
    let state = match &a.queued_since {
        Some(t) if a.state == domain::preschool::QueueState::InQueue => format!(
            "{} ({})",
            a.state.title(lang),
            app.tf("pp_queued_since", &[("t", &fmt_time(t))])
        ),
        _ => a.state.title(lang).to_string(),
    };
    html! {
        <div class="pp-info">
            <h2>{app.t("pp_applicant_info")}</h2>
            <dl class="facts">
                {row(&app, "full_name", "pp-applicant-name", a.applicant.full_name.clone())}
                {row(&app, "iin", "pp-applicant-iin", a.applicant.iin.clone())}
                {row(&app, "pp_phone", "pp-applicant-phone", a.applicant.phone.clone())}
                {row(&app, "pp_email", "pp-applicant-email", or_dash(a.applicant.email.as_deref()))}
            </dl>
            <h2>{app.t("pp_child_info")}</h2>
            <dl class="facts">
                {row(&app, "full_name", "pp-child-name", a.child.full_name())}
                {row(&app, "iin", "pp-child-iin", a.child.iin.clone())}
                {row(&app, "pp_birth_date", "pp-child-birth", fmt_date(&a.child.birth_date))}
                {row(&app, "pp_privilege_type", "pp-privilege-type", a.privilege.category.title(lang))}
                {row(&app, "pp_queue_number", "pp-queue-number",
                    position.map_or_else(|| "—".to_string(), |q| q.number.to_string()))}
                {row(&app, "pp_privileged_number", "pp-privileged-number",
                    position.map_or_else(|| "—".to_string(), |q| q.privileged.to_string()))}
            </dl>
            <h2>{app.t("pp_application_info")}</h2>
            <dl class="facts">
                {row(&app, "pp_number", "pp-number", a.number.clone())}
                {row(&app, "pp_registered_at", "pp-registered-at", fmt_time(&a.registered_at))}
                {row(&app, "pp_current_state", "pp-current-state", state)}
                {row(&app, "pp_changed_at", "pp-changed-at", fmt_time(&a.changed_at))}
                {row(&app, "pp_locality", "pp-locality", locality)}
                {row(&app, "pp_language", "pp-language", a.language.title(lang))}
                {row(&app, "pp_privilege_status", "pp-privilege-status", a.privilege.status.title(lang))}
                if let Some(c) = a.privilege.comment.as_deref().filter(|c| !c.trim().is_empty()) {
                    {row(&app, "pp_privilege_comment", "pp-privilege-comment", c.to_string())}
                }
                if let Some(t) = &a.stop_until {
                    {row(&app, "pp_stop_until", "pp-stop-until", fmt_time(t))}
                }
                if let Some(r) = a.removal {
                    {row(&app, "pp_removal", "pp-removal", r.title(lang))}
                }
            </dl>
            if let Some(d) = &a.direction {
                {direction(&app, d, p.now)}
            }
        </div>
    }
}

/// The current or last direction: where to, until when, and the working days left.
pub fn direction(app: &App, d: &Direction, now: DateTime<Utc>) -> Html {
    let lang = app.lang;
    let issued = d.state == DirectionState::Issued;
    let left = working_days_left(d.expires_at.with_timezone(&Utc), now);
    html! {
        <section class="pp-direction" aria-labelledby="pp-direction-title" data-state={d.state.as_str()}>
            <h2 id="pp-direction-title">{app.tf("pp_direction_n", &[("n", &d.n.to_string())])}</h2>
            <dl class="facts">
                {row(app, "pp_kindergarten", "pp-direction-org", pick(lang, &d.org_name))}
                {row(app, "pp_address", "pp-direction-address", d.org_address.clone())}
                {row(app, "pp_language", "pp-direction-language", d.language.title(lang))}
                {row(app, "pp_direction_state", "pp-direction-state", d.state.title(lang))}
                {row(app, "pp_issued_at", "pp-direction-issued", fmt_time(&d.issued_at))}
                {row(app, "pp_expires_at", "pp-direction-expires", fmt_time(&d.expires_at))}
                if issued {
                    {row(app, "pp_days_left", "pp-days-left", left.to_string())}
                }
                if let Some(days) = d.extended_days {
                    {row(app, "pp_extended", "pp-direction-extended", app.tf("pp_days", &[("n", &days.to_string())]))}
                }
                {row(app, "pp_signed_by", "pp-direction-signed", d.signed_by.clone())}
            </dl>
            if issued {
                <p class="alert alert-info">{app.t("pp_direction_note")}</p>
            }
        </section>
    }
}
