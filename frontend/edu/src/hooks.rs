//! How the department's pages load: the department (`/api/monitoring/localities`), a paged
//! journal, the report, the dashboard, a campaign; and how an export downloads (the API wants
//! the session's token, so the file is fetched and handed to the browser as a blob).

use domain::api::{List, Text};
use domain::monitoring::JournalRow;
use domain::territory::{Scope, TerritoryRef};
use frontend::api::{Api, spawn};
use frontend::components::enc;
use frontend::state::use_app;
use serde::Deserialize;
use yew::prelude::*;

pub use frontend::api::download;
pub use frontend::hooks::{Remote, pending, use_get};

/// A locality of the department's territory, for the journal's filter.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LocalityRef {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub kato: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
}

/// `GET /api/monitoring/localities`: what the caller's appointment covers.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Department {
    pub scope: Scope,
    #[serde(default)]
    pub regions: Vec<TerritoryRef>,
    #[serde(default)]
    pub localities: Vec<LocalityRef>,
}

/// A query string of the non-empty parameters (`?a=1&b=2`, or nothing).
pub fn query(params: &[(&str, String)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The department of the signed-in person; `None` waits for a session.
#[hook]
pub fn use_department(signed_in: bool) -> UseStateHandle<Remote<Department>> {
    use_get(
        signed_in.then(|| "/api/monitoring/localities".to_string()),
        0,
    )
}

/// The journal's rows for `path` (its filters; `None` waits), page after page: the first through `use_get`
/// (a change of filters, language or session asks again), the next appended by `more`.
pub struct Journal {
    pub first: Remote<List<JournalRow>>,
    pub items: Vec<JournalRow>,
    /// Asks for the next page; `None` when there is none.
    pub more: Option<Callback<()>>,
    pub busy: bool,
}

#[hook]
pub fn use_journal(path: Option<String>) -> Journal {
    let app = use_app();
    let first = use_get::<List<JournalRow>>(path.clone(), 0);
    let rest = use_state(Vec::<JournalRow>::new);
    // The token of the next page once a page after the first was read.
    let next = use_state(|| None::<Option<String>>);
    let busy = use_state(|| false);
    {
        let (rest, next) = (rest.clone(), next.clone());
        use_effect_with(path.clone(), move |_| {
            rest.set(Vec::new());
            next.set(None);
        });
    }
    let token = match &*next {
        Some(t) => t.clone(),
        None => first.ready().and_then(|l| l.next_page_token.clone()),
    };
    let items = first
        .ready()
        .map(|l| l.items.iter().chain(rest.iter()).cloned().collect())
        .unwrap_or_default();
    let more = token.zip(path).map(|(token, path)| {
        let (rest, next, busy, api) = (rest.clone(), next.clone(), busy.clone(), Api::of(&app));
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = format!("{path}{sep}page_token={}", enc(&token));
        Callback::from(move |()| {
            let (rest, next, busy, api, url) = (
                rest.clone(),
                next.clone(),
                busy.clone(),
                api.clone(),
                url.clone(),
            );
            busy.set(true);
            spawn(async move {
                if let Ok(l) = api.get::<List<JournalRow>>(&url).await {
                    let mut items = (*rest).clone();
                    items.extend(l.items);
                    rest.set(items);
                    next.set(Some(l.next_page_token));
                }
                busy.set(false);
            });
        })
    });
    Journal {
        first: (*first).clone(),
        items,
        more,
        busy: *busy,
    }
}
