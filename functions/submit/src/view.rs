//! What the applicant and the school's staff read of an application: staff who may read the
//! organisation's journal see everything, and so do (the card and its history, read-only)
//! education department staff whose territory covers it; its applicant sees their own view
//! (`Application::for_applicant`, `history_for_applicant`: no decision before signing, no
//! staff IINs, public events only), also when they are staff of that school themselves.

use domain::ErrorCode;
use domain::api::{Application, DocumentLink, List};
use domain::applicant_view::history_for_applicant;
use domain::permissions::{Permission, permits};
use service::access::{Caller, monitors, org_roles};
use service::blobs::sha256_hex;
use service::http::{ok, query};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::{application, audit};

/// How an application is refused to a caller who may not read it.
#[derive(Clone, Copy, PartialEq)]
enum Refusal {
    /// 404 to everyone: its existence is not disclosed.
    NotFound,
    /// 403 to a member of its organisation (who knows the school has applications), else 404.
    ForbiddenToMembers,
}

/// Whether the education department's read-only card is one of the views asked for.
#[derive(Clone, Copy, PartialEq)]
enum Department {
    Sees,
    Not,
}

/// Who reads an application.
#[derive(Clone, Copy, PartialEq)]
enum Reader {
    Applicant,
    Staff,
}

/// The application if the caller is its applicant or may read its organisation's journal.
async fn visible(
    ctx: &Ctx,
    caller: &Caller,
    id: &str,
    refusal: Refusal,
    department: Department,
) -> Result<(Application, Reader), ApiError> {
    let application = application::get(ctx.store.as_ref(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    // The applicant first: a parent who also works at the school reads their own
    // application as a parent.
    if application.applicant_iin == caller.iin {
        return Ok((application, Reader::Applicant));
    }
    let roles = org_roles(ctx, caller, &application.org_id).await?;
    // The department's appointments are read only when the organisation's roles do not do.
    let staff = permits(&roles, Permission::ViewJournal)
        || (department == Department::Sees
            && monitors(ctx, caller, &application.region, &application.locality_id).await?);
    if staff {
        Ok((application, Reader::Staff))
    } else if refusal == Refusal::ForbiddenToMembers && !roles.is_empty() {
        Err(ApiError::forbidden().log("a member without the journal"))
    } else {
        Err(ApiError::not_found())
    }
}

/// `GET /api/applications/{id}`.
pub(crate) async fn application(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let (mut application, reader) =
        visible(ctx, caller, id, Refusal::NotFound, Department::Sees).await?;
    application.queue_place = application::queue::place(ctx.store.as_ref(), &application).await?;
    Ok(ok(&match reader {
        Reader::Applicant => application.for_applicant(),
        Reader::Staff => application,
    }))
}

/// `GET /api/applications/{id}/history`, oldest first.
pub(crate) async fn history(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let (application, reader) =
        visible(ctx, caller, id, Refusal::NotFound, Department::Sees).await?;
    let mut items = audit::history(ctx.store.as_ref(), id).await?;
    if reader == Reader::Applicant {
        items = history_for_applicant(items, &application.applicant_iin);
    }
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// `GET /api/applications/{id}/documents/{file_id}`: a short-lived address of the document's
/// bytes, and whether they are still those submitted (their SHA-256 is compared).
pub(crate) async fn document(ctx: &Ctx, caller: &Caller, id: &str, file_id: &str) -> ApiResult {
    let (application, _) = visible(
        ctx,
        caller,
        id,
        Refusal::ForbiddenToMembers,
        Department::Not,
    )
    .await?;
    let doc = application
        .documents
        .iter()
        .find(|d| d.file_id == file_id)
        .ok_or_else(ApiError::not_found)?;
    let file = table::file::get(ctx.store.as_ref(), file_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    // Applications from before hashes were kept have nothing to compare with.
    let changed = match &doc.sha256 {
        Some(kept) => {
            let found = ctx.blobs.read(file_id).await?.map(|b| sha256_hex(&b));
            found.as_ref() != Some(kept)
        }
        None => false,
    };
    if changed {
        tracing::warn!(
            application = %application.id,
            file = %file_id,
            kind = doc.kind.as_str(),
            "document changed since submission: its SHA-256 differs"
        );
    }
    let content_type = file.content_type;
    let url = ctx.blobs.download_url(file_id, &content_type).await?;
    Ok(ok(&DocumentLink {
        url,
        content_type,
        changed,
    }))
}

/// The most applications one page lists.
const PAGE: u32 = 50;

/// `GET /api/me/applications`: the caller's own applications, as their applicant sees them.
pub(crate) async fn mine(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let token = query(req)
        .get("page_token")
        .filter(|t| !t.is_empty())
        .cloned();
    let page = application::of_person(ctx.store.as_ref(), &caller.iin, PAGE, token)
        .await
        .map_err(|e| match e {
            StoreError::Invalid(_) => {
                ApiError::new(ErrorCode::ValidationFailed).field("page_token")
            }
            e => e.into(),
        })?;
    Ok(ok(&List {
        items: page
            .items
            .into_iter()
            .map(Application::for_applicant)
            .collect(),
        next_page_token: page.next_page_token,
    }))
}
