//! The dev CA: what the national CA is to a deployment, for the local runner, its tests and
//! demos. An ECDSA P-256 root kept as two PEM files in a directory (created on first use),
//! issuing leaf certificates shaped like the national CA's (`CN`, `SERIALNUMBER=IIN…`,
//! `C=KZ`, `OU=BIN…` for a legal entity) with an ECDSA P-256 or RSA key, and their PKCS#12
//! files.

mod p12;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use der::asn1::{Any, BitString, GeneralizedTime, OctetString, SetOfVec, UtcTime};
use der::pem::LineEnding;
use der::{Decode, DecodePem, Encode, Tag};
use domain::Iin;
use p256::ecdsa::signature::{RandomizedSigner as _, Signer as _};
use p256::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rand_core::{OsRng, RngCore};
use sha2::Sha256;
use x509_cert::Certificate;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::certificate::{TbsCertificate, Version};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};
use zeroize::Zeroizing;

use crate::TrustAnchors;
use crate::keystore::{KeyAlgorithm, KeyBundle};
use crate::oid;

pub use p12::write_p12;

const KEY_FILE: &str = "ca-key.pem";
const CERT_FILE: &str = "ca-cert.pem";
const RSA_BITS: usize = 2048;

/// A certifying centre that issues certificates and their key files.
pub struct DevCa {
    key: p256::ecdsa::SigningKey,
    cert: Certificate,
}

/// What a leaf certificate's key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Usage {
    /// Digital signature and non-repudiation, as the national CA's signing certificates.
    Signing,
    /// Key encipherment only (an encryption certificate: not for signing).
    Encipherment,
}

/// The leaf certificate to issue.
#[derive(Clone, Debug)]
pub struct LeafSpec {
    pub iin: Iin,
    /// A legal entity's certificate names its BIN.
    pub bin: Option<String>,
    pub name: String,
    pub algorithm: KeyAlgorithm,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub usage: Usage,
}

impl LeafSpec {
    /// An ECDSA P-256 signing certificate of a person, valid from a day before `around` to a
    /// year after it.
    pub fn new(iin: Iin, name: impl Into<String>, around: DateTime<Utc>) -> LeafSpec {
        LeafSpec {
            iin,
            bin: None,
            name: name.into(),
            algorithm: KeyAlgorithm::EcdsaP256,
            not_before: around - chrono::Duration::days(1),
            not_after: around + chrono::Duration::days(365),
            usage: Usage::Signing,
        }
    }
}

impl DevCa {
    /// A new CA in memory, named `name` (tests use one as a "self-made" CA nobody trusts).
    pub fn generate(name: &str) -> Result<DevCa, String> {
        let key = p256::ecdsa::SigningKey::random(&mut OsRng);
        let subject = name_of(&[
            (oid::COMMON_NAME, Tag::Utf8String, name),
            (oid::ORGANIZATION, Tag::Utf8String, "Qabyldau"),
            (oid::COUNTRY, Tag::PrintableString, "KZ"),
        ])?;
        let spki = spki_of(
            &key.verifying_key()
                .to_public_key_der()
                .map_err(e)?
                .into_vec(),
        )?;
        // Wide validity: the dev clock may stand years away from the real one.
        let from = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2060, 1, 1, 0, 0, 0).unwrap();
        let extensions = vec![
            extension(
                oid::BASIC_CONSTRAINTS,
                &BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                },
            )?,
            extension(
                oid::KEY_USAGE,
                &KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign),
            )?,
        ];
        let cert = sign_tbs(&key, subject.clone(), subject, spki, (from, to), extensions)?;
        Ok(DevCa { key, cert })
    }

    /// The CA kept in `dir` (`ca-key.pem`, `ca-cert.pem`), created there on first use.
    pub fn load_or_create(dir: &Path) -> Result<DevCa, String> {
        if dir.join(KEY_FILE).exists() {
            return DevCa::load(dir);
        }
        let ca = DevCa::generate("Qabyldau Dev CA")?;
        std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        let key_pem = ca.key.to_pkcs8_pem(LineEnding::LF).map_err(e)?;
        write_new(
            &dir.join(CERT_FILE),
            crate::cert::to_pem(&ca.cert).as_bytes(),
        )?;
        write_new(&dir.join(KEY_FILE), key_pem.as_bytes())?;
        Ok(ca)
    }

    /// The CA kept in `dir`.
    pub fn load(dir: &Path) -> Result<DevCa, String> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|err| format!("{}: {err}", path.display()))
        };
        let key = p256::ecdsa::SigningKey::from_pkcs8_pem(&read(KEY_FILE)?).map_err(e)?;
        let cert = Certificate::from_pem(read(CERT_FILE)?.as_bytes()).map_err(e)?;
        Ok(DevCa { key, cert })
    }

    pub fn certificate(&self) -> &Certificate {
        &self.cert
    }

    /// The anchors that trust this CA alone.
    pub fn anchors(&self) -> TrustAnchors {
        TrustAnchors::new(vec![self.cert.clone()])
    }

    /// A new key and its certificate; the chain is the certificate and this CA's.
    pub fn issue(&self, spec: &LeafSpec) -> Result<KeyBundle, String> {
        let (private_key, spki) = match spec.algorithm {
            KeyAlgorithm::EcdsaP256 => {
                let key = p256::ecdsa::SigningKey::random(&mut OsRng);
                let public = key.verifying_key().to_public_key_der().map_err(e)?;
                (key.to_pkcs8_der().map_err(e)?, public)
            }
            KeyAlgorithm::Rsa => {
                let key = rsa::RsaPrivateKey::new(&mut OsRng, RSA_BITS).map_err(e)?;
                let public = key.to_public_key().to_public_key_der().map_err(e)?;
                (key.to_pkcs8_der().map_err(e)?, public)
            }
        };
        let iin = format!("IIN{}", spec.iin.as_str());
        let mut attrs = vec![
            (oid::COMMON_NAME, Tag::Utf8String, spec.name.as_str()),
            (oid::SERIAL_NUMBER, Tag::PrintableString, iin.as_str()),
            (oid::COUNTRY, Tag::PrintableString, "KZ"),
        ];
        let bin = spec.bin.as_ref().map(|b| format!("BIN{b}"));
        if let Some(bin) = &bin {
            attrs.push((oid::ORGANIZATIONAL_UNIT, Tag::PrintableString, bin.as_str()));
        }
        let usage = match spec.usage {
            Usage::Signing => KeyUsages::DigitalSignature | KeyUsages::NonRepudiation,
            Usage::Encipherment => KeyUsages::KeyEncipherment.into(),
        };
        let extensions = vec![
            extension(
                oid::BASIC_CONSTRAINTS,
                &BasicConstraints {
                    ca: false,
                    path_len_constraint: None,
                },
            )?,
            extension(oid::KEY_USAGE, &KeyUsage(usage))?,
        ];
        let cert = sign_tbs(
            &self.key,
            self.cert.tbs_certificate.subject.clone(),
            name_of(&attrs)?,
            spki_of(spki.as_bytes())?,
            (spec.not_before, spec.not_after),
            extensions,
        )?;
        Ok(KeyBundle {
            algorithm: spec.algorithm,
            private_key: Zeroizing::new(private_key.as_bytes().to_vec()),
            certificates: vec![cert, self.cert.clone()],
        })
    }
}

