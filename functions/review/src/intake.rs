//! «Журнал регистраций поступления заявлений» (seed 003): the organisation's register of an
//! academic year (`?academic_year=2026-2027`), every application in arrival order with the
//! seed's columns (`domain::intake`); `&format=xlsx` downloads it as a spreadsheet.

use domain::api::List;
use domain::to_almaty;
use service::http::{file, lang, ok, query, required_academic_year};
use service::{ApiError, ApiResult, Ctx, Request};
use table::application;

pub(crate) async fn intake(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let params = query(req);
    let year = required_academic_year(req)?;
    let store = ctx.store.as_ref();
    let applications = application::of_org_year(store, org_id, year).await?;
    // The orders name the result of each enrolment («Пр. № 152»).
    let orders = table::order::list(store, org_id).await?;
    let rows = domain::intake::rows(&applications, &orders);
    if params.get("format").map(String::as_str) != Some("xlsx") {
        return Ok(ok(&List {
            items: rows,
            next_page_token: None,
        }));
    }
    let lang = lang(req);
    let org = table::org::get(store, org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let of = lang.pick(&org.name.ru, &org.name.kk);
    let bytes = export::intake_xlsx(&rows, of, year, to_almaty(ctx.now()), lang)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(file(bytes, export::XLSX, &format!("intake-{year}.xlsx")))
}
