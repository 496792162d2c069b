//! The director's signature in the browser (WebCrypto): a P-256 private key read from a file
//! (JWK JSON or PKCS#8 PEM) signs the server's payload with ECDSA/SHA-256; the public half is
//! derived from the same file to register it. The private key never leaves the page.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Why a key file could not be used; each has its text in the staff catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Neither a JWK nor a PEM private key.
    Unreadable,
    /// A JWK or key of another curve or type.
    NotP256,
    /// `BEGIN EC PRIVATE KEY` (SEC1): WebCrypto reads only PKCS#8.
    Sec1,
    /// `BEGIN ENCRYPTED PRIVATE KEY`.
    Encrypted,
    /// WebCrypto refused the key or is unavailable (not a secure context).
    Crypto,
}

/// The key file as WebCrypto imports it.
#[derive(Debug, PartialEq)]
enum KeyData {
    /// `{"kty","crv","x","y","d"}` (other members dropped).
    Jwk(serde_json::Value),
    Pkcs8(Vec<u8>),
}

/// Whether the file is a key this page can use (read only, nothing imported yet).
pub fn check(text: &str) -> Result<(), KeyError> {
    parse(text).map(|_| ())
}

fn parse(text: &str) -> Result<KeyData, KeyError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|_| KeyError::Unreadable)?;
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).filter(|s| !s.is_empty());
        if get("kty") != Some("EC") || get("crv") != Some("P-256") {
            return Err(KeyError::NotP256);
        }
        let (Some(x), Some(y), Some(d)) = (get("x"), get("y"), get("d")) else {
            return Err(KeyError::Unreadable);
        };
        let jwk = serde_json::json!({ "kty": "EC", "crv": "P-256", "x": x, "y": y, "d": d });
        return Ok(KeyData::Jwk(jwk));
    }
    if text.contains("-----BEGIN EC PRIVATE KEY-----") {
        return Err(KeyError::Sec1);
    }
    if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        return Err(KeyError::Encrypted);
    }
    let body = text
        .split("-----BEGIN PRIVATE KEY-----")
        .nth(1)
        .and_then(|rest| rest.split("-----END PRIVATE KEY-----").next())
        .ok_or(KeyError::Unreadable)?;
    base64_decode(body)
        .filter(|b| !b.is_empty())
        .map(KeyData::Pkcs8)
        .ok_or(KeyError::Unreadable)
}

/// Standard base64 (PEM bodies), whitespace ignored, padding optional.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// base64url without padding (the signature as the API takes it).
pub fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn subtle() -> Result<SubtleCrypto, KeyError> {
    let crypto = web_sys::window()
        .ok_or(KeyError::Crypto)?
        .crypto()
        .map_err(|_| KeyError::Crypto)?;
    // `subtle` is undefined outside a secure context.
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| KeyError::Crypto)?;
    subtle.dyn_into().map_err(|_| KeyError::Crypto)
}

fn object(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
    }
    o
}

async fn import(text: &str, extractable: bool) -> Result<CryptoKey, KeyError> {
    let data = parse(text)?;
    let subtle = subtle()?;
    let algorithm = object(&[("name", "ECDSA"), ("namedCurve", "P-256")]);
    let usages = Array::of1(&"sign".into());
    let promise = match &data {
        KeyData::Jwk(jwk) => {
            let jwk: Object = js_sys::JSON::parse(&jwk.to_string())
                .map_err(|_| KeyError::Unreadable)?
                .unchecked_into();
            subtle.import_key_with_object("jwk", &jwk, &algorithm, extractable, &usages)
        }
        KeyData::Pkcs8(der) => {
            let der: Object = Uint8Array::from(der.as_slice()).into();
            subtle.import_key_with_object("pkcs8", &der, &algorithm, extractable, &usages)
        }
    }
    .map_err(|_| KeyError::Crypto)?;
    let key = JsFuture::from(promise)
        .await
        .map_err(|_| KeyError::Crypto)?;
    key.dyn_into().map_err(|_| KeyError::Crypto)
}

/// Signs the payload's UTF-8 bytes (ECDSA P-256, SHA-256): the 64-byte `r‖s`, base64url.
pub async fn sign(key_file: &str, payload: &str) -> Result<String, KeyError> {
    let key = import(key_file, false).await?;
    let algorithm = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
    let promise = subtle()?
        .sign_with_object_and_u8_array(&algorithm, &key, payload.as_bytes())
        .map_err(|_| KeyError::Crypto)?;
    let signature = JsFuture::from(promise)
        .await
        .map_err(|_| KeyError::Crypto)?;
    Ok(base64url(&Uint8Array::new(&signature).to_vec()))
}

/// The public JWK (`kty`, `crv`, `x`, `y`) of the private key in the file.
pub async fn public_jwk(key_file: &str) -> Result<serde_json::Value, KeyError> {
    let key = import(key_file, true).await?;
    let promise = subtle()?
        .export_key("jwk", &key)
        .map_err(|_| KeyError::Crypto)?;
    let jwk = JsFuture::from(promise)
        .await
        .map_err(|_| KeyError::Crypto)?;
    let get = |k: &str| -> Result<String, KeyError> {
        Reflect::get(&jwk, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_string())
            .ok_or(KeyError::Crypto)
    };
    Ok(serde_json::json!({
        "kty": get("kty")?,
        "crv": get("crv")?,
        "x": get("x")?,
        "y": get("y")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_has_no_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff, 0xfe]), "-__-");
    }

    #[test]
    fn pem_bodies_decode() {
        assert_eq!(base64_decode("Zm9v\nYmFy").unwrap(), b"foobar");
        assert_eq!(base64_decode("Zg==").unwrap(), b"f");
        assert_eq!(base64_decode("Z!"), None);
        let pem = "-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n";
        assert_eq!(parse(pem), Ok(KeyData::Pkcs8(vec![1, 2, 3])));
    }

    #[test]
    fn key_files_are_recognised() {
        let jwk = r#"{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c","ext":true}"#;
        let Ok(KeyData::Jwk(v)) = parse(jwk) else {
            panic!()
        };
        assert_eq!(v.get("ext"), None);
        assert_eq!(v["d"], "c");
        assert_eq!(
            parse(r#"{"kty":"EC","crv":"P-384","x":"a","y":"b","d":"c"}"#),
            Err(KeyError::NotP256)
        );
        assert_eq!(
            parse(r#"{"kty":"EC","crv":"P-256","x":"a","y":"b"}"#),
            Err(KeyError::Unreadable)
        );
        assert_eq!(
            parse("-----BEGIN EC PRIVATE KEY-----\nAQ==\n"),
            Err(KeyError::Sec1)
        );
        assert_eq!(
            parse("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            Err(KeyError::Encrypted)
        );
        assert_eq!(parse("hello"), Err(KeyError::Unreadable));
    }
}
