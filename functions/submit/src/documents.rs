//! The documents a submission attaches, checked before it is stored.

use domain::ErrorCode;
use domain::api::{DocumentRef, SubmitApplication};
use service::access::Caller;
use service::blobs::sha256_hex;
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
        let not_found = || ApiError::new(ErrorCode::DocumentNotFound).field(field.clone());
        if !seen.insert(doc.file_id.clone()) {
            return Err(ApiError::new(ErrorCode::ValidationFailed).field(field));
        }
        let file = table::file::get(ctx.store.as_ref(), &doc.file_id)
            .await?
            .ok_or_else(not_found)?;
        if file.owner_iin != caller.iin || file.kind != doc.kind {
            return Err(not_found());
        }
        let bytes = ctx.blobs.read(&doc.file_id).await?.ok_or_else(not_found)?;
        domain::check_content(&file.content_type, &bytes).map_err(|code| {
            ApiError::new(code)
                .field(field.clone())
                .log(format!("file {} is not {}", doc.file_id, file.content_type))
        })?;
        out.push(DocumentRef {
            kind: doc.kind,
            file_id: doc.file_id.clone(),
            sha256: Some(sha256_hex(&bytes)),
        });
    }
    Ok(out)
}
