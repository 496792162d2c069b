//! «Журнал регистраций поступления заявлений» (seed 003): the organisation's register of an
//! academic year (`?academic_year=2026-2027`), every application in arrival order with the
//! seed's columns (`domain::intake`); `&format=xlsx` downloads it as a spreadsheet.

use domain::api::List;
use domain::journal::JournalFilter;
use domain::{AcademicYear, ErrorCode, to_almaty};
use service::http::{file, lang, ok, query};
use service::{ApiError, ApiResult, Ctx, Request};
use table::application;

/// Items per store read: a school's year is a few hundred applications.
const READ_CHUNK: u32 = 500;

pub(crate) async fn intake(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let params = query(req);
    let year: AcademicYear = params
        .get("academic_year")
        .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("academic_year"))?
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidAcademicYear).field("academic_year"))?;
    let everything = JournalFilter::parse(|_| None)?;
    let mut applications = Vec::new();
    let mut token = None;
    loop {
        let page = application::journal(ctx.store.as_ref(), org_id, &everything, READ_CHUNK, token)
            .await?;
        applications.extend(
            page.items
                .into_iter()
                .map(|e| e.application)
                .filter(|a| a.academic_year == year),
        );
        token = page.next_page_token;
        if token.is_none() {
            break;
        }
    }
    let rows = domain::intake::rows(&applications);
    if params.get("format").map(String::as_str) != Some("xlsx") {
        return Ok(ok(&List {
            items: rows,
            next_page_token: None,
        }));
    }
    let lang = lang(req);
    let org = table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let of = lang.pick(&org.name.ru, &org.name.kk);
    let bytes = export::intake_xlsx(&rows, of, year, to_almaty(ctx.now()), lang)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(file(bytes, export::XLSX, &format!("intake-{year}.xlsx")))
}
