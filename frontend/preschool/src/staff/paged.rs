//! A paged list (`{items, next_page_token}`) read page by page with «Показать ещё»: the first
//! page through `use_get` (so a change of language or session asks again), the next ones
//! appended. A reload or another path starts again from the first page.

use domain::api::List;
use frontend::api::{Api, spawn};
use frontend::components::enc;
use frontend::hooks::{Remote, use_get};
use frontend::state::{Texts, use_app};
use serde::de::DeserializeOwned;
use yew::prelude::*;

pub(crate) struct Paged<T> {
    /// The first page: loading, refused or there.
    pub first: Remote<List<T>>,
    /// Every line read so far, in order.
    pub items: Vec<T>,
    /// «Показать ещё», while another page exists.
    pub more: Html,
}

#[hook]
pub(crate) fn use_paged<T>(path: Option<String>, reload: u32) -> Paged<T>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let app = use_app();
    let first = use_get::<List<T>>(path.clone(), reload);
    // The pages after the first, and the token of the next one (`None`: the first page's).
    let rest = use_state(Vec::<T>::new);
    let next = use_state(|| None::<Option<String>>);
    let busy = use_state(|| false);
    {
        let (rest, next) = (rest.clone(), next.clone());
        use_effect_with((path.clone(), reload), move |_| {
            rest.set(Vec::new());
            next.set(None);
        });
    }
    let token = match &*next {
        Some(t) => t.clone(),
        None => first.ready().and_then(|l| l.next_page_token.clone()),
    };
    let items: Vec<T> = first
        .ready()
        .map(|l| l.items.iter().chain(rest.iter()).cloned().collect())
        .unwrap_or_default();
    let more = match (token, &path) {
        (Some(token), Some(path)) => {
            let (rest, next, busy2, api) =
                (rest.clone(), next.clone(), busy.clone(), Api::of(&app));
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = format!("{path}{sep}page_token={}", enc(&token));
            let onclick = Callback::from(move |_| {
                let (rest, next, busy, api, url) = (
                    rest.clone(),
                    next.clone(),
                    busy2.clone(),
                    api.clone(),
                    url.clone(),
                );
                busy.set(true);
                spawn(async move {
                    if let Ok(l) = api.get::<List<T>>(&url).await {
                        let mut items = (*rest).clone();
                        items.extend(l.items);
                        rest.set(items);
                        next.set(Some(l.next_page_token));
                    }
                    busy.set(false);
                });
            });
            html! {
                <p class="more">
                    <button type="button" class="btn btn-secondary" {onclick} disabled={*busy}>
                        {app.t("pk_more")}
                    </button>
                </p>
            }
        }
        _ => html! {},
    };
    Paged {
        first: (*first).clone(),
        items,
        more,
    }
}
