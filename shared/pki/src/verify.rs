//! The server's check of a signature: the chain up to a trust anchor, the validity at signing
//! time, the key usage, the subject, then the signature over the payload. Each failure is its
//! own [`CertificateError`], in that order.

use std::fmt;

use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use domain::{ErrorCode, Iin};
use p256::ecdsa::signature::Verifier as _;
use p256::pkcs8::DecodePublicKey as _;
use rsa::pkcs1v15;
use sha2::{Sha256, Sha384, Sha512};
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use crate::cert::{Subject, serial_hex};
use crate::oid;

/// The most certificates a chain may have (leaf and intermediates).
pub const MAX_CHAIN: usize = 5;
/// RSA keys shorter than this sign nothing here.
const MIN_RSA_BITS: usize = 2048;

/// The certificates whose issues are trusted: the national CA's roots when deployed, the dev
/// CA locally.
#[derive(Clone, Debug, Default)]
pub struct TrustAnchors {
    certs: Vec<Certificate>,
}

impl TrustAnchors {
    pub fn new(certs: Vec<Certificate>) -> TrustAnchors {
        TrustAnchors { certs }
    }

    /// The anchors of a PEM bundle (none for an empty text).
    pub fn from_pem_bundle(text: &str) -> Result<TrustAnchors, String> {
        crate::cert::parse_bundle(text).map(TrustAnchors::new)
    }

    pub fn certificates(&self) -> &[Certificate] {
        &self.certs
    }

    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    /// These anchors and `other`'s.
    pub fn with(mut self, other: TrustAnchors) -> TrustAnchors {
        self.certs.extend(other.certs);
        self
    }
}

/// Why a signature is refused; each maps onto one error code of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificateError {
    /// The chain does not lead to a trust anchor.
    Untrusted,
    /// A certificate of the chain was not valid at signing time.
    Expired,
    /// The leaf's key usage allows no signing, or its key is of a kind not accepted here.
    NotForSigning,
    /// The leaf names another person (IIN), another organisation (BIN), no organisation where
    /// one signs, or an organisation where a person signs for themself.
    SubjectMismatch,
    /// The signature is not the leaf key's signature of the payload.
    SignatureInvalid,
}

impl CertificateError {
    pub fn code(self) -> ErrorCode {
        match self {
            CertificateError::Untrusted => ErrorCode::CertificateUntrusted,
            CertificateError::Expired => ErrorCode::CertificateExpired,
            CertificateError::NotForSigning => ErrorCode::CertificateNotForSigning,
            CertificateError::SubjectMismatch => ErrorCode::CertificateSubjectMismatch,
            CertificateError::SignatureInvalid => ErrorCode::SignatureInvalid,
        }
    }

    /// The request field the refusal is about.
    pub fn field(self) -> &'static str {
        match self {
            CertificateError::SignatureInvalid => "signature",
            _ => "certificates",
        }
    }
}

impl fmt::Display for CertificateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code().as_str())
    }
}

impl std::error::Error for CertificateError {}

/// The signature algorithm, named as the stored record names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    EcdsaSha256,
    RsaSha256,
}

impl Algorithm {
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::EcdsaSha256 => "ECDSA-SHA256",
            Algorithm::RsaSha256 => "RSA-SHA256",
        }
    }

    pub fn parse(s: &str) -> Option<Algorithm> {
        [Algorithm::EcdsaSha256, Algorithm::RsaSha256]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// Who the certificate says is signing.
#[derive(Clone, Copy, Debug)]
pub struct Expected<'a> {
    pub iin: &'a Iin,
    /// `Some(bin)`: the organisation's BIN, the certificate must be its legal entity's.
    /// `None`: a person signs for themself, with a personal certificate; one that carries a BIN
    /// signs for an organisation and is refused.
    pub bin: Option<&'a str>,
}

