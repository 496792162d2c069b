//! Reviewing applications (seed 001 «Рассмотрение заявки», seed 002 «Журнал заявлений»): what a
//! decision must carry, and how the journal's filters and page tokens read.
//!
//! The order rule and the 3:1 seat rule need the table: the quota is computed here
//! ([`crate::Quota::for_seats`]) when a limit is written and stored with it, and the table
//! model's seat write compares the stored figure in the decision's transaction; the order rule
//! is a query of the review queue. Here is only what the request itself decides. Special needs and the PMPK conclusion are informational: no rule refers to them.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{Application, DecisionKind, TransportDecision};
use crate::{AdmissionType, DomainError, ErrorCode, RejectReason, Status, almaty};

/// The longest free-text comment a decision keeps.
pub const MAX_COMMENT: usize = 2_000;

/// `POST /api/orgs/{org}/applications/{id}/decision` as sent. `reason` stays text so that an
/// unknown code reads as "no valid reason" (`reason_required`), not as a malformed body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionRequest {
    pub decision: DecisionKind,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub transport: Option<TransportDecision>,
}

/// A decision request that passed its rules.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidDecision {
    pub decision: DecisionKind,
    pub reason: Option<RejectReason>,
    pub comment: Option<String>,
    pub transport: Option<TransportDecision>,
}

/// The transport block is shown (and must be answered) only when the parent asked for
/// transport and the school provides it (seed 001, «Подвоз»).
pub const fn transport_applicable(transport_requested: bool, provides_transport: bool) -> bool {
    transport_requested && provides_transport
}

impl DecisionRequest {
    /// A refusal names one of the seven grounds; an acceptance names none. The transport answer
    /// is given together with an acceptance exactly when the transport block applies (a child
    /// refused a place is not transported to it, so a refusal takes none); a transport answer
    /// nobody asked for is refused (422 `validation_failed`, field `transport`) rather than
    /// silently dropped, so a client never believes it recorded something it did not.
    pub fn validate(&self, transport_applicable: bool) -> Result<ValidDecision, DomainError> {
        let reason = self
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let reason = match (self.decision, reason) {
            (DecisionKind::Reject, None) => {
                return Err(DomainError::new(ErrorCode::ReasonRequired).field("reason"));
            }
            (DecisionKind::Reject, Some(code)) => Some(
                code.parse::<RejectReason>()
                    .map_err(|_| DomainError::new(ErrorCode::ReasonRequired).field("reason"))?,
            ),
            (DecisionKind::Accept, Some(_)) => {
                return Err(DomainError::new(ErrorCode::ValidationFailed).field("reason"));
            }
            (DecisionKind::Accept, None) => None,
        };
        let comment = self
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from);
        if comment
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_COMMENT)
        {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("comment"));
        }
        let transport_applicable = transport_applicable && self.decision == DecisionKind::Accept;
        let transport = match (transport_applicable, self.transport) {
            (true, None) => {
                return Err(
                    DomainError::new(ErrorCode::TransportDecisionRequired).field("transport")
                );
            }
            (false, Some(_)) => {
                return Err(DomainError::new(ErrorCode::ValidationFailed).field("transport"));
            }
            (_, t) => t,
        };
        Ok(ValidDecision {
            decision: self.decision,
            reason,
            comment,
            transport,
        })
    }
}

impl ValidDecision {
    /// The history comment: what was decided, on which ground, about transport, and why.
    pub fn history_comment(&self) -> String {
        let mut parts = vec![
            match self.decision {
                DecisionKind::Accept => "accept",
                DecisionKind::Reject => "reject",
            }
            .to_string(),
        ];
        if let Some(r) = self.reason {
            parts.push(r.as_str().to_string());
        }
        if let Some(t) = self.transport {
            parts.push(
                match t {
                    TransportDecision::Approved => "transport: approved",
                    TransportDecision::Denied => "transport: denied",
                }
                .to_string(),
            );
        }
        if let Some(c) = &self.comment {
            parts.push(c.clone());
        }
        parts.join("; ")
    }
}

// ---------------------------------------------------------------------------------- journal

/// The most applications one journal page lists (and the default).
pub const JOURNAL_PAGE: u32 = 50;

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
    /// The page size, 1..=[`JOURNAL_PAGE`].
    pub limit: u32,
    /// The sort key of the last application the previous page examined.
    pub after: Option<String>,
}

impl JournalFilter {
    /// Reads the query parameters (`get` returns a parameter's value); empty values mean "no
    /// filter". Every bad value is 422 `validation_failed` naming the parameter.
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
        if q.as_ref().is_some_and(|q| q.chars().count() > 100) {
            return Err(bad("q"));
        }
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
    }

    /// Whether the application passes the filters other than the submission range.
    pub fn matches(&self, app: &Application) -> bool {
        self.status.is_none_or(|s| app.status == s)
            && self.admission_type.is_none_or(|t| app.admission_type == t)
            && self.overdue.is_none_or(|o| app.overdue == o)
            && self.q.as_deref().is_none_or(|q| matches_text(app, q))
    }
}

