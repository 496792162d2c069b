//! A key file (ЭЦП): a PKCS#12 file (`.p12`, `.pfx`) with its password, or PEM (the
//! private key and the certificates, in one file or several). Read into the page's memory
//! only, opened by the signer worker to show whose certificate it is; nothing leaves the page
//! but the signature and the certificates.

use domain::MsgLang;
use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::signer::{self, CertificateInfo, KeyFileData};
use crate::api::{ApiError, spawn};
use crate::components::{Field, described_by, value_of};
use crate::i18n::tr;
use crate::state::{Texts, use_app};

/// An opened key file: its bytes and password stay in the page to sign with.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyFile {
    pub files: Vec<KeyFileData>,
    pub password: String,
    pub certificate: CertificateInfo,
}

/// The signer's refusal as the page shows it.
pub fn key_error(lang: MsgLang, code: &str) -> ApiError {
    let key = match code {
        "wrong_password" => "st_key_wrong_password",
        "unreadable" => "st_key_unreadable",
        "no_key" => "st_key_no_key",
        "no_certificate" => "st_key_no_certificate",
        "unsupported" => "st_key_unsupported",
        "crypto" => "st_key_crypto",
        _ => "st_key_unavailable",
    };
    ApiError {
        status: 0,
        code: format!("key_{code}"),
        message: tr(lang, key).into(),
        field: None,
    }
}

#[derive(Properties, PartialEq)]
pub struct KeyPickerProps {
    pub key_file: Option<KeyFile>,
    pub on_change: Callback<Option<KeyFile>>,
    /// What key is meant (an organisation's by default; a person's for an applicant).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// The key file input (`#sign-key-file`), its password (`#sign-key-password`) and «Открыть
/// ключ».
#[function_component]
pub fn KeyPicker(p: &KeyPickerProps) -> Html {
    let app = use_app();
    let input = use_node_ref();
    let password = use_state(String::new);
    let busy = use_state(|| false);
    // (whether the password is at fault, the message)
    let error = use_state(|| None::<(bool, String)>);
    let onchange = {
        let (error, on_change) = (error.clone(), p.on_change.clone());
        // Another file: the opened one no longer signs.
        Callback::from(move |_: Event| {
            error.set(None);
            on_change.emit(None);
        })
    };
    let onsubmit = {
        let (app, input, password, busy, error, on_change) = (
            app.clone(),
            input.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
            p.on_change.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let chosen: Vec<web_sys::File> = input
                .cast::<web_sys::HtmlInputElement>()
                .and_then(|i| i.files())
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            if chosen.is_empty() {
                error.set(Some((false, app.t("st_key_choose_first").into())));
                return;
            }
            let (lang, pw) = (app.lang, (*password).clone());
            let (busy, error, on_change) = (busy.clone(), error.clone(), on_change.clone());
            busy.set(true);
            error.set(None);
            spawn(async move {
                let mut files = Vec::new();
                for file in chosen {
                    if let Ok(buf) = JsFuture::from(file.array_buffer()).await {
                        let data = Uint8Array::new(&buf).to_vec();
                        files.push(KeyFileData {
                            name: file.name(),
                            data,
                        });
                    }
                }
                match signer::open(&files, &pw).await {
                    Ok(certificate) => on_change.emit(Some(KeyFile {
                        files,
                        password: pw,
                        certificate,
                    })),
                    Err(code) => {
                        let at_password = code == "wrong_password";
                        error.set(Some((at_password, key_error(lang, &code).message)));
                        on_change.emit(None);
                    }
                }
                busy.set(false);
            });
        })
    };
    let (file_error, password_error) = match &*error {
        Some((true, m)) => (None, Some(m.clone())),
        Some((false, m)) => (Some(m.clone()), None),
        None => (None, None),
    };
    html! {
        <form class="key-picker" onsubmit={onsubmit} novalidate=true>
            <Field id="sign-key-file" label={app.t("st_key_file")}
                hint={p.hint.clone().unwrap_or_else(|| app.t("st_key_file_hint").into())}
                error={file_error.clone()}>
                <input id="sign-key-file" ref={input} type="file" multiple=true accept=".p12,.pfx,.pem,.crt,.cer,.key"
                    aria-describedby={described_by("sign-key-file")}
                    aria-invalid={file_error.is_some().to_string()} onchange={onchange} />
            </Field>
            <Field id="sign-key-password" label={app.t("st_key_password")} error={password_error.clone()}>
                <input id="sign-key-password" type="password" autocomplete="off"
                    aria-describedby={described_by("sign-key-password")}
                    aria-invalid={password_error.is_some().to_string()}
                    value={(*password).clone()}
                    oninput={let pw = password.clone(); Callback::from(move |e: InputEvent| pw.set(value_of(&e)))} />
            </Field>
            <div class="row-actions">
                <button type="submit" class="btn btn-secondary" disabled={*busy}>{app.t("st_key_open")}</button>
            </div>
            if let Some(k) = &p.key_file {
                <p class="alert alert-success" role="status" data-testid="key-chosen">
                    {app.tf("st_key_chosen", &[
                        ("name", &k.certificate.name),
                        ("iin", &k.certificate.iin),
                        ("bin", if k.certificate.bin.is_empty() { "—" } else { &k.certificate.bin }),
                        ("to", &k.certificate.valid_to),
                    ])}
                </p>
            }
        </form>
    }
}
