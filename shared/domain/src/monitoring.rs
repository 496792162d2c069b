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
mod overdue;
pub mod period;
mod report;

pub use overdue::*;
pub use report::*;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::api::{Application, Text};
use crate::journal::DecisionFilter;
use crate::territory::TerritoryRef;
use crate::wire::wire_enum;
use crate::{MsgLang, Service, Status};

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

#[cfg(test)]
mod tests;
