//! `GET /api/college/applications/{id}/rank`: the applicant's place in the ranked list of each
//! line they chose, in priority order. Only a signed acceptance is ranked: before it, each
//! line shows how many are ranked and the split, and no position. To its applicant and to the
//! college's staff who see the journal; 404 to anyone else (its existence is not disclosed).

use domain::Service;
use domain::college::api::{MyLine, MyRank};
use domain::permissions::{Permission, permits};
use service::access::{Caller, org_roles};
use service::http::ok;
use service::{ApiError, ApiResult, Ctx};

use crate::public::ranked;

pub(crate) async fn mine(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let store = ctx.store.as_ref();
    let application = table::application::get(store, id)
        .await?
        .filter(|a| a.service == Service::College)
        .ok_or_else(ApiError::not_found)?;
    if application.applicant_iin != caller.iin
        && !permits(
            &org_roles(ctx, caller, &application.org_id).await?,
            Permission::ViewJournal,
        )
    {
        return Err(ApiError::not_found());
    }
    let details = application
        .college
        .as_ref()
        .ok_or_else(|| ApiError::internal(format!("college application {id} without details")))?;
    let org = crate::college(ctx, &application.org_id).await?;
    let year = application.academic_year;
    let campaign = table::college::campaign::get(store, &org.region, year).await?;
    let mut lines = Vec::new();
    for (i, choice) in details.choices.iter().enumerate() {
        // A line the college no longer offers has no places to be ranked against.
        let Some(specialty) =
            table::college::specialty::get(store, &org.id, &choice.offer(details.basis)).await?
        else {
            continue;
        };
        let (split, list) = ranked(ctx, &org.id, year, &campaign.quotas, &specialty).await?;
        let me = list
            .iter()
            .find(|r| r.entry.application_id == application.id);
        lines.push(MyLine {
            priority: i as u8 + 1,
            position: me.map(|r| r.position),
            seat: me.map(|r| r.seat),
            ranked: list.len() as u32,
            split,
            specialty,
        });
    }
    Ok(ok(&MyRank {
        application_id: application.id,
        lines,
    }))
}