/// Signs `payload` with the bundle's key (SHA-256): DER for ECDSA, PKCS#1 v1.5 for RSA — what
/// `openssl dgst -sha256 -sign` gives.
pub fn sign(key: &KeyBundle, payload: &[u8]) -> Result<Vec<u8>, String> {
    match key.algorithm {
        KeyAlgorithm::EcdsaP256 => {
            let key = p256::ecdsa::SigningKey::from_pkcs8_der(&key.private_key).map_err(e)?;
            let sig: p256::ecdsa::Signature = key.sign(payload);
            Ok(sig.to_der().as_bytes().to_vec())
        }
        KeyAlgorithm::Rsa => {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(&key.private_key).map_err(e)?;
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key);
            let sig = signer.sign_with_rng(&mut OsRng, payload);
            Ok(rsa::signature::SignatureEncoding::to_vec(&sig))
        }
    }
}

/// The bundle's private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
pub fn private_key_pem(key: &KeyBundle) -> String {
    der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &key.private_key).unwrap_or_default()
}

/// A password for a key file: 20 letters and digits.
pub fn random_password() -> String {
    const ABC: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ABC[usize::from(*b) % ABC.len()]))
        .collect()
}

fn e(err: impl std::fmt::Display) -> String {
    err.to_string()
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).map_err(|err| format!("{}: {err}", tmp.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600));
    }
    std::fs::rename(&tmp, path).map_err(|err| format!("{}: {err}", path.display()))
}

fn name_of(attrs: &[(der::asn1::ObjectIdentifier, Tag, &str)]) -> Result<Name, String> {
    let mut rdns = Vec::new();
    for (oid, tag, value) in attrs {
        let atv = AttributeTypeAndValue {
            oid: *oid,
            value: Any::new(*tag, value.as_bytes()).map_err(e)?,
        };
        rdns.push(RelativeDistinguishedName(
            SetOfVec::try_from(vec![atv]).map_err(e)?,
        ));
    }
    Ok(RdnSequence(rdns))
}

fn spki_of(der: &[u8]) -> Result<SubjectPublicKeyInfoOwned, String> {
    SubjectPublicKeyInfoOwned::from_der(der).map_err(e)
}

fn extension<T: Encode>(id: der::asn1::ObjectIdentifier, value: &T) -> Result<Extension, String> {
    Ok(Extension {
        extn_id: id,
        critical: true,
        extn_value: OctetString::new(value.to_der().map_err(e)?).map_err(e)?,
    })
}

fn time(at: DateTime<Utc>) -> Result<Time, String> {
    let since = Duration::from_secs(u64::try_from(at.timestamp()).map_err(e)?);
    // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
    Ok(if at.year() < 2050 {
        Time::UtcTime(UtcTime::from_unix_duration(since).map_err(e)?)
    } else {
        Time::GeneralTime(GeneralizedTime::from_unix_duration(since).map_err(e)?)
    })
}

fn sign_tbs(
    issuer_key: &p256::ecdsa::SigningKey,
    issuer: Name,
    subject: Name,
    spki: SubjectPublicKeyInfoOwned,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    extensions: Vec<Extension>,
) -> Result<Certificate, String> {
    let mut serial = [0u8; 16];
    OsRng.fill_bytes(&mut serial);
    serial[0] &= 0x7f; // positive, and 16 bytes exactly
    serial[0] |= 0x01;
    let algorithm = AlgorithmIdentifierOwned {
        oid: oid::ECDSA_WITH_SHA256,
        parameters: None,
    };
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: SerialNumber::new(&serial).map_err(e)?,
        signature: algorithm.clone(),
        issuer,
        validity: Validity {
            not_before: time(from)?,
            not_after: time(to)?,
        },
        subject,
        subject_public_key_info: spki,
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    };
    let signature: p256::ecdsa::DerSignature = issuer_key.sign(&tbs.to_der().map_err(e)?);
    Ok(Certificate {
        tbs_certificate: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(signature.as_bytes()).map_err(e)?,
    })
}
