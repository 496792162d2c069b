//! Step 3: the registered address from the register, the language, the school (the
//! microdistrict's or one by choice, with its free seats), transport and special needs.

use domain::address::{Address, AddressKind, SchoolListing};
use domain::api::List;
use domain::{AdmissionType, Lang};
use yew::prelude::*;

use super::super::draft::Draft;
use super::super::focus;
use super::{StepProps, edit, error_of, on_text};
use crate::components::{Checkbox, Field, described_by, enc, pick, value_of};
use crate::hooks::{Remote, pending, use_debounced_get, use_get, use_localities};
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
    // The address register, searched as the parent types (after a pause).
    let q = d.address_query.trim();
    let search = (!d.locality_id.is_empty() && q.chars().count() >= 2).then(|| {
        format!(
            "/api/addresses?locality_id={}&q={}",
            enc(&d.locality_id),
            enc(q)
        )
    });
    let searching = search.is_some();
    let results = use_debounced_get::<List<Address>>(search, 300);
    // The schools of the locality teaching the language, marked for the address.
    let schools = use_get::<List<SchoolListing>>(
        match (&d.address, d.language) {
            (Some(address), Some(language)) if !d.locality_id.is_empty() => Some(format!(
                "/api/schools?locality_id={}&language={}&address_id={}",
                enc(&d.locality_id),
                language.as_str(),
                enc(&address.id)
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
                    d.address = None;
                    d.address_query.clear();
                    d.school = None;
                }
            });
            clear.emit("locality".into());
        })
    };
    let on_query = on_text(&p.draft, &p.clear, "address-search", |d, v| {
        d.address_query = v
    });
    // Enter in the search must not submit the step.
    let on_query_key = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
        }
    });
    let choose_address = |a: Address| {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |_| {
            let a = a.clone();
            edit(&draft, move |d| {
                d.address = Some(a);
                d.address_query.clear();
                d.school = None;
            });
            clear.emit("address-search".into());
            focus("address-search");
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
        _ if d.address.is_none() || d.language.is_none() => {
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
            <Field id="address-search" label={app.t("wiz_address")} required=true
                hint={app.t("wiz_address_hint")} error={err("address-search")}>
                if let Some(a) = &d.address {
                    <p class="chosen-address" id="address-chosen">
                        <span class="muted">{app.t("wiz_address_chosen")}</span>{" "}
                        <strong>{a.text.clone()}</strong>
                    </p>
                }
                <input id="address-search" type="search" autocomplete="off"
                    placeholder={app.t("wiz_address_placeholder")}
                    disabled={d.locality_id.is_empty()}
                    aria-describedby={match d.address { Some(_) => format!("{} address-chosen", described_by("address-search")), None => described_by("address-search") }}
                    aria-controls="address-results"
                    value={d.address_query.clone()} oninput={on_query} onkeydown={on_query_key} />
                <div id="address-results" aria-live="polite">
                    { match &*results {
                        _ if !searching => html! {},
                        Remote::Loading => html! {},
                        Remote::Failed(_) => pending(lang, &results),
                        Remote::Ready(list) if !list.items.iter().any(|a| a.kind == AddressKind::Building) => html! {
                            <p class="hint">{app.t("wiz_address_none")}</p>
                        },
                        Remote::Ready(list) => html! {
                            <ul class="address-results" aria-label={app.t("wiz_address_results")}>
                                { for list.items.iter().filter(|a| a.kind == AddressKind::Building).take(40).map(|a| html! {
                                    <li><button type="button" class="address-option" onclick={choose_address(a.clone())}>
                                        {a.text.clone()}
                                    </button></li>
                                }) }
                            </ul>
                        },
                    } }
                </div>
            </Field>
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
