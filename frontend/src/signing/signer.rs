//! The bridge to the signer (`frontend/signer`, a web worker with its own wasm): started when
//! a key file is opened or a decision signed, stopped once it answers, so the site's main
//! bundle never carries the PKCS#12 code. The key file's bytes and password go in; what the
//! certificate says, the chain and the signature come out.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The worker's loader, as trunk names it (index.html, `data-loader-shim`).
const SIGNER: &str = "/signer_loader.js";

/// A chosen file, read into the page's memory only.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyFileData {
    pub name: String,
    pub data: Vec<u8>,
}

/// What the certificate says, shown before anything is signed.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateInfo {
    pub name: String,
    pub iin: String,
    pub bin: String,
    pub valid_to: String,
}

/// A signature of a payload and the chain that goes with it.
pub struct Signature {
    pub signature: String,
    pub certificates: Vec<String>,
}

/// Opens the key file with its password: what its certificate says.
pub async fn open(files: &[KeyFileData], password: &str) -> Result<CertificateInfo, String> {
    let reply = call(files, password, None).await?;
    let text = |k: &str| get(&reply, k).as_string().unwrap_or_default();
    Ok(CertificateInfo {
        name: text("name"),
        iin: text("iin"),
        bin: text("bin"),
        valid_to: text("valid_to"),
    })
}

/// Signs `payload` with the key file.
pub async fn sign(
    files: &[KeyFileData],
    password: &str,
    payload: &str,
) -> Result<Signature, String> {
    let reply = call(files, password, Some(payload)).await?;
    let certificates = Array::from(&get(&reply, "certificates"))
        .iter()
        .filter_map(|c| c.as_string())
        .collect();
    Ok(Signature {
        signature: get(&reply, "signature").as_string().ok_or("crypto")?,
        certificates,
    })
}

/// One request to a fresh worker: its reply, or the worker's error code (`unavailable` when
/// the worker itself did not run).
async fn call(
    files: &[KeyFileData],
    password: &str,
    payload: Option<&str>,
) -> Result<JsValue, String> {
    let unavailable = |_| "unavailable".to_string();
    let worker = Worker::new(SIGNER).map_err(unavailable)?;
    let ready = next_message(&worker);
    let result = async {
        JsFuture::from(ready).await.map_err(unavailable)?;
        let list = Array::new();
        for f in files {
            let file = Object::new();
            let _ = Reflect::set(&file, &"name".into(), &f.name.as_str().into());
            let _ = Reflect::set(&file, &"data".into(), &Uint8Array::from(f.data.as_slice()));
            list.push(&file);
        }
        let request = Object::new();
        let _ = Reflect::set(&request, &"files".into(), &list);
        let _ = Reflect::set(&request, &"password".into(), &password.into());
        if let Some(payload) = payload {
            let _ = Reflect::set(&request, &"payload".into(), &payload.into());
        }
        let reply = next_message(&worker);
        worker.post_message(&request).map_err(unavailable)?;
        JsFuture::from(reply).await.map_err(unavailable)
    }
    .await;
    worker.terminate();
    let reply = result?;
    if get(&reply, "ok") == JsValue::TRUE {
        Ok(reply)
    } else {
        Err(get(&reply, "error")
            .as_string()
            .unwrap_or_else(|| "unavailable".into()))
    }
}

/// The worker's next message (rejected when the worker fails to load or run).
fn next_message(worker: &Worker) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |e: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &e.data());
        });
        let on_error = Closure::once_into_js(move |e: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
