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
