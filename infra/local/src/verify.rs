//! `qabyldau-local verify FILE [--trusted-ca PEM]`: checks a decision's signature offline. FILE
//! is the JSON of `GET /api/applications/{id}/signature`; the chain must lead to a CA of
//! `--trusted-ca` (default: the data dir's dev CA) and be valid when it was signed, its leaf
//! must name the signer and the BIN of the organisation the signed text names, and the
//! signature must be the leaf's over the text. Prints the signer, the BIN, the serial and
//! `valid` (exit code 0) or the failure (exit code 1).

use std::path::Path;

use domain::MsgLang;
use domain::api::SignatureRecord;

pub fn run(file: &Path, trusted_ca: Option<&Path>, data_dir: &Path) -> i32 {
    match check(file, trusted_ca, data_dir) {
        Ok(()) => 0,
        Err(e) => {
            println!("{e}");
            1
        }
    }
}

fn check(file: &Path, trusted_ca: Option<&Path>, data_dir: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let record: SignatureRecord = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a signature record: {e}", file.display()))?;
    let anchors = match trusted_ca {
        Some(pem) => {
            let text =
                std::fs::read_to_string(pem).map_err(|e| format!("{}: {e}", pem.display()))?;
            pki::TrustAnchors::from_pem_bundle(&text)?
        }
        None => pki::dev::DevCa::load(&data_dir.join("dev-ca"))
            .map_err(|e| format!("no dev CA ({e}); name the CA with --trusted-ca"))?
            .anchors(),
    };
    println!("signer: {} (IIN {})", record.signer_name, record.signer_iin);
    println!("BIN: {}", record.bin);
    println!("certificate serial: {}", record.certificate_serial);
    println!("algorithm: {}", record.algorithm);
    println!("signed at: {}", record.signed_at.to_rfc3339());
    match service::signature::check_record(&anchors, &record) {
        Ok(_) => {
            println!("valid");
            Ok(())
        }
        Err(e) => Err(format!(
            "invalid: {} ({}: {})",
            e.code.as_str(),
            e.detail,
            e.code.message(MsgLang::Ru)
        )),
    }
}