/// `q` matches the application's number exactly, the start of the child's IIN, or a part of the
/// child's or the applicant's full name (case-insensitive; `q` is already lower-cased).
pub fn matches_text(app: &Application, q: &str) -> bool {
    let number = q.trim_start_matches('№').trim();
    if number == app.number.to_string() {
        return true;
    }
    if q.chars().all(|c| c.is_ascii_digit()) && app.child.iin.starts_with(q) {
        return true;
    }
    let child = format!(
        "{} {} {}",
        app.child.last_name,
        app.child.first_name,
        app.child.middle_name.as_deref().unwrap_or("")
    );
    child.to_lowercase().contains(q) || app.applicant_name.to_lowercase().contains(q)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn req(decision: DecisionKind, reason: Option<&str>) -> DecisionRequest {
        DecisionRequest {
            decision,
            reason: reason.map(String::from),
            comment: None,
            transport: None,
        }
    }

    #[test]
    fn a_refusal_names_a_ground() {
        let code = |r: Result<ValidDecision, DomainError>| r.unwrap_err().code;
        assert_eq!(
            code(req(DecisionKind::Reject, None).validate(false)),
            ErrorCode::ReasonRequired
        );
        assert_eq!(
            code(req(DecisionKind::Reject, Some(" ")).validate(false)),
            ErrorCode::ReasonRequired
        );
        assert_eq!(
            code(req(DecisionKind::Reject, Some("because")).validate(false)),
            ErrorCode::ReasonRequired
        );
        for r in RejectReason::ALL {
            let ok = req(DecisionKind::Reject, Some(r.as_str()))
                .validate(false)
                .unwrap();
            assert_eq!(ok.reason, Some(r));
        }
        assert_eq!(
            code(req(DecisionKind::Accept, Some("non_compliance")).validate(false)),
            ErrorCode::ValidationFailed
        );
        assert_eq!(
            req(DecisionKind::Accept, None)
                .validate(false)
                .unwrap()
                .reason,
            None
        );
    }

    #[test]
    fn transport_is_answered_exactly_when_it_applies() {
        assert!(transport_applicable(true, true));
        assert!(!transport_applicable(true, false));
        assert!(!transport_applicable(false, true));
        let mut r = req(DecisionKind::Accept, None);
        assert_eq!(
            r.validate(true).unwrap_err().code,
            ErrorCode::TransportDecisionRequired
        );
        r.transport = Some(TransportDecision::Denied);
        assert_eq!(
            r.validate(true).unwrap().transport,
            Some(TransportDecision::Denied)
        );
        assert_eq!(
            r.validate(false).unwrap_err().field.as_deref(),
            Some("transport")
        );
        // A refusal takes no transport answer, even where the block applies.
        let mut refusal = req(DecisionKind::Reject, Some(RejectReason::ALL[0].as_str()));
        assert!(refusal.validate(true).unwrap().transport.is_none());
        refusal.transport = Some(TransportDecision::Denied);
        assert_eq!(
            refusal.validate(true).unwrap_err().field.as_deref(),
            Some("transport")
        );
    }

    #[test]
    fn comments_are_trimmed_and_bounded() {
        let mut r = req(DecisionKind::Accept, None);
        r.comment = Some("  ".into());
        assert_eq!(r.validate(false).unwrap().comment, None);
        r.comment = Some("x".repeat(MAX_COMMENT + 1));
        assert_eq!(
            r.validate(false).unwrap_err().code,
            ErrorCode::ValidationFailed
        );
        let mut r = req(DecisionKind::Reject, Some("classes_overfilled"));
        r.comment = Some(" мест нет ".into());
        assert_eq!(
            r.validate(false).unwrap().history_comment(),
            "reject; classes_overfilled; мест нет"
        );
    }

    fn parse(pairs: &[(&str, &str)]) -> Result<JournalFilter, DomainError> {
        let m: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        JournalFilter::parse(|k| m.get(k).map(String::as_str))
    }

    #[test]
    fn journal_filters_parse() {
        let f = parse(&[]).unwrap();
        assert_eq!(f.limit, JOURNAL_PAGE);
        assert!(!f.filters_in_memory());
        let f = parse(&[
            ("status", "in_review"),
            ("admission_type", "outside"),
            ("overdue", "false"),
            ("q", "Ахметов"),
            ("limit", "3"),
            ("status", ""),
        ])
        .unwrap();
        assert_eq!(f.status, None);
        assert_eq!(f.admission_type, Some(AdmissionType::Outside));
        assert_eq!(f.overdue, Some(false));
        assert_eq!(f.q.as_deref(), Some("ахметов"));
        assert_eq!(f.limit, 3);
        for (k, v) in [
            ("status", "done"),
            ("admission_type", "x"),
            ("overdue", "yes"),
            ("from", "2026-13-01"),
            ("to", "yesterday"),
            ("limit", "0"),
            ("limit", "51"),
            ("page_token", "zz"),
            ("page_token", "abc"),
        ] {
            let e = parse(&[(k, v)]).unwrap_err();
            assert_eq!(e.code, ErrorCode::ValidationFailed, "{k}={v}");
            assert_eq!(e.field.as_deref(), Some(k));
        }
    }

    #[test]
    fn dates_are_almaty_days() {
        let f = parse(&[("from", "2026-04-01"), ("to", "2026-04-01")]).unwrap();
        assert_eq!(
            f.from.unwrap().to_rfc3339(),
            "2026-03-31T19:00:00+00:00",
            "midnight in Almaty"
        );
        assert_eq!(f.before.unwrap().to_rfc3339(), "2026-04-01T19:00:00+00:00");
        let f = parse(&[("to", "2026-04-01T10:00:00+05:00")]).unwrap();
        assert_eq!(
            f.before.unwrap().to_rfc3339(),
            "2026-04-01T05:00:00.000001+00:00"
        );
    }

    #[test]
    fn tokens_round_trip() {
        let sk = "2026-04-01T04:00:00.000000Z#0000000012";
        let t = encode_token(sk);
        assert!(t.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(decode_token(&t).as_deref(), Some(sk));
        assert_eq!(decode_token(""), None);
    }
}
