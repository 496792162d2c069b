//! Reviewing applications (seed 001 «Рассмотрение заявки», seed 002 «Журнал заявлений»): what a
//! decision must carry (the journal's filters and page tokens are [`crate::journal`]'s).
//!
//! The order rule and the 3:1 seat rule need the table: the quota is computed here
//! ([`crate::Quota::for_seats`]) when a limit is written and stored with it, and the table
//! model's seat write compares the stored figure in the decision's transaction; the order rule
//! is a query of the review queue. Here is only what the request itself decides. Special needs and the PMPK conclusion are informational: no rule refers to them.

use serde::{Deserialize, Serialize};

use crate::api::{DecisionKind, TransportDecision};
use crate::{DomainError, ErrorCode, RejectReason};

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

pub use crate::journal::{JOURNAL_PAGE, JournalFilter, decode_token, encode_token, matches_text};

#[cfg(test)]
mod tests {
    use super::*;

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
}
