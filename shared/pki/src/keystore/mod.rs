//! A key file opened with its password: PKCS#12 (`.p12`, `.pfx`; RFC 7292) with PBES2
//! encryption, as OpenSSL 3 writes it and the dev CA issues it, or PEM (a private key, plain
//! or encrypted, and the certificates). What comes out is the PKCS#8 private key and the
//! chain, leaf first: enough to sign (WebCrypto imports PKCS#8) and to send the chain.

mod pkcs12;

use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use x509_cert::Certificate;
use zeroize::Zeroizing;

use crate::oid;

pub use pkcs12::read_p12;
#[cfg(feature = "issue")]
pub(crate) use pkcs12::{
    CertBag, ContentInfo, DigestInfo, EncryptedContentInfo, EncryptedData, MacData, Pfx, SafeBag,
    mac_sha256,
};

/// Why a key file could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The password does not open it.
    WrongPassword,
    /// Neither PKCS#12 nor PEM, or damaged.
    Unreadable,
    /// No private key in it.
    NoKey,
    /// No certificate in it.
    NoCertificate,
    /// Encrypted with a scheme this reader lacks (the legacy PKCS#12 ones: RC2, 3DES), or a key
    /// other than RSA and ECDSA P-256 (GOST).
    Unsupported,
}

/// The key's algorithm, as WebCrypto and the server name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    EcdsaP256,
    Rsa,
}

/// A private key and its certificate chain.
#[derive(Clone)]
pub struct KeyBundle {
    pub algorithm: KeyAlgorithm,
    /// PKCS#8 `PrivateKeyInfo`, DER.
    pub private_key: Zeroizing<Vec<u8>>,
    /// The key's certificate first, then its issuers as far as the file has them.
    pub certificates: Vec<Certificate>,
}

impl std::fmt::Debug for KeyBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyBundle")
            .field("algorithm", &self.algorithm)
            .field("certificates", &self.certificates.len())
            .finish_non_exhaustive()
    }
}

// ------------------------------------------------------------------------------- reading

/// Opens PEM text: a private key (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY` with the password,
/// `EC PRIVATE KEY`, `RSA PRIVATE KEY`) and certificates, in any order.
pub fn read_pem(text: &str, password: &str) -> Result<KeyBundle, KeyError> {
    let mut key = None;
    let mut certs = Vec::new();
    for (label, der) in pem_blocks(text)? {
        match label.as_str() {
            "CERTIFICATE" => {
                certs.push(Certificate::from_der(&der).map_err(|_| KeyError::Unreadable)?)
            }
            "PRIVATE KEY" => key = Some(Zeroizing::new(der)),
            "ENCRYPTED PRIVATE KEY" => key = Some(decrypt_private_key(&der, password)?),
            "EC PRIVATE KEY" => key = Some(wrap_sec1(&der)?),
            "RSA PRIVATE KEY" => key = Some(wrap(oid::RSA_ENCRYPTION, Some(Any::null()), &der)?),
            _ => {}
        }
    }
    let key = key.ok_or(KeyError::NoKey)?;
    let leaf = first_end_entity(certs.iter());
    bundle(key, certs, leaf)
}

fn bundle(
    private_key: Zeroizing<Vec<u8>>,
    certs: Vec<Certificate>,
    leaf: Option<usize>,
) -> Result<KeyBundle, KeyError> {
    let algorithm = key_algorithm(&private_key)?;
    let leaf = leaf.ok_or(KeyError::NoCertificate)?;
    Ok(KeyBundle {
        algorithm,
        private_key,
        certificates: chain_from(certs, leaf),
    })
}

/// The leaf, then each issuer found among the others.
fn chain_from(mut certs: Vec<Certificate>, leaf: usize) -> Vec<Certificate> {
    let mut chain = vec![certs.remove(leaf)];
    loop {
        let last = &chain[chain.len() - 1].tbs_certificate;
        if last.issuer == last.subject {
            return chain;
        }
        match certs
            .iter()
            .position(|c| c.tbs_certificate.subject == last.issuer)
        {
            Some(i) => chain.push(certs.remove(i)),
            None => return chain,
        }
    }
}

/// The first certificate that is not a CA's (falling back to the first).
fn first_end_entity<'a>(certs: impl Iterator<Item = &'a Certificate> + Clone) -> Option<usize> {
    let is_ca = |c: &Certificate| {
        c.tbs_certificate.extensions.iter().flatten().any(|e| {
            e.extn_id == oid::BASIC_CONSTRAINTS
                && x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes())
                    .is_ok_and(|bc| bc.ca)
        })
    };
    certs
        .clone()
        .position(|c| !is_ca(c))
        .or_else(|| certs.count().checked_sub(1).map(|_| 0))
}

