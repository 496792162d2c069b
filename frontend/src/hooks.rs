//! How pages load data: `GET` into a [`Remote`] that a page renders as loading, refused or
//! there. One family for every page, so that a late answer never overwrites a newer one and a
//! change of language or session asks again everywhere alike.

use std::rc::Rc;

use domain::OrgKind;
use domain::api::{Campaign, List, Org, Text};
use serde::de::DeserializeOwned;
use yew::prelude::*;

use crate::api::{Api, ApiError, parse, spawn};
use crate::components::enc;
use crate::state::{App, use_app};

/// Data a page loads: still loading, there, or refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Remote<T> {
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

impl<T> From<Result<T, ApiError>> for Remote<T> {
    fn from(r: Result<T, ApiError>) -> Remote<T> {
        match r {
            Ok(v) => Remote::Ready(v),
            Err(e) => Remote::Failed(e),
        }
    }
}

/// `GET path` whenever the path, `reload` or the session (token, language) changes; `None`
/// waits (and shows as loading). A late answer to an older request never overwrites a newer
/// one; the last answer stays shown while a reload runs.
#[hook]
pub fn use_get<T>(path: Option<String>, reload: u32) -> UseStateHandle<Remote<T>>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let state = use_state(|| Remote::Loading);
    use_fetch_text(path, reload, 0, decode_into(&state));
    state
}

/// [`use_get`] for what follows typing (a search): asks only once the path has stayed the
/// same for `delay_ms`.
#[hook]
pub fn use_debounced_get<T>(path: Option<String>, delay_ms: u32) -> UseStateHandle<Remote<T>>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let state = use_state(|| Remote::Loading);
    use_fetch_text(path, 0, delay_ms, decode_into(&state));
    state
}

/// Where [`use_fetch_text`] reports to. Only the decoding is of `T`: the request, its
/// ordering and its timer are one untyped copy in the wasm, not one per type a page loads.
fn decode_into<T: DeserializeOwned + 'static>(
    state: &UseStateHandle<Remote<T>>,
) -> Rc<dyn Fn(Fetched)> {
    let state = state.clone();
    Rc::new(move |f| {
        state.set(match f {
            Fetched::Loading => Remote::Loading,
            Fetched::Answer(text, lang) => text.and_then(|t| parse::<T>(lang, &t)).into(),
        })
    })
}

/// What [`use_fetch_text`] reports: loading again, or an answer's text (in that language).
enum Fetched {
    Loading,
    Answer(Result<String, ApiError>, domain::MsgLang),
}

#[hook]
fn use_fetch_text(path: Option<String>, reload: u32, delay_ms: u32, on: Rc<dyn Fn(Fetched)>) {
    let app = use_app();
    let seq = use_mut_ref(|| 0u32);
    let last = use_mut_ref(|| None::<String>);
    // Whether what is shown is the loading state (the state starts so).
    let loading = use_mut_ref(|| true);
    let api = Api::of(&app);
    use_effect_with((path, reload, api), move |(path, _, api)| {
        let n = {
            let mut s = seq.borrow_mut();
            *s += 1;
            *s
        };
        let show_loading = {
            let (on, loading) = (on.clone(), loading.clone());
            move || {
                *loading.borrow_mut() = true;
                on(Fetched::Loading)
            }
        };
        // Another resource shows as loading, not as the last one's data; a reload or a
        // search as typed keeps what is shown until the answer.
        let moved = *last.borrow() != *path;
        *last.borrow_mut() = path.clone();
        let mut timer = None;
        match path.clone() {
            None => show_loading(),
            Some(path) => {
                if moved && delay_ms == 0 && !*loading.borrow() {
                    show_loading();
                }
                let api = api.clone();
                let request = move || {
                    spawn(async move {
                        let result = api.text(&path).await;
                        if *seq.borrow() == n {
                            *loading.borrow_mut() = false;
                            on(Fetched::Answer(result, api.lang));
                        }
                    })
                };
                if delay_ms == 0 {
                    request();
                } else {
                    timer = Some(gloo_timers::callback::Timeout::new(delay_ms, request));
                }
            }
        }
        move || drop(timer)
    });
}

/// The service's business time and enrolment year (`GET /api/campaign`).
#[hook]
pub fn use_campaign() -> UseStateHandle<Remote<Campaign>> {
    use_get(Some("/api/campaign".into()), 0)
}

/// The localities of the address register (`GET /api/localities`).
#[hook]
pub fn use_localities() -> UseStateHandle<Remote<List<domain::address::Locality>>> {
    use_get(Some("/api/localities".into()), 0)
}

/// An organisation as lists and menus name it, from its public profile.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgName {
    pub id: String,
    pub name: Text,
    /// School or kindergarten: which app's pages its staff work in.
    pub kind: OrgKind,
}

/// The names of the organisations `ids` names (their public profiles), fetched when the set
/// changes; an organisation that does not answer is left out.
#[hook]
pub fn use_org_names(app: &App, ids: Vec<String>) -> UseStateHandle<Vec<OrgName>> {
    let names = use_state(Vec::new);
    {
        let names = names.clone();
        let api = Api::of(app);
        let mut ids = ids;
        ids.sort();
        ids.dedup();
        use_effect_with(ids, move |ids| {
            let ids = ids.clone();
            spawn(async move {
                let mut out = Vec::new();
                for id in ids {
                    if let Ok(org) = api.get::<Org>(&format!("/api/orgs/{}", enc(&id))).await {
                        out.push(OrgName {
                            id,
                            name: org.name,
                            kind: org.kind,
                        });
                    }
                }
                names.set(out);
            });
        });
    }
    names
}

/// A loading state or a refusal, for `Remote` values that are not ready.
pub fn pending<T>(lang: domain::MsgLang, r: &Remote<T>) -> Html {
    match r {
        Remote::Loading => crate::components::loading(lang),
        Remote::Failed(e) => crate::components::api_error(Some(e.clone())),
        Remote::Ready(_) => html! {},
    }
}

/// Runs one request of a form: `busy` while it runs, the last refusal cleared and a new one into
/// `error`, the answer to `on_ok`. (Other messages stay with each form: they differ.)
pub fn run<T: 'static>(
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<ApiError>>,
    request: impl std::future::Future<Output = Result<T, ApiError>> + 'static,
    on_ok: impl FnOnce(T) + 'static,
) {
    let (busy, error) = (busy.clone(), error.clone());
    error.set(None);
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

/// A counter to reload data with: `bump()` increments it (also from stale callbacks).
#[derive(Clone, PartialEq)]
pub struct Reload(UseReducerHandle<Counter>);

#[derive(PartialEq)]
pub struct Counter(u32);

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
pub fn use_reload() -> Reload {
    Reload(use_reducer(|| Counter(0)))
}
