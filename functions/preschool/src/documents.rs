//! «Общие документы» (seed 004, fig. 12): the application's documents with their dates
//! (`domain::preschool::documents` says what each says). Each one is downloaded as a PDF from
//! the paperwork function, which renders every paper (`GET …/documents/{kind}`).

use domain::api::List;
use domain::preschool::documents;
use service::access::Caller;
use service::http::ok;
use service::preschool::{last_direction, visible};
use service::{ApiResult, Ctx};

/// `GET /api/preschool/applications/{id}/documents`.
pub(crate) async fn list(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored = visible(ctx, caller, id).await?;
    let direction = last_direction(ctx, &stored).await?;
    Ok(ok(&List {
        items: documents::list(&stored.app, direction.as_ref()),
        next_page_token: None,
    }))
}
