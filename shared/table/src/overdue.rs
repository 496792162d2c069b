//! The overdue index: an open application the sweep marked overdue carries
//! `OVERDUE#{region}` / `{due_at}#{id}` in gsi4 (where it carried the due index's entry) until
//! it closes, so a department's dashboard reads its region's overdue applications, longest
//! overdue first, without a scan. A region's overdue applications are few (the sweep marks
//! those a school let slip), so one partition per region holds them.

use store::{Query, Store, StoreError};

use crate::application::Stored;
use crate::keys::{self, GSI4};

/// A region's open overdue applications, oldest deadline first, at most `max` of them. Each
/// item is typed on its own: the caller skips one that does not read as an application.
pub async fn of_region(
    store: &dyn Store,
    region: &str,
    max: usize,
) -> Result<Vec<Result<Stored, StoreError>>, StoreError> {
    let mut out = Vec::new();
    let mut query = Query::index(GSI4.name, keys::overdue_index(region));
    loop {
        let page = store.query(query.clone()).await?;
        out.extend(page.items.into_iter().map(Stored::of));
        match page.next_page_token {
            Some(token) if out.len() < max => query.page_token = Some(token),
            _ => break,
        }
    }
    out.truncate(max);
    Ok(out)
}
