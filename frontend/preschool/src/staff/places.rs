//! «Места по госзаказу»: the kindergarten's places by age group (birth year) and language, with
//! those taken by directions and those free; the count edited in place and a group added, for
//! whoever may manage them (the others read). The server refuses a count below the places
//! taken (`places_below_outstanding`): its message is shown under the line.

use chrono::Datelike;
use domain::Lang;
use domain::preschool::api::{Place, PutPlace};
use frontend::api::{Api, ApiError};
use frontend::components::{ErrorSummary, Field, api_error, described_by, value_of};
use frontend::hooks::{Remote, pending, run, use_campaign, use_get, use_reload};
use frontend::state::{Texts, use_app};
use serde::de::IgnoredAny;
use yew::prelude::*;

use super::org_path;

/// The most places of one group the form offers (the server checks its own bound).
const MAX_COUNT: u32 = 1000;

fn count_of(s: &str) -> Option<u32> {
    s.trim().parse().ok().filter(|n| *n <= MAX_COUNT)
}

#[derive(Properties, PartialEq)]
pub(super) struct PlacesProps {
    pub org: String,
    pub languages: Vec<Lang>,
    pub manage: bool,
}

#[function_component]
pub(super) fn Places(p: &PlacesProps) -> Html {
    let app = use_app();
    let reload = use_reload();
    let list = use_get::<Vec<Place>>(Some(org_path(&p.org, "/places")), reload.value());
    let on_changed = {
        let reload = reload.clone();
        Callback::from(move |_| reload.bump())
    };
    let table = match &*list {
        Remote::Ready(l) if l.is_empty() => {
            html! { <p class="empty" data-testid="places-empty">{app.t("pk_places_empty")}</p> }
        }
        Remote::Ready(l) => {
            let mut items = l.clone();
            items.sort_by_key(|x| (std::cmp::Reverse(x.age_group), x.language.as_str()));
            html! {
                <table class="stack places-table" data-testid="places">
                    <caption class="visually-hidden">{app.t("pk_places_title")}</caption>
                    <thead><tr>
                        <th scope="col">{app.t("pk_age_group")}</th>
                        <th scope="col">{app.t("pk_language")}</th>
                        <th scope="col">{app.t("pk_count")}</th>
                        <th scope="col">{app.t("pk_taken")}</th>
                        <th scope="col">{app.t("pk_free")}</th>
                        if p.manage {
                            <th scope="col"><span class="visually-hidden">{app.t("pk_action")}</span></th>
                        }
                    </tr></thead>
                    <tbody>
                        { for items.into_iter().map(|place| {
                            let key = format!("{}-{}", place.age_group, place.language.as_str());
                            html! { <PlaceRow {key} {place} manage={p.manage} on_saved={on_changed.clone()} /> }
                        }) }
                    </tbody>
                </table>
            }
        }
        other => pending(app.lang, other),
    };
    html! {
        <>
            {table}
            if p.manage {
                <AddPlace org={p.org.clone()} languages={p.languages.clone()} on_added={on_changed} />
            } else {
                <p class="muted" data-testid="places-read-only">{app.t("pk_places_read_only")}</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    place: Place,
    manage: bool,
    on_saved: Callback<()>,
}

/// One group's places, its count editable in place.
#[function_component]
fn PlaceRow(p: &RowProps) -> Html {
    let app = use_app();
    let pl = &p.place;
    let count = use_state(|| pl.count.to_string());
    let invalid = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    {
        // A reloaded line shows its stored count.
        let count = count.clone();
        use_effect_with(pl.count, move |c| count.set(c.to_string()));
    }
    let key = format!("{}-{}", pl.age_group, pl.language.as_str());
    let group = app.tf(
        "pk_group_of",
        &[
            ("year", &pl.age_group.to_string()),
            ("lang", pl.language.title(app.lang)),
        ],
    );
    let changed = count_of(&count) != Some(pl.count);
    let save = {
        let (app, pl, on_saved) = (app.clone(), pl.clone(), p.on_saved.clone());
        let (count, invalid, failure, busy, saved) = (
            count.clone(),
            invalid.clone(),
            failure.clone(),
            busy.clone(),
            saved.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            failure.set(None);
            saved.set(false);
            let Some(n) = count_of(&count) else {
                invalid.set(true);
                return;
            };
            invalid.set(false);
            let body = PutPlace {
                age_group: pl.age_group,
                language: pl.language,
                count: n,
            };
            let (api, path) = (Api::of(&app), org_path(&pl.org_id, "/places"));
            let (on_saved, saved) = (on_saved.clone(), saved.clone());
            run(
                &busy,
                &failure,
                async move { api.put::<_, IgnoredAny>(&path, &body).await },
                move |_| {
                    saved.set(true);
                    on_saved.emit(());
                },
            );
        })
    };
    let count_id = format!("place-count-{key}");
    let form_id = format!("place-form-{key}");
    let count_cell = if p.manage {
        html! {
            <div>
                <label for={count_id.clone()} class="visually-hidden">{app.tf("pk_count_of", &[("group", &group)])}</label>
                <input id={count_id.clone()} form={form_id.clone()} type="number" inputmode="numeric"
                    min="0" max={MAX_COUNT.to_string()} class="num" value={(*count).clone()}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={invalid.then(|| format!("{count_id}-error"))}
                    oninput={let c = count.clone(); Callback::from(move |e: InputEvent| c.set(value_of(&e)))} />
                if *invalid {
                    <p class="error-text" id={format!("{count_id}-error")}>
                        {app.tf("pk_count_invalid", &[("max", &MAX_COUNT.to_string())])}
                    </p>
                }
            </div>
        }
    } else {
        html! { {pl.count} }
    };
    let cols = if p.manage { "6" } else { "5" };
    html! {
        <>
            <tr data-testid="place" data-group={key.clone()}
                class={classes!((failure.is_some() || *invalid).then_some("row-invalid"))}>
                <th scope="row" data-label={app.t("pk_age_group")}>{pl.age_group}</th>
                <td data-label={app.t("pk_language")}>{pl.language.title(app.lang)}</td>
                <td data-label={app.t("pk_count")} data-testid="count">{count_cell}</td>
                <td data-label={app.t("pk_taken")} data-testid="taken">{pl.taken}</td>
                <td data-label={app.t("pk_free")} data-testid="free">{pl.free()}</td>
                if p.manage {
                    <td data-label={app.t("pk_action")} class="cell-actions">
                        <div class="cell-buttons">
                            <form id={form_id} onsubmit={save} novalidate=true>
                                <button type="submit" class="btn btn-small" disabled={*busy || !changed}>
                                    {app.t("pk_save")}<span class="visually-hidden">{format!(" ({group})")}</span>
                                </button>
                            </form>
                            if *saved && !changed {
                                <span class="saved" role="status">{app.t("pk_saved")}</span>
                            }
                        </div>
                    </td>
                }
            </tr>
            if failure.is_some() {
                <tr class="row-error"><td colspan={cols}>{api_error((*failure).clone())}</td></tr>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AddProps {
    org: String,
    languages: Vec<Lang>,
    on_added: Callback<()>,
}

/// «Добавить места»: a group (birth year), a language of the kindergarten, a count.
#[function_component]
fn AddPlace(p: &AddProps) -> Html {
    let app = use_app();
    let campaign = use_campaign();
    let year = campaign.ready().map(|c| c.now.year());
    let group = use_state(|| None::<i32>);
    let language = use_state(|| None::<Lang>);
    let count = use_state(String::new);
    let errors = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let added = use_state(|| false);
    let Some(year) = year else {
        return pending(app.lang, &campaign);
    };
    // Children of 0 to 6 years: the birth years of this year and the six before.
    let years: Vec<i32> = (year - 6..=year).rev().collect();
    let group_value = (*group).unwrap_or(year - 3);
    let lang_value = (*language)
        .filter(|l| p.languages.contains(l))
        .or(p.languages.first().copied());
    let onsubmit = {
        let (app, org, on_added) = (app.clone(), p.org.clone(), p.on_added.clone());
        let (count, errors, failure, busy, added) = (
            count.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            added.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            added.set(false);
            let mut errs = Vec::new();
            if lang_value.is_none() {
                errs.push((
                    "place-new-language".into(),
                    app.t("pk_language_required").into(),
                ));
            }
            let n = count_of(&count);
            if n.is_none() {
                let max = MAX_COUNT.to_string();
                errs.push((
                    "place-new-count".into(),
                    app.tf("pk_count_invalid", &[("max", &max)]),
                ));
            }
            let (Some(language), Some(n)) = (lang_value, n) else {
                errors.set(errs);
                return;
            };
            errors.set(Vec::new());
            let body = PutPlace {
                age_group: group_value,
                language,
                count: n,
            };
            let (api, path) = (Api::of(&app), org_path(&org, "/places"));
            let (count, added, on_added) = (count.clone(), added.clone(), on_added.clone());
            run(
                &busy,
                &failure,
                async move { api.put::<_, IgnoredAny>(&path, &body).await },
                move |_| {
                    count.set(String::new());
                    added.set(true);
                    on_added.emit(());
                },
            );
        })
    };
    let field_err = |id: &str| errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
    html! {
        <form class="add-place" {onsubmit} novalidate=true aria-labelledby="add-place-title">
            <h3 id="add-place-title">{app.t("pk_add_title")}</h3>
            <ErrorSummary errors={(*errors).clone()} />
            {api_error((*failure).clone())}
            <p class="muted">{app.t("pk_add_hint")}</p>
            <div class="toolbar">
                <Field id="place-new-group" label={app.t("pk_age_group")} required=true>
                    <select id="place-new-group" aria-describedby={described_by("place-new-group")}
                        onchange={let g = group.clone(); Callback::from(move |e: Event| g.set(value_of(&e).parse().ok()))}>
                        { for years.iter().map(|y| html! {
                            <option value={y.to_string()} selected={*y == group_value}>{y.to_string()}</option>
                        }) }
                    </select>
                </Field>
                <Field id="place-new-language" label={app.t("pk_language")} required=true error={field_err("place-new-language")}>
                    <select id="place-new-language" aria-describedby={described_by("place-new-language")}
                        onchange={let l = language.clone(); Callback::from(move |e: Event| l.set(value_of(&e).parse().ok()))}>
                        { for p.languages.iter().map(|l| html! {
                            <option value={l.as_str()} selected={lang_value == Some(*l)}>{l.title(app.lang)}</option>
                        }) }
                    </select>
                </Field>
                <Field id="place-new-count" label={app.t("pk_count")} required=true error={field_err("place-new-count")}>
                    <input id="place-new-count" type="number" inputmode="numeric" min="0" max={MAX_COUNT.to_string()}
                        class="num" aria-describedby={described_by("place-new-count")} value={(*count).clone()}
                        aria-invalid={field_err("place-new-count").is_some().then_some("true")}
                        oninput={let c = count.clone(); Callback::from(move |e: InputEvent| c.set(value_of(&e)))} />
                </Field>
            </div>
            <button type="submit" class="btn" id="place-add" disabled={*busy}>{app.t("pk_add")}</button>
            if *added {
                <p class="alert alert-success" role="status">{app.t("pk_added")}</p>
            }
        </form>
    }
}
