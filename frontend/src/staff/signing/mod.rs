//! The director's «На подписании»: the decisions awaiting signature, signed in the browser with
//! the director's ЭЦП, a key file chosen from disk and opened with its password («Подписать»),
//! or returned with a comment («Вернуть на доработку»).

mod actions;

pub(crate) use crate::signing::{KeyFile, KeyPicker};
pub(crate) use actions::{SignActions, decision_facts, outcome};

use domain::Status;
use domain::api::Application;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{Cabinet, journal_all};
use crate::api::{Api, spawn};
use crate::components::status_badge;
use crate::hooks::{Remote, pending, use_reload};
use crate::state::{Texts, use_app};

#[function_component]
pub fn Signing<R: Cabinet>() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let list = use_state(|| Remote::<Vec<Application>>::Loading);
    let key = use_state(|| None::<KeyFile>);
    let return_open = use_state(|| None::<String>);
    {
        let list = list.clone();
        let api = Api::of(&app);
        use_effect_with((org.clone(), reload.value(), api), move |(org, _, api)| {
            let (org, api) = (org.clone(), api.clone());
            spawn(async move {
                let params = [("status", Status::OnSigning.as_str().to_string())];
                list.set(match journal_all(&api, &org, &params).await {
                    Ok(items) => Remote::Ready(items),
                    Err(e) => Remote::Failed(e),
                });
            });
        });
    }
    let on_key = {
        let key = key.clone();
        Callback::from(move |k: Option<KeyFile>| key.set(k))
    };
    let item = |a: &Application| {
        let on_done = {
            let (list, return_open) = (list.clone(), return_open.clone());
            Callback::from(move |done: Application| {
                if let Remote::Ready(items) = &*list {
                    let items = items
                        .iter()
                        .map(|x| {
                            if x.id == done.id {
                                done.clone()
                            } else {
                                x.clone()
                            }
                        })
                        .collect();
                    list.set(Remote::Ready(items));
                }
                return_open.set(None);
            })
        };
        let on_return_toggle = {
            let (return_open, id) = (return_open.clone(), a.id.clone());
            Callback::from(move |open: bool| return_open.set(open.then(|| id.clone())))
        };
        let heading_id = format!("sign-item-{}", a.id);
        html! {
            <article class="card sign-item" key={a.id.clone()} data-id={a.id.clone()} aria-labelledby={heading_id.clone()}>
                <h2 id={heading_id}>
                    {app.tf("st_application_no", &[("n", &a.number.to_string())])}{" · "}{a.child.full_name()}
                </h2>
                <p>{status_badge(app.lang, a.status, a.overdue)}</p>
                if let Some(d) = &a.decision {
                    {decision_facts(&app, d)}
                }
                <p>
                    <Link<R> to={R::card(a.id.clone())}>{app.t("st_open_card")}</Link<R>>
                </p>
                if a.status == Status::OnSigning {
                    <SignActions application={a.clone()} key_file={(*key).clone()}
                        return_open={return_open.as_deref() == Some(a.id.as_str())}
                        {on_return_toggle} {on_done} />
                } else {
                    {outcome(&app, a.status)}
                }
            </article>
        }
    };
    html! {
        <section class="staff-page signing-page">
            <h1>{app.t("nav_signing")}</h1>
            <section class="card" aria-labelledby="key-heading">
                <h2 id="key-heading">{app.t("st_key_title")}</h2>
                <KeyPicker key_file={(*key).clone()} on_change={on_key} />
            </section>
            { match &*list {
                Remote::Ready(items) if items.is_empty() => html! {
                    <p class="empty">{app.t("st_signing_empty")}</p>
                },
                Remote::Ready(items) => html! { <>{ for items.iter().map(item) }</> },
                other => pending(app.lang, other),
            } }
        </section>
    }
}
