//! The only way the app talks to the server: the HTTP API of API.md, with the session's token
//! and the chosen language, and errors as the API words them.

use domain::MsgLang;
use domain::api::ErrorBody;
use gloo_net::http::{Method, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::Callback;

use crate::i18n::tr;
use crate::state::{App, Texts};

/// An error to show: the API's stable code and its message in the caller's language.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// The request field the error is about, when the API names one.
    pub field: Option<String>,
}

impl ApiError {
    fn local(lang: MsgLang, code: &str, key: &'static str) -> ApiError {
        ApiError {
            status: 0,
            code: code.into(),
            message: tr(lang, key).into(),
            field: None,
        }
    }
}

/// A client bound to a session's token and language.
#[derive(Clone, PartialEq)]
pub struct Api {
    pub token: Option<String>,
    pub lang: MsgLang,
}

impl Api {
    pub fn of(app: &App) -> Api {
        Api {
            token: app.token.clone(),
            lang: app.lang(),
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send(Method::GET, path, None::<&()>).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Result<serde_json::Value, ApiError> {
        self.send(Method::DELETE, path, None::<&()>).await
    }

    pub async fn send<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let body = match body {
            Some(b) => Some(
                serde_json::to_string(b)
                    .map_err(|_| ApiError::local(self.lang, "client", "error_client"))?,
            ),
            None => None,
        };
        let text = self.exchange(method, path, body).await?;
        parse(self.lang, &text)
    }

    /// `GET path`, the answer's text undecoded (`hooks::use_get` decodes it).
    pub async fn text(&self, path: &str) -> Result<String, ApiError> {
        self.exchange(Method::GET, path, None).await
    }

    /// The request itself, not generic: one copy of it in the wasm, whatever the types.
    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        let mut req = RequestBuilder::new(path)
            .method(method)
            .header("Accept-Language", self.lang.as_str());
        if let Some(token) = &self.token {
            req = req.header("Authorization", &format!("Bearer {token}"));
        }
        let req = match body {
            Some(b) => req.header("Content-Type", "application/json").body(b),
            None => req.build(),
        }
        .map_err(|_| ApiError::local(self.lang, "client", "error_client"))?;
        let resp = req
            .send()
            .await
            .map_err(|_| ApiError::local(self.lang, "network", "error_network"))?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if (200..300).contains(&status) {
            return Ok(text);
        }
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => Err(ApiError {
                status,
                code: body.error.code.as_str().to_string(),
                message: body.error.message,
                field: body.error.field,
            }),
            Err(_) => Err(ApiError {
                status,
                ..ApiError::local(self.lang, "server", "error_server")
            }),
        }
    }
}

/// Sends a file's bytes to the upload target the API gave (`PUT`, presigned when deployed),
/// reporting progress from 0.0 to 1.0. XMLHttpRequest, because fetch reports no upload progress.
pub async fn upload(
    lang: MsgLang,
    target: &domain::api::Upload,
    file: &web_sys::File,
    on_progress: Callback<f64>,
) -> Result<(), ApiError> {
    let failed = || ApiError::local(lang, "upload_failed", "error_upload");
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| failed())?;
    xhr.open(&target.method, &target.url)
        .map_err(|_| failed())?;
    for (name, value) in &target.headers {
        xhr.set_request_header(name, value).map_err(|_| failed())?;
    }
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                on_progress.emit(e.loaded() / e.total());
            }
        });
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_blob(Some(file)).map_err(|_| failed())?;
    let result = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(progress);
    match (result, xhr.status()) {
        (Ok(_), Ok(s)) if (200..300).contains(&s) => Ok(()),
        _ => Err(failed()),
    }
}

/// An answer's JSON as `T`; 204 and empty bodies read as JSON `null`.
pub fn parse<T: DeserializeOwned>(lang: MsgLang, text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|_| ApiError::local(lang, "client", "error_client"))
}

/// Downloads the file `path` answers (an export, a paper) under `filename`: fetched with the session's
/// token, then saved through a blob link. A refusal goes to `on_error`.
pub fn download(api: Api, path: String, filename: String, on_error: Callback<String>) {
    spawn(async move {
        match fetch_blob(&api, &path).await {
            Ok(blob) => save(&blob, &filename),
            Err(e) => on_error.emit(e),
        }
    });
}

async fn fetch_blob(api: &Api, path: &str) -> Result<web_sys::Blob, String> {
    let mut req = gloo_net::http::Request::get(path).header("Accept-Language", api.lang.as_str());
    if let Some(token) = &api.token {
        req = req.header("Authorization", &format!("Bearer {token}"));
    }
    let resp = req.send().await.map_err(|e| e.to_string())?;
    if !resp.ok() {
        // The API's error body carries its message in the caller's language.
        let text = resp.text().await.unwrap_or_default();
        return Err(serde_json::from_str::<domain::api::ErrorBody>(&text)
            .map(|b| b.error.message)
            .unwrap_or_else(|_| format!("HTTP {}", resp.status())));
    }
    let bytes = resp.binary().await.map_err(|e| e.to_string())?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(
        resp.headers()
            .get("content-type")
            .as_deref()
            .unwrap_or("application/octet-stream"),
    );
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "blob".to_string())
}

fn save(blob: &web_sys::Blob, filename: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    // Revoked a minute later, not at once: the browser may still be reading the blob for the
    // download the click started.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

/// Runs a future on the page's event loop.
pub fn spawn(f: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(f);
}
