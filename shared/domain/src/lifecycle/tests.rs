use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use DecisionKind::{Accept, Reject};

fn run(events: &[Event]) -> Result<State, InvalidTransition> {
    let mut state = None;
    for e in events {
        state = Some(transition(state, *e)?.after);
    }
    Ok(state.expect("at least one event"))
}

#[test]
fn the_seed_paths() {
    let s = run(&[Event::Submit]).unwrap();
    assert_eq!(s.status, Status::InReview);
    assert_eq!(s.indexes(), vec![AppIndex::ReviewQueue, AppIndex::Due]);

    let accepted = run(&[Event::Submit, Event::Decide(Accept), Event::Sign]).unwrap();
    assert_eq!(accepted.status, Status::Accepted);
    assert!(accepted.indexes().is_empty());
    assert!(accepted.holds_seat() && accepted.holds_child_guard());

    let rejected = run(&[Event::Submit, Event::Decide(Reject), Event::Sign]).unwrap();
    assert_eq!(rejected.status, Status::Rejected);
    assert!(!rejected.holds_seat() && !rejected.holds_child_guard());

    let back = run(&[Event::Submit, Event::Decide(Accept), Event::Return]).unwrap();
    assert_eq!(back.status, Status::InReview);
    assert_eq!(back.decision, None);
}

#[test]
fn effects_of_each_step() {
    let submitted = transition(None, Event::Submit).unwrap();
    assert_eq!(submitted.child_guard, Hold::Take);
    assert_eq!(submitted.enter, vec![AppIndex::ReviewQueue, AppIndex::Due]);

    let decided = transition(Some(submitted.after), Event::Decide(Accept)).unwrap();
    assert_eq!(decided.after.status, Status::OnSigning);
    assert_eq!(decided.leave, vec![AppIndex::ReviewQueue]);
    assert_eq!(decided.seat, Hold::Take);

    let returned = transition(Some(decided.after), Event::Return).unwrap();
    assert_eq!(returned.enter, vec![AppIndex::ReviewQueue]);
    assert_eq!(returned.seat, Hold::Release);
    assert_eq!(returned.child_guard, Hold::Unchanged);

    let signed = transition(Some(decided.after), Event::Sign).unwrap();
    assert_eq!(signed.leave, vec![AppIndex::Due]);
    assert_eq!(signed.seat, Hold::Unchanged);

    let overdue = transition(Some(decided.after), Event::MarkOverdue).unwrap();
    assert_eq!(overdue.after.status, Status::OnSigning);
    assert_eq!(overdue.leave, vec![AppIndex::Due]);
    assert_eq!(overdue.enter, vec![AppIndex::Overdue]);
    let withdrawn = transition(Some(overdue.after), Event::Withdraw).unwrap();
    assert_eq!(withdrawn.seat, Hold::Release);
    assert_eq!(withdrawn.child_guard, Hold::Release);
    assert_eq!(withdrawn.leave, vec![AppIndex::Overdue]);
}

#[test]
fn an_overdue_application_is_in_the_overdue_index_until_it_closes() {
    let late = run(&[Event::Submit, Event::MarkOverdue]).unwrap();
    assert_eq!(
        late.indexes(),
        vec![AppIndex::ReviewQueue, AppIndex::Overdue]
    );
    let decided = transition(Some(late), Event::Decide(Accept)).unwrap();
    assert!(decided.enter.is_empty());
    assert_eq!(decided.leave, vec![AppIndex::ReviewQueue]);
    assert_eq!(decided.after.indexes(), vec![AppIndex::Overdue]);
    let returned = transition(Some(decided.after), Event::Return).unwrap();
    assert_eq!(
        returned.after.indexes(),
        vec![AppIndex::ReviewQueue, AppIndex::Overdue]
    );
    let signed = transition(Some(decided.after), Event::Sign).unwrap();
    assert_eq!(signed.leave, vec![AppIndex::Overdue]);
    assert!(signed.after.indexes().is_empty());
    // Never in both: the two share the table's index attributes.
    let on_time = run(&[Event::Submit]).unwrap();
    assert!(!on_time.indexes().contains(&AppIndex::Overdue));
}

