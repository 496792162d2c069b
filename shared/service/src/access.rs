//! Who is calling and what they may do: identity from the verified token, roles from the
//! memberships in the table (region admins from configuration).

use domain::api::Membership;
use domain::{Iin, Role};

use crate::{ApiError, Ctx, Request};

/// The signed-in person.
#[derive(Clone, Debug, PartialEq)]
pub struct Caller {
    pub iin: String,
    pub name: String,
}

/// The caller named by a valid bearer token, or 401.
pub fn caller(ctx: &Ctx, req: &Request) -> Result<Caller, ApiError> {
    let token = crate::http::bearer(req).ok_or_else(ApiError::unauthorized)?;
    let claims = ctx
        .verifier
        .verify(token, chrono::Utc::now().timestamp())
        .map_err(|e| ApiError::unauthorized().log(format!("token: {e}")))?;
    let iin = Iin::parse(&claims.sub)
        .map_err(|_| ApiError::unauthorized().log("token subject is not an IIN"))?;
    Ok(Caller {
        iin: iin.as_str().to_string(),
        name: claims.name,
    })
}

/// Every school role: who may read an organisation's own records (limits, staff, journal).
pub const SCHOOL_STAFF: [Role; 3] = [Role::Director, Role::Executor, Role::Oso];

/// The director holds every school role.
pub fn effective_roles(roles: &[Role]) -> Vec<Role> {
    if roles.contains(&Role::Director) {
        SCHOOL_STAFF.to_vec()
    } else {
        roles.to_vec()
    }
}

/// The region the caller administers, if the configuration makes them a region admin.
pub fn admin_region<'a>(ctx: &'a Ctx, caller: &Caller) -> Option<&'a str> {
    ctx.admins.get(&caller.iin).map(String::as_str)
}

/// The caller's roles in an organisation (none when not a member).
pub async fn org_roles(ctx: &Ctx, caller: &Caller, org_id: &str) -> Result<Vec<Role>, ApiError> {
    match table::staff::member(ctx.store.as_ref(), &caller.iin, org_id).await? {
        Some(m) => Ok(effective_roles(&m.roles)),
        None => Ok(Vec::new()),
    }
}

/// The caller's roles in the organisation if one of them is allowed, else 403.
pub async fn require_org_role(
    ctx: &Ctx,
    caller: &Caller,
    org_id: &str,
    allowed: &[Role],
) -> Result<Vec<Role>, ApiError> {
    let roles = org_roles(ctx, caller, org_id).await?;
    if roles.iter().any(|r| allowed.contains(r)) {
        Ok(roles)
    } else {
        Err(ApiError::forbidden().log(format!("needs one of {allowed:?} in {org_id}")))
    }
}

/// Every membership of the caller, the configured admin role first.
pub async fn memberships(ctx: &Ctx, caller: &Caller) -> Result<Vec<Membership>, ApiError> {
    let mut out = Vec::new();
    if let Some(region) = admin_region(ctx, caller) {
        out.push(Membership {
            org_id: None,
            region: Some(region.to_string()),
            roles: vec![Role::Admin],
        });
    }
    for m in table::staff::memberships(ctx.store.as_ref(), &caller.iin).await? {
        out.push(Membership {
            roles: effective_roles(&m.roles),
            org_id: Some(m.org_id),
            region: None,
        });
    }
    Ok(out)
}
