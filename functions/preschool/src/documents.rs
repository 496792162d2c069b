//! «Общие документы» (seed 004, fig. 12): the application's documents with their dates, and
//! each one generated from the stored data when downloaded, as a PDF in Kazakh and Russian
//! (`domain::preschool::documents` says what it says; the `papers` crate prints it).

use domain::api::{List, Text};
use domain::preschool::QueueDocumentKind;
use domain::preschool::api::Direction;
use domain::preschool::documents::{self, DocumentContent, DocumentFacts};
use papers::{Paper, fill};
use service::access::Caller;
use service::http::{file, ok};
use service::{ApiError, ApiResult, Ctx};
use table::preschool::direction;
use table::preschool::queue::Stored;

use crate::read::visible;

/// The application's last direction, once one was issued.
async fn last_direction(ctx: &Ctx, stored: &Stored) -> Result<Option<Direction>, ApiError> {
    if stored.directions == 0 {
        return Ok(None);
    }
    let found = direction::get(ctx.store.as_ref(), &stored.app.id, stored.directions).await?;
    Ok(found.map(|d| d.direction))
}

/// `GET /api/preschool/applications/{id}/documents`.
pub(crate) async fn list(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored = visible(ctx, caller, id).await?;
    let direction = last_direction(ctx, &stored).await?;
    Ok(ok(&List {
        items: documents::list(&stored.app, direction.as_ref()),
        next_page_token: None,
    }))
}

/// `GET /api/preschool/applications/{id}/documents/{kind}`: the document as a PDF in Kazakh and
/// Russian (`papers`, the template `document.txt`).
pub(crate) async fn download(ctx: &Ctx, caller: &Caller, id: &str, kind: &str) -> ApiResult {
    let stored = visible(ctx, caller, id).await?;
    let kind: QueueDocumentKind = kind.parse().map_err(|_| ApiError::not_found())?;
    let direction = last_direction(ctx, &stored).await?;
    let locality = table::address::locality(ctx.store.as_ref(), &stored.app.locality_id)
        .await?
        .map(|l| l.name)
        .unwrap_or_else(|| Text {
            ru: stored.app.locality_id.clone(),
            kk: stored.app.locality_id.clone(),
        });
    let app = service::preschool::view(ctx, &stored).await?;
    let facts = DocumentFacts {
        app: &app,
        locality: &locality,
        direction: direction.as_ref(),
    };
    let doc = documents::content(kind, &facts).ok_or_else(ApiError::not_found)?;
    let bytes = papers::render(Paper::Document, &fill::document(&doc))
        .map_err(|e| ApiError::internal(format!("document {}: {e}", kind.as_str())))?;
    Ok(file(bytes, papers::PDF, &file_name(&doc)))
}

/// `UO.2026.000024.1-registration_notice.pdf`: ASCII, so every browser keeps it.
fn file_name(doc: &DocumentContent) -> String {
    let number: String = doc
        .number
        .chars()
        .map(|c| match c {
            'У' => 'U',
            'О' => 'O',
            c if c.is_ascii_alphanumeric() || c == '.' || c == '-' => c,
            _ => '_',
        })
        .collect();
    format!("{number}-{}.pdf", doc.kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_ascii() {
        let doc = DocumentContent {
            kind: QueueDocumentKind::ChildCard,
            title: Text::default(),
            number: "УО.2026.000024.1".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
            statement: Text::default(),
            lines: Vec::new(),
        };
        assert_eq!(file_name(&doc), "UO.2026.000024.1-child_card.pdf");
    }
}
