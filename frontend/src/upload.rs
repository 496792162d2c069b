//! One document of a form: checked (type, size) before anything is sent, then created
//! (`POST /api/files` with its kind) and uploaded with its progress shown, as the main app's
//! wizard does its documents. The kindergarten and college apps' forms use it.

use crate::api::{self, Api, ApiError, spawn};
use crate::components::{Field, described_by};
use crate::parent::fmt_size;
use crate::state::{Texts, use_app};
use domain::api::{CreateFile, DocumentRef, FileCreated};
use domain::{ACCEPTED_FILES_ATTRIBUTE, DocumentKind, MsgLang, check_file};
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
            let Some(chosen) = chosen(&e, lang) else {
                return;
            };
            on_change.emit(None);
            let file = match chosen {
                Ok(file) => file,
                Err(message) => return state.set(State::Failed(message)),
            };
            state.set(State::Busy(0.0));
            on_busy.emit(true);
            let (state, on_change, on_busy, api) = (
                state.clone(),
                on_change.clone(),
                on_busy.clone(),
                Api::of(&app),
            );
            spawn(async move {
                let progress = {
                    let state = state.clone();
                    Callback::from(move |f: f64| state.set(State::Busy(f)))
                };
                match send(&api, kind, &file, progress).await {
                    Ok(file_id) => {
                        state.set(State::Idle);
                        on_change.emit(Some(Uploaded {
                            doc: DocumentRef {
                                kind,
                                file_id,
                                sha256: None,
                                pages: None,
                            },
                            name: file.name(),
                            size: file.size() as u64,
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

/// The file chosen in the `<input type="file">` an event came from (`None`: none), checked
/// (type, size) before anything is sent: a refused one is the message to show, the input
/// emptied.
pub fn chosen(e: &Event, lang: MsgLang) -> Option<Result<web_sys::File, String>> {
    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
    let file = input.files().and_then(|f| f.get(0))?;
    if let Err(code) = check_file(&file.type_(), file.size() as u64) {
        input.set_value("");
        return Some(Err(code.message(lang).into()));
    }
    Some(Ok(file))
}

/// Creates the file of `kind` (`POST /api/files`) and uploads its bytes to the target the API
/// gave, reporting progress; the file's id.
pub async fn send(
    api: &Api,
    kind: DocumentKind,
    file: &web_sys::File,
    progress: Callback<f64>,
) -> Result<String, ApiError> {
    let body = CreateFile {
        kind,
        content_type: file.type_(),
        size: file.size() as u64,
        name: Some(file.name()),
    };
    let created: FileCreated = api.post("/api/files", &body).await?;
    api::upload(api.lang, &created.upload, file, progress).await?;
    Ok(created.file_id)
}

/// Upload progress (0.0–1.0) as a whole percentage.
pub fn percent(f: f64) -> u32 {
    (f.clamp(0.0, 1.0) * 100.0).round() as u32
}
