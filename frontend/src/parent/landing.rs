//! The service's page (`/`): who can apply, the documents, the deadline, and schools with free
//! seats by locality and language.

use domain::address::SchoolListing;
use domain::api::List;
use domain::{AcademicYear, DocumentKind, Lang, grade1_birth_window, required_documents};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{Field, enc, fmt_date, pick, value_of};
use crate::hooks::{Remote, pending, use_campaign, use_get, use_localities};
use crate::route::Route;
use crate::state::{Texts, use_app};

#[function_component]
pub fn Landing() -> Html {
    let app = use_app();
    let lang = app.lang;
    let campaign = use_campaign();
    let year: Option<AcademicYear> = campaign
        .ready()
        .and_then(|c| AcademicYear::enrolment_for(c.now.date_naive()));
    let apply = html! {
        <Link<Route> to={Route::Apply} classes="btn btn-large">{app.t("land_apply")}</Link<Route>>
    };
    html! {
        <div class="landing">
            <section class="card hero" aria-labelledby="landing-title">
                <p class="eyebrow">{app.t("land_eyebrow")}</p>
                <h1 id="landing-title">{app.t("land_title")}</h1>
                <p class="lead">{app.t("land_lead")}</p>
                <ul class="hero-facts">
                    <li>{app.t("land_fact_free")}</li>
                    <li>{app.t("land_fact_online")}</li>
                    <li>{app.t("land_fact_term")}</li>
                </ul>
                <div class="row-actions">
                    {apply.clone()}
                    if app.token.is_some() {
                        <Link<Route> to={Route::MyApplications} classes="btn-secondary">{app.t("nav_my_applications")}</Link<Route>>
                    }
                </div>
                if app.token.is_none() { <p class="hint">{app.t("land_sign_in_note")}</p> }
                // The kindergarten and college services are apps of their own (frontend/preschool,
                // frontend/college).
                <p><a href="/preschool/">{app.t("land_preschool")}</a></p>
                <p><a href="/college/">{app.t("land_college")}</a></p>
            </section>

            <div class="grid-2">
                <section class="card" aria-labelledby="landing-who">
                    <h2 id="landing-who">{app.t("land_who_title")}</h2>
                    <p>{app.t("land_who_text")}</p>
                    { match (&*campaign, year) {
                        (Remote::Ready(_), None) => html! {},
                        (Remote::Ready(_), Some(year)) => {
                            let (first, last) = grade1_birth_window(year);
                            html! {
                                <p class="alert alert-info" id="birth-window">
                                    {app.tf("land_who_window", &[
                                        ("year", &year.to_string()),
                                        ("from", &fmt_date(&first)),
                                        ("to", &fmt_date(&last)),
                                    ])}
                                </p>
                            }
                        }
                        (other, _) => pending(lang, other),
                    } }
                    <p>{app.t("land_who_microdistrict")}</p>
                </section>

                <section class="card" aria-labelledby="landing-docs">
                    <h2 id="landing-docs">{app.t("land_docs_title")}</h2>
                    <ul class="doc-list">
                        { for required_documents(false).into_iter().map(|k| html! { <li>{k.title(lang)}</li> }) }
                        <li>
                            {DocumentKind::PmpkConclusion.title(lang)}
                            <span class="muted">{" — "}{app.t("land_docs_pmpk_only")}</span>
                        </li>
                    </ul>
                    <p class="hint">
                        {app.tf("land_docs_files", &[("mb", &(domain::MAX_FILE_SIZE / (1024 * 1024)).to_string())])}
                    </p>
                </section>

                <section class="card" aria-labelledby="landing-terms">
                    <h2 id="landing-terms">{app.t("land_terms_title")}</h2>
                    <p>{app.t("land_terms_reception")}</p>
                    <p>{app.t("land_terms_review")}</p>
                    <p>{app.t("land_terms_result")}</p>
                </section>

                <section class="card" aria-labelledby="landing-steps">
                    <h2 id="landing-steps">{app.t("land_how_title")}</h2>
                    <ol class="how">
                        <li>{app.t("land_how_1")}</li>
                        <li>{app.t("land_how_2")}</li>
                        <li>{app.t("land_how_3")}</li>
                        <li>{app.t("land_how_4")}</li>
                    </ol>
                </section>
            </div>

            <FreeSeats {year} />

            <section class="card cta">
                <p>{app.t("land_cta_text")}</p>
                {apply}
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FreeSeatsProps {
    year: Option<AcademicYear>,
}

/// Schools of a locality with their free grade-1 seats (`GET /api/schools`).
#[function_component]
fn FreeSeats(p: &FreeSeatsProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let localities = use_localities();
    let locality = use_state(String::new);
    let language = use_state(|| None::<Lang>);
    let schools = use_get::<List<SchoolListing>>(
        (!locality.is_empty()).then(|| {
            let mut path = format!("/api/schools?locality_id={}", enc(&locality));
            if let Some(l) = *language {
                path.push_str(&format!("&language={}", l.as_str()));
            }
            path
        }),
        0,
    );
    let periods = use_get(super::campaign::path(&localities, &locality, p.year), 0);
    let on_locality = {
        let locality = locality.clone();
        Callback::from(move |e: Event| locality.set(value_of(&e)))
    };
    let on_language = {
        let language = language.clone();
        Callback::from(move |e: Event| language.set(value_of(&e).parse::<Lang>().ok()))
    };
    let seats_cell = |s: &SchoolListing| -> Html {
        let rows: Vec<_> = s
            .free_seats
            .iter()
            .filter(|f| p.year.is_none_or(|y| f.academic_year == y))
            .filter(|f| language.is_none_or(|l| f.language == l))
            .collect();
        if rows.is_empty() {
            return html! { <span class="muted">{app.t("land_seats_none")}</span> };
        }
        html! {
            <ul class="seat-list">
                { for rows.iter().map(|f| html! {
                    <li>
                        <span>{f.language.title(lang)}{": "}</span>
                        <strong>{app.tf("land_seats_free", &[("free", &f.free_total.to_string()), ("seats", &f.seats.to_string())])}</strong>
                        <span class="muted">{" · "}{app.tf("land_seats_outside", &[("n", &f.free_outside.to_string())])}</span>
                    </li>
                }) }
            </ul>
        }
    };
    html! {
        <section class="card" aria-labelledby="landing-seats">
            <h2 id="landing-seats">{app.t("land_seats_title")}</h2>
            <p class="hint">{app.t("land_seats_hint")}</p>
            <div class="toolbar">
                <Field id="landing-locality" label={app.t("wiz_locality")}>
                    <select id="landing-locality" onchange={on_locality}>
                        <option value="" selected={locality.is_empty()}>{app.t("wiz_choose")}</option>
                        if let Remote::Ready(list) = &*localities {
                            { for list.items.iter().map(|l| html! {
                                <option value={l.id.clone()} selected={*locality == l.id}>{pick(lang, &l.name)}</option>
                            }) }
                        }
                    </select>
                </Field>
                <Field id="landing-language" label={app.t("wiz_language")}>
                    <select id="landing-language" onchange={on_language}>
                        <option value="" selected={language.is_none()}>{app.t("land_any_language")}</option>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.as_str()} selected={*language == Some(*l)}>{l.title(lang)}</option>
                        }) }
                    </select>
                </Field>
            </div>
            if let Remote::Failed(_) = &*localities { {pending(lang, &localities)} }
            {super::campaign::note(&app, &periods)}
            <div aria-live="polite">
                { match &*schools {
                    _ if locality.is_empty() => html! {},
                    Remote::Ready(list) if list.items.is_empty() => html! { <p>{app.t("land_schools_none")}</p> },
                    Remote::Ready(list) => html! {
                        <table class="stack schools-table">
                            <caption class="visually-hidden">{app.t("land_seats_title")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{app.t("land_col_school")}</th>
                                    <th scope="col">{app.t("land_col_languages")}</th>
                                    <th scope="col">{app.t("land_col_seats")}</th>
                                    <th scope="col">{app.t("land_col_transport")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for list.items.iter().map(|s| html! {
                                    <tr>
                                        <td data-label={app.t("land_col_school")}>
                                            <strong>{pick(lang, &s.name)}</strong><br />
                                            <span class="muted">{s.address.clone()}</span>
                                        </td>
                                        <td data-label={app.t("land_col_languages")}>
                                            {s.languages.iter().map(|l| l.title(lang)).collect::<Vec<_>>().join(", ")}
                                        </td>
                                        <td data-label={app.t("land_col_seats")}>{seats_cell(s)}</td>
                                        <td data-label={app.t("land_col_transport")}>
                                            {if s.provides_transport { app.t("wiz_yes") } else { app.t("wiz_no") }}
                                        </td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    },
                    other => pending(lang, other),
                } }
            </div>
        </section>
    }
}
