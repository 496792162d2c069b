//! The journal across organisations and the journal exports. A region's journal is its gsi6
//! partition in submission order: region and district staff read their own region, the
//! ministry the region it names (`region`); a district's staff see only its localities.

use std::collections::BTreeSet;

use domain::api::List;
use domain::journal::JournalFilter;
use domain::monitoring::journal::MonitoringFilter;
use domain::permissions::Permission;
use domain::territory::{self, Scope};
use export::{JournalHeading, XLSX};
use service::access::{Caller, monitoring_scope, require};
use service::http::{file, lang, ok, query};
use service::{ApiError, ApiResult, Ctx, Request};

use crate::rows;
use crate::scan::{Source, scan};

/// How many applications one page request examines at most when filtering in memory; the page
/// then ends early with a token, so a rare filter never reads a whole region in one call.
const SCAN_BUDGET: usize = 1_000;
/// The most rows an export writes, and the applications it examines at most to find them.
const EXPORT_ROWS: usize = 10_000;
const EXPORT_BUDGET: usize = 50_000;

/// The region read, and a district's localities.
struct Territory {
    region: String,
    localities: Option<BTreeSet<String>>,
    register: std::collections::BTreeMap<String, domain::address::Locality>,
}

async fn territory(
    ctx: &Ctx,
    scope: &Scope,
    filter: &MonitoringFilter,
) -> Result<Territory, ApiError> {
    let region = filter.region_for(scope)?;
    let register = rows::localities(ctx, Some(&region)).await?;
    let localities = match scope {
        Scope::District { district, .. } => Some(
            register
                .values()
                .filter(|l| l.district.as_deref() == Some(district.as_str()))
                .map(|l| l.id.clone())
                .collect(),
        ),
        _ => None,
    };
    Ok(Territory {
        region,
        localities,
        register,
    })
}

fn parse(req: &Request) -> Result<MonitoringFilter, ApiError> {
    let params = query(req);
    Ok(MonitoringFilter::parse(|k| {
        params.get(k).map(String::as_str)
    })?)
}

/// `GET /api/monitoring/applications`: one page.
pub(crate) async fn list(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let filter = parse(req)?;
    let scope = monitoring_scope(ctx, caller).await?;
    let t = territory(ctx, &scope, &filter).await?;
    let found = scan(
        ctx.store.as_ref(),
        Source::Region(&t.region),
        &filter.journal,
        filter.journal.limit as usize,
        SCAN_BUDGET,
        filter.filters_in_memory() || t.localities.is_some(),
        |app| filter.matches(app, t.localities.as_ref()),
    )
    .await?;
    Ok(ok(&List {
        items: rows::rows(ctx, found.items, &t.register).await?,
        next_page_token: found.next_page_token,
    }))
}

/// `GET /api/monitoring/applications/export`: the filtered journal as `.xlsx` (from the page
/// token on, at most [`EXPORT_ROWS`] rows).
pub(crate) async fn export(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let filter = parse(req)?;
    let scope = monitoring_scope(ctx, caller).await?;
    let t = territory(ctx, &scope, &filter).await?;
    let found = scan(
        ctx.store.as_ref(),
        Source::Region(&t.region),
        &filter.journal,
        EXPORT_ROWS,
        EXPORT_BUDGET,
        true,
        |app| filter.matches(app, t.localities.as_ref()),
    )
    .await?;
    let lang = lang(req);
    let of = match &scope {
        Scope::District { district, .. } => territory::district(district).map(|d| &d.name),
        _ => territory::region(&t.region).map(|r| &r.name),
    }
    .map(|name| lang.pick(&name.ru, &name.kk).to_string())
    .unwrap_or_else(|| t.region.clone());
    let heading = heading(ctx, of, &filter.journal, filter.service);
    let rows = rows::rows(ctx, found.items, &t.register).await?;
    xlsx(&rows, &heading, lang, &format!("journal-{}", t.region))
}

/// `GET /api/orgs/{org}/applications/export`: the organisation's journal with its filters, as
/// `.xlsx`, for its staff who read the journal.
pub(crate) async fn org_export(
    ctx: &Ctx,
    req: &Request,
    caller: &Caller,
    org_id: &str,
) -> ApiResult {
    require(ctx, caller, org_id, Permission::ViewJournal).await?;
    let params = query(req);
    let filter = JournalFilter::parse(|k| params.get(k).map(String::as_str))?;
    let org = table::org::get(ctx.store.as_ref(), org_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let found = scan(
        ctx.store.as_ref(),
        Source::Org(org_id),
        &filter,
        EXPORT_ROWS,
        EXPORT_BUDGET,
        true,
        |app| filter.matches(app),
    )
    .await?;
    let register = rows::localities(ctx, Some(&org.region)).await?;
    let lang = lang(req);
    let heading = heading(
        ctx,
        lang.pick(&org.name.ru, &org.name.kk).to_string(),
        &filter,
        None,
    );
    let rows = rows::rows(ctx, found.items, &register).await?;
    xlsx(&rows, &heading, lang, &format!("journal-{}", org.bin))
}

fn heading(
    ctx: &Ctx,
    of: String,
    filter: &JournalFilter,
    service: Option<domain::Service>,
) -> JournalHeading {
    JournalHeading {
        of,
        from: filter.from.map(domain::to_almaty),
        // `before` is exclusive by a microsecond or a day; the heading shows what was asked.
        to: filter
            .before
            .map(|b| domain::to_almaty(b - chrono::Duration::microseconds(1))),
        service,
        generated_at: domain::to_almaty(ctx.now()),
    }
}

/// The journal as one place writes it (`export::journal_xlsx`).
fn xlsx(
    rows: &[domain::monitoring::JournalRow],
    heading: &JournalHeading,
    lang: domain::MsgLang,
    name: &str,
) -> ApiResult {
    let bytes =
        export::journal_xlsx(rows, heading, lang).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(file(bytes, XLSX, &format!("{name}.xlsx")))
}
