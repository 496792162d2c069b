//! The journal of applications (seed 002 «Журнал заявлений»): its filters and search, its page
//! tokens, and assigning one responsible to several applications at once («Назначить
//! ответственного»).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{Application, DecisionKind};
use crate::wire::wire_enum;
use crate::{AdmissionType, DomainError, ErrorCode, Iin, Status, almaty};

/// The most applications one journal page lists (and the default).
pub const JOURNAL_PAGE: u32 = 50;

/// The longest search text.
pub const MAX_QUERY_CHARS: usize = 100;

wire_enum! {
    /// The journal's «Решение» column and filter: the decision an application carries
    /// (awaiting the signature or signed), or none.
    DecisionFilter {
        /// «Положительно».
        Accept => "accept",
        /// «Отрицательно».
        Reject => "reject",
        /// «Нет решения».
        None => "none",
    }
}

impl DecisionFilter {
    /// The column's words (seed 002).
    pub fn title(self, lang: crate::MsgLang) -> &'static str {
        match self {
            DecisionFilter::Accept => lang.pick("Положительно", "Оң"),
            DecisionFilter::Reject => lang.pick("Отрицательно", "Теріс"),
            DecisionFilter::None => lang.pick("Нет решения", "Шешім жоқ"),
        }
    }

    /// What the «Решение» column shows for an application.
    pub fn of(app: &Application) -> DecisionFilter {
        match app.decision.as_ref().map(|d| d.decision) {
            Some(DecisionKind::Accept) => DecisionFilter::Accept,
            Some(DecisionKind::Reject) => DecisionFilter::Reject,
            None => DecisionFilter::None,
        }
    }
}

/// The journal's filters (`GET /api/orgs/{org}/applications`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JournalFilter {
    pub status: Option<Status>,
    pub admission_type: Option<AdmissionType>,
    pub overdue: Option<bool>,
    /// Submitted at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Submitted strictly before this instant.
    pub before: Option<DateTime<Utc>>,
    /// Lower-cased search text.
    pub q: Option<String>,
    /// The responsible executor.
    pub assignee: Option<Iin>,
    pub decision: Option<DecisionFilter>,
    /// The page size, 1..=[`JOURNAL_PAGE`].
    pub limit: u32,
    /// The sort key of the last application the previous page examined.
    pub after: Option<String>,
}

impl JournalFilter {
    /// Reads the query parameters (`get` returns a parameter's value); empty values mean "no
    /// filter". Every bad value is 422 naming the parameter: `invalid_iin` for the assignee,
    /// `validation_failed` for the rest.
    pub fn parse<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<JournalFilter, DomainError> {
        let param = |name: &str| get(name).map(str::trim).filter(|v| !v.is_empty());
        let bad = |name: &str| DomainError::new(ErrorCode::ValidationFailed).field(name);
        let status = param("status")
            .map(|v| v.parse::<Status>().map_err(|_| bad("status")))
            .transpose()?;
        let admission_type = param("admission_type")
            .map(|v| {
                v.parse::<AdmissionType>()
                    .map_err(|_| bad("admission_type"))
            })
            .transpose()?;
        let overdue = match param("overdue") {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(_) => return Err(bad("overdue")),
        };
        let from = param("from")
            .map(|v| bound(v, false).ok_or_else(|| bad("from")))
            .transpose()?;
        let before = param("to")
            .map(|v| bound(v, true).ok_or_else(|| bad("to")))
            .transpose()?;
        let q = param("q").map(str::to_lowercase);
        if q.as_ref()
            .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
        {
            return Err(bad("q"));
        }
        let assignee = param("assignee")
            .map(|v| {
                Iin::parse(v).map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("assignee"))
            })
            .transpose()?;
        let decision = param("decision")
            .map(|v| v.parse::<DecisionFilter>().map_err(|_| bad("decision")))
            .transpose()?;
        let limit = match param("limit") {
            None => JOURNAL_PAGE,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=JOURNAL_PAGE).contains(n))
                .ok_or_else(|| bad("limit"))?,
        };
        let after = param("page_token")
            .map(|t| decode_token(t).ok_or_else(|| bad("page_token")))
            .transpose()?;
        Ok(JournalFilter {
            status,
            admission_type,
            overdue,
            from,
            before,
            q,
            assignee,
            decision,
            limit,
            after,
        })
    }

    /// True when a filter beyond the submission range applies (the store cannot apply it).
    pub fn filters_in_memory(&self) -> bool {
        self.status.is_some()
            || self.admission_type.is_some()
            || self.overdue.is_some()
            || self.q.is_some()
            || self.assignee.is_some()
            || self.decision.is_some()
    }

    /// Whether the application passes the filters other than the submission range.
    pub fn matches(&self, app: &Application) -> bool {
        self.status.is_none_or(|s| app.status == s)
            && self.admission_type.is_none_or(|t| app.admission_type == t)
            && self.overdue.is_none_or(|o| app.overdue == o)
            && self
                .assignee
                .as_ref()
                .is_none_or(|a| app.assignee_iin.as_deref() == Some(a.as_str()))
            && self.decision.is_none_or(|d| DecisionFilter::of(app) == d)
            && self.q.as_deref().is_none_or(|q| matches_text(app, q))
    }
}

