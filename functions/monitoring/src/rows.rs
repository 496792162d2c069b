//! Journal rows (`monitoring::JournalRow`) of applications: each organisation read once per
//! page, the localities' names from the address register.

use std::collections::BTreeMap;

use domain::address::Locality;
use domain::api::{Application, Text};
use domain::journal::DecisionFilter;
use domain::monitoring::{JournalRow, OrgRef};
use domain::territory::TerritoryRef;
use service::{ApiError, Ctx};

/// The register's localities by id (one read of the list).
pub(crate) async fn localities(
    ctx: &Ctx,
    region: Option<&str>,
) -> Result<BTreeMap<String, Locality>, ApiError> {
    Ok(table::address::localities(ctx.store.as_ref(), region)
        .await?
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect())
}

/// The rows of `apps`, in their order.
pub(crate) async fn rows(
    ctx: &Ctx,
    apps: Vec<Application>,
    localities: &BTreeMap<String, Locality>,
) -> Result<Vec<JournalRow>, ApiError> {
    let mut orgs: BTreeMap<String, OrgRef> = BTreeMap::new();
    let mut out = Vec::with_capacity(apps.len());
    for app in apps {
        if !orgs.contains_key(&app.org_id) {
            let org = table::org::get(ctx.store.as_ref(), &app.org_id).await?;
            let org = match org {
                Some(o) => OrgRef {
                    id: o.id,
                    name: o.name,
                    bin: o.bin,
                },
                // An organisation is never deleted; the id stands in should one be missing.
                None => OrgRef {
                    id: app.org_id.clone(),
                    name: Text {
                        ru: app.org_id.clone(),
                        kk: app.org_id.clone(),
                    },
                    bin: String::new(),
                },
            };
            orgs.insert(app.org_id.clone(), org);
        }
        let locality = match localities.get(&app.locality_id) {
            Some(l) => TerritoryRef {
                id: l.id.clone(),
                name: l.name.clone(),
                kato: l.kato.clone(),
            },
            None => TerritoryRef {
                id: app.locality_id.clone(),
                name: Text {
                    ru: app.locality_id.clone(),
                    kk: app.locality_id.clone(),
                },
                kato: None,
            },
        };
        out.push(JournalRow {
            id: app.id.clone(),
            number: app.number,
            service: app.service,
            iin: app.child.iin.clone(),
            full_name: app.child.full_name(),
            submitted_at: app.submitted_at,
            status: app.status,
            decision: DecisionFilter::of(&app),
            assignee_name: app.assignee_name.clone(),
            org: orgs[&app.org_id].clone(),
            locality,
            overdue: app.overdue,
        });
    }
    Ok(out)
}
