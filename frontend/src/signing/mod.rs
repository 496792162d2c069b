//! Signing in the browser with a key file (ЭЦП): opening a `.p12`/PEM file with its password
//! (`key`) and the bridge to the signer worker (`signer`). Used by the director's «На
//! подписании» and «Приказы», and by the kindergarten service's applicant who signs a choice.

pub mod key;
pub mod signer;

pub use key::{KeyFile, KeyPicker, key_error};

use domain::api::{SignDecision, SigningPayload};
use serde::de::DeserializeOwned;

use crate::api::{Api, ApiError};

/// Signs what `base` addresses (a decision, an order): fetches `{base}/signing-payload`, signs
/// it with the key file and posts the signature and the chain to `{base}/sign`; the signed
/// record the API answers.
pub async fn sign_at<T: DeserializeOwned>(
    api: &Api,
    base: &str,
    key: &KeyFile,
) -> Result<T, ApiError> {
    let p: SigningPayload = api.get(&format!("{base}/signing-payload")).await?;
    let signed = signer::sign(&key.files, &key.password, &p.payload)
        .await
        .map_err(|code| key_error(api.lang, &code))?;
    let body = SignDecision {
        signature: signed.signature,
        certificates: signed.certificates,
    };
    api.post(&format!("{base}/sign"), &body).await
}
