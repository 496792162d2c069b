//! What a signing certificate must be (each refusal with its own code), who reads a stored
//! signature, and checking one offline with `openssl` and `qabyldau-local verify`.

use std::path::Path;
use std::process::Command;

use api_tests::*;
use chrono::{Duration, Utc};

use super::{applied, decided};

scenarios!(
    certificate_refusals,
    malformed_signing_requests,
    who_reads_a_signature,
    a_signature_verifies_offline,
);

/// A school with an accepted application on signing: (school, its BIN, application id, payload).
async fn on_signing(h: &Harness) -> (School, String, String, String) {
    let school = h.school().await;
    let (_, _, id) = applied(h, &school).await;
    decided(h, &school, &id, accept()).await;
    let text = h.signing_payload(&school, &id).await;
    let bin = h.bin_of(&school.org_id).await;
    (school, bin, id, text)
}

/// The director sends `key`'s signature of `text` with `key`'s chain.
async fn sign_as_director(
    h: &Harness,
    school: &School,
    id: &str,
    key: &KeyBundle,
    text: &str,
) -> (u16, Value) {
    h.sign(
        school,
        &school.director,
        id,
        &signature_of(key, text),
        &chain_of(key),
    )
    .await
}

#[track_caller]
fn assert_field(resp: &(u16, Value), field: &str) {
    assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
}

async fn certificate_refusals(h: Harness) {
    let (school, bin, id, text) = on_signing(&h).await;
    let director = school.director.iin.clone();

    // A certificate of a CA nobody configured, however well it names the director.
    let self_made = DevCa::generate("Qabyldau Dev CA").unwrap();
    let key = mint(&self_made, &director, &bin, Utc::now(), |_| {});
    let refused = sign_as_director(&h, &school, &id, &key, &text).await;
    assert_error(&refused, 422, "certificate_untrusted", Lang::Ru);
    assert_field(&refused, "certificates");
    let path = app_path(&school.org_id, &id, "sign");
    let body = json!({"signature": signature_of(&key, &text), "certificates": chain_of(&key)});
    let kk = h
        .request(
            Method::POST,
            &path,
            Some(&school.director.token),
            Body::Json(&body),
            Some("kk"),
        )
        .await;
    assert_error(&kk, 422, "certificate_untrusted", Lang::Kk);

    // The runner's own CA, but expired, or for encipherment only.
    let ca = h.dev_ca();
    let expired = mint(
        &ca,
        &director,
        &bin,
        Utc::now() - Duration::days(400),
        |_| {},
    );
    assert_error(
        &sign_as_director(&h, &school, &id, &expired, &text).await,
        422,
        "certificate_expired",
        Lang::Ru,
    );
    let encipherment = mint(&ca, &director, &bin, Utc::now(), |s| {
        s.usage = Usage::Encipherment
    });
    assert_error(
        &sign_as_director(&h, &school, &id, &encipherment, &text).await,
        422,
        "certificate_not_for_signing",
        Lang::Ru,
    );

    // The director with the certificate of another school's BIN, with a person's certificate
    // (no BIN), or with a colleague's certificate of this school.
    let other_bin = h.bin_of(&h.school().await.org_id).await;
    let colleague = h.person("Коллега").await;
    for (iin, bin) in [
        (director.as_str(), Some(other_bin.as_str())),
        (director.as_str(), None),
        (colleague.iin.as_str(), Some(bin.as_str())),
    ] {
        let key = h.certificate_for(iin, bin, "ecdsa").await;
        let refused = sign_as_director(&h, &school, &id, &key, &text).await;
        assert_error(&refused, 422, "certificate_subject_mismatch", Lang::Ru);
        assert_field(&refused, "certificates");
    }

    // The right certificate, but the signature is another key's, of another text, or none.
    let key = h.director_key(&school, "ecdsa").await;
    let other = h.director_key(&school, "ecdsa").await;
    for sig in [
        signature_of(&other, &text),
        signature_of(&key, &format!("{text}x")),
        "bm90IGEgc2lnbmF0dXJl".to_string(),
        "!!!".to_string(),
        String::new(),
    ] {
        let refused = h
            .sign(&school, &school.director, &id, &sig, &chain_of(&key))
            .await;
        assert_error(&refused, 422, "signature_invalid", Lang::Ru);
        assert_field(&refused, "signature");
    }

    // Still on signing after every refusal.
    let b = h.signed(&school, &id, &key).await;
    assert_eq!(b["status"], "accepted", "{b}");
}

async fn malformed_signing_requests(h: Harness) {
    let (school, _, id, text) = on_signing(&h).await;
    let key = h.director_key(&school, "rsa").await;
    let sig = signature_of(&key, &text);
    let leaf = chain_of(&key)[0].clone();
    for certificates in [vec![], vec!["junk".to_string()], vec![leaf; 6]] {
        let refused = h
            .sign(&school, &school.director, &id, &sig, &certificates)
            .await;
        assert_error(&refused, 422, "validation_failed", Lang::Ru);
        assert_field(&refused, "certificates");
    }
    // The leaf as base64 of DER (no PEM armour) is a certificate too.
    let der: String = chain_of(&key)[0]
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let (s, b) = h.sign(&school, &school.director, &id, &sig, &[der]).await;
    assert_eq!(s, 200, "sign with a DER certificate: {b}");

    // The dev endpoint refuses what it cannot issue.
    for (body, code, field) in [
        (json!({"iin": "123"}), "invalid_iin", "iin"),
        (
            json!({"iin": school.director.iin, "bin": "12"}),
            "validation_failed",
            "bin",
        ),
        (
            json!({"iin": school.director.iin, "algorithm": "gost"}),
            "validation_failed",
            "algorithm",
        ),
    ] {
        let refused = h.dev_certificate(&body).await;
        assert_error(&refused, 422, code, Lang::Ru);
        assert_field(&refused, field);
    }
}

