//! Signing in the browser with a key file (ЭЦП): opening a `.p12`/PEM file with its password
//! (`key`) and the bridge to the signer worker (`signer`). Used by the director's «На
//! подписании» and by the kindergarten service's applicant who signs a choice.

pub mod key;
pub mod signer;

pub use key::{KeyFile, KeyPicker, key_error};