/// Seed 002: «Поиск заявки по номеру, ответственному исполнителю, … ИИН или фамилии, имени,
/// отчеству Услугополучателя». `q` (already lower-cased) matches the number exactly (a leading
/// «№» allowed), the applicant's IIN exactly, the start of the child's IIN, or a part of the
/// applicant's, the child's or the responsible executor's name, in any case.
pub fn matches_text(app: &Application, q: &str) -> bool {
    let number = q.trim_start_matches('№').trim();
    if number == app.number.to_string() {
        return true;
    }
    if q.chars().all(|c| c.is_ascii_digit()) {
        return app.applicant_iin == q || app.child.iin.starts_with(q);
    }
    let contains = |text: &str| text.to_lowercase().contains(q);
    contains(&app.applicant_name)
        || contains(&app.child.full_name())
        || app.assignee_name.as_deref().is_some_and(contains)
}

/// A range bound: an RFC 3339 instant, or a date in Almaty (the day's start for `from`, the next
/// day's start for `to`, so `to` includes the whole day). `to` as an instant is inclusive.
fn bound(v: &str, upper: bool) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        let t = t.to_utc();
        return Some(if upper {
            t + chrono::Duration::microseconds(1)
        } else {
            t
        });
    }
    let date = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
    let date = if upper { date.succ_opt()? } else { date };
    let start = date.and_time(NaiveTime::MIN).and_local_timezone(almaty());
    Some(start.single()?.to_utc())
}

/// The page token: the hex of the last examined sort key (opaque, URL-safe).
pub fn encode_token(sort_key: &str) -> String {
    sort_key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The sort key a page token names, `None` when it is not one of ours.
pub fn decode_token(token: &str) -> Option<String> {
    if !token.len().is_multiple_of(2) || token.len() > 400 {
        return None;
    }
    let bytes = (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok().filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------------------- assign many

/// The most applications one «Назначить ответственного» names.
pub const MAX_ASSIGN: usize = 50;

/// `POST /api/orgs/{org}/applications/assign`: one responsible for several applications.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignMany {
    #[serde(default)]
    pub application_ids: Vec<String>,
    #[serde(default)]
    pub executor_iin: String,
}

/// An [`AssignMany`] that passed its checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAssignMany {
    /// 1..=[`MAX_ASSIGN`] ids, each once, in the order given.
    pub application_ids: Vec<String>,
    pub executor: Iin,
}

impl AssignMany {
    /// One to [`MAX_ASSIGN`] ids (a repeated id counts once) and a valid IIN.
    pub fn validate(&self) -> Result<ValidAssignMany, DomainError> {
        let executor = Iin::parse(self.executor_iin.trim())
            .map_err(|_| DomainError::new(ErrorCode::InvalidIin).field("executor_iin"))?;
        let mut ids: Vec<String> = Vec::new();
        for id in &self.application_ids {
            let id = id.trim();
            if id.is_empty() {
                return Err(DomainError::new(ErrorCode::ValidationFailed).field("application_ids"));
            }
            if !ids.iter().any(|seen| seen == id) {
                ids.push(id.to_string());
            }
        }
        if ids.is_empty() || ids.len() > MAX_ASSIGN {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("application_ids"));
        }
        Ok(ValidAssignMany {
            application_ids: ids,
            executor,
        })
    }
}

wire_enum! {
    /// What became of one application of an [`AssignMany`].
    AssignResult {
        /// The executor is its responsible now (or already was).
        Assigned => "assigned",
        /// Left as it was; `code` says why.
        Refused => "refused",
    }
}

/// One application's line of the answer to [`AssignMany`] (`{"items": [...]}`, in the order
/// asked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignOutcome {
    pub id: String,
    pub result: AssignResult,
    /// Why it was refused: `not_found` (no such application in this organisation),
    /// `invalid_status` (no longer «На проверке») or `service_unavailable` (try again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
    /// The refusal in the caller's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[cfg(test)]
mod tests;
