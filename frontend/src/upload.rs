//! One document of a form: checked (type, size) before anything is sent, then created
//! (`POST /api/files` with its kind) and uploaded with its progress shown, as the main app's
//! wizard does its documents. The kindergarten and college apps' forms use it.

use crate::api::{self, Api, spawn};
use crate::components::{Field, described_by};
use crate::parent::fmt_size;
use crate::state::{Texts, use_app};
use domain::api::{CreateFile, DocumentRef, FileCreated};
use domain::{ACCEPTED_FILES_ATTRIBUTE, DocumentKind, check_file};
use yew::prelude::*;

/// A document uploaded: what the request names, and what the page shows of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Uploaded {
    pub doc: DocumentRef,
    pub name: String,
    pub size: u64,
}

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    /// The input's id (errors of the form point at it).
    pub id: AttrValue,
    pub kind: DocumentKind,
    pub value: Option<Uploaded>,
    #[prop_or_default]
    pub error: Option<String>,
    /// The document once uploaded, `None` when another file is being sent.
    pub on_change: Callback<Option<Uploaded>>,
    /// Whether an upload runs (the form waits for it).
    pub on_busy: Callback<bool>,
}

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Busy(f64),
    Failed(String),
}

#[function_component]
pub fn DocumentUpload(p: &DocumentProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let state = use_state(|| State::Idle);
    let kind = p.kind;
    let onchange = {
        let (state, on_change, on_busy, app) = (
            state.clone(),
            p.on_change.clone(),
            p.on_busy.clone(),
            app.clone(),
        );
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let content_type = file.type_();
            let size = file.size() as u64;
            on_change.emit(None);
            if let Err(code) = check_file(&content_type, size) {
                state.set(State::Failed(code.message(lang).into()));
                input.set_value("");
                return;
            }
            state.set(State::Busy(0.0));
            on_busy.emit(true);
            let (state, on_change, on_busy, api) = (
                state.clone(),
                on_change.clone(),
                on_busy.clone(),
                Api::of(&app),
            );
            spawn(async move {
                let name = file.name();
                let body = CreateFile {
                    kind,
                    content_type,
                    size,
                    name: Some(name.clone()),
                };
                let result = match api.post::<_, FileCreated>("/api/files", &body).await {
                    Ok(created) => {
                        let progress = {
                            let state = state.clone();
                            Callback::from(move |f: f64| state.set(State::Busy(f)))
                        };
                        api::upload(lang, &created.upload, &file, progress)
                            .await
                            .map(|()| created.file_id)
                    }
                    Err(e) => Err(e),
                };
                match result {
                    Ok(file_id) => {
                        state.set(State::Idle);
                        on_change.emit(Some(Uploaded {
                            doc: DocumentRef {
                                kind,
                                file_id,
                                sha256: None,
                            },
                            name,
                            size,
                        }));
                    }
                    Err(e) => state.set(State::Failed(e.message)),
                }
                on_busy.emit(false);
            });
        })
    };
    let id = p.id.to_string();
    let failed = match &*state {
        State::Failed(m) => Some(m.clone()),
        _ => None,
    };
    let max_mb = (domain::MAX_FILE_SIZE / (1024 * 1024)).to_string();
    html! {
        <Field id={id.clone()} label={kind.title(lang)} required=true
            hint={app.tf("upload_hint", &[("mb", &max_mb)])} error={p.error.clone().or(failed)}>
            <input type="file" id={id.clone()} accept={ACCEPTED_FILES_ATTRIBUTE}
                aria-describedby={format!("{} {id}-status", described_by(&id))} {onchange} />
            <div id={format!("{id}-status")} class="doc-status" aria-live="polite">
                if let State::Busy(f) = *state {
                    <label class="visually-hidden" for={format!("{id}-progress")}>{app.tf("upload_busy", &[("title", kind.title(lang))])}</label>
                    <progress id={format!("{id}-progress")} max="100" value={percent(f).to_string()}></progress>
                } else if let Some(u) = &p.value {
                    <span class="doc-done" data-testid="uploaded" data-kind={kind.as_str()}>
                        {"✓ "}{app.tf("upload_done", &[("name", &u.name), ("size", &fmt_size(u.size))])}
                    </span>
                }
            </div>
        </Field>
    }
}

fn percent(f: f64) -> u32 {
    (f.clamp(0.0, 1.0) * 100.0).round() as u32
}
