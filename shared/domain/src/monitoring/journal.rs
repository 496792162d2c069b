//! The journal across organisations (`GET /api/monitoring/applications`): the organisation
//! journal's filters and search (`crate::journal`), and those of a territory — the service,
//! the organisation, the locality and the region (which the ministry must name: a region's
//! journal is one index partition, read in time order).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::address::Locality;
use crate::api::Application;
use crate::journal::JournalFilter;
use crate::territory::{self, Scope, TerritoryRef};
use crate::{DomainError, ErrorCode, Service};

/// `GET /api/monitoring/applications` (and its export): the filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonitoringFilter {
    /// Status, decision, overdue, the submission range, the search text, the page.
    pub journal: JournalFilter,
    pub service: Option<Service>,
    pub org: Option<String>,
    pub locality: Option<String>,
    /// The region asked for (`region`), if any.
    pub region: Option<String>,
}

impl MonitoringFilter {
    /// Reads the query parameters: those of [`JournalFilter::parse`] plus `service`, `org`,
    /// `locality` and `region`. 422 naming the parameter on a bad value.
    pub fn parse<'a>(
        get: impl Fn(&str) -> Option<&'a str> + Copy,
    ) -> Result<MonitoringFilter, DomainError> {
        let param = |name: &str| get(name).map(str::trim).filter(|v| !v.is_empty());
        let bad = |name: &str| DomainError::new(ErrorCode::ValidationFailed).field(name);
        let journal = JournalFilter::parse(get)?;
        let service = param("service")
            .map(|v| v.parse::<Service>().map_err(|_| bad("service")))
            .transpose()?;
        let region = param("region")
            .map(|v| {
                territory::region(v)
                    .map(|r| r.id.clone())
                    .ok_or_else(|| bad("region"))
            })
            .transpose()?;
        Ok(MonitoringFilter {
            journal,
            service,
            org: param("org").map(str::to_string),
            locality: param("locality").map(str::to_string),
            region,
        })
    }

    /// The region whose journal the caller reads: their own below the ministry (another one
    /// named is 403 `forbidden`), the one named for the ministry (422 `validation_failed` on
    /// `region` when none is).
    pub fn region_for(&self, scope: &Scope) -> Result<String, DomainError> {
        match (scope.region(), &self.region) {
            (None, Some(r)) => Ok(r.clone()),
            (None, None) => Err(DomainError::new(ErrorCode::ValidationFailed).field("region")),
            (Some(own), Some(r)) if r != own => Err(DomainError::new(ErrorCode::Forbidden)),
            (Some(own), _) => Ok(own.to_string()),
        }
    }

    /// True when something beyond the submission range filters (read on in memory).
    pub fn filters_in_memory(&self) -> bool {
        self.journal.filters_in_memory()
            || self.service.is_some()
            || self.org.is_some()
            || self.locality.is_some()
    }

    /// Whether the application passes the filters; `localities`, for a district, are those of
    /// the caller's scope (an application of another locality is not theirs to see).
    pub fn matches(&self, app: &Application, localities: Option<&BTreeSet<String>>) -> bool {
        localities.is_none_or(|l| l.contains(&app.locality_id))
            && self.service.is_none_or(|s| app.service == s)
            && self.org.as_ref().is_none_or(|o| app.org_id == *o)
            && self.locality.as_ref().is_none_or(|l| app.locality_id == *l)
            && self.journal.matches(app)
    }
}

/// `GET /api/monitoring/localities`: what the caller's scope filters by — its regions (every
/// region for the ministry) and the localities of the region read (a district's own only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Territories {
    pub scope: Scope,
    pub regions: Vec<TerritoryRef>,
    pub localities: Vec<Locality>,
}

#[cfg(test)]
mod tests;
