//! `GET /api/monitoring/localities`: the territories the caller's journal filters by.

use domain::monitoring::journal::{MonitoringFilter, Territories};
use domain::territory::{self, Scope, TerritoryRef};
use service::access::{Caller, monitoring_scope};
use service::http::{ok, query};
use service::{ApiResult, Ctx, Request};

/// The scope's regions and the localities of the region read: the caller's own, or for the
/// ministry the one named by `region` (none named: no localities).
pub(crate) async fn localities(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let params = query(req);
    let filter = MonitoringFilter::parse(|k| params.get(k).map(String::as_str))?;
    let scope = monitoring_scope(ctx, caller).await?;
    let regions: Vec<TerritoryRef> = territory::regions()
        .iter()
        .filter(|r| scope.region().is_none_or(|own| own == r.id))
        .map(TerritoryRef::from)
        .collect();
    let region = match (&scope, &filter.region) {
        (Scope::Ministry, None) => None,
        _ => Some(filter.region_for(&scope)?),
    };
    let mut localities = match &region {
        Some(r) => table::address::localities(ctx.store.as_ref(), Some(r)).await?,
        None => Vec::new(),
    };
    if let Scope::District { district, .. } = &scope {
        localities.retain(|l| l.district.as_deref() == Some(district.as_str()));
    }
    Ok(ok(&Territories {
        scope,
        regions,
        localities,
    }))
}
