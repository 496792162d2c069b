//! The report «Мониторинг оказания государственных услуг»: its query (the period and the
//! service) and its rows.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::*;
use crate::territory::TerritoryLevel;
use crate::{DomainError, ErrorCode, almaty};

/// The default report period: the last 20 days up to now (seed 002's figures span 20 days).
pub const DEFAULT_PERIOD_DAYS: i64 = 20;

/// The longest period a report reads (its reads grow with the days).
pub const MAX_PERIOD_DAYS: i64 = 366;

#[derive(Clone, Debug, PartialEq)]
pub struct ReportQuery {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    /// `None`: «Все услуги».
    pub service: Option<Service>,
}

impl ReportQuery {
    /// Reads `from`/`to` (RFC 3339, or `YYYY-MM-DDTHH:MM` in Almaty time, or a date: from its
    /// start, to its end) and `service` (empty: every service). Without them: the last
    /// [`DEFAULT_PERIOD_DAYS`] days up to `now`. 422 naming the field on a bad value, `to`
    /// before `from`, or a period over [`MAX_PERIOD_DAYS`].
    pub fn parse<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
        now: DateTime<FixedOffset>,
    ) -> Result<ReportQuery, DomainError> {
        let param = |name: &str| get(name).map(str::trim).filter(|v| !v.is_empty());
        let bad = |name: &str| DomainError::new(ErrorCode::ValidationFailed).field(name);
        let to = match param("to") {
            Some(v) => parse_instant(v, true).ok_or_else(|| bad("to"))?,
            None => now,
        };
        let from = match param("from") {
            Some(v) => parse_instant(v, false).ok_or_else(|| bad("from"))?,
            None => to - Duration::days(DEFAULT_PERIOD_DAYS),
        };
        if to < from {
            return Err(bad("to"));
        }
        if to - from > Duration::days(MAX_PERIOD_DAYS) {
            return Err(bad("from"));
        }
        let service = param("service")
            .map(|v| v.parse::<Service>().map_err(|_| bad("service")))
            .transpose()?;
        Ok(ReportQuery { from, to, service })
    }

    /// The services the report counts.
    pub fn services(&self) -> Vec<Service> {
        match self.service {
            Some(s) => vec![s],
            None => Service::ALL.to_vec(),
        }
    }
}

/// An instant of a query parameter: RFC 3339, a local `YYYY-MM-DDTHH:MM[:SS]`, or a date (its
/// first instant, or with `end_of_day` its last minute).
fn parse_instant(v: &str, end_of_day: bool) -> Option<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t);
    }
    let local = chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .or_else(|| {
            let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
            let time = if end_of_day {
                NaiveTime::from_hms_opt(23, 59, 59)?
            } else {
                NaiveTime::MIN
            };
            Some(day.and_time(time))
        })?;
    almaty().from_local_datetime(&local).single()
}

/// One row of the report: a territory one level below the caller's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub territory: TerritoryRef,
    pub counts: Counts,
    /// «Всего» (the sum of the status columns), for readers that do not sum themselves.
    pub total: u64,
}

/// `GET /api/monitoring/report`: rows one level below the caller (regions for the ministry,
/// localities for a region or a district) and the «Всего по статусу» row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    /// `None`: «Все услуги».
    pub service: Option<Service>,
    /// What the rows are: regions for the ministry, localities for a region or a district.
    pub rows_level: RowLevel,
    pub rows: Vec<ReportRow>,
    /// «Всего по статусу».
    pub total: Counts,
    pub total_all: u64,
}

wire_enum! {
    /// What a report's rows are.
    RowLevel {
        Region => "region",
        Locality => "locality",
    }
}

impl Report {
    /// The rows' level for a caller at `level`.
    pub fn rows_level_for(level: TerritoryLevel) -> RowLevel {
        match level {
            TerritoryLevel::Ministry => RowLevel::Region,
            TerritoryLevel::Region | TerritoryLevel::District => RowLevel::Locality,
        }
    }

    /// Assembles the report from each territory's counts; the total row is their sum.
    pub fn new(
        query: &ReportQuery,
        rows_level: RowLevel,
        rows: Vec<(TerritoryRef, Counts)>,
    ) -> Report {
        let total = rows
            .iter()
            .fold(Counts::default(), |acc, (_, c)| acc.plus(c));
        Report {
            from: query.from,
            to: query.to,
            service: query.service,
            rows_level,
            rows: rows
                .into_iter()
                .map(|(territory, counts)| ReportRow {
                    total: counts.total(),
                    territory,
                    counts,
                })
                .collect(),
            total_all: total.total(),
            total,
        }
    }
}
