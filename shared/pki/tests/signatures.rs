//! Every refusal of `pki::verify`, both algorithms, and key files both ways.

use chrono::{DateTime, Duration, Utc};
use domain::Iin;
use pki::dev::{DevCa, LeafSpec, Usage, sign};
use pki::keystore::{KeyAlgorithm, KeyBundle};
use pki::{CertificateError, Expected, TrustAnchors, verify};

const IIN: &str = "850315400015";
const OTHER_IIN: &str = "880808300004";
const BIN: &str = "050940001234";
const PAYLOAD: &[u8] = b"format=qabyldau.decision.v1\ndecision=accept\n";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-02T10:00:00+05:00")
        .unwrap()
        .to_utc()
}

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

fn spec(algorithm: KeyAlgorithm) -> LeafSpec {
    let mut spec = LeafSpec::new(iin(IIN), "АХМЕТОВА ГУЛЬНАР", now());
    spec.bin = Some(BIN.into());
    spec.algorithm = algorithm;
    spec
}

fn check(
    anchors: &TrustAnchors,
    key: &KeyBundle,
    payload: &[u8],
    signature: &[u8],
    (who, bin): (&str, &str),
) -> Result<pki::Signed, CertificateError> {
    let bin = Some(bin).filter(|b| !b.is_empty());
    let who = iin(who);
    let expected = Expected { iin: &who, bin };
    verify(
        anchors,
        &key.certificates,
        payload,
        signature,
        now(),
        expected,
    )
}

#[test]
fn both_algorithms_verify() {
    let ca = DevCa::generate("Test CA").unwrap();
    for algorithm in [KeyAlgorithm::EcdsaP256, KeyAlgorithm::Rsa] {
        let key = ca.issue(&spec(algorithm)).unwrap();
        let signature = sign(&key, PAYLOAD).unwrap();
        let signed = check(&ca.anchors(), &key, PAYLOAD, &signature, (IIN, BIN)).unwrap();
        assert_eq!(signed.iin.as_str(), IIN);
        assert_eq!(signed.bin.as_deref(), Some(BIN));
        assert_eq!(signed.name, "АХМЕТОВА ГУЛЬНАР");
        assert_eq!(signed.serial.len(), 32, "{}", signed.serial);
        assert_eq!(
            signed.signature, signature,
            "stored as signed (DER / PKCS#1)"
        );
        let expected = match algorithm {
            KeyAlgorithm::EcdsaP256 => "ECDSA-SHA256",
            KeyAlgorithm::Rsa => "RSA-SHA256",
        };
        assert_eq!(signed.algorithm.as_str(), expected);
        // The leaf alone (without the CA's certificate) chains too.
        let leaf_only = KeyBundle {
            certificates: key.certificates[..1].to_vec(),
            ..key.clone()
        };
        assert!(check(&ca.anchors(), &leaf_only, PAYLOAD, &signature, (IIN, BIN)).is_ok());
    }
}

#[test]
fn raw_ecdsa_is_stored_as_der() {
    let ca = DevCa::generate("Test CA").unwrap();
    let key = ca.issue(&spec(KeyAlgorithm::EcdsaP256)).unwrap();
    let der = sign(&key, PAYLOAD).unwrap();
    let raw = p256::ecdsa::Signature::from_der(&der).unwrap().to_bytes();
    let signed = check(&ca.anchors(), &key, PAYLOAD, &raw, (IIN, BIN)).unwrap();
    assert_eq!(signed.signature, der);
}

#[test]
fn a_self_made_ca_is_untrusted() {
    let trusted = DevCa::generate("Trusted CA").unwrap();
    let self_made = DevCa::generate("Trusted CA").unwrap(); // even under the same name
    let key = self_made.issue(&spec(KeyAlgorithm::EcdsaP256)).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    let refused = check(&trusted.anchors(), &key, PAYLOAD, &signature, (IIN, BIN));
    assert_eq!(refused.unwrap_err(), CertificateError::Untrusted);
    // No anchors at all: nothing is trusted.
    let refused = check(
        &TrustAnchors::default(),
        &key,
        PAYLOAD,
        &signature,
        (IIN, BIN),
    );
    assert_eq!(refused.unwrap_err(), CertificateError::Untrusted);
}

#[test]
fn validity_is_checked_at_signing_time() {
    let ca = DevCa::generate("Test CA").unwrap();
    let mut expired = spec(KeyAlgorithm::EcdsaP256);
    expired.not_before = now() - Duration::days(400);
    expired.not_after = now() - Duration::days(35);
    let mut early = spec(KeyAlgorithm::EcdsaP256);
    early.not_before = now() + Duration::days(1);
    for spec in [expired, early] {
        let key = ca.issue(&spec).unwrap();
        let signature = sign(&key, PAYLOAD).unwrap();
        let refused = check(&ca.anchors(), &key, PAYLOAD, &signature, (IIN, BIN));
        assert_eq!(refused.unwrap_err(), CertificateError::Expired);
    }
}

