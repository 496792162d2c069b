//! The child's one-active-application guard seen from a submission that found it taken: who
//! holds it, and the writes that take it over from an application its submitter no longer had
//! the right to make (withdrawn in the same transaction).

use domain::api::Application;
use domain::lifecycle::{Change, Hold};
use serde::Deserialize;
use store::{Condition, Store, StoreError, WriteOp};

use super::{Stored, transition::Record};
use crate::keys;

#[derive(Deserialize)]
struct Guard {
    application_id: String,
}

/// The application holding the child's guard for the year, if any.
pub async fn guard_holder(
    store: &dyn Store,
    child_iin: &str,
    academic_year: &str,
) -> Result<Option<String>, StoreError> {
    let guard: Option<Guard> =
        crate::get(store, &keys::child_guard(child_iin, academic_year)).await?;
    Ok(guard.map(|g| g.application_id))
}

/// The guard as `application` holds it.
fn guard_item(application: &Application) -> Result<store::Item, StoreError> {
    store::to_item(
        &super::guard_key(application),
        &serde_json::json!({"application_id": application.id, "org_id": application.org_id}),
    )
}

/// The writes of a submission ([`super::submit`]) that takes the child's guard from `holder`,
/// withdrawn by `holder_change` (the lifecycle's withdrawal of it), in this order: the
/// organisation's counter (write 0), the guard, on the condition that `holder` still holds it
/// (write 1), the new application (write 2), the holder's withdrawal (write 3: fails when it
/// changed since it was read; a seat its accept decision held is freed by write 4), and the
/// report's counters of both, merged, last. The guard
/// is handed over, not released and taken again: one transaction writes an item once.
pub fn submit_taking_over(
    application: &Application,
    last: u64,
    change: &Change,
    holder: &Stored,
    holder_change: &Change,
) -> Result<Vec<WriteOp>, StoreError> {
    if holder_change.child_guard != Hold::Release
        || holder.application.child.iin != application.child.iin
        || holder.application.academic_year != application.academic_year
    {
        return Err(StoreError::Invalid("not a takeover of this guard".into()));
    }
    let mut writes = super::submit(application, last, change)?;
    writes[1] = WriteOp::Put {
        item: guard_item(application)?,
        condition: Some(Condition::eq(
            "application_id",
            holder.application.id.as_str(),
        )),
    };
    let handed_over = Change {
        child_guard: Hold::Unchanged,
        ..holder_change.clone()
    };
    writes.extend(super::transition(holder, &handed_over, Record::Nothing)?);
    // Both applications may count on one counter item: one write each, last.
    Ok(crate::stats::gather(writes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::lifecycle::Event;

    fn application(id: &str) -> Application {
        let json = serde_json::json!({
            "id": id, "number": 1, "service": "grade1", "org_id": "org", "academic_year": "2026-2027",
            "region": "astana", "locality_id": "astana-city",
            "grade": 1, "language": "ru", "status": "in_review", "admission_type": "outside",
            "submitted_at": "2026-06-02T10:00:00+05:00", "due_at": "2026-06-03T10:00:00+05:00",
            "overdue": false, "applicant_iin": "880808300004", "applicant_name": "A",
            "child": {"iin": "190315500101", "last_name": "A", "first_name": "B",
                      "birth_date": "2019-03-15", "sex": "male"},
            "applicant": {"phone": "+77011234567", "relation": "father"},
            "registered_address_id": null, "actual_address": null,
            "transport_requested": false, "special_needs": false, "documents": [],
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_guard_is_handed_over_in_one_write() {
        let holder = Stored {
            application: application("old"),
            decision: None,
            queue: Some(Default::default()),
        };
        let withdraw = holder.change(Event::Withdraw).unwrap();
        let new = application("new");
        let submit = domain::services::rules(new.service)
            .transition(None, Event::Submit)
            .unwrap();
        let writes = submit_taking_over(&new, 0, &submit, &holder, &withdraw).unwrap();
        // Counter, guard, new item, the holder's update, its school's queue moved (it leaves
        // review); no release of the guard; then the counters of both, one write per item.
        let counters = writes
            .iter()
            .filter(|w| w.key().is_some_and(|k| k.pk.starts_with("STATS#")))
            .count();
        assert_eq!(writes.len() - counters, 5);
        assert!((2..=4).contains(&counters), "{counters}");
        let keys: std::collections::HashSet<_> = writes.iter().filter_map(|w| w.key()).collect();
        assert_eq!(keys.len(), writes.len(), "one write per item");
        let guard_key = keys::child_guard("190315500101", "2026-2027");
        let on_guard = writes
            .iter()
            .filter(|w| w.key().as_ref() == Some(&guard_key))
            .count();
        assert_eq!(on_guard, 1);
        // Not a withdrawal: refused.
        assert!(submit_taking_over(&new, 0, &submit, &holder, &submit).is_err());
    }
}
