//! `/preschool/applications/:id`: one application with the seed's three tabs («Информация о
//! заявлении», «История изменений», «Общие документы»), what may be done with it (`actions`)
//! and the choice of a private kindergarten, signed with the applicant's key (`choose`).

mod actions;
mod choose;
mod info;
mod tabs;

use chrono::{DateTime, Utc};
use domain::preschool::api::QueueApplication;
use frontend::components::{enc, fmt_date};
use frontend::hooks::{Remote, pending, use_campaign, use_get, use_reload};
use frontend::state::{Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use super::list::state_class;
use super::state_badges;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct ApplicationProps {
    pub id: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Info,
    History,
    Documents,
}

/// The path of the application's endpoints (`suffix` after its id).
fn path(id: &str, suffix: &str) -> String {
    format!("/api/preschool/applications/{}{suffix}", enc(id))
}

#[function_component]
pub fn Application(p: &ApplicationProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let reload = use_reload();
    let tab = use_state(|| Tab::Info);
    let choosing = use_state(|| false);
    let application = use_get::<QueueApplication>(Some(path(&p.id, "")), reload.value());
    let campaign = use_campaign();
    let now: DateTime<Utc> = campaign
        .ready()
        .map_or_else(Utc::now, |c| c.now.with_timezone(&Utc));
    let back = html! {
        <p><Link<Route> to={Route::Applications}>{"← "}{app.t("ps_to_home")}</Link<Route>></p>
    };
    let a = match &*application {
        Remote::Ready(a) => a.clone(),
        other => {
            return html! { <section class="card narrow">{pending(lang, other)}{back}</section> };
        }
    };
    let on_done = {
        let (reload, choosing) = (reload.clone(), choosing.clone());
        Callback::from(move |_: ()| {
            choosing.set(false);
            reload.bump();
        })
    };
    if *choosing {
        let on_cancel = {
            let choosing = choosing.clone();
            Callback::from(move |_: ()| choosing.set(false))
        };
        return html! { <choose::Choose application={a} {on_done} {on_cancel} /> };
    }
    let on_choose = {
        let choosing = choosing.clone();
        Callback::from(move |_: ()| choosing.set(true))
    };
    let (state, privilege) = state_badges(lang, &a);
    let tab_button = |t: Tab, id: &'static str, key: &'static str| {
        let selected = *tab == t;
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(t))
        };
        html! {
            <button type="button" role="tab" class="tab" id={id} aria-selected={selected.to_string()}
                aria-controls="pp-tab-panel" tabindex={if selected { "0" } else { "-1" }} {onclick}>
                {app.t(key)}
            </button>
        }
    };
    let (panel, labelled_by) = match *tab {
        Tab::Info => (
            html! { <info::Info application={a.clone()} {now} /> },
            "pp-tab-info",
        ),
        Tab::History => (
            html! { <tabs::History id={a.id.clone()} reload={reload.value()} /> },
            "pp-tab-history",
        ),
        Tab::Documents => (
            html! { <tabs::Documents id={a.id.clone()} reload={reload.value()} /> },
            "pp-tab-documents",
        ),
    };
    html! {
        <div class="application-page preschool-application" data-state={a.state.as_str()}>
            {back}
            <section class="card" aria-labelledby="pp-app-title">
                <div class="card-head">
                    <h1 id="pp-app-title">{app.tf("pp_application_no", &[("n", &a.number)])}</h1>
                    <span class="badges">
                        <span class={state_class(a.state)} id="pp-state">{state}</span>
                        <span class="badge badge-withdrawn" id="pp-privilege-badge">{privilege}</span>
                        <span class="badge badge-withdrawn">{fmt_date(&a.child.birth_date)}</span>
                    </span>
                </div>
                <actions::Actions application={a.clone()} {now} {on_choose} on_done={on_done.clone()} />
            </section>
            <section class="card">
                <div class="tabs" role="tablist" aria-label={app.t("pp_tabs")}>
                    {tab_button(Tab::Info, "pp-tab-info", "pp_tab_info")}
                    {tab_button(Tab::History, "pp-tab-history", "pp_tab_history")}
                    {tab_button(Tab::Documents, "pp-tab-documents", "pp_tab_documents")}
                </div>
                <div role="tabpanel" id="pp-tab-panel" aria-labelledby={labelled_by} tabindex="0">
                    {panel}
                </div>
            </section>
        </div>
    }
}
