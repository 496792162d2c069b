//! The education department's monitoring (seed 002, 5.6 and the «Сотрудник управления
//! образования» walkthrough): the report «Мониторинг оказания государственных услуг» by
//! territory × status, the journal across organisations, and the overdue dashboard.
//!
//! Reading of the report (README, «Monitoring»): a row counts the applications *received in the
//! period* in the row's territory, each once, in the column of its current status; «Всего» is
//! the sum of the status columns (so «Поступило» means received and not yet taken up by an
//! executor). «Просрочено» counts those of them that missed their deadline (marked by the
//! sweep, whatever their status now); it is not part of «Всего».

pub mod counters;
pub mod journal;
pub mod period;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use crate::api::{Application, Text};
use crate::journal::DecisionFilter;
use crate::territory::{TerritoryLevel, TerritoryRef};
use crate::wire::wire_enum;
use crate::{DomainError, ErrorCode, MsgLang, Service, Status, almaty};

/// The default report period: the last 20 days up to now (seed 002's figures span 20 days).
pub const DEFAULT_PERIOD_DAYS: i64 = 20;

/// The longest period a report reads (its reads grow with the days).
pub const MAX_PERIOD_DAYS: i64 = 366;

wire_enum! {
    /// A status column of the report: where an application stands now.
    Column {
        /// «Поступило»: received, no executor has taken it up yet.
        Received => "received",
        /// «В обработке»: an executor is named and has not decided yet.
        Processing => "processing",
        /// «На подписи»: decided, waiting for the director's signature.
        OnSigning => "on_signing",
        /// «Положительно»: signed acceptance.
        Positive => "positive",
        /// «Отрицательно»: signed refusal.
        Negative => "negative",
        /// «Отозвано»: withdrawn by the applicant (our column in place of the seed's
        /// «Передано в ИС ОО», which has no counterpart here).
        Withdrawn => "withdrawn",
    }
}

impl Column {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            Column::Received => lang.pick("Поступило", "Түсті"),
            Column::Processing => lang.pick("В обработке", "Өңделуде"),
            Column::OnSigning => lang.pick("На подписи", "Қол қоюда"),
            Column::Positive => lang.pick("Положительно", "Оң"),
            Column::Negative => lang.pick("Отрицательно", "Теріс"),
            Column::Withdrawn => lang.pick("Отозвано", "Қайтарып алынды"),
        }
    }

    /// The column of an application of the review pipeline (1st grade, college).
    pub fn of(app: &Application) -> Column {
        Column::of_state(app.status, app.assignee_iin.is_some())
    }

    /// The column of a status, with whether an executor is named.
    pub fn of_state(status: Status, assigned: bool) -> Column {
        match status {
            Status::InReview if assigned => Column::Processing,
            Status::InReview => Column::Received,
            Status::OnSigning => Column::OnSigning,
            Status::Accepted => Column::Positive,
            Status::Rejected => Column::Negative,
            Status::Withdrawn => Column::Withdrawn,
        }
    }
}

/// Titles of the columns that are not statuses.
pub fn total_title(lang: MsgLang) -> &'static str {
    lang.pick("Всего", "Барлығы")
}
pub fn overdue_title(lang: MsgLang) -> &'static str {
    lang.pick("Просрочено", "Мерзімі өтті")
}
pub fn total_row_title(lang: MsgLang) -> &'static str {
    lang.pick("Всего по статусу", "Мәртебе бойынша барлығы")
}

/// One row's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub received: u64,
    pub processing: u64,
    pub on_signing: u64,
    pub positive: u64,
    pub negative: u64,
    pub withdrawn: u64,
    /// «Просрочено»: of the row's applications, those marked overdue (not a status column).
    pub overdue: u64,
}

impl Counts {
    pub fn get(&self, column: Column) -> u64 {
        match column {
            Column::Received => self.received,
            Column::Processing => self.processing,
            Column::OnSigning => self.on_signing,
            Column::Positive => self.positive,
            Column::Negative => self.negative,
            Column::Withdrawn => self.withdrawn,
        }
    }

    pub fn add(&mut self, column: Column, n: u64) {
        let slot = match column {
            Column::Received => &mut self.received,
            Column::Processing => &mut self.processing,
            Column::OnSigning => &mut self.on_signing,
            Column::Positive => &mut self.positive,
            Column::Negative => &mut self.negative,
            Column::Withdrawn => &mut self.withdrawn,
        };
        *slot += n;
    }

