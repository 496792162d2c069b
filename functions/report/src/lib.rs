//! `report`: «Мониторинг оказания государственных услуг» (seed 002, 5.6) for education
//! department staff, read from the report counters (`table::stats`) only, never the
//! applications: one query per territory and service.
//!
//! - `GET /api/monitoring/report?from=&to=&service=` → `monitoring::Report`: a row per region
//!   for the ministry, per locality of the region (or of the district) below it, and the
//!   «Всего по статусу» row.
//! - `GET /api/monitoring/report/export?from=&to=&service=` → the same report as `.xlsx`.

use std::sync::Arc;

use domain::address::Locality;
use domain::monitoring::period;
use domain::monitoring::{Counts, Report, ReportQuery};
use domain::territory::{self, Scope, TerritoryRef};
use domain::to_almaty;
use futures::{StreamExt, TryStreamExt};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::{file, lang, ok, query, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};

/// How many territories are read at once.
const CONCURRENT_READS: usize = 16;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("report", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    let export = if route(&req, Method::GET, "/api/monitoring/report").is_some() {
        false
    } else if route(&req, Method::GET, "/api/monitoring/report/export").is_some() {
        true
    } else {
        return Err(ApiError::not_found());
    };
    let caller = caller(&ctx, &req)?;
    let scope = service::access::monitoring_scope(&ctx, &caller).await?;
    let params = query(&req);
    let asked = ReportQuery::parse(|k| params.get(k).map(String::as_str), to_almaty(ctx.now()))?;
    let report = report(&ctx, &scope, &asked).await?;
    if !export {
        return Ok(ok(&report));
    }
    let bytes =
        export::report_xlsx(&report, lang(&req)).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(file(bytes, export::XLSX, "monitoring-report.xlsx"))
}

/// The report of `scope` over the query's period and services.
pub async fn report(ctx: &Ctx, scope: &Scope, asked: &ReportQuery) -> Result<Report, ApiError> {
    let spans = period::days(asked.from, asked.to);
    let level = Report::rows_level_for(scope.level());
    let services = asked.services();
    let store = ctx.store.as_ref();
    let rows: Vec<(TerritoryRef, Counts)> = futures::stream::iter(rows_of(ctx, scope).await?)
        .map(|territory| {
            let (spans, services) = (&spans, &services);
            async move {
                let mut counts = Counts::default();
                for service in services {
                    let c = table::stats::counts(store, level, &territory.id, *service, spans);
                    counts = counts.plus(&c.await?);
                }
                Ok::<_, ApiError>((territory, counts))
            }
        })
        .buffered(CONCURRENT_READS)
        .try_collect()
        .await?;
    Ok(Report::new(asked, level, rows))
}

/// The territories one level below the scope: the regions for the ministry, the localities of
/// the register for a region or a district.
async fn rows_of(ctx: &Ctx, scope: &Scope) -> Result<Vec<TerritoryRef>, ApiError> {
    let locality = |l: Locality| TerritoryRef {
        id: l.id,
        name: l.name,
        kato: l.kato,
    };
    Ok(match scope {
        Scope::Ministry => territory::regions()
            .iter()
            .map(TerritoryRef::from)
            .collect(),
        Scope::Region { region } => table::address::localities(ctx.store.as_ref(), Some(region))
            .await?
            .into_iter()
            .map(locality)
            .collect(),
        Scope::District { region, district } => {
            table::address::localities(ctx.store.as_ref(), Some(region))
                .await?
                .into_iter()
                .filter(|l| l.district.as_deref() == Some(district))
                .map(locality)
                .collect()
        }
    })
}
