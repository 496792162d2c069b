//! Who is calling and what they may do: identity from the verified token, roles from the
//! memberships in the table (region admins from configuration).

use domain::api::Membership;
use domain::{Iin, Role};
use serde::{Deserialize, Serialize};
use store::{Query, SortCondition, from_item};

use crate::{ApiError, Ctx, Request, keys};

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

/// A membership of a person in an organisation, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberItem {
    pub org_id: String,
    pub iin: String,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub position: Option<String>,
    pub since: chrono::DateTime<chrono::FixedOffset>,
}

impl MemberItem {
    /// The director holds every school role.
    pub fn effective_roles(&self) -> Vec<Role> {
        if self.roles.contains(&Role::Director) {
            SCHOOL_STAFF.to_vec()
        } else {
            self.roles.clone()
        }
    }
}

/// The region the caller administers, if the configuration makes them a region admin.
pub fn admin_region<'a>(ctx: &'a Ctx, caller: &Caller) -> Option<&'a str> {
    ctx.admins.get(&caller.iin).map(String::as_str)
}

/// The caller's roles in an organisation (none when not a member).
pub async fn org_roles(ctx: &Ctx, caller: &Caller, org_id: &str) -> Result<Vec<Role>, ApiError> {
    match ctx
        .store
        .get(&keys::membership(&caller.iin, org_id))
        .await?
    {
        Some(item) => Ok(from_item::<MemberItem>(item)?.effective_roles()),
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
    let query = Query::table(keys::person_partition(&caller.iin))
        .sk(SortCondition::BeginsWith(keys::MEMBER_PREFIX.into()));
    for item in store::query_all(ctx.store.as_ref(), query).await? {
        let m: MemberItem = from_item(item)?;
        out.push(Membership {
            org_id: Some(m.org_id.clone()),
            region: None,
            roles: m.effective_roles(),
        });
    }
    Ok(out)
}