    /// «Всего»: the sum of the status columns.
    pub fn total(&self) -> u64 {
        Column::ALL.iter().map(|c| self.get(*c)).sum()
    }

    pub fn plus(mut self, other: &Counts) -> Counts {
        for c in Column::ALL {
            self.add(c, other.get(c));
        }
        self.overdue += other.overdue;
        self
    }
}

/// The report's input: `GET /api/monitoring/report?from=&to=&service=`.
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

/// An organisation as the journal and the dashboard name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgRef {
    pub id: String,
    pub name: Text,
    pub bin: String,
}

/// A row of the journal across organisations (seed 002, Рисунок 46): №, Номер заявки, Тип
/// заявки, ИИН, ФИО, Дата/время, Статус, Решение, Ответственный, БИН, Населенный пункт, and
/// whether it is overdue. `GET /api/monitoring/applications` lists these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JournalRow {
    pub id: String,
    pub number: u64,
    pub service: Service,
    /// The child's (for a college, the applicant's) IIN and full name.
    pub iin: String,
    pub full_name: String,
    pub submitted_at: DateTime<FixedOffset>,
    pub status: Status,
    pub decision: DecisionFilter,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_name: Option<String>,
    pub org: OrgRef,
    pub locality: TerritoryRef,
    pub overdue: bool,
}

/// An overdue application on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueItem {
    pub id: String,
    pub number: u64,
    pub service: Service,
    pub full_name: String,
    pub status: Status,
    pub submitted_at: DateTime<FixedOffset>,
    pub due_at: DateTime<FixedOffset>,
    /// Whole minutes since the deadline, at the dashboard's `now`.
    pub overdue_minutes: i64,
}

impl OverdueItem {
    /// An open overdue application as the dashboard shows it at `now`.
    pub fn of(app: &Application, now: DateTime<FixedOffset>) -> OverdueItem {
        OverdueItem {
            id: app.id.clone(),
            number: app.number,
            service: app.service,
            full_name: app.child.full_name(),
            status: app.status,
            submitted_at: app.submitted_at,
            due_at: app.due_at,
            overdue_minutes: (now - app.due_at).num_minutes().max(0),
        }
    }
}

/// An organisation's overdue applications, most overdue first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueGroup {
    pub org: OrgRef,
    pub locality: TerritoryRef,
    pub items: Vec<OverdueItem>,
}

/// `GET /api/monitoring/overdue`: the caller's territory's open overdue applications now,
/// grouped by organisation (the group with the most overdue one first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueDashboard {
    pub now: DateTime<FixedOffset>,
    pub groups: Vec<OverdueGroup>,
}

impl OverdueDashboard {
    /// The dashboard of these groups: each group's items most overdue first, and the group
    /// with the most overdue item first (ties by organisation id, so the order is stable).
    pub fn new(now: DateTime<FixedOffset>, mut groups: Vec<OverdueGroup>) -> OverdueDashboard {
        for g in &mut groups {
            g.items.sort_by(|a, b| {
                b.overdue_minutes
                    .cmp(&a.overdue_minutes)
                    .then(a.number.cmp(&b.number))
            });
        }
        groups.retain(|g| !g.items.is_empty());
        let most = |g: &OverdueGroup| g.items.first().map_or(0, |i| i.overdue_minutes);
        groups.sort_by(|a, b| most(b).cmp(&most(a)).then_with(|| a.org.id.cmp(&b.org.id)));
        OverdueDashboard { now, groups }
    }
}

