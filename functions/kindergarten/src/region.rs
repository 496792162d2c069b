//! The education department's view of its region: every kindergarten's places and every
//! direction, paged.

use domain::api::List;
use domain::permissions::Permission;
use service::access::{Caller, require_region};
use service::http::ok;
use service::{ApiResult, Ctx, Request};
use table::preschool::{direction, place};

use crate::lines::{line, page_error, paging};

/// The region's places, each with its kindergarten's name, address and locality.
pub async fn places(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let region = require_region(ctx, caller, Permission::ViewRegion).await?;
    let (limit, token) = paging(req)?;
    let page = place::of_region(ctx.store.as_ref(), &region, limit, token)
        .await
        .map_err(page_error)?;
    Ok(ok(&List {
        items: page.items,
        next_page_token: page.next_page_token,
    }))
}

pub async fn directions(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let region = require_region(ctx, caller, Permission::ViewRegion).await?;
    let (limit, token) = paging(req)?;
    let page = direction::of_region(ctx.store.as_ref(), &region, limit, token)
        .await
        .map_err(page_error)?;
    let now = ctx.now();
    Ok(ok(&List {
        items: page.items.into_iter().map(|d| line(d, now)).collect(),
        next_page_token: page.next_page_token,
    }))
}
