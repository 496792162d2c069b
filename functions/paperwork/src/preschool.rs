//! The kindergarten queue's «Общие документы» (seed 004, fig. 12) as PDFs in Kazakh and Russian:
//! `domain::preschool::documents` says what each says, the template `document.txt` prints it.

use domain::api::Text;
use domain::preschool::QueueDocumentKind;
use domain::preschool::documents::{self, DocumentContent, DocumentFacts};
use papers::{Paper, fill};
use service::access::Caller;
use service::http::file;
use service::preschool::{last_direction, visible};
use service::{ApiError, ApiResult, Ctx};

/// `GET /api/preschool/applications/{id}/documents/{kind}`: to the applicant and the region's
/// education department, as the application itself (404 to anyone else).
pub(crate) async fn document(ctx: &Ctx, caller: &Caller, id: &str, kind: &str) -> ApiResult {
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