/// PBES2 (PBKDF2 with HMAC-SHA-1/SHA-2, AES-CBC). A wrong password shows as bad padding, or as
/// a plaintext that is no DER.
fn decrypt(algorithm: &[u8], password: &str, ciphertext: &[u8]) -> Result<Vec<u8>, KeyError> {
    let scheme = pkcs5::EncryptionScheme::from_der(algorithm).map_err(|_| KeyError::Unsupported)?;
    if !matches!(scheme, pkcs5::EncryptionScheme::Pbes2(_)) {
        return Err(KeyError::Unsupported);
    }
    scheme
        .decrypt(password, ciphertext)
        .map_err(|_| KeyError::WrongPassword)
}

fn decrypt_private_key(der: &[u8], password: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let info = pkcs8::EncryptedPrivateKeyInfo::from_der(der).map_err(|_| KeyError::Unreadable)?;
    let algorithm = info
        .encryption_algorithm
        .to_der()
        .map_err(|_| KeyError::Unreadable)?;
    let plain = Zeroizing::new(decrypt(&algorithm, password, info.encrypted_data)?);
    pkcs8::PrivateKeyInfo::from_der(&plain).map_err(|_| KeyError::WrongPassword)?;
    Ok(plain)
}

fn key_algorithm(pkcs8_der: &[u8]) -> Result<KeyAlgorithm, KeyError> {
    let info = pkcs8::PrivateKeyInfo::from_der(pkcs8_der).map_err(|_| KeyError::Unreadable)?;
    match info.algorithm.oid {
        oid::RSA_ENCRYPTION => Ok(KeyAlgorithm::Rsa),
        oid::EC_PUBLIC_KEY if info.algorithm.parameters_oid().ok() == Some(oid::P256) => {
            Ok(KeyAlgorithm::EcdsaP256)
        }
        _ => Err(KeyError::Unsupported),
    }
}

/// A bare key (PKCS#1 RSA, SEC1 EC) as PKCS#8, the form WebCrypto imports.
fn wrap(
    algorithm: ObjectIdentifier,
    parameters: Option<Any>,
    key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    #[derive(Sequence)]
    struct PrivateKeyInfo {
        version: u8,
        algorithm: x509_cert::spki::AlgorithmIdentifierOwned,
        private_key: OctetString,
    }
    let info = PrivateKeyInfo {
        version: 0,
        algorithm: x509_cert::spki::AlgorithmIdentifierOwned {
            oid: algorithm,
            parameters,
        },
        private_key: OctetString::new(key).map_err(|_| KeyError::Unreadable)?,
    };
    info.to_der()
        .map(Zeroizing::new)
        .map_err(|_| KeyError::Unreadable)
}

/// SEC1 names its curve inside (`[0] namedCurve`); only P-256 is taken.
fn wrap_sec1(der: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    #[derive(Sequence)]
    struct EcPrivateKey {
        version: u8,
        private_key: OctetString,
        #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
        curve: Option<ObjectIdentifier>,
        #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
        public_key: Option<der::asn1::BitString>,
    }
    let key = EcPrivateKey::from_der(der).map_err(|_| KeyError::Unreadable)?;
    if key.curve.is_some_and(|c| c != oid::P256) {
        return Err(KeyError::Unsupported);
    }
    let curve = Any::encode_from(&oid::P256).map_err(|_| KeyError::Unreadable)?;
    wrap(oid::EC_PUBLIC_KEY, Some(curve), der)
}

/// `-----BEGIN X-----` … `-----END X-----` blocks: (label, DER).
fn pem_blocks(text: &str) -> Result<Vec<(String, Vec<u8>)>, KeyError> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let label_end = after.find("-----").ok_or(KeyError::Unreadable)?;
        let label = after[..label_end].to_string();
        let body_start = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let body_end = body_start.find(&end_marker).ok_or(KeyError::Unreadable)?;
        // Headers of legacy encrypted PEM (`Proc-Type:`) are not base64: such keys are
        // unsupported (openssl pkcs8 -topk8 converts them).
        let body = &body_start[..body_end];
        if body.contains(':') {
            return Err(KeyError::Unsupported);
        }
        let der = crate::cert::decode_base64(body).ok_or(KeyError::Unreadable)?;
        out.push((label, der));
        rest = &body_start[body_end + end_marker.len()..];
    }
    if out.is_empty() {
        return Err(KeyError::Unreadable);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_unreadable() {
        assert_eq!(read_p12(b"junk", "x").unwrap_err(), KeyError::Unreadable);
        assert_eq!(read_pem("junk", "x").unwrap_err(), KeyError::Unreadable);
        let only_cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(read_pem(only_cert, "").unwrap_err(), KeyError::Unreadable);
    }
}
