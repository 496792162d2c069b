//! The journal (seed 002 «Журнал заявлений»): the organisation's applications in queue order,
//! filtered by status, admission type, overdue, submission range, decision («Решение») and
//! responsible, and searched by number, IIN and names.

use domain::api::List;
use domain::journal::{JournalFilter, encode_token};
use service::http::{ok, query};
use service::{ApiResult, Ctx, Request};
use table::application;

/// How many applications one journal request examines at most when filtering in memory; the
/// page then ends early with a token, so a rare filter never reads a whole school in one call.
const SCAN_BUDGET: usize = 1_000;
/// Items per store read while filtering.
const READ_CHUNK: u32 = 100;

/// The journal: the organisation's applications in queue order (submission instant, then
/// number). The submission range is read from the store; the other filters apply in memory,
/// reading on until the page is full, the index ends or [`SCAN_BUDGET`] applications were
/// examined. The page token is the position of the last application examined, so the next
/// page resumes right after it whether or not it matched.
pub(crate) async fn journal(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let params = query(req);
    let filter = JournalFilter::parse(|k| params.get(k).map(String::as_str))?;
    let chunk = if filter.filters_in_memory() {
        READ_CHUNK
    } else {
        // Unfiltered: one more than the page, to skip the token's own item.
        filter.limit + 1
    };
    let mut items = Vec::new();
    let mut scanned = 0usize;
    let mut store_token = None;
    loop {
        let page =
            application::journal(ctx.store.as_ref(), org_id, &filter, chunk, store_token).await?;
        for entry in page.items {
            // The token's own application was on the previous page.
            if filter
                .after
                .as_ref()
                .is_some_and(|after| entry.position <= *after)
            {
                continue;
            }
            scanned += 1;
            if filter.matches(&entry.application) {
                items.push(entry.application);
            }
            if items.len() == filter.limit as usize || scanned >= SCAN_BUDGET {
                return Ok(ok(&List {
                    items,
                    next_page_token: Some(encode_token(&entry.position)),
                }));
            }
        }
        store_token = page.next_page_token;
        if store_token.is_none() {
            return Ok(ok(&List {
                items,
                next_page_token: None,
            }));
        }
    }
}
