//! Reading a journal index in order with filters applied in memory, as the organisation's
//! journal does (`functions/review/src/journal.rs`): read on until the page is full, the index
//! ends or the scan budget is spent; the page token is the position of the last application
//! examined, so the next page resumes right after it whether or not it matched.

use domain::api::Application;
use domain::journal::{JournalFilter, encode_token};
use store::StoreError;
use table::application::{self, Positioned};

/// Items per store read while filtering.
const READ_CHUNK: u32 = 100;

/// Which journal index is read.
pub(crate) enum Source<'a> {
    Org(&'a str),
    Region(&'a str),
}

/// What one scan found: the matching applications, and the token of the next page when it
/// stopped before the index ended.
pub(crate) struct Scanned {
    pub items: Vec<Application>,
    pub next_page_token: Option<String>,
}

/// Up to `limit` applications of `source` within `filter`'s range (and after its token) that
/// `matches`, examining at most `budget`.
pub(crate) async fn scan(
    store: &dyn store::Store,
    source: Source<'_>,
    filter: &JournalFilter,
    limit: usize,
    budget: usize,
    in_memory: bool,
    matches: impl Fn(&Application) -> bool,
) -> Result<Scanned, StoreError> {
    // Unfiltered: one more than the page, to skip the token's own item.
    let chunk = if in_memory {
        READ_CHUNK
    } else {
        (limit as u32 + 1).min(READ_CHUNK * 10)
    };
    let mut items = Vec::new();
    let mut scanned = 0usize;
    let mut store_token = None;
    loop {
        let page = read(store, &source, filter, chunk, store_token).await?;
        for Positioned {
            position,
            application,
        } in page.items
        {
            // The token's own application was on the previous page.
            if filter.after.as_ref().is_some_and(|a| position <= *a) {
                continue;
            }
            scanned += 1;
            if matches(&application) {
                items.push(application);
            }
            if items.len() == limit || scanned >= budget {
                return Ok(Scanned {
                    items,
                    next_page_token: Some(encode_token(&position)),
                });
            }
        }
        store_token = page.next_page_token;
        if store_token.is_none() {
            return Ok(Scanned {
                items,
                next_page_token: None,
            });
        }
    }
}

async fn read(
    store: &dyn store::Store,
    source: &Source<'_>,
    filter: &JournalFilter,
    chunk: u32,
    token: Option<String>,
) -> Result<table::Page<Positioned>, StoreError> {
    match source {
        Source::Org(org) => application::journal(store, org, filter, chunk, token).await,
        Source::Region(region) => {
            application::region_journal(store, region, filter, chunk, token).await
        }
    }
}