async fn who_reads_a_signature(h: Harness) {
    let school = h.school().await;
    let (parent, _, id) = applied(&h, &school).await;
    decided(&h, &school, &id, accept()).await;
    let exec = hire_executor(&h, &school).await;
    let oso = h.person("Осо Осоев").await;
    h.hire(&school, &oso, "Методист", &["oso"]).await;
    let other_director = h.school().await.director;
    let stranger = h.person("Посторонний").await;

    // Not signed yet: nobody reads a signature.
    for who in [&parent, &school.director] {
        assert_error(
            &h.signature_record(who, &id).await,
            404,
            "not_found",
            Lang::Ru,
        );
    }
    let key = h.director_key(&school, "ecdsa").await;
    let b = h.signed(&school, &id, &key).await;
    let record = &b["signature"];

    // The applicant and the school's staff who see the journal.
    for who in [&parent, &school.director, &exec] {
        let (s, got) = h.signature_record(who, &id).await;
        assert_eq!((s, &got), (200, record), "{}", who.name);
    }
    // Nobody else: the oso (no journal), another school's director, a stranger.
    for who in [&oso, &other_director, &stranger] {
        assert_error(
            &h.signature_record(who, &id).await,
            404,
            "not_found",
            Lang::Ru,
        );
    }
    assert_error(
        &h.signature_record(&parent, "00000000-0000-0000-0000-000000000000")
            .await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_unauthorized(
        &h.get(&format!("/api/applications/{id}/signature"), None)
            .await,
    );
}

/// Runs `cmd`, asserting success; its stdout.
fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `qabyldau-local verify FILE` with the harness's data dir: (exit code, stdout).
fn verify(h: &Harness, file: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(runner_bin())
        .arg("verify")
        .arg(file)
        .arg("--data-dir")
        .arg(h.data_dir())
        .args(extra)
        .output()
        .expect("run qabyldau-local verify");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap_or(-1), text)
}

async fn a_signature_verifies_offline(h: Harness) {
    let openssl = "/usr/bin/openssl";
    assert!(Path::new(openssl).exists(), "{openssl} is needed");
    let dir = tempfile::tempdir().unwrap();
    let school = h.school().await;
    let mut records = Vec::new();
    for algorithm in ["ecdsa", "rsa"] {
        let (parent, _, id) = applied(&h, &school).await;
        decided(&h, &school, &id, accept()).await;
        let key = h.director_key(&school, algorithm).await;
        h.signed(&school, &id, &key).await;
        let (s, record) = h.signature_record(&parent, &id).await;
        assert_eq!(s, 200, "{record}");
        records.push(record);
    }
    for (i, record) in records.iter().enumerate() {
        // The README's openssl commands.
        let file = |name: &str| dir.path().join(format!("{i}-{name}"));
        let leaf = record["certificates"][0].as_str().unwrap();
        std::fs::write(file("leaf.pem"), leaf).unwrap();
        let public = run(Command::new(openssl)
            .args(["x509", "-pubkey", "-noout", "-in"])
            .arg(file("leaf.pem")));
        std::fs::write(file("pub.pem"), public).unwrap();
        let sig = pki::cert::decode_base64(&str_field(record, "signature")).unwrap();
        std::fs::write(file("sig.der"), sig).unwrap();
        std::fs::write(file("payload.txt"), str_field(record, "payload")).unwrap();
        let out = run(Command::new(openssl)
            .args(["dgst", "-sha256", "-verify"])
            .arg(file("pub.pem"))
            .arg("-signature")
            .arg(file("sig.der"))
            .arg(file("payload.txt")));
        assert_eq!(out.trim(), "Verified OK", "{record}");

        // The runner's own check, against its dev CA.
        std::fs::write(file("record.json"), record.to_string()).unwrap();
        let (code, out) = verify(&h, &file("record.json"), &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.trim_end().ends_with("valid"), "{out}");
        assert!(
            out.contains(&str_field(record, "certificate_serial")),
            "{out}"
        );
        assert!(out.contains(&str_field(record, "bin")), "{out}");
    }

    // A changed decision, or a CA that is not the one that issued the certificate: refused.
    let mut tampered = records[0].clone();
    tampered["payload"] =
        json!(str_field(&tampered, "payload").replace("decision=accept", "decision=reject"));
    let file = dir.path().join("tampered.json");
    std::fs::write(&file, tampered.to_string()).unwrap();
    let (code, out) = verify(&h, &file, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("signature_invalid"), "{out}");
    let ca = dir.path().join("other-ca.pem");
    std::fs::write(
        &ca,
        pki::cert::to_pem(DevCa::generate("Other CA").unwrap().certificate()),
    )
    .unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, records[1].to_string()).unwrap();
    let (code, out) = verify(&h, &file, &["--trusted-ca", ca.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("certificate_untrusted"), "{out}");
}
