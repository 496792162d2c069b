//! Ranked-list entries: one per line an accepted application names, written in the signing
//! transaction. Their sort key is the rank order (higher score, then earlier submission, then
//! the number), so a line's whole list is one query.

use domain::api::Application;
use domain::college::OfferKey;
use domain::college::rank::Entry;
use store::{Key, Query, Store, StoreError, WriteOp};

use crate::keys;

fn partition(org: &str, year: &str, line: &str) -> String {
    format!("RANK#{org}#{year}#{line}")
}

fn sort_key(entry: &Entry) -> String {
    format!(
        "{:03}#{}#{:010}",
        domain::college::Score::MAX.hundredths() - entry.score.hundredths(),
        keys::instant(entry.submitted_at.to_utc()),
        entry.number
    )
}

/// The entries of a signed college acceptance, one per choice (its priority kept). Plain puts:
/// a retried transaction writes the same items again.
pub fn enter(application: &Application) -> Result<Vec<WriteOp>, StoreError> {
    let Some(college) = &application.college else {
        return Err(StoreError::Invalid(
            "a college application without its details".into(),
        ));
    };
    let year = application.academic_year.to_string();
    let mut writes = Vec::new();
    for (i, choice) in college.choices.iter().enumerate() {
        let entry = Entry {
            application_id: application.id.clone(),
            number: application.number,
            iin: application.child.iin.clone(),
            name: application.child.full_name(),
            score: college.average_score,
            submitted_at: application.submitted_at,
            quota: college.quota,
            priority: i as u8 + 1,
        };
        let line = choice.offer(college.basis).id();
        let key = Key::new(
            partition(&application.org_id, &year, &line),
            sort_key(&entry),
        );
        writes.push(WriteOp::Put {
            item: store::to_item(&key, &entry)?,
            condition: None,
        });
    }
    Ok(writes)
}

/// A line's whole list in rank order: one query of its partition (read to its last page).
pub async fn list(
    store: &dyn Store,
    org: &str,
    year: &str,
    line: &OfferKey,
) -> Result<Vec<Entry>, StoreError> {
    crate::all(store, Query::table(partition(org, year, &line.id()))).await
}
