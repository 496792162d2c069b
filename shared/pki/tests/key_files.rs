//! Key files: PKCS#12 written and read back, PEM, the password, and OpenSSL 3 reading ours
//! and writing what we read (skipped only when there is no `openssl`).

use std::path::Path;
use std::process::Command;

use chrono::Utc;
use domain::Iin;
use pki::dev::{DevCa, LeafSpec, private_key_pem, random_password, sign, write_p12};
use pki::keystore::{KeyAlgorithm, KeyBundle, KeyError, read_p12, read_pem};

fn issued(algorithm: KeyAlgorithm) -> (DevCa, KeyBundle) {
    let ca = DevCa::generate("Test CA").unwrap();
    let mut spec = LeafSpec::new(Iin::parse("850315400015").unwrap(), "Ахметова", Utc::now());
    spec.bin = Some("050940001234".into());
    spec.algorithm = algorithm;
    let key = ca.issue(&spec).unwrap();
    (ca, key)
}

fn same(a: &KeyBundle, b: &KeyBundle) {
    assert_eq!(a.algorithm, b.algorithm);
    assert_eq!(*a.private_key, *b.private_key);
    assert_eq!(a.certificates, b.certificates);
}

#[test]
fn p12_round_trip_and_wrong_password() {
    for algorithm in [KeyAlgorithm::EcdsaP256, KeyAlgorithm::Rsa] {
        let (_, key) = issued(algorithm);
        let password = random_password();
        assert_eq!(password.len(), 20);
        let p12 = write_p12(&key, &password, "Ахметова").unwrap();
        same(&read_p12(&p12, &password).unwrap(), &key);
        assert_eq!(
            read_p12(&p12, "wrong").unwrap_err(),
            KeyError::WrongPassword
        );
    }
}

#[test]
fn pem_round_trip() {
    let (_, key) = issued(KeyAlgorithm::EcdsaP256);
    // Certificates first, the CA's before the leaf: order does not matter.
    let text = format!(
        "{}{}{}",
        pki::cert::to_pem(&key.certificates[1]),
        private_key_pem(&key),
        pki::cert::to_pem(&key.certificates[0]),
    );
    same(&read_pem(&text, "").unwrap(), &key);
    let no_key = pki::cert::to_pem(&key.certificates[0]);
    assert_eq!(read_pem(&no_key, "").unwrap_err(), KeyError::NoKey);
    assert_eq!(
        read_pem(&private_key_pem(&key), "").unwrap_err(),
        KeyError::NoCertificate
    );
}

fn openssl() -> Option<&'static str> {
    let bin = "/usr/bin/openssl";
    if Path::new(bin).exists() {
        Some(bin)
    } else {
        eprintln!("no {bin}: skipped");
        None
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run openssl");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn openssl_reads_our_p12_and_verifies_our_signature() {
    let Some(openssl) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (algorithm, name) in [(KeyAlgorithm::EcdsaP256, "ec"), (KeyAlgorithm::Rsa, "rsa")] {
        let (_, key) = issued(algorithm);
        let password = random_password();
        let p12 = dir.path().join(format!("{name}.p12"));
        std::fs::write(&p12, write_p12(&key, &password, "Ахметова").unwrap()).unwrap();
        let pem = run(Command::new(openssl)
            .args(["pkcs12", "-in"])
            .arg(&p12)
            .args(["-passin", &format!("pass:{password}"), "-nodes"]));
        assert!(pem.contains("-----BEGIN PRIVATE KEY-----"), "{pem}");
        assert_eq!(
            pem.matches("-----BEGIN CERTIFICATE-----").count(),
            2,
            "{pem}"
        );
        assert!(pem.contains("IIN850315400015"), "{pem}");

        // The signature as stored verifies with the certificate's public key.
        let leaf = dir.path().join(format!("{name}-leaf.pem"));
        std::fs::write(&leaf, pki::cert::to_pem(&key.certificates[0])).unwrap();
        let public = dir.path().join(format!("{name}-pub.pem"));
        let pubkey = run(Command::new(openssl)
            .args(["x509", "-pubkey", "-noout", "-in"])
            .arg(&leaf));
        std::fs::write(&public, pubkey).unwrap();
        let payload = dir.path().join("payload.txt");
        std::fs::write(&payload, "decision=accept\n").unwrap();
        let sig = dir.path().join(format!("{name}.sig"));
        std::fs::write(&sig, sign(&key, b"decision=accept\n").unwrap()).unwrap();
        let out = run(Command::new(openssl)
            .args(["dgst", "-sha256", "-verify"])
            .arg(&public)
            .arg("-signature")
            .arg(&sig)
            .arg(&payload));
        assert_eq!(out.trim(), "Verified OK");
    }
}

#[test]
fn we_read_openssls_p12() {
    let Some(openssl) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, key) = issued(KeyAlgorithm::EcdsaP256);
    let key_pem = dir.path().join("key.pem");
    std::fs::write(&key_pem, private_key_pem(&key)).unwrap();
    let certs = dir.path().join("certs.pem");
    let chain: String = key.certificates.iter().map(pki::cert::to_pem).collect();
    std::fs::write(&certs, chain).unwrap();
    let p12 = dir.path().join("openssl.p12");
    run(Command::new(openssl)
        .args(["pkcs12", "-export", "-inkey"])
        .arg(&key_pem)
        .arg("-in")
        .arg(&certs)
        .args(["-passout", "pass:секрет-1", "-out"])
        .arg(&p12));
    let read = read_p12(&std::fs::read(&p12).unwrap(), "секрет-1").unwrap();
    assert_eq!(read.algorithm, KeyAlgorithm::EcdsaP256);
    assert_eq!(read.certificates, key.certificates);
    assert_eq!(
        read_p12(&std::fs::read(&p12).unwrap(), "секрет-2").unwrap_err(),
        KeyError::WrongPassword
    );
    // An encrypted PKCS#8 PEM, as `openssl pkcs8 -topk8` writes it.
    let encrypted = run(Command::new(openssl)
        .args(["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in"])
        .arg(&key_pem)
        .args(["-passout", "pass:pw"]));
    let text = format!("{encrypted}{}", pki::cert::to_pem(&key.certificates[0]));
    assert_eq!(
        read_pem(&text, "pw").unwrap().algorithm,
        KeyAlgorithm::EcdsaP256
    );
    assert_eq!(
        read_pem(&text, "nope").unwrap_err(),
        KeyError::WrongPassword
    );
    // SEC1 (`BEGIN EC PRIVATE KEY`), as `openssl ec` writes it.
    let sec1 = run(Command::new(openssl).args(["ec", "-in"]).arg(&key_pem));
    let text = format!("{sec1}{}", pki::cert::to_pem(&key.certificates[0]));
    let read = read_pem(&text, "").unwrap();
    let signature = sign(&read, b"x").unwrap();
    assert!(!signature.is_empty());
}
