//! What anyone reads without signing in: the colleges of a locality, a college's page (its
//! specialty lines with places, the campaign of the year and whether it accepts applications
//! now) and the ranked list of one line, with IINs masked. The college's own staff (who see
//! its journal) read the same list with the names and the applications.

use domain::api::List;
use domain::college::api::{CollegeListing, CollegePage, RankRow, RankedList, Specialty};
use domain::college::rank::{Ranked, Split};
use domain::college::{OfferKey, QuotaShare};
use domain::permissions::{Permission, permits};
use domain::{AcademicYear, ErrorCode, OrgKind};
use service::access::{caller, org_roles};
use service::http::{bearer, ok, query};
use service::{ApiError, ApiResult, Ctx, Request};

use crate::{college, year};

/// `GET /api/public/colleges?locality_id=`: the locality's colleges (the same index the
/// school listing reads).
pub(crate) async fn colleges(ctx: &Ctx, req: &Request) -> ApiResult {
    let locality_id = query(req)
        .get("locality_id")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("locality_id"))?;
    let items: Vec<CollegeListing> = table::org::in_locality(ctx.store.as_ref(), &locality_id)
        .await?
        .into_iter()
        .filter(|o| o.kind == OrgKind::College)
        .map(|o| CollegeListing {
            id: o.id,
            name: o.name,
            address: o.address,
        })
        .collect();
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// `GET /api/public/colleges/{org}[?year=]`.
pub(crate) async fn page(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let org = college(ctx, org_id).await?;
    let year = year(ctx, req)?;
    let store = ctx.store.as_ref();
    let campaign = table::college::campaign::get(store, &org.region, year).await?;
    Ok(ok(&CollegePage {
        specialties: table::college::specialty::list(store, &org.id).await?,
        open_now: campaign.is_open(ctx.now()),
        campaign,
        org_id: org.id,
        name: org.name,
        address: Some(org.address),
    }))
}

/// `GET /api/public/colleges/{org}/specialties/{line}/ranking[?year=]`: 404 for a line the
/// college does not offer.
pub(crate) async fn ranking(ctx: &Ctx, req: &Request, org_id: &str, line: &str) -> ApiResult {
    let org = college(ctx, org_id).await?;
    let year = year(ctx, req)?;
    let key = OfferKey::parse_id(line).ok_or_else(ApiError::not_found)?;
    let specialty = table::college::specialty::get(ctx.store.as_ref(), &org.id, &key)
        .await?
        .ok_or_else(ApiError::not_found)?;
    // Signed in (a token sent must be valid) and seeing the college's journal: its staff.
    let staff = match bearer(req) {
        Some(_) => {
            let caller = caller(ctx, req)?;
            permits(
                &org_roles(ctx, &caller, &org.id).await?,
                Permission::ViewJournal,
            )
        }
        None => false,
    };
    let campaign = table::college::campaign::get(ctx.store.as_ref(), &org.region, year).await?;
    let (split, ranked) = ranked(ctx, &org.id, year, &campaign.quotas, &specialty).await?;
    Ok(ok(&RankedList {
        specialty,
        academic_year: year,
        split,
        rows: ranked.iter().map(|r| RankRow::of(r, staff)).collect(),
    }))
}

/// A line's ranked list under the places it has and the campaign's `quotas`: one query of the
/// line's entries.
pub(crate) async fn ranked(
    ctx: &Ctx,
    org_id: &str,
    year: AcademicYear,
    quotas: &[QuotaShare],
    specialty: &Specialty,
) -> Result<(Split, Vec<Ranked>), ApiError> {
    let entries = table::college::rank::list(
        ctx.store.as_ref(),
        org_id,
        &year.to_string(),
        &specialty.key(),
    )
    .await?;
    Ok(domain::college::rank::rank(
        specialty.state_places,
        quotas,
        entries,
    ))
}
