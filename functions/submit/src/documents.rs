//! The documents a submission attaches, checked before it is stored.

use domain::ErrorCode;
use domain::api::{DocumentRef, SubmitApplication};
use service::access::Caller;
use service::{ApiError, Ctx};

/// Every attached document is the applicant's own, of the kind it is attached as, uploaded,
/// and its bytes are of the type it was declared as (422 `file_type_mismatch`). Returns the
/// documents as the application keeps them: with the SHA-256 of their bytes, so a later change
/// shows when staff open them.
pub(crate) async fn check_documents(
    ctx: &Ctx,
    caller: &Caller,
    body: &SubmitApplication,
) -> Result<Vec<DocumentRef>, ApiError> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(body.documents.len());
    for doc in &body.documents {
        let field = format!("documents.{}", doc.kind.as_str());
        if !seen.insert(doc.file_id.clone()) {
            return Err(ApiError::new(ErrorCode::ValidationFailed).field(field));
        }
        out.push(service::blobs::attached(ctx, caller, doc, &field).await?);
    }
    Ok(out)
}