#[test]
fn an_encipherment_certificate_does_not_sign() {
    let ca = DevCa::generate("Test CA").unwrap();
    let mut spec = spec(KeyAlgorithm::Rsa);
    spec.usage = Usage::Encipherment;
    let key = ca.issue(&spec).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    let refused = check(&ca.anchors(), &key, PAYLOAD, &signature, (IIN, BIN));
    assert_eq!(refused.unwrap_err(), CertificateError::NotForSigning);
}

#[test]
fn the_subject_must_be_the_signer_of_the_organisation() {
    let ca = DevCa::generate("Test CA").unwrap();
    let key = ca.issue(&spec(KeyAlgorithm::EcdsaP256)).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    for who in [(OTHER_IIN, BIN), (IIN, "980140005678")] {
        let refused = check(&ca.anchors(), &key, PAYLOAD, &signature, who);
        assert_eq!(
            refused.unwrap_err(),
            CertificateError::SubjectMismatch,
            "{who:?}"
        );
    }
    // A person's certificate (no BIN) does not sign for an organisation.
    let mut personal = spec(KeyAlgorithm::EcdsaP256);
    personal.bin = None;
    let key = ca.issue(&personal).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    let refused = check(&ca.anchors(), &key, PAYLOAD, &signature, (IIN, BIN));
    assert_eq!(refused.unwrap_err(), CertificateError::SubjectMismatch);
}

/// `bin: None` (written `""` by `check`): a person signs for themself.
#[test]
fn a_person_signs_with_a_personal_certificate_only() {
    let ca = DevCa::generate("Test CA").unwrap();
    let mut personal = spec(KeyAlgorithm::EcdsaP256);
    personal.bin = None;
    let key = ca.issue(&personal).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    let signed = check(&ca.anchors(), &key, PAYLOAD, &signature, (IIN, "")).unwrap();
    assert_eq!(signed.iin.as_str(), IIN);
    assert_eq!(signed.bin, None);
    let refused = check(&ca.anchors(), &key, PAYLOAD, &signature, (OTHER_IIN, ""));
    assert_eq!(refused.unwrap_err(), CertificateError::SubjectMismatch);
    // A certificate of an organisation signs for it, not for the person alone.
    let key = ca.issue(&spec(KeyAlgorithm::EcdsaP256)).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    let refused = check(&ca.anchors(), &key, PAYLOAD, &signature, (IIN, ""));
    assert_eq!(refused.unwrap_err(), CertificateError::SubjectMismatch);
}

#[test]
fn a_tampered_payload_or_signature_is_invalid() {
    let ca = DevCa::generate("Test CA").unwrap();
    for algorithm in [KeyAlgorithm::EcdsaP256, KeyAlgorithm::Rsa] {
        let key = ca.issue(&spec(algorithm)).unwrap();
        let signature = sign(&key, PAYLOAD).unwrap();
        let other = sign(&ca.issue(&spec(algorithm)).unwrap(), PAYLOAD).unwrap();
        let tampered = [PAYLOAD, b"x"].concat();
        for (payload, sig) in [
            (&tampered[..], &signature[..]),
            (PAYLOAD, &other[..]),
            (PAYLOAD, b"not a signature"),
            (PAYLOAD, b""),
        ] {
            let refused = check(&ca.anchors(), &key, payload, sig, (IIN, BIN));
            assert_eq!(refused.unwrap_err(), CertificateError::SignatureInvalid);
        }
    }
}

#[test]
fn the_dev_ca_is_kept_in_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let created = DevCa::load_or_create(&dir.path().join("dev-ca")).unwrap();
    let loaded = DevCa::load_or_create(&dir.path().join("dev-ca")).unwrap();
    assert_eq!(created.certificate(), loaded.certificate());
    // What the first one issued, the loaded one's anchors trust.
    let key = created.issue(&spec(KeyAlgorithm::EcdsaP256)).unwrap();
    let signature = sign(&key, PAYLOAD).unwrap();
    assert!(check(&loaded.anchors(), &key, PAYLOAD, &signature, (IIN, BIN)).is_ok());
    let bundle = pki::cert::to_pem(created.certificate());
    assert_eq!(
        TrustAnchors::from_pem_bundle(&bundle)
            .unwrap()
            .certificates()
            .len(),
        1
    );
}
