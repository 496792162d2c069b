//! The card's documents, each opened in a new tab by its short-lived link; one whose bytes are
//! no longer those submitted is marked «Документ изменён» once opened.

use domain::DocumentKind;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::{api_error, open_document};
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub(super) struct DocumentsProps {
    pub application_id: String,
    pub docs: Vec<(DocumentKind, String)>,
}

#[function_component]
pub(super) fn Documents(p: &DocumentsProps) -> Html {
    let app = use_app();
    let error = use_state(|| None::<ApiError>);
    // The file ids found changed when opened.
    let changed = use_state(Vec::<String>::new);
    let open = |file_id: &str| {
        let (api, id, file_id, error, changed) = (
            Api::of(&app),
            p.application_id.clone(),
            file_id.to_string(),
            error.clone(),
            changed.clone(),
        );
        Callback::from(move |_| {
            error.set(None);
            let e = error.clone();
            let on_error = Callback::from(move |x| e.set(Some(x)));
            let (changed, file) = (changed.clone(), file_id.clone());
            let on_changed = Callback::from(move |()| {
                let mut ids = (*changed).clone();
                ids.push(file.clone());
                changed.set(ids);
            });
            open_document(api.clone(), &id, &file_id, on_error, on_changed);
        })
    };
    if p.docs.is_empty() {
        return html! { <p class="muted">{app.t("st_no_documents")}</p> };
    }
    html! {
        <>
            <ul class="doc-list">
                { for p.docs.iter().map(|(kind, file_id)| html! {
                    <li data-kind={kind.as_str()}>
                        <span class="doc-title">{kind.title(app.lang)}</span>
                        if changed.contains(file_id) {
                            <strong class="doc-changed" role="status">{app.t("st_document_changed")}</strong>
                        }
                        <button type="button" class="btn btn-small btn-secondary" onclick={open(file_id)}>
                            {app.t("st_open_document")}
                            <span class="visually-hidden">{format!(": {}", kind.title(app.lang))}</span>
                        </button>
                    </li>
                }) }
            </ul>
            {api_error((*error).clone())}
        </>
    }
}
