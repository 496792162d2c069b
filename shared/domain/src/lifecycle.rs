//! The lifecycle of an application: which events move it from which status to which, and
//! what each status means for the table — the sparse indexes it belongs to, whether it holds a
//! seat and the child's one-active-application guard. The table model turns a [`Change`] into
//! writes; no use case removes an index attribute by hand.
//!
//! ```text
//!            Submit           Decide            Sign (decision accept)
//!   (none) ─────────▶ in_review ─────▶ on_signing ─────────────────────▶ accepted
//!                       ▲   │             │  │ Sign (decision reject)
//!                       │   │ Withdraw    │  └─────────────────────────▶ rejected
//!                       │   ▼             │ Withdraw
//!                       │ withdrawn ◀─────┤
//!                       └─── Return ──────┘
//! ```
//! `MarkOverdue` sets the overdue flag of an open application once; the status stays, and it
//! moves from the due index to the overdue index until it closes.

use crate::Status;
use crate::api::DecisionKind;

/// What the lifecycle knows of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    pub overdue: bool,
    /// The executor's decision while it stands (from «Принять»/«Отказать» until returned).
    pub decision: Option<DecisionKind>,
}

/// What happens to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The applicant submits it.
    Submit,
    /// The executor (or the director) decides.
    Decide(DecisionKind),
    /// The director signs the decision.
    Sign,
    /// The director returns the decision for rework.
    Return,
    /// The applicant withdraws it.
    Withdraw,
    /// The deadline passed (the overdue sweep).
    MarkOverdue,
}

/// An event without its data, as the transition table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Submit,
    Decide,
    Sign,
    Return,
    Withdraw,
    MarkOverdue,
}

impl Event {
    pub const fn kind(self) -> EventKind {
        match self {
            Event::Submit => EventKind::Submit,
            Event::Decide(_) => EventKind::Decide,
            Event::Sign => EventKind::Sign,
            Event::Return => EventKind::Return,
            Event::Withdraw => EventKind::Withdraw,
            Event::MarkOverdue => EventKind::MarkOverdue,
        }
    }
}

/// One allowed transition: from a status (none: not yet stored), on an event, when the decision
/// standing after the event is `decision` (any when `None`), to a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub from: Option<Status>,
    pub event: EventKind,
    pub decision: Option<DecisionKind>,
    pub to: Status,
}

const fn rule(from: Option<Status>, event: EventKind, to: Status) -> Rule {
    Rule {
        from,
        event,
        decision: None,
        to,
    }
}

/// Every allowed transition (seeds 001 and 002). Anything else is refused.
pub const TRANSITIONS: [Rule; 9] = {
    use EventKind::*;
    use Status::*;
    [
        rule(None, Submit, InReview),
        rule(Some(InReview), Decide, OnSigning),
        Rule {
            decision: Some(DecisionKind::Accept),
            ..rule(Some(OnSigning), Sign, Accepted)
        },
        Rule {
            decision: Some(DecisionKind::Reject),
            ..rule(Some(OnSigning), Sign, Rejected)
        },
        rule(Some(OnSigning), Return, InReview),
        rule(Some(InReview), Withdraw, Withdrawn),
        rule(Some(OnSigning), Withdraw, Withdrawn),
        rule(Some(InReview), MarkOverdue, InReview),
        rule(Some(OnSigning), MarkOverdue, OnSigning),
    ]
};

/// A sparse index whose membership depends on the state. (The organisation's journal and the
/// applicant's list hold every application.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AppIndex {
    /// The review queue of a school, year, grade and language: «На проверке» in queue order.
    ReviewQueue,
    /// The due index the overdue sweep reads: open and not yet marked overdue.
    Due,
    /// The region's overdue index the department's dashboard reads: open and marked overdue
    /// (it takes the due index's place, so the two never hold the same application).
    Overdue,
}

/// What a transition does to a counted resource (a seat of a limit, the child's guard).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    Unchanged,
    Take,
    Release,
}

impl Hold {
    const fn between(before: bool, after: bool) -> Hold {
        match (before, after) {
            (false, true) => Hold::Take,
            (true, false) => Hold::Release,
            _ => Hold::Unchanged,
        }
    }
}

impl State {
    /// The sparse indexes an application in this state belongs to.
    pub fn indexes(&self) -> Vec<AppIndex> {
        let mut out = Vec::new();
        if self.status == Status::InReview {
            out.push(AppIndex::ReviewQueue);
        }
        if self.status.is_open() && !self.overdue {
            out.push(AppIndex::Due);
        }
        if self.status.is_open() && self.overdue {
            out.push(AppIndex::Overdue);
        }
        out
    }

    /// An accept decision awaiting signature or signed holds a seat of the limit.
    pub fn holds_seat(&self) -> bool {
        matches!(self.status, Status::OnSigning | Status::Accepted)
            && self.decision == Some(DecisionKind::Accept)
    }

    /// While open or accepted, the child may not apply again the same year.
    pub fn holds_child_guard(&self) -> bool {
        self.status.is_open() || self.status == Status::Accepted
    }
}

/// A transition's whole effect: the state before and after, the indexes to enter and leave,
/// the seat and the child's guard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub before: Option<State>,
    pub after: State,
    pub enter: Vec<AppIndex>,
    pub leave: Vec<AppIndex>,
    pub seat: Hold,
    pub child_guard: Hold,
}

/// The event is not allowed in this state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidTransition {
    pub from: Option<Status>,
    pub event: Event,
}

/// The one transition function: the change `event` makes to an application in `before`
/// (`None`: not stored yet), or why it may not happen.
pub fn transition(before: Option<State>, event: Event) -> Result<Change, InvalidTransition> {
    let invalid = InvalidTransition {
        from: before.map(|s| s.status),
        event,
    };
    let mut after = before.unwrap_or(State {
        status: Status::InReview,
        overdue: false,
        decision: None,
    });
    match event {
        Event::Decide(kind) => after.decision = Some(kind),
        Event::Return => after.decision = None,
        // Marked once: a second mark is no change.
        Event::MarkOverdue if after.overdue => return Err(invalid),
        Event::MarkOverdue => after.overdue = true,
        Event::Submit | Event::Sign | Event::Withdraw => {}
    }
    let rule = TRANSITIONS
        .iter()
        .find(|r| {
            r.from == before.map(|s| s.status)
                && r.event == event.kind()
                && r.decision.is_none_or(|d| after.decision == Some(d))
        })
        .ok_or(invalid)?;
    after.status = rule.to;
    let was = before.map(|s| s.indexes()).unwrap_or_default();
    let now = after.indexes();
    Ok(Change {
        before,
        after,
        enter: now.iter().copied().filter(|i| !was.contains(i)).collect(),
        leave: was.iter().copied().filter(|i| !now.contains(i)).collect(),
        seat: Hold::between(before.is_some_and(|s| s.holds_seat()), after.holds_seat()),
        child_guard: Hold::between(
            before.is_some_and(|s| s.holds_child_guard()),
            after.holds_child_guard(),
        ),
    })
}

#[cfg(test)]
mod tests;
