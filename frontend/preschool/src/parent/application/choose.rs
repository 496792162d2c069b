//! Choosing a private kindergarten (seed 004, figs. 7–11): the warning that the queue number is
//! not kept (OK / cancel), the kindergartens with free state-order places for the child's age
//! group (seed: mind the language and the place), one chosen, then «Подписать и отправить»:
//! the applicant's personal key file opened and `domain::preschool::choice_payload` signed in
//! the signer worker, sent with the certificates.

use domain::api::List;
use domain::preschool::api::{ChooseKindergarten, FreePlace, QueueApplication};
use domain::preschool::choice_payload;
use frontend::api::{Api, ApiError, spawn};
use frontend::components::{api_error, pick};
use frontend::hooks::{Remote, pending, use_get};
use frontend::parent::focus;
use frontend::signing::{KeyFile, KeyPicker, key_error, signer};
use frontend::state::{Texts, use_app};
use serde::Deserialize;
use yew::prelude::*;

use super::path;

#[derive(Properties, PartialEq)]
pub struct ChooseProps {
    pub application: QueueApplication,
    /// The direction was issued.
    pub on_done: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The places as a list or a bare array (either reads).
#[derive(Clone, PartialEq, Deserialize)]
#[serde(untagged)]
enum Places {
    Paged(List<FreePlace>),
    Bare(Vec<FreePlace>),
}

impl Places {
    fn items(&self) -> &[FreePlace] {
        match self {
            Places::Paged(l) => &l.items,
            Places::Bare(v) => v,
        }
    }
}

#[function_component]
pub fn Choose(p: &ChooseProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let a = &p.application;
    let accepted = use_state(|| false);
    let chosen = use_state(|| None::<FreePlace>);
    let key = use_state(|| None::<KeyFile>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let places = use_get::<Places>(accepted.then(|| path(&a.id, "/places")), 0);
    // Each step's heading takes the focus, so a screen reader hears where it is.
    use_effect_with((*accepted, chosen.is_some()), |_| focus("pp-choose-title"));
    let cancel = {
        let on_cancel = p.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };

    if !*accepted {
        let ok = {
            let accepted = accepted.clone();
            Callback::from(move |_: MouseEvent| accepted.set(true))
        };
        return html! {
            <section class="card narrow pp-warning" role="alertdialog" aria-labelledby="pp-choose-title"
                aria-describedby="pp-warning-text">
                <h1 id="pp-choose-title" tabindex="-1">{app.t("pp_warning_title")}</h1>
                <div id="pp-warning-text">
                    <p>{app.t("pp_warning_dear")}</p>
                    <p>{app.t("pp_warning_text")}</p>
                </div>
                <div class="row-actions">
                    <button type="button" class="btn" id="pp-warning-ok" onclick={ok}>{app.t("pp_ok")}</button>
                    <button type="button" class="btn-secondary" id="pp-warning-cancel" onclick={cancel}>{app.t("pp_cancel")}</button>
                </div>
            </section>
        };
    }

    let Some(place) = (*chosen).clone() else {
        let list = match &*places {
            Remote::Ready(list) if list.items().is_empty() => html! {
                <p class="empty" data-testid="pp-no-places">{domain::ErrorCode::NoFreePlaces.message(lang)}</p>
            },
            Remote::Ready(list) => html! {
                <table class="stack pp-places">
                    <caption class="visually-hidden">{app.t("pp_places_title")}</caption>
                    <thead><tr>
                        <th scope="col">{app.t("pp_kindergarten")}</th>
                        <th scope="col">{app.t("pp_address")}</th>
                        <th scope="col">{app.t("pp_language")}</th>
                        <th scope="col">{app.t("pp_free")}</th>
                        <th scope="col">{app.t("pp_col_do")}</th>
                    </tr></thead>
                    <tbody>
                        { for list.items().iter().map(|f| {
                            let name = pick(lang, &f.org_name);
                            let onclick = {
                                let (chosen, f) = (chosen.clone(), f.clone());
                                Callback::from(move |_: MouseEvent| chosen.set(Some(f.clone())))
                            };
                            html! {
                                <tr data-org={f.org_id.clone()}>
                                    <td data-label={app.t("pp_kindergarten")}>{name.clone()}</td>
                                    <td data-label={app.t("pp_address")}>{f.address.clone()}</td>
                                    <td data-label={app.t("pp_language")}>{f.language.title(lang)}</td>
                                    <td data-label={app.t("pp_free")}>{f.free}</td>
                                    <td data-label={app.t("pp_col_do")}>
                                        <button type="button" class="btn btn-small pp-pick" {onclick}
                                            aria-label={format!("{} — {name}", app.t("pp_pick"))}>{app.t("pp_pick")}</button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            },
            other => pending(lang, other),
        };
        return html! {
            <section class="card pp-places-page" aria-labelledby="pp-choose-title">
                <h1 id="pp-choose-title" tabindex="-1">{app.t("pp_places_title")}</h1>
                <p class="alert alert-info">{app.t("pp_places_note")}</p>
                {list}
                <div class="row-actions">
                    <button type="button" class="btn-secondary" onclick={cancel}>{app.t("pp_cancel")}</button>
                </div>
            </section>
        };
    };

    let sign = {
        let (app, a, key, busy, error, on_done) = (
            app.clone(),
            a.clone(),
            key.clone(),
            busy.clone(),
            error.clone(),
            p.on_done.clone(),
        );
        let place = place.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(k) = (*key).clone() else {
                error.set(Some(ApiError {
                    status: 0,
                    code: "key_not_opened".into(),
                    message: app.t("st_key_choose_first").into(),
                    field: None,
                }));
                focus("sign-key-file");
                return;
            };
            let (api, a, place, busy, error, on_done) = (
                Api::of(&app),
                a.clone(),
                place.clone(),
                busy.clone(),
                error.clone(),
                on_done.clone(),
            );
            busy.set(true);
            error.set(None);
            spawn(async move {
                let result = send(&api, &a, &place, &k).await;
                busy.set(false);
                match result {
                    Ok(()) => on_done.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let back = {
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| chosen.set(None))
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |k: Option<KeyFile>| key.set(k))
    };
    html! {
        <section class="card pp-sign" aria-labelledby="pp-choose-title">
            <h1 id="pp-choose-title" tabindex="-1">{app.t("pp_sign_title")}</h1>
            <dl class="facts" id="pp-chosen">
                <dt>{app.t("pp_kindergarten")}</dt><dd>{pick(lang, &place.org_name)}</dd>
                <dt>{app.t("pp_address")}</dt><dd>{place.address.clone()}</dd>
                <dt>{app.t("pp_language")}</dt><dd>{place.language.title(lang)}</dd>
                <dt>{app.t("pp_child_info")}</dt><dd>{a.child.full_name()}</dd>
            </dl>
            <p class="alert alert-warning">{app.t("pp_warning_text")}</p>
            <h2>{app.t("pp_key_title")}</h2>
            <KeyPicker key_file={(*key).clone()} on_change={on_key} hint={app.t("pp_key_hint")} />
            {api_error((*error).clone())}
            <div class="row-actions">
                <button type="button" class="btn" id="pp-sign-send" disabled={*busy} onclick={sign}>
                    {if *busy { app.t("pp_sending") } else { app.t("pp_sign_send") }}
                </button>
                <button type="button" class="btn-secondary" onclick={back}>{app.t("pp_back_to_places")}</button>
            </div>
        </section>
    }
}

/// Signs the choice's canonical text with the key file and sends it with the chain.
async fn send(
    api: &Api,
    a: &QueueApplication,
    place: &FreePlace,
    key: &KeyFile,
) -> Result<(), ApiError> {
    let payload = choice_payload(
        &a.id,
        &a.number,
        &a.child.iin,
        &place.org_id,
        place.language,
        place.age_group,
    );
    let signed = signer::sign(&key.files, &key.password, &payload)
        .await
        .map_err(|code| key_error(api.lang, &code))?;
    let body = ChooseKindergarten {
        org_id: place.org_id.clone(),
        language: place.language,
        warning_accepted: true,
        signature: signed.signature,
        certificates: signed.certificates,
    };
    api.post::<_, domain::api::Empty>(&path(&a.id, "/direction"), &body)
        .await
        .map(|_| ())
}
