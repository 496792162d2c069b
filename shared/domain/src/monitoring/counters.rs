//! What a state change does to the report's counters: one application leaves the column of its
//! state before and enters the column of its state after (each application counts once, in the
//! column of its current state), and «Просрочено» grows when the sweep marks it. The preschool
//! queue has no review pipeline: its states map to the same columns.

use crate::preschool::api::QueueApplication;
use crate::preschool::{PrivilegeStatus, QueueState, RemovalReason};

use super::Column;

/// The counters' change of one application: +1/−1 per column, +1 on «Просрочено».
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delta {
    pub columns: Vec<(Column, i64)>,
    pub overdue: i64,
}

impl Delta {
    /// From the column before (`None`: a new application) to the column after.
    pub fn moving(before: Option<Column>, after: Column, became_overdue: bool) -> Delta {
        let columns = match before {
            Some(b) if b == after => Vec::new(),
            Some(b) => vec![(b, -1), (after, 1)],
            None => vec![(after, 1)],
        };
        Delta {
            columns,
            overdue: i64::from(became_overdue),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty() && self.overdue == 0
    }
}

impl Column {
    /// The column of a preschool queue application: a privilege the education department has
    /// still to confirm is being processed; in the queue, directed or enrolled is the
    /// service rendered (the child is registered); removed by the applicant is withdrawn;
    /// removed for two unused directions is a refusal.
    pub fn of_queue(app: &QueueApplication) -> Column {
        match (app.state, app.removal) {
            (QueueState::Removed, Some(RemovalReason::SecondExpiry)) => Column::Negative,
            (QueueState::Removed, _) => Column::Withdrawn,
            (QueueState::Directed | QueueState::Enrolled, _) => Column::Positive,
            (QueueState::InQueue, _) if app.privilege.status == PrivilegeStatus::Pending => {
                Column::Processing
            }
            (QueueState::InQueue, _) => Column::Positive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue_app() -> QueueApplication {
        serde_json::from_value(serde_json::json!({
            "id": "q1", "number": "УО.2026.000001.1",
            "registered_at": "2026-06-01T10:00:00+05:00",
            "child": {"iin": "220315500101", "last_name": "А", "first_name": "Б",
                      "birth_date": "2022-03-15", "sex": "male"},
            "applicant": {"iin": "880808300004", "full_name": "А", "phone": "+77011234567",
                          "relation": "father"},
            "region": "astana", "locality_id": "astana-city", "language": "ru",
            "privilege": {"category": "none", "status": "not_claimed"},
            "state": "in_queue", "changed_at": "2026-06-01T10:00:00+05:00", "expiries": 0,
        }))
        .unwrap()
    }

    #[test]
    fn queue_states_map_to_columns() {
        let mut app = queue_app();
        assert_eq!(Column::of_queue(&app), Column::Positive);
        app.privilege.status = PrivilegeStatus::Pending;
        assert_eq!(Column::of_queue(&app), Column::Processing);
        app.privilege.status = PrivilegeStatus::Refused;
        assert_eq!(Column::of_queue(&app), Column::Positive);
        app.state = QueueState::Directed;
        assert_eq!(Column::of_queue(&app), Column::Positive);
        app.state = QueueState::Enrolled;
        assert_eq!(Column::of_queue(&app), Column::Positive);
        app.state = QueueState::Removed;
        app.removal = Some(RemovalReason::ByApplicant);
        assert_eq!(Column::of_queue(&app), Column::Withdrawn);
        app.removal = Some(RemovalReason::SecondExpiry);
        assert_eq!(Column::of_queue(&app), Column::Negative);
    }

    #[test]
    fn a_move_takes_one_from_a_column_and_gives_one_to_another() {
        let submitted = Delta::moving(None, Column::Received, false);
        assert_eq!(submitted.columns, vec![(Column::Received, 1)]);
        let taken = Delta::moving(Some(Column::Received), Column::Processing, false);
        assert_eq!(
            taken.columns,
            vec![(Column::Received, -1), (Column::Processing, 1)]
        );
        let marked = Delta::moving(Some(Column::OnSigning), Column::OnSigning, true);
        assert!(marked.columns.is_empty() && marked.overdue == 1 && !marked.is_empty());
        assert!(Delta::moving(Some(Column::Positive), Column::Positive, false).is_empty());
    }
}