/// A signature that passed every check.
#[derive(Clone, Debug)]
pub struct Signed {
    pub iin: Iin,
    /// The leaf's `CN`.
    pub name: String,
    /// The organisation's BIN; `None` for a personal certificate.
    pub bin: Option<String>,
    /// The leaf's serial number, upper-case hex.
    pub serial: String,
    pub algorithm: Algorithm,
    /// As stored: DER for ECDSA (what `openssl dgst -verify` reads), the PKCS#1 v1.5 bytes for
    /// RSA.
    pub signature: Vec<u8>,
}

/// Checks `signature` of `payload` by the leaf of `chain` (leaf first, then intermediates) at
/// the instant `at`, for the signer `expected`.
pub fn verify(
    anchors: &TrustAnchors,
    chain: &[Certificate],
    payload: &[u8],
    signature: &[u8],
    at: DateTime<Utc>,
    expected: Expected,
) -> Result<Signed, CertificateError> {
    let leaf = chain.first().ok_or(CertificateError::Untrusted)?;
    if chain.len() > MAX_CHAIN {
        return Err(CertificateError::Untrusted);
    }
    let path = path_to_anchor(anchors, chain)?;
    let at = at.timestamp();
    if !path.iter().all(|c| valid_at(c, at)) {
        return Err(CertificateError::Expired);
    }
    let key = PublicKey::of(leaf).ok_or(CertificateError::NotForSigning)?;
    if !for_signing(leaf) || !key.strong_enough() {
        return Err(CertificateError::NotForSigning);
    }
    let subject = Subject::of(leaf);
    let iin = subject
        .iin
        .as_deref()
        .filter(|iin| *iin == expected.iin.as_str())
        .ok_or(CertificateError::SubjectMismatch)?;
    let bin = match (subject.bin, expected.bin) {
        (Some(bin), Some(wanted)) if bin == wanted => Some(bin),
        (None, None) => None,
        _ => return Err(CertificateError::SubjectMismatch),
    };
    let (algorithm, signature) = key
        .verify_payload(payload, signature)
        .ok_or(CertificateError::SignatureInvalid)?;
    Ok(Signed {
        iin: Iin::parse(iin).map_err(|_| CertificateError::SubjectMismatch)?,
        name: subject.name.unwrap_or_default(),
        bin,
        serial: serial_hex(leaf),
        algorithm,
        signature,
    })
}

/// The leaf, the intermediates it needs and the anchor that issued the last of them.
fn path_to_anchor<'a>(
    anchors: &'a TrustAnchors,
    chain: &'a [Certificate],
) -> Result<Vec<&'a Certificate>, CertificateError> {
    let mut path = vec![&chain[0]];
    let mut current = &chain[0];
    for _ in 0..=MAX_CHAIN {
        let issuer_name = &current.tbs_certificate.issuer;
        if let Some(anchor) = anchors
            .certs
            .iter()
            .find(|a| &a.tbs_certificate.subject == issuer_name && issued_by(current, a))
        {
            path.push(anchor);
            return Ok(path);
        }
        let next = chain[1..].iter().find(|c| {
            &c.tbs_certificate.subject == issuer_name
                && is_ca(c)
                && !path.iter().any(|p| std::ptr::eq(*p, *c))
                && issued_by(current, c)
        });
        match next {
            Some(c) => {
                path.push(c);
                current = c;
            }
            None => return Err(CertificateError::Untrusted),
        }
    }
    Err(CertificateError::Untrusted)
}

fn extension(cert: &Certificate, id: der::asn1::ObjectIdentifier) -> Option<&[u8]> {
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == id)
        .map(|e| e.extn_value.as_bytes())
}

fn is_ca(cert: &Certificate) -> bool {
    extension(cert, oid::BASIC_CONSTRAINTS)
        .and_then(|v| BasicConstraints::from_der(v).ok())
        .is_some_and(|bc| bc.ca)
}

/// Digital signature or non-repudiation. A certificate that does not say is not taken for a
/// signing certificate: the national CA always says.
fn for_signing(cert: &Certificate) -> bool {
    extension(cert, oid::KEY_USAGE)
        .and_then(|v| KeyUsage::from_der(v).ok())
        .is_some_and(|ku| ku.digital_signature() || ku.non_repudiation())
}

