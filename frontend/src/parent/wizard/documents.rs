//! Step 4: the documents the application needs, each checked (type, size) before it is sent
//! and uploaded with its progress shown.

use std::rc::Rc;

use domain::api::{CreateFile, FileCreated};
use domain::{ACCEPTED_FILES_ATTRIBUTE, DocumentKind, required_documents};
use yew::prelude::*;

use super::super::draft::DraftDoc;
use super::super::fmt_size;
use super::{StepProps, edit, error_of};
use crate::api::{self, Api, spawn};
use crate::components::{Field, described_by};
use crate::state::{Texts, use_app};
use crate::upload::{self, percent};

/// Transient upload states of the documents step, by kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Uploads(Vec<(DocumentKind, Upload)>);

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Upload {
    /// Sending; the fraction sent.
    Busy(f64),
    Failed(String),
}

pub(super) enum UploadAction {
    Set(DocumentKind, Upload),
    Done(DocumentKind),
}

impl Reducible for Uploads {
    type Action = UploadAction;

    fn reduce(self: Rc<Self>, action: UploadAction) -> Rc<Self> {
        let mut u = (*self).clone();
        match action {
            UploadAction::Set(kind, state) => {
                u.0.retain(|(k, _)| *k != kind);
                u.0.push((kind, state));
            }
            UploadAction::Done(kind) => u.0.retain(|(k, _)| *k != kind),
        }
        Rc::new(u)
    }
}

impl Uploads {
    fn of(&self, kind: DocumentKind) -> Option<&Upload> {
        self.0.iter().find(|(k, _)| *k == kind).map(|(_, u)| u)
    }

    pub(super) fn busy(&self) -> Option<DocumentKind> {
        self.0
            .iter()
            .find(|(_, u)| matches!(u, Upload::Busy(_)))
            .map(|(k, _)| *k)
    }
}

#[function_component]
pub(super) fn DocumentsStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let on_file = |kind: DocumentKind| {
        let (draft, uploads, clear, app) = (
            p.draft.clone(),
            p.uploads.clone(),
            p.clear.clone(),
            app.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(chosen) = upload::chosen(&e, lang) else {
                return;
            };
            clear.emit(format!("doc-{}", kind.as_str()));
            let file = match chosen {
                Ok(file) => file,
                Err(message) => {
                    return uploads.dispatch(UploadAction::Set(kind, Upload::Failed(message)));
                }
            };
            uploads.dispatch(UploadAction::Set(kind, Upload::Busy(0.0)));
            let (draft, uploads, api) = (draft.clone(), uploads.clone(), Api::of(&app));
            spawn(async move {
                let progress = {
                    let uploads = uploads.clone();
                    Callback::from(move |f: f64| {
                        uploads.dispatch(UploadAction::Set(kind, Upload::Busy(f)))
                    })
                };
                // Not `upload::send`: its own future costs the main wasm a few hundred bytes.
                let body = CreateFile {
                    kind,
                    content_type: file.type_(),
                    size: file.size() as u64,
                    name: Some(file.name()),
                };
                let created = match api.post::<_, FileCreated>("/api/files", &body).await {
                    Ok(c) => c,
                    Err(e) => {
                        uploads.dispatch(UploadAction::Set(kind, Upload::Failed(e.message)));
                        return;
                    }
                };
                match api::upload(lang, &created.upload, &file, progress).await {
                    Ok(()) => {
                        let doc = DraftDoc {
                            kind,
                            file_id: created.file_id,
                            name: file.name(),
                            size: file.size() as u64,
                        };
                        edit(&draft, move |d| d.set_document(doc));
                        uploads.dispatch(UploadAction::Done(kind));
                    }
                    Err(e) => uploads.dispatch(UploadAction::Set(kind, Upload::Failed(e.message))),
                }
            });
        })
    };
    let max_mb = (domain::MAX_FILE_SIZE / (1024 * 1024)).to_string();
    let hint = app.tf("wiz_file_hint", &[("mb", &max_mb)]);
    html! {
        <>
            <p>{app.t("wiz_documents_intro")}</p>
            { for required_documents(d.special_needs).into_iter().map(|kind| {
                let id = format!("doc-{}", kind.as_str());
                let state = p.uploads.of(kind).cloned();
                let failed = match &state { Some(Upload::Failed(m)) => Some(m.clone()), _ => None };
                let error = error_of(&p.errors, &id).or(failed);
                let uploaded = d.document(kind).cloned();
                html! {
                    <Field id={id.clone()} label={kind.title(lang)} required=true hint={hint.clone()} {error}>
                        <input type="file" id={id.clone()} accept={ACCEPTED_FILES_ATTRIBUTE}
                            aria-describedby={format!("{} {id}-status", described_by(&id))}
                            onchange={on_file(kind)} />
                        <div id={format!("{id}-status")} class="doc-status" aria-live="polite">
                            if let Some(Upload::Busy(f)) = state {
                                <label class="visually-hidden" for={format!("{id}-progress")}>
                                    {app.tf("wiz_uploading", &[("title", kind.title(lang))])}
                                </label>
                                <progress id={format!("{id}-progress")} max="100" value={percent(f).to_string()}></progress>
                                <span class="muted">{app.t("wiz_uploading_short")}{format!(" {}%", percent(f))}</span>
                            } else if let Some(doc) = uploaded {
                                <progress max="1" value="1" aria-hidden="true"></progress>
                                <span class="doc-done">
                                    {"✓ "}{app.tf("wiz_uploaded", &[("name", &doc.name), ("size", &fmt_size(doc.size))])}
                                </span>
                            }
                        </div>
                    </Field>
                }
            }) }
        </>
    }
}
