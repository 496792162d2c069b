//! The signer: a web worker the signing page starts when the director opens a key file, and
//! stops when it has its answer. It opens the key file with its password (PKCS#12, or PEM:
//! `pki::keystore`) and signs the decision's payload with WebCrypto; the private key never
//! leaves it. Its own wasm, so that the site's main bundle carries none of this.
//!
//! Messages (structured clones):
//! - worker → page, once loaded: `{ready: true}`;
//! - page → worker: `{files: [{name, data: Uint8Array}], password, payload?}`;
//! - worker → page: `{ok: true, name, iin, bin, valid_to, algorithm, certificates, signature?}`
//!   (`certificates`: base64 DER, leaf first; `signature`: base64, ECDSA as the 64-byte `r‖s`,
//!   RSA PKCS#1 v1.5; both SHA-256), or `{ok: false, error}` with `error` one of
//!   `wrong_password`, `unreadable`, `no_key`, `no_certificate`, `unsupported`, `crypto`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use pki::keystore::{KeyAlgorithm, KeyBundle, KeyError, read_p12, read_pem};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, DedicatedWorkerGlobalScope, MessageEvent};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn main() {
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let request = event.data();
        wasm_bindgen_futures::spawn_local(async move {
            let reply = match handle(&request).await {
                Ok(reply) => reply,
                Err(error) => object(&[("ok", JsValue::FALSE), ("error", error.into())]).into(),
            };
            let _ = scope().post_message(&reply);
        });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope().post_message(&object(&[("ready", JsValue::TRUE)]));
}

async fn handle(request: &JsValue) -> Result<JsValue, &'static str> {
    let password = get(request, "password").as_string().unwrap_or_default();
    let files: Array = get(request, "files").dyn_into().map_err(|_| "unreadable")?;
    let key = open(&files, &password).map_err(|e| match e {
        KeyError::WrongPassword => "wrong_password",
        KeyError::Unreadable => "unreadable",
        KeyError::NoKey => "no_key",
        KeyError::NoCertificate => "no_certificate",
        KeyError::Unsupported => "unsupported",
    })?;
    let leaf = &key.certificates[0];
    let subject = pki::cert::Subject::of(leaf);
    let to = leaf.tbs_certificate.validity.not_after.to_date_time();
    let valid_to = format!("{:02}.{:02}.{:04}", to.day(), to.month(), to.year());
    let certificates: Array = key
        .certificates
        .iter()
        .map(|c| JsValue::from(pki::cert::encode_base64(&pki::cert::to_der(c))))
        .collect();
    let text = |v: Option<String>| JsValue::from(v.unwrap_or_default());
    let algorithm = match key.algorithm {
        KeyAlgorithm::EcdsaP256 => "ECDSA P-256",
        KeyAlgorithm::Rsa => "RSA",
    };
    let reply = object(&[
        ("ok", JsValue::TRUE),
        ("name", text(subject.name)),
        ("iin", text(subject.iin)),
        ("bin", text(subject.bin)),
        ("valid_to", valid_to.into()),
        ("algorithm", algorithm.into()),
        ("certificates", certificates.into()),
    ]);
    if let Some(payload) = get(request, "payload").as_string() {
        let signature = sign(&key, &payload).await.map_err(|_| "crypto")?;
        let _ = Reflect::set(
            &reply,
            &"signature".into(),
            &pki::cert::encode_base64(&signature).into(),
        );
    }
    Ok(reply.into())
}

/// The first PKCS#12 file (DER: it starts with a SEQUENCE), else every PEM file together (a
/// key and its certificates may come in separate files).
fn open(files: &Array, password: &str) -> Result<KeyBundle, KeyError> {
    let mut pem = String::new();
    for file in files.iter() {
        let data = Uint8Array::new(&get(&file, "data")).to_vec();
        if data.first() == Some(&0x30) {
            return read_p12(&data, password);
        }
        match String::from_utf8(data) {
            Ok(text) if text.contains("-----BEGIN ") => {
                pem.push_str(&text);
                pem.push('\n');
            }
            _ => return Err(KeyError::Unreadable),
        }
    }
    read_pem(&pem, password)
}

/// WebCrypto's signature of the payload's UTF-8 bytes with the PKCS#8 key.
async fn sign(key: &KeyBundle, payload: &str) -> Result<Vec<u8>, JsValue> {
    let (import, algorithm) = match key.algorithm {
        KeyAlgorithm::EcdsaP256 => (
            object(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into())]),
            object(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())]),
        ),
        KeyAlgorithm::Rsa => (
            object(&[
                ("name", "RSASSA-PKCS1-v1_5".into()),
                ("hash", "SHA-256".into()),
            ]),
            object(&[("name", "RSASSA-PKCS1-v1_5".into())]),
        ),
    };
    let subtle = scope().crypto()?.subtle();
    let der: Object = Uint8Array::from(key.private_key.as_slice()).into();
    let usages = Array::of1(&"sign".into());
    let promise = subtle.import_key_with_object("pkcs8", &der, &import, false, &usages)?;
    let crypto_key: CryptoKey = JsFuture::from(promise).await?.dyn_into()?;
    let promise =
        subtle.sign_with_object_and_u8_array(&algorithm, &crypto_key, payload.as_bytes())?;
    Ok(Uint8Array::new(&JsFuture::from(promise).await?).to_vec())
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}
