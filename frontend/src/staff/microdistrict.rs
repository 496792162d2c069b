//! «Моя организация» → «Микроучасток»: the streets and buildings attached to the school; search
//! the register of the school's locality, attach («Прикрепить»), detach («Открепить»).

use domain::address::{Address, AddressKind};
use domain::api::{AttachAddress, List, Org};
use yew::prelude::*;

use super::{org_path, query};
use crate::api::{Api, ApiError, spawn};
use crate::components::{Field, pick, value_of};
use crate::hooks::{Remote, pending, run, use_get, use_localities, use_reload};
use crate::state::{App as AppHandle, Texts, use_app};

fn kind_title(app: &AppHandle, k: AddressKind) -> &'static str {
    match k {
        AddressKind::Street => app.t("st_kind_street"),
        AddressKind::Building => app.t("st_kind_building"),
    }
}

#[function_component]
pub fn Microdistrict() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let attached = use_get::<List<Address>>(Some(org_path(&org, "/microdistrict")), reload.value());
    let org_info = use_get::<Org>(Some(org_path(&org, "")), 0);
    let localities = use_localities();
    let q = use_state(String::new);
    // The search sent (on «Найти»), not the one being typed.
    let searched = use_state(String::new);
    let confirming = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<String>);

    let locality_id = org_info.ready().map(|o| o.locality_id.clone());
    let locality_name = locality_id.as_ref().map(|id| {
        localities
            .ready()
            .and_then(|l| l.items.iter().find(|x| &x.id == id))
            .map(|l| pick(app.lang, &l.name))
            .unwrap_or_else(|| id.clone())
    });
    let attached_ids: Vec<String> = attached
        .ready()
        .map(|l| l.items.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();

    let results = use_get::<List<Address>>(
        locality_id
            .clone()
            .filter(|_| !searched.is_empty())
            .map(|l| {
                format!(
                    "/api/addresses{}",
                    query(&[("locality_id", l), ("q", (*searched).clone())])
                )
            }),
        0,
    );
    let on_search = {
        let (q, searched) = (q.clone(), searched.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            searched.set(q.trim().to_string());
        })
    };
    let attach = |a: &Address| {
        let (app, org, a) = (app.clone(), org.clone(), a.clone());
        let (busy, error, notice, reload) =
            (busy.clone(), error.clone(), notice.clone(), reload.clone());
        Callback::from(move |_| {
            let (api, path, a) = (Api::of(&app), org_path(&org, "/microdistrict"), a.clone());
            let (notice, reload, app) = (notice.clone(), reload.clone(), app.clone());
            error.set(None);
            notice.set(None);
            let body = AttachAddress {
                address_id: a.id.clone(),
            };
            run(
                &busy,
                &error,
                async move { api.post::<_, serde_json::Value>(&path, &body).await },
                move |_| {
                    notice.set(Some(app.tf("st_attached", &[("address", &a.text)])));
                    reload.bump();
                },
            );
        })
    };
    let detach = |a: &Address| {
        let (app, org, a) = (app.clone(), org.clone(), a.clone());
        let (busy, error, notice, reload, confirming) = (
            busy.clone(),
            error.clone(),
            notice.clone(),
            reload.clone(),
            confirming.clone(),
        );
        Callback::from(move |_| {
            let (api, org, a) = (Api::of(&app), org.clone(), a.clone());
            let (busy, error, notice, reload, confirming, app) = (
                busy.clone(),
                error.clone(),
                notice.clone(),
                reload.clone(),
                confirming.clone(),
                app.clone(),
            );
            busy.set(true);
            error.set(None);
            notice.set(None);
            spawn(async move {
                let path = org_path(&org, &format!("/microdistrict/{}", a.id));
                let result = api.delete(&path).await;
                busy.set(false);
                confirming.set(None);
                match result {
                    Ok(_) => {
                        notice.set(Some(app.tf("st_detached", &[("address", &a.text)])));
                        reload.bump();
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let ask = |id: Option<String>| {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(id.clone()))
    };

    let attached_row = |a: &Address| {
        html! {
            <tr key={a.id.clone()} data-id={a.id.clone()}>
                <td data-label={app.t("st_address")}>{a.text.clone()}</td>
                <td data-label={app.t("st_address_kind")}>{kind_title(&app, a.kind)}</td>
                <td data-label={app.t("st_col_action")} class="cell-actions">
                    <div class="cell-buttons">
                    if confirming.as_deref() == Some(a.id.as_str()) {
                        <span class="confirm" role="group" aria-label={app.t("st_confirm_detach")}>
                            <span>{app.t("st_confirm_detach")}</span>
                            <button type="button" class="btn btn-small btn-danger" disabled={*busy}
                                onclick={detach(a)}>{app.t("st_yes")}</button>
                            <button type="button" class="btn btn-small btn-secondary" onclick={ask(None)}>
                                {app.t("st_cancel")}
                            </button>
                        </span>
                    } else {
                        <button type="button" class="btn btn-small btn-secondary" onclick={ask(Some(a.id.clone()))}>
                            {app.t("st_detach")}<span class="visually-hidden">{format!(": {}", a.text)}</span>
                        </button>
                    }
                    </div>
                </td>
            </tr>
        }
    };
    let result_item = |a: &Address| {
        let is_attached = attached_ids.contains(&a.id);
        html! {
            <li key={a.id.clone()} data-id={a.id.clone()}>
                <span class="address-text">{a.text.clone()}<span class="muted">{format!(" · {}", kind_title(&app, a.kind))}</span></span>
                if is_attached {
                    <span class="pill">{app.t("st_is_attached")}</span>
                } else {
                    <button type="button" class="btn btn-small" disabled={*busy} onclick={attach(a)}>
                        {app.t("st_attach")}<span class="visually-hidden">{format!(": {}", a.text)}</span>
                    </button>
                }
            </li>
        }
    };

    html! {
        <section class="staff-page microdistrict-page">
            <p class="muted breadcrumb">{app.t("st_my_org")}{" → "}{app.t("nav_microdistrict")}</p>
            <h1>{app.t("nav_microdistrict")}</h1>
            <p class="muted">{app.t("st_micro_intro")}</p>
            if let Some(n) = &*notice {
                <p class="alert alert-success" role="status">{n.clone()}</p>
            }
            {crate::components::api_error((*error).clone())}
            <section class="card" aria-labelledby="micro-add-title">
                <h2 id="micro-add-title">{app.t("st_add_address")}</h2>
                if let Some(name) = &locality_name {
                    <p class="muted">{app.tf("st_locality", &[("name", name)])}</p>
                }
                <form class="toolbar micro-search" role="search" onsubmit={on_search}>
                    <Field id="micro-q" label={app.t("st_micro_search")}>
                        <input id="micro-q" type="search" maxlength="100" value={(*q).clone()}
                            aria-describedby="micro-q-help micro-q-error"
                            oninput={let q = q.clone(); Callback::from(move |e: InputEvent| q.set(value_of(&e)))} />
                    </Field>
                    <button type="submit" class="btn" disabled={locality_id.is_none()}>{app.t("st_find")}</button>
                    <p class="hint search-hint" id="micro-q-help">{app.t("st_micro_search_hint")}</p>
                </form>
                { match &*results {
                    _ if searched.is_empty() => html! {},
                    Remote::Ready(l) if l.items.is_empty() => html! {
                        <p class="empty" role="status">{app.t("st_nothing_found")}</p>
                    },
                    Remote::Ready(l) => html! {
                        <ul class="address-results" aria-label={app.t("st_search_results")}>
                            { for l.items.iter().map(result_item) }
                        </ul>
                    },
                    other => pending(app.lang, other),
                } }
            </section>
            <h2>{app.t("st_attached_addresses")}</h2>
            { match &*attached {
                Remote::Ready(l) if l.items.is_empty() => html! { <p class="empty">{app.t("st_micro_empty")}</p> },
                Remote::Ready(l) => html! {
                    <table class="stack micro-table">
                        <caption class="visually-hidden">{app.t("st_attached_addresses")}</caption>
                        <thead><tr>
                            <th scope="col">{app.t("st_address")}</th>
                            <th scope="col">{app.t("st_address_kind")}</th>
                            <th scope="col"><span class="visually-hidden">{app.t("st_col_action")}</span></th>
                        </tr></thead>
                        <tbody>{ for l.items.iter().map(attached_row) }</tbody>
                    </table>
                },
                other => pending(app.lang, other),
            } }
        </section>
    }
}
