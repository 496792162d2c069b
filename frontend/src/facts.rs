//! The application's facts as both sides read them: the child and the applicant with the
//! addresses, and the codes of a history comment. One block for the parent's application page
//! and the staff card, so that both always show the same things under the same names.

use domain::api::Application;
use domain::{MsgLang, RejectReason, Status};
use yew::prelude::*;

use crate::components::{fmt_date, pick};
use crate::state::{App, Texts};

/// The parts of a decision's or a signature's history comment (`accept; <reason>; transport:
/// approved; <text>`, domain's `history_comment`; or the final status) in words: `words` are
/// the reader's texts for accept, reject, transport approved and transport denied; a ground or
/// a status reads as its text, anything else as it is.
pub fn comment_words(lang: MsgLang, comment: &str, words: [&str; 4]) -> Vec<String> {
    comment
        .split("; ")
        .map(|part| match part {
            "accept" => words[0].to_string(),
            "reject" => words[1].to_string(),
            "transport: approved" => words[2].to_string(),
            "transport: denied" => words[3].to_string(),
            other => other
                .parse::<RejectReason>()
                .map(|r| r.text(lang).to_string())
                .or_else(|_| other.parse::<Status>().map(|s| s.title(lang).to_string()))
                .unwrap_or_else(|_| other.to_string()),
        })
        .collect()
}

/// Two cards, «Сведения о ребёнке» and «Сведения о заявителе», in the page's grid.
/// (A plain function, not a component: every component type adds lifecycle code to the wasm.)
pub fn application_facts(app: &App, a: &Application) -> Html {
    let lang = app.lang;
    let c = &a.child;
    let or_none = |v: Option<Html>| {
        v.unwrap_or_else(|| html! { <span class="muted">{app.t("no_data")}</span> })
    };
    let given = |s: &Option<String>| s.as_ref().filter(|s| !s.trim().is_empty()).cloned();
    let email = given(&a.applicant.email)
        .map(|e| html! { <a href={format!("mailto:{e}")}>{e.clone()}</a> });
    let registered = a
        .registered_address
        .as_ref()
        .map(|t| pick(lang, t))
        .or_else(|| a.registered_address_id.clone())
        .map(|s| html! { {s} });
    let actual = given(&a.actual_address).map(|s| html! { {s} });
    html! {
        <>
            <section class="card" aria-labelledby="facts-child">
                // A college application's person is the student, not a child.
                <h2 id="facts-child">{app.t(if a.service == domain::Service::College { "facts_student" } else { "facts_child" })}</h2>
                <dl class="facts">
                    <dt>{app.t("full_name")}</dt><dd data-testid="child-name">{c.full_name()}</dd>
                    <dt>{app.t("iin")}</dt><dd>{c.iin.clone()}</dd>
                    <dt>{app.t("facts_birth_date")}</dt><dd>{fmt_date(&c.birth_date)}</dd>
                    <dt>{app.t("facts_sex")}</dt><dd>{c.sex.title(lang)}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="facts-applicant">
                <h2 id="facts-applicant">{app.t("facts_applicant")}</h2>
                <dl class="facts">
                    <dt>{app.t("full_name")}</dt><dd>{a.applicant_name.clone()}</dd>
                    <dt>{app.t("iin")}</dt><dd>{a.applicant_iin.clone()}</dd>
                    <dt>{app.t("facts_relation")}</dt><dd>{a.applicant.relation.title(lang)}</dd>
                    <dt>{app.t("facts_phone")}</dt>
                    <dd><a href={format!("tel:{}", a.applicant.phone)}>{a.applicant.phone.clone()}</a></dd>
                    <dt>{app.t("facts_email")}</dt><dd>{or_none(email)}</dd>
                    <dt>{app.t("facts_registered_address")}</dt><dd>{or_none(registered)}</dd>
                    <dt>{app.t("facts_actual_address")}</dt><dd>{or_none(actual)}</dd>
                </dl>
            </section>
        </>
    }
}
