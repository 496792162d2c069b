//! The staff cabinet: the journal ("Государственные услуги"), the application card, signing,
//! personnel, class limits and the microdistrict. Every page works on the organisation chosen
//! in the header's role switch (`app.active_org()`).

mod card;
mod crypto;
mod journal;
mod limits;
mod microdistrict;
mod personnel;
mod signing;

pub use card::{Card, CardProps};
pub use journal::Journal;
pub use limits::Limits;
pub use microdistrict::Microdistrict;
pub use personnel::Personnel;
pub use signing::Signing;

use std::rc::Rc;

use domain::api::{Application, List};
use domain::{AdmissionType, MsgLang, Role};
use serde::de::DeserializeOwned;
use yew::prelude::*;

use crate::api::{Api, ApiError, spawn};
use crate::state::{App as AppHandle, Texts, use_app};

/// Data a page loads: still loading, there, or refused.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Remote<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

impl<T> Remote<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Remote::Ready(v) => Some(v),
            _ => None,
        }
    }
}

/// `GET path` whenever the path, `reload` or the session (token, language) changes; `None`
/// waits. A late answer to an older request never overwrites a newer one.
#[hook]
pub(crate) fn use_get<T>(path: Option<String>, reload: u32) -> UseStateHandle<Remote<T>>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let app = use_app();
    let state = use_state(|| Remote::Loading);
    let seq = use_mut_ref(|| 0u32);
    {
        let state = state.clone();
        let api = Api::of(&app);
        use_effect_with((path, reload, api), move |(path, _, api)| {
            let n = {
                let mut s = seq.borrow_mut();
                *s += 1;
                *s
            };
            if let Some(path) = path.clone() {
                let api = api.clone();
                spawn(async move {
                    let result = api.get::<T>(&path).await;
                    if *seq.borrow() == n {
                        state.set(match result {
                            Ok(v) => Remote::Ready(v),
                            Err(e) => Remote::Failed(e),
                        });
                    }
                });
            }
        });
    }
    state
}

/// The path of an organisation's resource.
/// Runs one request of a form: `busy` while it runs, a refusal into `error`, the answer to
/// `on_ok`. (Clearing earlier messages stays with each form: they differ in what they clear.)
pub(crate) fn run<T: 'static>(
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<ApiError>>,
    request: impl std::future::Future<Output = Result<T, ApiError>> + 'static,
    on_ok: impl FnOnce(T) + 'static,
) {
    let (busy, error) = (busy.clone(), error.clone());
    busy.set(true);
    spawn(async move {
        let result = request.await;
        busy.set(false);
        match result {
            Ok(v) => on_ok(v),
            Err(e) => error.set(Some(e)),
        }
    });
}

pub(crate) fn org_path(org: &str, rest: &str) -> String {
    format!("/api/orgs/{org}{rest}")
}

/// A query string of the non-empty parameters.
pub(crate) fn query(params: &[(&str, String)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// «По микроучастку» / «Вне микроучастка» (domain has no title for the admission type).
pub(crate) fn admission_title(app: &AppHandle, t: AdmissionType) -> &'static str {
    t.title(app.lang)
}

/// The child's full name.
pub(crate) fn child_name(a: &Application) -> String {
    let c = &a.child;
    [
        Some(&c.last_name),
        Some(&c.first_name),
        c.middle_name.as_ref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .cloned()
    .collect::<Vec<_>>()
    .join(" ")
}

/// A text of the register in the reader's language.
pub(crate) fn pick(lang: MsgLang, t: &domain::api::Text) -> String {
    lang.pick(&t.ru, &t.kk).to_string()
}

/// Every page of the journal with these parameters (`status=on_signing` lists are short).
pub(crate) async fn journal_all(
    api: &Api,
    org: &str,
    params: &[(&str, String)],
) -> Result<Vec<Application>, ApiError> {
    let mut items = Vec::new();
    let mut token = String::new();
    for _ in 0..20 {
        let mut p = params.to_vec();
        p.push(("page_token", token.clone()));
        let page: List<Application> = api
            .get(&format!("{}{}", org_path(org, "/applications"), query(&p)))
            .await?;
        items.extend(page.items);
        match page.next_page_token {
            Some(t) => token = t,
            None => break,
        }
    }
    Ok(items)
}

#[derive(Properties, PartialEq)]
pub(crate) struct RoleGateProps {
    /// Any of these roles in the chosen organisation opens the page.
    pub roles: Vec<Role>,
    pub children: Html,
}

/// Shows its page to holders of one of the roles in the chosen organisation.
#[function_component]
pub(crate) fn RoleGate(p: &RoleGateProps) -> Html {
    let app = use_app();
    if p.roles.iter().any(|r| app.has_role(*r)) {
        p.children.clone()
    } else {
        let roles: Vec<_> = p.roles.iter().map(|r| r.title(app.lang)).collect();
        html! {
            <section class="card narrow">
                <p class="alert alert-error" role="alert">
                    {app.tf("st_no_access", &[("roles", &roles.join(", "))])}
                </p>
            </section>
        }
    }
}

/// A loading state or a refusal, for `Remote` values that are not ready.
pub(crate) fn pending<T>(lang: domain::MsgLang, r: &Remote<T>) -> Html {
    match r {
        Remote::Loading => crate::components::loading(lang),
        Remote::Failed(e) => html! { {crate::components::api_error(Some(e.clone()))} },
        Remote::Ready(_) => html! {},
    }
}

/// A counter to reload data with: `bump()` increments it (also from stale callbacks).
#[derive(Clone, PartialEq)]
pub(crate) struct Reload(UseReducerHandle<Counter>);

#[derive(PartialEq)]
pub(crate) struct Counter(u32);

impl Reducible for Counter {
    type Action = ();
    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Counter(self.0 + 1))
    }
}

impl Reload {
    pub fn value(&self) -> u32 {
        self.0.0
    }
    pub fn bump(&self) {
        self.0.dispatch(());
    }
}

#[hook]
pub(crate) fn use_reload() -> Reload {
    Reload(use_reducer(|| Counter(0)))
}
