//! What the applicant and the admissions office both read of a college application: the basis,
//! the certificate and its average score, the specialties in priority order (named from the
//! college's lines), the quota category, disability and the dormitory.

use domain::MsgLang;
use domain::api::Application;
use domain::college::api::{CollegePage, Specialty};
use frontend::components::pick;
use frontend::hooks::use_get;
use frontend::state::{App, Texts, use_app};
use yew::prelude::*;

/// `06130100 Программное обеспечение`.
pub fn line_name(lang: MsgLang, s: &Specialty) -> String {
    format!("{} {}", s.code, pick(lang, &s.name))
}

/// `русский, очная, на базе 9 классов`: what tells a code's lines apart.
pub fn line_terms(lang: MsgLang, s: &Specialty) -> String {
    format!(
        "{}, {}, {}",
        s.language.title(lang).to_lowercase(),
        s.form.title(lang).to_lowercase(),
        s.basis.title(lang).to_lowercase()
    )
}

/// The head of a table of lines (the college's page, «Специальности»): `last` names the
/// column of the row's links.
pub fn lines_head(app: &App, last: &str) -> Html {
    html! {
        <thead><tr>
            <th scope="col">{app.t("co_specialty")}</th>
            <th scope="col">{app.t("co_language")}</th>
            <th scope="col">{app.t("co_form")}</th>
            <th scope="col">{app.t("co_basis")}</th>
            <th scope="col">{app.t("co_state_places")}</th>
            <th scope="col">{app.t("co_paid_places")}</th>
            <th scope="col"><span class="visually-hidden">{last.to_string()}</span></th>
        </tr></thead>
    }
}

/// A line's cells under [`lines_head`], its row's links aside.
pub fn line_cells(app: &App, s: &Specialty) -> Html {
    let lang = app.lang;
    html! {
        <>
            <td data-label={app.t("co_specialty")}>
                <div>
                    <div>{line_name(lang, s)}</div>
                    <div class="muted">{pick(lang, &s.qualification)}</div>
                </div>
            </td>
            <td data-label={app.t("co_language")}>{s.language.title(lang)}</td>
            <td data-label={app.t("co_form")}>{s.form.title(lang)}</td>
            <td data-label={app.t("co_basis")}>{s.basis.title(lang)}</td>
            <td data-label={app.t("co_state_places")} data-testid="state-places">{s.state_places}</td>
            <td data-label={app.t("co_paid_places")}>{s.paid_places}</td>
        </>
    }
}

/// The public page of a college (its lines and campaign).
pub fn page_path(org: &str) -> String {
    format!("/api/public/colleges/{}", frontend::components::enc(org))
}

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub application: Application,
}

/// «Сведения о поступлении»: a card of the page's grid.
#[function_component]
pub fn CollegeDetails(p: &DetailsProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let a = &p.application;
    let page = use_get::<CollegePage>(Some(page_path(&a.org_id)), 0);
    let Some(c) = &a.college else {
        return html! {};
    };
    let lines = page
        .ready()
        .map(|p| p.specialties.as_slice())
        .unwrap_or_default();
    let yes_no = |v: bool| app.t(if v { "co_yes" } else { "co_no" });
    html! {
        <section class="card" aria-labelledby="co-details" data-testid="college-details">
            <h2 id="co-details">{app.t("co_details")}</h2>
            <dl class="facts">
                <dt>{app.t("co_basis")}</dt><dd>{c.basis.title(lang)}</dd>
                <dt>{app.t("co_certificate")}</dt><dd>{c.certificate_number.clone()}</dd>
                <dt>{app.t("co_score")}</dt><dd data-testid="score">{c.average_score.to_string()}</dd>
                <dt>{app.t("co_quota")}</dt>
                <dd>{c.quota.map_or(app.t("co_quota_none"), |q| q.title(lang))}</dd>
                <dt>{app.t("co_disability")}</dt><dd>{yes_no(a.special_needs)}</dd>
                <dt>{app.t("co_dormitory")}</dt><dd>{yes_no(c.dormitory)}</dd>
            </dl>
            <h3>{app.t("co_choices")}</h3>
            <ol class="choices" data-testid="choices">
                { for c.choices.iter().map(|choice| {
                    let id = choice.offer(c.basis).id();
                    let line = lines.iter().find(|s| s.id == id);
                    html! {
                        <li data-line={id}>
                            { match line {
                                Some(s) => html! { <>{line_name(lang, s)}<span class="muted">{format!(" — {}", line_terms(lang, s))}</span></> },
                                None => html! { <>{choice.code.clone()}<span class="muted">{format!(" — {}, {}", choice.language.title(lang), choice.form.title(lang))}</span></> },
                            } }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