fn valid_at(cert: &Certificate, at: i64) -> bool {
    let v = &cert.tbs_certificate.validity;
    let secs = |t: x509_cert::time::Time| i64::try_from(t.to_unix_duration().as_secs()).ok();
    matches!((secs(v.not_before), secs(v.not_after)), (Some(from), Some(to)) if from <= at && at <= to)
}

/// Whether `issuer`'s key signed `cert`.
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let Some(key) = PublicKey::of(issuer) else {
        return false;
    };
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    let Some(signature) = cert.signature.as_bytes() else {
        return false;
    };
    key.verify_certificate(&cert.signature_algorithm.oid, &tbs, signature)
}

/// A public key of a kind this crate verifies.
enum PublicKey {
    P256(p256::ecdsa::VerifyingKey),
    Rsa(rsa::RsaPublicKey),
}

impl PublicKey {
    fn of(cert: &Certificate) -> Option<PublicKey> {
        let spki = &cert.tbs_certificate.subject_public_key_info;
        let der = spki.to_der().ok()?;
        match spki.algorithm.oid {
            oid::EC_PUBLIC_KEY => p256::ecdsa::VerifyingKey::from_public_key_der(&der)
                .ok()
                .map(PublicKey::P256),
            oid::RSA_ENCRYPTION => rsa::RsaPublicKey::from_public_key_der(&der)
                .ok()
                .map(PublicKey::Rsa),
            _ => None,
        }
    }

    fn strong_enough(&self) -> bool {
        match self {
            PublicKey::P256(_) => true,
            PublicKey::Rsa(key) => rsa::traits::PublicKeyParts::size(key) * 8 >= MIN_RSA_BITS,
        }
    }

    fn verify_certificate(
        &self,
        algorithm: &der::asn1::ObjectIdentifier,
        tbs: &[u8],
        signature: &[u8],
    ) -> bool {
        match (self, *algorithm) {
            (PublicKey::P256(key), oid::ECDSA_WITH_SHA256) => {
                p256::ecdsa::DerSignature::from_bytes(signature)
                    .is_ok_and(|sig| key.verify(tbs, &sig).is_ok())
            }
            (PublicKey::Rsa(key), oid::SHA256_WITH_RSA) => {
                rsa_verify::<Sha256>(key, tbs, signature)
            }
            (PublicKey::Rsa(key), oid::SHA384_WITH_RSA) => {
                rsa_verify::<Sha384>(key, tbs, signature)
            }
            (PublicKey::Rsa(key), oid::SHA512_WITH_RSA) => {
                rsa_verify::<Sha512>(key, tbs, signature)
            }
            _ => false,
        }
    }

    /// The payload's signature with SHA-256, and the signature as stored. ECDSA comes as the
    /// 64-byte `r‖s` (WebCrypto, JWS) or as DER (OpenSSL); it is stored as DER.
    fn verify_payload(&self, payload: &[u8], signature: &[u8]) -> Option<(Algorithm, Vec<u8>)> {
        match self {
            PublicKey::P256(key) => {
                let sig = if signature.len() == 64 {
                    p256::ecdsa::Signature::from_slice(signature).ok()?
                } else {
                    p256::ecdsa::Signature::from_der(signature).ok()?
                };
                key.verify(payload, &sig).ok()?;
                Some((Algorithm::EcdsaSha256, sig.to_der().as_bytes().to_vec()))
            }
            PublicKey::Rsa(key) => rsa_verify::<Sha256>(key, payload, signature)
                .then(|| (Algorithm::RsaSha256, signature.to_vec())),
        }
    }
}

fn rsa_verify<D>(key: &rsa::RsaPublicKey, message: &[u8], signature: &[u8]) -> bool
where
    D: sha2::Digest + der::oid::AssociatedOid,
{
    let Ok(sig) = pkcs1v15::Signature::try_from(signature) else {
        return false;
    };
    pkcs1v15::VerifyingKey::<D>::new(key.clone())
        .verify(message, &sig)
        .is_ok()
}
