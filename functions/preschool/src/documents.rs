//! «Общие документы» (seed 004, fig. 12): the application's documents with their dates, and
//! each one generated from the stored data when downloaded, as a printable page in Russian and
//! Kazakh (`domain::preschool::documents` says what it says; this prints it as HTML).

use std::fmt::Write as _;

use domain::api::{List, Text};
use domain::preschool::QueueDocumentKind;
use domain::preschool::api::Direction;
use domain::preschool::documents::{self, DocumentContent, DocumentFacts};
use lambda_http::Body;
use lambda_http::http::{HeaderValue, header};
use service::access::Caller;
use service::http::ok;
use service::{ApiError, ApiResult, Ctx, Response};
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

/// `GET /api/preschool/applications/{id}/documents/{kind}`: the document as an HTML page to
/// save or print.
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
    Ok(html_attachment(&page(&doc), &file_name(&doc)))
}

fn html_attachment(html: &str, file_name: &str) -> Response {
    let mut resp = Response::new(Body::Text(html.to_string()));
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// `UO.2026.000024.1-registration_notice.html`: ASCII, so every browser keeps it.
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
    format!("{number}-{}.html", doc.kind.as_str())
}

/// The page: the Russian text, then the Kazakh, each whole, so either can be printed alone.
fn page(doc: &DocumentContent) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{} · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&doc.title.ru),
        esc(&doc.number)
    );
    let date = doc.date.format("%d.%m.%Y").to_string();
    for (lang, pick) in [("ru", ru as fn(&Text) -> &str), ("kk", kk)] {
        let (number, dated) = match lang {
            "ru" => ("Заявление №", "Дата документа"),
            _ => ("Өтініш №", "Құжат күні"),
        };
        let _ = write!(
            out,
            "<section lang=\"{lang}\">\n<h1>{}</h1>\n<p class=\"meta\">{number} {} · {dated}: {}</p>\n\
             <p>{}</p>\n<table>\n",
            esc(pick(&doc.title)),
            esc(&doc.number),
            esc(&date),
            esc(pick(&doc.statement))
        );
        for line in &doc.lines {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                esc(pick(&line.label)),
                esc(pick(&line.value))
            );
        }
        out.push_str("</table>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn ru(t: &Text) -> &str {
    &t.ru
}

fn kk(t: &Text) -> &str {
    &t.kk
}

const STYLE: &str = "body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}\
section{page-break-after:always;margin-bottom:3rem}h1{font-size:1.4rem}.meta{color:#444}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;\
text-align:left;vertical-align:top}th{width:40%;font-weight:normal;color:#333}";

/// HTML-escaped text (element content and attribute values alike).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::preschool::documents::Line;

    fn doc() -> DocumentContent {
        DocumentContent {
            kind: QueueDocumentKind::ChildCard,
            title: Text {
                ru: "Карточка ребенка".into(),
                kk: "Баланың карточкасы".into(),
            },
            number: "УО.2026.000024.1".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
            statement: Text {
                ru: "Карточка".into(),
                kk: "Карточкасы".into(),
            },
            lines: vec![Line {
                label: Text {
                    ru: "ФИО ребёнка".into(),
                    kk: "Баланың аты-жөні".into(),
                },
                value: Text {
                    ru: "<script>alert(1)</script> & \"Ко\"".into(),
                    kk: "<script>alert(1)</script> & \"Ко\"".into(),
                },
            }],
        }
    }

    #[test]
    fn the_page_is_bilingual_and_escaped() {
        let html = page(&doc());
        assert!(html.contains("<section lang=\"ru\">") && html.contains("<section lang=\"kk\">"));
        assert!(html.contains("Карточка ребенка") && html.contains("Баланың карточкасы"));
        assert!(html.contains("02.06.2026"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ко&quot;"));
        assert_eq!(html.matches("УО.2026.000024.1").count(), 3);
    }

    #[test]
    fn the_file_name_is_ascii() {
        assert_eq!(file_name(&doc()), "UO.2026.000024.1-child_card.html");
    }
}
