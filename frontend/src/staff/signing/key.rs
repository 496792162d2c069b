//! The signing key file: read from disk (it stays in the page's memory only), checked, and its
//! public half registered as the person's signing key («Зарегистрировать ключ»).

use domain::MsgLang;
use domain::api::RegisterSigningKey;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::super::crypto::{self, KeyError};
use crate::api::{Api, ApiError, spawn};
use crate::components::{Field, described_by};
use crate::i18n::tr;
use crate::state::{Texts, use_app};

/// A key file read from disk; it stays in the page's memory only.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyFile {
    pub name: String,
    pub text: String,
}

pub(super) fn key_error(lang: MsgLang, e: KeyError) -> ApiError {
    let (code, message) = match e {
        KeyError::Unreadable => ("key_unreadable", tr(lang, "st_key_unreadable")),
        KeyError::NotP256 => ("key_not_p256", tr(lang, "st_key_not_p256")),
        KeyError::Sec1 => ("key_sec1", tr(lang, "st_key_sec1")),
        KeyError::Encrypted => ("key_encrypted", tr(lang, "st_key_encrypted")),
        KeyError::Crypto => ("key_crypto", tr(lang, "st_key_crypto")),
    };
    ApiError {
        status: 0,
        code: code.into(),
        message: message.into(),
        field: None,
    }
}

/// Registers the public half of the key file as the person's signing key.
pub(super) async fn register_key(api: &Api, key: &KeyFile) -> Result<(), ApiError> {
    let jwk = crypto::public_jwk(&key.text)
        .await
        .map_err(|e| key_error(api.lang, e))?;
    let body = RegisterSigningKey {
        public_key_jwk: jwk,
    };
    api.put::<_, serde_json::Value>("/api/me/signing-key", &body)
        .await
        .map(|_| ())
}

#[derive(Properties, PartialEq)]
pub(crate) struct KeyPickerProps {
    pub key_file: Option<KeyFile>,
    pub on_change: Callback<Option<KeyFile>>,
}

/// The key file input (`#sign-key-file`) and «Зарегистрировать ключ».
#[function_component]
pub(crate) fn KeyPicker(p: &KeyPickerProps) -> Html {
    let app = use_app();
    let read_error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let registered = use_state(|| false);
    let reg_error = use_state(|| None::<ApiError>);
    let onchange = {
        let (app, on_change, read_error, registered, reg_error) = (
            app.clone(),
            p.on_change.clone(),
            read_error.clone(),
            registered.clone(),
            reg_error.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let file = input.files().and_then(|f| f.get(0));
            registered.set(false);
            reg_error.set(None);
            let Some(file) = file else {
                on_change.emit(None);
                return;
            };
            let (lang, on_change, read_error) = (app.lang, on_change.clone(), read_error.clone());
            spawn(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let checked = text
                    .ok_or(KeyError::Unreadable)
                    .and_then(|t| crypto::check(&t).map(|_| t));
                match checked {
                    Ok(text) => {
                        read_error.set(None);
                        on_change.emit(Some(KeyFile {
                            name: file.name(),
                            text,
                        }));
                    }
                    Err(e) => {
                        read_error.set(Some(key_error(lang, e).message));
                        on_change.emit(None);
                    }
                }
            });
        })
    };
    let register = {
        let (app, key, busy, registered, reg_error) = (
            app.clone(),
            p.key_file.clone(),
            busy.clone(),
            registered.clone(),
            reg_error.clone(),
        );
        Callback::from(move |_| {
            let Some(key) = key.clone() else { return };
            let (api, busy, registered, reg_error) = (
                Api::of(&app),
                busy.clone(),
                registered.clone(),
                reg_error.clone(),
            );
            busy.set(true);
            reg_error.set(None);
            spawn(async move {
                match register_key(&api, &key).await {
                    Ok(()) => registered.set(true),
                    Err(e) => reg_error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <div class="key-picker">
            <Field id="sign-key-file" label={app.t("st_key_file")} hint={app.t("st_key_file_hint")}
                error={(*read_error).clone()}>
                <input id="sign-key-file" type="file" accept=".pem,.key,.json,.jwk,.txt"
                    aria-describedby={described_by("sign-key-file")} onchange={onchange} />
            </Field>
            if let Some(k) = &p.key_file {
                <p class="muted" data-testid="key-chosen">{app.tf("st_key_chosen", &[("name", &k.name)])}</p>
            }
            <div class="row-actions">
                <button type="button" class="btn btn-secondary" onclick={register}
                    disabled={p.key_file.is_none() || *busy} aria-describedby="register-key-hint">
                    {app.t("st_register_key")}
                </button>
            </div>
            <p class="hint" id="register-key-hint">{app.t("st_register_key_hint")}</p>
            if *registered {
                <p class="alert alert-success" role="status">{app.t("st_key_registered")}</p>
            }
            {crate::components::api_error((*reg_error).clone())}
        </div>
    }
}
