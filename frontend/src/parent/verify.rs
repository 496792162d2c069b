//! `/verify/{id}`: the public check a decision notice's QR code leads to. Anyone holding the
//! paper sees whether its signed decision verifies; the page names no one (initials only).

use domain::api::Verification;
use yew::prelude::*;

use crate::components::{enc, fmt_time, pick};
use crate::hooks::{Remote, pending, use_get};
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    pub id: String,
}

#[function_component]
pub fn VerifyPage(p: &VerifyProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let v = use_get::<Verification>(Some(format!("/api/verify/{}", enc(&p.id))), 0);
    let v = match &*v {
        Remote::Ready(v) => v.clone(),
        other => {
            return html! {
                <section class="card narrow" aria-labelledby="verify-title">
                    <h1 id="verify-title">{app.t("verify_title")}</h1>
                    {pending(lang, other)}
                </section>
            };
        }
    };
    let (class, verdict) = if v.valid {
        ("alert alert-success", app.t("verify_valid"))
    } else {
        ("alert alert-error", app.t("verify_invalid"))
    };
    html! {
        <section class="card narrow verify" aria-labelledby="verify-title">
            <h1 id="verify-title">{app.t("verify_title")}</h1>
            <p class={class} role="status" id="verify-verdict" data-valid={v.valid.to_string()}>
                {verdict}
            </p>
            <dl class="facts">
                <dt>{app.t("verify_number")}</dt><dd>{v.number}</dd>
                <dt>{app.t("verify_org")}</dt><dd>{pick(lang, &v.org_name)}</dd>
                <dt>{app.t("verify_decision")}</dt><dd>{v.status.title(lang)}</dd>
                <dt>{app.t("verify_child")}</dt><dd>{v.child_initials.clone()}</dd>
                <dt>{app.t("verify_signer")}</dt><dd>{v.signer_initials.clone()}</dd>
                <dt>{app.t("verify_serial")}</dt><dd>{v.certificate_serial.clone()}</dd>
                <dt>{app.t("verify_signed_at")}</dt><dd>{fmt_time(&v.signed_at)}</dd>
            </dl>
            <p class="hint">{app.t("verify_hint")}</p>
        </section>
    }
}
