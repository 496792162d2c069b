//! Stand-in for `domain::lifecycle` until it lands (same names and shape).

use domain::Status;
use domain::api::DecisionKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    pub overdue: bool,
    pub decision: Option<DecisionKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Submit,
    Decide(DecisionKind),
    Sign,
    Return,
    Withdraw,
    MarkOverdue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppIndex {
    ReviewQueue,
    Due,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatChange {
    None,
    Take,
    Free,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub before: Option<State>,
    pub after: State,
    pub enter: Vec<AppIndex>,
    pub leave: Vec<AppIndex>,
    pub seat: SeatChange,
    pub release_child_guard: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidTransition;

impl State {
    pub fn indexes(&self) -> Vec<AppIndex> {
        let mut out = Vec::new();
        if self.status == Status::InReview {
            out.push(AppIndex::ReviewQueue);
        }
        if self.status.is_open() && !self.overdue {
            out.push(AppIndex::Due);
        }
        out
    }
}

pub fn transition(before: Option<State>, event: Event) -> Result<Change, InvalidTransition> {
    let accepted = |s: &State| s.decision == Some(DecisionKind::Accept);
    let (after, seat, release) = match (before, event) {
        (None, Event::Submit) => (
            State {
                status: Status::InReview,
                overdue: false,
                decision: None,
            },
            SeatChange::None,
            false,
        ),
        (Some(s), Event::Decide(k)) if s.status == Status::InReview => (
            State {
                status: Status::OnSigning,
                decision: Some(k),
                ..s
            },
            if k == DecisionKind::Accept {
                SeatChange::Take
            } else {
                SeatChange::None
            },
            false,
        ),
        (Some(s), Event::Sign) if s.status == Status::OnSigning && s.decision.is_some() => {
            let status = if accepted(&s) {
                Status::Accepted
            } else {
                Status::Rejected
            };
            (State { status, ..s }, SeatChange::None, !accepted(&s))
        }
        (Some(s), Event::Return) if s.status == Status::OnSigning => (
            State {
                status: Status::InReview,
                decision: None,
                ..s
            },
            if accepted(&s) {
                SeatChange::Free
            } else {
                SeatChange::None
            },
            false,
        ),
        (Some(s), Event::Withdraw) if s.status.is_open() => (
            State {
                status: Status::Withdrawn,
                ..s
            },
            if s.status == Status::OnSigning && accepted(&s) {
                SeatChange::Free
            } else {
                SeatChange::None
            },
            true,
        ),
        (Some(s), Event::MarkOverdue) if s.status.is_open() && !s.overdue => {
            (State { overdue: true, ..s }, SeatChange::None, false)
        }
        _ => return Err(InvalidTransition),
    };
    let was = before.map(|b| b.indexes()).unwrap_or_default();
    let now = after.indexes();
    Ok(Change {
        before,
        after,
        enter: now.iter().filter(|i| !was.contains(i)).copied().collect(),
        leave: was.iter().filter(|i| !now.contains(i)).copied().collect(),
        seat,
        release_child_guard: release,
    })
}