#[test]
fn refused_steps() {
    let in_review = run(&[Event::Submit]).unwrap();
    for e in [Event::Sign, Event::Return, Event::Submit] {
        assert!(transition(Some(in_review), e).is_err(), "{e:?}");
    }
    let overdue = transition(Some(in_review), Event::MarkOverdue)
        .unwrap()
        .after;
    assert!(transition(Some(overdue), Event::MarkOverdue).is_err());
    for e in [
        Event::Decide(Accept),
        Event::Sign,
        Event::Withdraw,
        Event::MarkOverdue,
    ] {
        assert!(transition(None, e).is_err(), "{e:?}");
    }
    let fin = run(&[Event::Submit, Event::Withdraw]).unwrap();
    for e in any_event_list() {
        assert!(transition(Some(fin), e).is_err(), "{e:?} after withdrawal");
    }
}

fn any_event_list() -> Vec<Event> {
    vec![
        Event::Submit,
        Event::Decide(Accept),
        Event::Decide(Reject),
        Event::Sign,
        Event::Return,
        Event::Withdraw,
        Event::MarkOverdue,
    ]
}

fn any_event() -> impl Strategy<Value = Event> {
    proptest::sample::select(any_event_list())
}

fn apply(held: &mut u32, hold: Hold) {
    match hold {
        Hold::Take => *held += 1,
        Hold::Release => *held -= 1,
        Hold::Unchanged => {}
    }
}

proptest! {
    /// Random sequences of legal and illegal events: the index memberships built up from each
    /// change's enter/leave always equal what the state says, a seat and the guard are held
    /// exactly when the state says so (never twice), and a refused event changes nothing.
    #[test]
    fn memberships_always_match_the_status(events in proptest::collection::vec(any_event(), 1..40)) {
        let mut state: Option<State> = None;
        let mut indexes = BTreeSet::new();
        let (mut seats, mut guards) = (0u32, 0u32);
        for event in events {
            match transition(state, event) {
                Ok(change) => {
                    prop_assert_eq!(change.before, state);
                    for i in &change.leave {
                        prop_assert!(indexes.remove(i), "left {:?} it was not in", i);
                    }
                    for i in &change.enter {
                        prop_assert!(indexes.insert(*i), "entered {:?} twice", i);
                    }
                    apply(&mut seats, change.seat);
                    apply(&mut guards, change.child_guard);
                    state = Some(change.after);
                }
                Err(e) => prop_assert_eq!(e.from, state.map(|s| s.status)),
            }
            let expected: BTreeSet<AppIndex> =
                state.map(|s| s.indexes()).unwrap_or_default().into_iter().collect();
            prop_assert_eq!(&indexes, &expected);
            prop_assert_eq!(seats, u32::from(state.is_some_and(|s| s.holds_seat())));
            prop_assert_eq!(guards, u32::from(state.is_some_and(|s| s.holds_child_guard())));
            if let Some(s) = state {
                prop_assert!(s.status != Status::OnSigning || s.decision.is_some());
            }
        }
    }

    /// Every allowed step is a row of the table, and no event moves a final application.
    #[test]
    fn steps_follow_the_table(events in proptest::collection::vec(any_event(), 1..40)) {
        let mut state: Option<State> = None;
        for event in events {
            if let Ok(change) = transition(state, event) {
                prop_assert!(state.is_none_or(|s| !s.status.is_final()));
                prop_assert!(TRANSITIONS.iter().any(|r| r.from == state.map(|s| s.status)
                    && r.event == event.kind() && r.to == change.after.status));
                state = Some(change.after);
            }
        }
    }
}