/// How long something is overdue, as the dashboard says it: «2 д 3 ч», «45 мин».
pub fn overdue_text(minutes: i64, lang: MsgLang) -> String {
    let minutes = minutes.max(0);
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let (dl, hl, ml) = match lang {
        MsgLang::Ru => ("д", "ч", "мин"),
        MsgLang::Kk => ("тәул", "сағ", "мин"),
    };
    match (d, h) {
        (0, 0) => format!("{m} {ml}"),
        (0, h) => format!("{h} {hl} {m} {ml}"),
        (d, h) => format!("{d} {dl} {h} {hl}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn q(pairs: &[(&str, &str)]) -> Result<ReportQuery, DomainError> {
        let m: HashMap<_, _> = pairs.iter().copied().collect();
        ReportQuery::parse(|k| m.get(k).copied(), at("2026-12-02T10:00:00+05:00"))
    }

    #[test]
    fn the_default_period_is_the_last_twenty_days() {
        let r = q(&[]).unwrap();
        assert_eq!(r.to, at("2026-12-02T10:00:00+05:00"));
        assert_eq!(r.from, at("2026-11-12T10:00:00+05:00"));
        assert_eq!(r.service, None);
        assert_eq!(r.services(), Service::ALL.to_vec());
    }

    #[test]
    fn a_period_reads_local_times_and_dates() {
        let r = q(&[
            ("from", "2026-06-01T09:30"),
            ("to", "2026-06-20"),
            ("service", "grade1"),
        ])
        .unwrap();
        assert_eq!(r.from, at("2026-06-01T09:30:00+05:00"));
        assert_eq!(r.to, at("2026-06-20T23:59:59+05:00"));
        assert_eq!(r.services(), vec![Service::Grade1]);
    }

    #[test]
    fn bad_periods_name_their_field() {
        for (pairs, field) in [
            (vec![("from", "вчера")], "from"),
            (vec![("from", "2026-06-02"), ("to", "2026-06-01")], "to"),
            (vec![("from", "2020-01-01"), ("to", "2026-01-01")], "from"),
            (vec![("service", "taxi")], "service"),
        ] {
            let e = q(&pairs).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{pairs:?}");
        }
    }

    #[test]
    fn each_status_has_one_column_and_the_total_sums_them() {
        assert_eq!(Column::of_state(Status::InReview, false), Column::Received);
        assert_eq!(Column::of_state(Status::InReview, true), Column::Processing);
        assert_eq!(Column::of_state(Status::OnSigning, true), Column::OnSigning);
        assert_eq!(Column::of_state(Status::Accepted, true), Column::Positive);
        assert_eq!(Column::of_state(Status::Rejected, false), Column::Negative);
        assert_eq!(
            Column::of_state(Status::Withdrawn, false),
            Column::Withdrawn
        );
        let mut c = Counts::default();
        for (i, col) in Column::ALL.into_iter().enumerate() {
            c.add(col, i as u64 + 1);
        }
        c.overdue = 100;
        assert_eq!(c.total(), 21, "overdue is not a status column");
        assert_eq!(c.plus(&c).total(), 42);
        assert_eq!(c.plus(&c).overdue, 200);
    }

    #[test]
    fn the_seed_row_sums_as_the_seed_does() {
        // Seed 002, Рисунок 17, «Акмолинская область»: 13 27 2 39 32 0 → 113.
        let c = Counts {
            received: 13,
            processing: 27,
            on_signing: 2,
            positive: 39,
            negative: 32,
            withdrawn: 0,
            overdue: 0,
        };
        assert_eq!(c.total(), 113);
    }

    #[test]
    fn the_dashboard_puts_the_most_overdue_first() {
        let now = at("2026-06-10T12:00:00+05:00");
        let item = |number: u64, minutes: i64| OverdueItem {
            id: format!("a{number}"),
            number,
            service: Service::Grade1,
            full_name: "Абаев Нурлан".into(),
            status: Status::InReview,
            submitted_at: now,
            due_at: now - Duration::minutes(minutes),
            overdue_minutes: minutes,
        };
        let group = |org: &str, items: Vec<OverdueItem>| OverdueGroup {
            org: OrgRef {
                id: org.into(),
                name: Text {
                    ru: org.into(),
                    kk: org.into(),
                },
                bin: "000000000000".into(),
            },
            locality: TerritoryRef {
                id: "astana".into(),
                name: Text {
                    ru: "Астана".into(),
                    kk: "Астана".into(),
                },
                kato: None,
            },
            items,
        };
        let d = OverdueDashboard::new(
            now,
            vec![
                group("school-a", vec![item(1, 30), item(2, 600)]),
                group("school-b", vec![item(3, 2000)]),
                group("school-c", vec![]),
            ],
        );
        let order: Vec<(&str, Vec<u64>)> = d
            .groups
            .iter()
            .map(|g| {
                (
                    g.org.id.as_str(),
                    g.items.iter().map(|i| i.number).collect(),
                )
            })
            .collect();
        assert_eq!(order, vec![("school-b", vec![3]), ("school-a", vec![2, 1])]);
    }

    #[test]
    fn overdue_reads_in_both_languages() {
        assert_eq!(overdue_text(45, MsgLang::Ru), "45 мин");
        assert_eq!(overdue_text(185, MsgLang::Ru), "3 ч 5 мин");
        assert_eq!(overdue_text(3060, MsgLang::Ru), "2 д 3 ч");
        assert_eq!(overdue_text(3060, MsgLang::Kk), "2 тәул 3 сағ");
        assert_eq!(overdue_text(-5, MsgLang::Ru), "0 мин");
    }
}
