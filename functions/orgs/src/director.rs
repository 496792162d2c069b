//! The director the region appoints (seed 000: «роль и доступ назначаются МИО»; without a
//! director nobody sees or processes the organisation's applications): with the organisation
//! (`POST /api/admin/orgs`) or later, to an organisation that has none
//! (`PUT /api/admin/orgs/{org}/director`). The director's membership, the organisation's
//! director seat (one item: of two appointments only one holds) and the audit event are one
//! transaction.

use chrono::{DateTime, Utc};
use domain::api::AppointDirector;
use domain::permissions::Permission;
use domain::{ErrorCode, Iin, Role};
use service::access::{Caller, caller, require_in_region};
use service::http::{created, json_body};
use service::{ApiError, ApiResult, Ctx, Request};
use store::{StoreError, WriteOp};
use table::audit;
use table::staff::{self, Entry, Member};

/// The writes that make `director` the organisation's director, in this order: the director
/// seat (write 0 fails when the organisation has a director), the membership (write 1 fails
/// when the person is a member already), the audit event.
pub(crate) fn appointment(
    org_id: &str,
    director: &Iin,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<(Member, Vec<WriteOp>), ApiError> {
    let member = Member {
        org_id: org_id.to_string(),
        iin: director.as_str().to_string(),
        roles: vec![Role::Director],
        position: Some(domain::staff::Position::Director),
        since: domain::to_almaty(now),
        // The admin's token does not name them: their first sign-in does (`GET /api/me`).
        name: None,
    };
    let writes = vec![
        staff::take_director_seat(org_id, director.as_str())?,
        staff::add_member(&member)?,
        audit::org_event(
            org_id,
            now,
            &caller.iin,
            Role::Admin.as_str(),
            "director_appointed",
            Some(domain::mask_iin(director.as_str())),
        )?,
    ];
    Ok((member, writes))
}

/// `PUT /api/admin/orgs/{org}/director` `{"iin"}`: 201 with the membership; 404 for an
/// organisation of another region; 409 `director_exists` when it has one.
pub(crate) async fn appoint(ctx: &Ctx, req: &Request, org_id: &str) -> ApiResult {
    let caller = caller(ctx, req)?;
    let region = require_in_region(ctx, &caller, Permission::ManageOrganisations)?;
    let director = json_body::<AppointDirector>(req)?.validate()?;
    let store = ctx.store.as_ref();
    let org = table::org::get(store, org_id)
        .await?
        .filter(|o| o.region == region)
        .ok_or_else(ApiError::not_found)?;
    // Organisations created before the director seat have their director in the staff list.
    let exists = || ApiError::new(ErrorCode::DirectorExists);
    let listed = staff::list(store, &org.id)
        .await?
        .into_iter()
        .any(|e| matches!(e, Entry::Member(m) if m.roles.contains(&Role::Director)));
    if listed {
        return Err(exists().log("a director in the staff list"));
    }
    let (member, writes) = appointment(&org.id, &director, &caller, ctx.now())?;
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(created(&member)),
        Err(StoreError::ConditionFailed { index: 0 }) => Err(exists()),
        Err(StoreError::ConditionFailed { index: 1 }) => {
            Err(ApiError::new(ErrorCode::ValidationFailed)
                .field("iin")
                .log("already a member of the organisation"))
        }
        Err(e) => Err(e.into()),
    }
}
