//! `overdue`: the education department's overdue dashboard (seed 000: an overdue application
//! «отобразится… в дашборде управления образования»).
//!
//! - `GET /api/monitoring/overdue` (department staff) → `monitoring::OverdueDashboard`: the
//!   open overdue applications of the caller's territory now (the service clock), grouped by
//!   organisation, each with how long it is overdue, most overdue first.
//!
//! It reads the overdue index of each region the scope covers (`table::overdue`: the sweep
//! puts an application there when it marks it and it leaves when the application closes),
//! then each organisation's name and BIN and each locality once — never the applications of a
//! region one by one.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use domain::api::{Org, Text};
use domain::monitoring::{OrgRef, OverdueDashboard, OverdueGroup, OverdueItem};
use domain::territory::{self, Scope, TerritoryRef};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use service::access::caller;
use service::http::{ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use table::application::Stored;

/// The most applications one region's dashboard lists (the oldest deadlines first).
pub const MAX_PER_REGION: usize = 2_000;

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("overdue", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::GET, "/api/monitoring/overdue").is_some() {
        let caller = caller(&ctx, &req)?;
        let scope = service::access::monitoring_scope(&ctx, &caller).await?;
        return Ok(ok(&dashboard(&ctx, &scope).await?));
    }
    Err(ApiError::not_found())
}

/// The dashboard of a scope at the service's now.
pub async fn dashboard(ctx: &Ctx, scope: &Scope) -> Result<OverdueDashboard, ApiError> {
    let store = ctx.store.as_ref();
    let regions: Vec<&str> = match scope.region() {
        Some(region) => vec![region],
        None => territory::regions().iter().map(|r| r.id.as_str()).collect(),
    };
    // A district sees its localities only: the register names each locality's district.
    let district_localities: Option<BTreeSet<String>> = match scope {
        Scope::District { region, .. } => Some(
            table::address::localities(store, Some(region))
                .await?
                .into_iter()
                .filter(|l| scope.covers(&l.region, l.district.as_deref()))
                .map(|l| l.id)
                .collect(),
        ),
        _ => None,
    };
    let in_scope = |locality: &str| {
        district_localities
            .as_ref()
            .is_none_or(|s| s.contains(locality))
    };

    let mut by_org: BTreeMap<String, Vec<Stored>> = BTreeMap::new();
    for region in regions {
        for stored in table::overdue::of_region(store, region, MAX_PER_REGION).await? {
            match stored {
                Ok(s) if in_scope(&s.application.locality_id) => {
                    by_org
                        .entry(s.application.org_id.clone())
                        .or_default()
                        .push(s);
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "overdue dashboard: unreadable item"),
            }
        }
    }

    let now = domain::to_almaty(ctx.now());
    let mut localities: BTreeMap<String, TerritoryRef> = BTreeMap::new();
    let mut groups = Vec::with_capacity(by_org.len());
    for (org_id, apps) in by_org {
        // Read once per organisation; one removed since keeps its id as its name.
        let org = table::org::get(store, &org_id).await?;
        let locality_id = org
            .as_ref()
            .map_or(apps[0].application.locality_id.clone(), |o| {
                o.locality_id.clone()
            });
        if !localities.contains_key(&locality_id) {
            let named = locality_ref(ctx, &locality_id).await?;
            localities.insert(locality_id.clone(), named);
        }
        groups.push(OverdueGroup {
            org: org_ref(&org_id, org.as_ref()),
            locality: localities[&locality_id].clone(),
            items: apps
                .iter()
                .map(|s| OverdueItem::of(&s.application, now))
                .collect(),
        });
    }
    Ok(OverdueDashboard::new(now, groups))
}

fn org_ref(id: &str, org: Option<&Org>) -> OrgRef {
    match org {
        Some(o) => OrgRef {
            id: o.id.clone(),
            name: o.name.clone(),
            bin: o.bin.clone(),
        },
        None => OrgRef {
            id: id.to_string(),
            name: same(id),
            bin: String::new(),
        },
    }
}

/// A locality as the register names it (its id when the register no longer has it).
async fn locality_ref(ctx: &Ctx, id: &str) -> Result<TerritoryRef, ApiError> {
    Ok(
        match table::address::locality(ctx.store.as_ref(), id).await? {
            Some(l) => TerritoryRef {
                id: l.id,
                name: l.name,
                kato: l.kato,
            },
            None => TerritoryRef {
                id: id.to_string(),
                name: same(id),
                kato: None,
            },
        },
    )
}

fn same(s: &str) -> Text {
    Text {
        ru: s.to_string(),
        kk: s.to_string(),
    }
}
