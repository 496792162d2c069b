//! A signature sent with a request (`{signature, certificates}`), checked against the trust
//! anchors: the director's over a decision (a legal entity's certificate of the school's BIN),
//! the parent's over a kindergarten choice (a personal certificate).

use chrono::{DateTime, Utc};
use domain::{ErrorCode, Iin};
use pki::cert;

use crate::access::Caller;
use crate::{ApiError, Ctx};

/// The certificate chain as sent (leaf first, PEM or base64 DER): 422 on `certificates` when
/// empty, too long or unreadable.
fn certificates(texts: &[String]) -> Result<Vec<pki::Certificate>, ApiError> {
    let invalid = || ApiError::new(ErrorCode::ValidationFailed).field("certificates");
    if texts.is_empty() || texts.len() > pki::MAX_CHAIN {
        return Err(invalid().log(format!("{} certificates", texts.len())));
    }
    texts
        .iter()
        .map(|t| cert::parse(t).ok_or_else(|| invalid().log("a certificate does not parse")))
        .collect()
}

/// Verifies `signature` (base64) of `payload` by the caller at `now`: for the organisation of
/// `bin`, or personally when `bin` is `None` (`pki::Expected`). Each refusal is its own code.
/// Returns the checked signature and the chain as read (for the stored record).
pub fn verify(
    ctx: &Ctx,
    caller: &Caller,
    signature: &str,
    chain: &[String],
    payload: &str,
    now: DateTime<Utc>,
    bin: Option<&str>,
) -> Result<(pki::Signed, Vec<pki::Certificate>), ApiError> {
    let chain = certificates(chain)?;
    let signature = cert::decode_base64(signature.trim())
        .ok_or_else(|| ApiError::new(ErrorCode::SignatureInvalid).field("signature"))?;
    let signer = Iin::parse(&caller.iin).map_err(|_| ApiError::unauthorized())?;
    let expected = pki::Expected { iin: &signer, bin };
    let signed = pki::verify(
        &ctx.trust,
        &chain,
        payload.as_bytes(),
        &signature,
        now,
        expected,
    )
    .map_err(|e| {
        ApiError::new(e.code())
            .field(e.field())
            .log(format!("signature refused: {e}"))
    })?;
    Ok((signed, chain))
}

/// The record kept of a checked signature (`verify`'s result) over `payload`: what a verifier
/// needs later, with the signer as the certificate names them.
pub fn record(
    payload: String,
    signed: pki::Signed,
    chain: &[pki::Certificate],
    bin: &str,
    now: DateTime<Utc>,
) -> domain::api::SignatureRecord {
    domain::api::SignatureRecord {
        payload,
        signature: cert::encode_base64(&signed.signature),
        algorithm: signed.algorithm.as_str().to_string(),
        certificates: chain.iter().map(cert::to_pem).collect(),
        certificate_serial: signed.serial.clone(),
        signer_iin: signed.iin.as_str().to_string(),
        signer_name: signed.name,
        bin: signed.bin.unwrap_or_else(|| bin.to_string()),
        signed_at: domain::to_almaty(now),
    }
}

/// Why a stored signature record does not verify: a stable code and what exactly failed.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordInvalid {
    pub code: ErrorCode,
    pub detail: String,
}

impl RecordInvalid {
    fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        RecordInvalid {
            code,
            detail: detail.into(),
        }
    }
}

/// Checks a stored decision signature as anyone holding it would (the `/verify` page, the
/// runner's offline `verify`): the chain leads to `trust` and was valid when it signed, its leaf
/// names the signer and the BIN of the organisation the signed text names (whatever else the
/// record says), the signature is the leaf's over the text, and the record names that leaf.
pub fn check_record(
    trust: &pki::TrustAnchors,
    record: &domain::api::SignatureRecord,
) -> Result<pki::Signed, RecordInvalid> {
    let untrusted = |d: &str| RecordInvalid::new(ErrorCode::CertificateUntrusted, d);
    let invalid = |d: &str| RecordInvalid::new(ErrorCode::SignatureInvalid, d);
    let chain = record
        .certificates
        .iter()
        .map(|c| cert::parse(c).ok_or_else(|| untrusted("a certificate does not parse")))
        .collect::<Result<Vec<_>, _>>()?;
    let signature = cert::decode_base64(&record.signature)
        .ok_or_else(|| invalid("the signature is not base64"))?;
    let iin = Iin::parse(&record.signer_iin).map_err(|_| invalid("the signer's IIN is invalid"))?;
    let bin = record
        .payload
        .lines()
        .find_map(|l| l.strip_prefix("org_bin="))
        .ok_or_else(|| invalid("the signed text names no org_bin"))?;
    let expected = pki::Expected {
        iin: &iin,
        bin: Some(bin),
    };
    let at = record.signed_at.to_utc();
    match pki::verify(
        trust,
        &chain,
        record.payload.as_bytes(),
        &signature,
        at,
        expected,
    ) {
        Ok(signed) if signed.serial == record.certificate_serial => Ok(signed),
        Ok(_) => Err(invalid("the record names another certificate serial")),
        Err(e) => Err(RecordInvalid::new(e.code(), e.to_string())),
    }
}
