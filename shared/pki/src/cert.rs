//! Certificates as they travel (PEM, or base64 of DER) and what their subject says about the
//! holder: the national CA writes the IIN as `SERIALNUMBER=IIN<12 digits>` and, in a
//! legal entity's certificate, the BIN as `OU=BIN<12 digits>` (or `organizationIdentifier`).

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use der::asn1::Any;
use der::pem::LineEnding;
use der::{Decode, DecodePem, EncodePem, Tag, Tagged};
use x509_cert::Certificate;

use crate::oid;

/// The largest certificate text accepted (real ones are 1–3 KB).
pub const MAX_TEXT: usize = 16 * 1024;

/// A certificate as sent: PEM (`-----BEGIN CERTIFICATE-----`), or base64 (standard or
/// URL-safe, padded or not) of its DER.
pub fn parse(text: &str) -> Option<Certificate> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_TEXT {
        return None;
    }
    if text.starts_with("-----BEGIN") {
        return Certificate::from_pem(text.as_bytes()).ok();
    }
    Certificate::from_der(&decode_base64(text)?).ok()
}

/// Every certificate of a PEM bundle, in order (an empty text gives none).
pub fn parse_bundle(text: &str) -> Result<Vec<Certificate>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    Certificate::load_pem_chain(text.as_bytes()).map_err(|e| format!("PEM bundle: {e}"))
}

/// Base64 in any of its usual alphabets, whitespace ignored.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(&text).ok())
}

/// Standard base64 (what `base64 -d` reads).
pub fn encode_base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// The certificate's DER.
pub fn to_der(cert: &Certificate) -> Vec<u8> {
    der::Encode::to_der(cert).unwrap_or_default()
}

/// The certificate as PEM.
pub fn to_pem(cert: &Certificate) -> String {
    cert.to_pem(LineEnding::LF).unwrap_or_default()
}

/// The serial number in upper-case hex, as `openssl x509 -serial` prints it.
pub fn serial_hex(cert: &Certificate) -> String {
    let bytes = cert.tbs_certificate.serial_number.as_bytes();
    let bytes = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => bytes,
    };
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// What a certificate's subject names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    /// `CN`: the holder's name.
    pub name: Option<String>,
    /// The digits of `SERIALNUMBER=IIN…`.
    pub iin: Option<String>,
    /// The digits of `OU=BIN…` or of `organizationIdentifier`: a legal entity's certificate.
    pub bin: Option<String>,
}

impl Subject {
    pub fn of(cert: &Certificate) -> Subject {
        let mut subject = Subject::default();
        for rdn in &cert.tbs_certificate.subject.0 {
            for atv in rdn.0.iter() {
                let Some(value) = text(&atv.value) else {
                    continue;
                };
                if atv.oid == oid::COMMON_NAME {
                    subject.name = Some(value);
                } else if atv.oid == oid::SERIAL_NUMBER {
                    subject.iin = subject.iin.or_else(|| digits_after(&value, "IIN"));
                } else if atv.oid == oid::ORGANIZATIONAL_UNIT
                    || atv.oid == oid::ORGANIZATION_IDENTIFIER
                {
                    subject.bin = subject.bin.or_else(|| digits_after(&value, "BIN"));
                }
            }
        }
        subject
    }
}

/// `IIN850315400015` → `850315400015`: the prefix (optional for an organizationIdentifier
/// written without it) and exactly 12 digits.
fn digits_after(value: &str, prefix: &str) -> Option<String> {
    let value = value.trim();
    let digits = value
        .strip_prefix(prefix)
        .or_else(|| value.strip_prefix(&prefix.to_ascii_lowercase()))
        .unwrap_or(value);
    (digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

/// The text of a directory string, whichever string type the CA chose.
fn text(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            String::from_utf8(bytes.to_vec()).ok()
        }
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_digits() {
        assert_eq!(
            digits_after("IIN850315400015", "IIN").as_deref(),
            Some("850315400015")
        );
        assert_eq!(
            digits_after("050940001234", "BIN").as_deref(),
            Some("050940001234")
        );
        assert_eq!(digits_after("IIN85031540001", "IIN"), None);
        assert_eq!(digits_after("IINx50315400015", "IIN"), None);
    }

    #[test]
    fn base64_in_every_alphabet() {
        for text in ["+/8=", "+/8", "-_8=", "-_8", " +/\n8= "] {
            assert_eq!(decode_base64(text), Some(vec![0xfb, 0xff]), "{text}");
        }
        assert_eq!(decode_base64("!!"), None);
    }

    #[test]
    fn garbage_is_no_certificate() {
        assert!(parse("").is_none());
        assert!(parse("bm90IGEgY2VydA==").is_none());
        assert!(parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").is_none());
        assert!(parse(&"A".repeat(MAX_TEXT + 1)).is_none());
        assert_eq!(parse_bundle("  ").unwrap().len(), 0);
        assert!(parse_bundle("junk").is_err());
    }
}
