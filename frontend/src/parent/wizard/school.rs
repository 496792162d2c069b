//! Step 3: the registered address as the population register gives it (the parent does not
//! choose it), the locality and language, the school (the microdistrict's or one by choice,
//! with its free seats), the actual address, transport and special needs.

use domain::address::SchoolListing;
use domain::api::List;
use domain::population::Registration;
use domain::{AdmissionType, Lang};
use yew::prelude::*;

use super::super::draft::Draft;
use super::{StepProps, edit, error_of, on_text};
use crate::components::{Checkbox, Field, described_by, enc, pick, value_of};
use crate::hooks::{Remote, pending, use_get, use_localities};
use crate::state::{Texts, use_app};

/// The free seats a school shows for the year and language: those of the admission type the
/// address gives there (the microdistrict's school or one by choice). `None`: no class limit,
/// so no applications are accepted there.
fn seats_for(s: &SchoolListing, year: domain::AcademicYear, lang: Lang) -> Option<u32> {
    let admission = if s.in_microdistrict {
        AdmissionType::Microdistrict
    } else {
        AdmissionType::Outside
    };
    s.free_seats
        .iter()
        .find(|f| f.academic_year == year && f.language == lang)
        .map(|f| admission.free_seats(f.free_total, f.free_outside))
}

#[function_component]
pub(super) fn SchoolStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let year = p.campaign.academic_year;
    let err = |id: &str| error_of(&p.errors, id);
    let localities = use_localities();
    let periods = use_get(
        crate::parent::campaign::path(&localities, &d.locality_id, Some(year)),
        0,
    );
    // What the population register says of the child: asked anew on every visit.
    let registration = use_get::<Registration>(
        d.child_iin()
            .map(|iin| format!("/api/children/{iin}/registration")),
        0,
    );
    // Kept in the draft (the review shows it); its locality preselected; the relation the
    // register records is the one the application carries. Refused: back to the child's IIN.
    {
        let (draft, refused) = (p.draft.clone(), p.refused.clone());
        use_effect_with((*registration).clone(), move |r| match r {
            Remote::Ready(r) => {
                let r = r.clone();
                edit(&draft, move |d| {
                    if d.locality_id.is_empty()
                        && let Some(a) = &r.registered_address
                    {
                        d.locality_id = a.locality_id.clone();
                    }
                    d.registered = r.registered_address;
                    d.relation = Some(r.relation);
                });
            }
            Remote::Failed(e) if e.code == "not_legal_representative" => refused.emit(e.clone()),
            _ => {}
        });
    }
    let registered = registration
        .ready()
        .map(|r| r.registered_address.as_ref().map(|a| a.id.clone()));
    // The schools of the locality teaching the language, marked for the registered address.
    let schools = use_get::<List<SchoolListing>>(
        match (&registered, d.language) {
            (Some(address), Some(language)) if !d.locality_id.is_empty() => Some(format!(
                "/api/schools?locality_id={}&language={}{}",
                enc(&d.locality_id),
                language.as_str(),
                address
                    .as_ref()
                    .map(|a| format!("&address_id={}", enc(a)))
                    .unwrap_or_default()
            )),
            _ => None,
        },
        0,
    );
    // The chosen school as listed now (free seats), or none if it left.
    {
        let draft = p.draft.clone();
        use_effect_with(schools.ready().cloned(), move |list| {
            if let Some(list) = list.clone() {
                edit(&draft, move |d| {
                    if let Some(chosen) = &d.school {
                        d.school = list.items.iter().find(|s| s.id == chosen.id).cloned();
                    }
                });
            }
        });
    }

    let on_locality = {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            edit(&draft, move |d| {
                if d.locality_id != v {
                    d.locality_id = v;
                    d.school = None;
                }
            });
            clear.emit("locality".into());
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
        Callback::from(move |v: bool| edit(&draft, move |d| set(d, v)))
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
        _ if registered.is_none() || d.language.is_none() || d.locality_id.is_empty() => {
            html! { <p class="hint">{app.t("wiz_schools_need")}</p> }
        }
        Remote::Ready(list) => {
            let (micro, other): (Vec<_>, Vec<_>) =
                list.items.iter().partition(|s| s.in_microdistrict);
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
        other => pending(lang, other),
    };
    let schools_err = err("schools");
    let offers_transport = d.school.as_ref().is_some_and(|s| s.provides_transport);

    html! {
        <>
            <section class="registered-address" id="registered-address" aria-labelledby="registered-address-title" aria-live="polite">
                <h3 id="registered-address-title">{app.t("wiz_address")}</h3>
                { match &*registration {
                    Remote::Ready(r) => match &r.registered_address {
                        Some(a) => html! { <p><strong id="registered-address-text">{pick(lang, &a.text)}</strong></p> },
                        None => html! { <p class="alert alert-info" id="registered-address-none">{app.t("wiz_address_unregistered")}</p> },
                    },
                    other => pending(lang, other),
                } }
                <p class="hint">{app.t("wiz_address_hint")}</p>
            </section>
            <Field id="locality" label={app.t("wiz_locality")} required=true error={err("locality")}>
                <select id="locality" aria-describedby={described_by("locality")} onchange={on_locality}>
                    <option value="" selected={d.locality_id.is_empty()}>{app.t("wiz_choose")}</option>
                    if let Remote::Ready(list) = &*localities {
                        { for list.items.iter().map(|l| html! {
                            <option value={l.id.clone()} selected={l.id == d.locality_id}>{pick(lang, &l.name)}</option>
                        }) }
                    }
                </select>
            </Field>
            if let Remote::Failed(_) = &*localities { {pending(lang, &localities)} }
            {crate::parent::campaign::note(&app, &periods)}
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
                aria-describedby={schools_err.is_some().then_some("schools-error")}>
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
                <Checkbox id="transport" label={app.t("wiz_transport")} hint={app.t("wiz_transport_hint")}
                    checked={d.transport} onchange={on_check(|d, v| d.transport = v)} error={err("transport")} />
            }
            <Checkbox id="special-needs" label={app.t("wiz_special_needs")} hint={app.t("wiz_special_needs_hint")}
                checked={d.special_needs} onchange={on_check(|d, v| d.special_needs = v)} error={err("special-needs")} />
        </>
    }
}
