//! Who is calling and what they may do: identity from the verified token, roles from the
//! memberships in the table (region admins from configuration), and what the roles permit
//! from the one permission map (`domain::permissions`).

use domain::api::Membership;
use domain::permissions::{Permission, acting_role, effective_roles, permits};
use domain::territory::Scope;
use domain::{Iin, Role};

use crate::{ApiError, Ctx, Request};

/// The signed-in person.
#[derive(Clone, Debug, PartialEq)]
pub struct Caller {
    pub iin: String,
    pub name: String,
}

impl Caller {
    /// The caller as the actor of an audit event: their IIN and the name their token gives.
    pub fn actor(&self) -> table::audit::Actor<'_> {
        table::audit::Actor::named(&self.iin, &self.name)
    }
}

/// Who acts, in which role (as [`require`] gave it), in which organisation: what an
/// organisation's use case checks and records.
#[derive(Clone, Copy, Debug)]
pub struct Acting<'a> {
    pub caller: &'a Caller,
    pub role: Role,
    pub org: &'a str,
}

impl Acting<'_> {
    /// The organisation's audit event of this act, now, naming `what` it was done to.
    pub fn event(&self, ctx: &Ctx, action: &str, what: &str) -> Result<store::WriteOp, ApiError> {
        Ok(table::audit::org_event(
            self.org,
            ctx.now(),
            self.caller.actor(),
            self.role.as_str(),
            action,
            Some(what.to_string()),
        )?)
    }
}

/// The caller named by a valid bearer token, or 401.
pub fn caller(ctx: &Ctx, req: &Request) -> Result<Caller, ApiError> {
    let token = crate::http::bearer(req).ok_or_else(ApiError::unauthorized)?;
    let identity = ctx
        .verifier
        .verify(token, chrono::Utc::now().timestamp())
        .map_err(|e| ApiError::unauthorized().log(format!("token: {e}")))?;
    Ok(Caller {
        iin: identity.iin.into_string(),
        name: identity.name,
    })
}

/// The region the caller administers, if the configuration makes them a region admin.
pub fn admin_region<'a>(ctx: &'a Ctx, caller: &Caller) -> Option<&'a str> {
    ctx.admins.get(&caller.iin).map(String::as_str)
}

/// The region where the caller may do `permission` as its admin, or 403.
pub fn require_in_region<'a>(
    ctx: &'a Ctx,
    caller: &Caller,
    permission: Permission,
) -> Result<&'a str, ApiError> {
    admin_region(ctx, caller)
        .filter(|_| permits(&[Role::Admin], permission))
        .ok_or_else(|| ApiError::forbidden().log(format!("needs {permission:?} in a region")))
}

/// The caller's roles in an organisation (none when not a member).
pub async fn org_roles(ctx: &Ctx, caller: &Caller, org_id: &str) -> Result<Vec<Role>, ApiError> {
    match table::staff::member(ctx.store.as_ref(), &caller.iin, org_id).await? {
        Some(m) => Ok(effective_roles(&m.roles)),
        None => Ok(Vec::new()),
    }
}

/// The role the caller acts in when doing `permission` in the organisation (see
/// [`acting_role`]), or 403 when none of their roles grants it.
pub async fn require(
    ctx: &Ctx,
    caller: &Caller,
    org_id: &str,
    permission: Permission,
) -> Result<Role, ApiError> {
    table::staff::member(ctx.store.as_ref(), &caller.iin, org_id)
        .await?
        .and_then(|m| acting_role(&m.roles, permission))
        .ok_or_else(|| ApiError::forbidden().log(format!("needs {permission:?} in {org_id}")))
}

/// Every membership of the caller: the configured admin role first, then the organisations',
/// then the region education department appointments (`org_id: None`, the region named).
pub async fn memberships(ctx: &Ctx, caller: &Caller) -> Result<Vec<Membership>, ApiError> {
    let mut out: Vec<Membership> = admin_membership(ctx, caller).into_iter().collect();
    for m in table::staff::memberships(ctx.store.as_ref(), &caller.iin).await? {
        out.push(Membership {
            roles: effective_roles(&m.roles),
            org_id: Some(m.org_id),
            region: None,
            scope: None,
        });
    }
    out.extend(appointments(ctx, caller).await?);
    Ok(out)
}

/// The region where the caller holds a role that grants `permission` (a region admin by
/// configuration, or an education department appointment), or 403. A person with several
/// such regions acts in the first: the admin's, then the appointments' in region order.
pub async fn require_region(
    ctx: &Ctx,
    caller: &Caller,
    permission: Permission,
) -> Result<String, ApiError> {
    let mut held: Vec<Membership> = admin_membership(ctx, caller).into_iter().collect();
    // The configuration answers without a read when it grants the permission.
    if region_granting(&held, permission).is_none() {
        held.extend(appointments(ctx, caller).await?);
    }
    region_granting(&held, permission)
        .map(str::to_string)
        .ok_or_else(|| ApiError::forbidden().log(format!("needs {permission:?} in a region")))
}

/// The region of the first region-wide membership whose roles grant `permission` (an
/// appointment's level may withhold it: `TerritoryLevel::grants`).
pub fn region_granting(held: &[Membership], permission: Permission) -> Option<&str> {
    held.iter()
        .filter(|m| m.org_id.is_none())
        .filter(|m| {
            m.scope
                .as_ref()
                .is_none_or(|s| s.level().grants(permission))
        })
        .find(|m| permits(&m.roles, permission))
        .and_then(|m| m.region.as_deref())
}

/// The territory the caller monitors (`Permission::Monitor`): their education department
/// appointment's scope, the broadest when they hold several; 403 without one.
pub async fn monitoring_scope(ctx: &Ctx, caller: &Caller) -> Result<Scope, ApiError> {
    broadest_scope(&appointments(ctx, caller).await?, Permission::Monitor)
        .ok_or_else(|| ApiError::forbidden().log("needs an education department appointment"))
}

/// Whether the caller is education department staff whose scope covers an application of
/// `region` in `locality_id` (a district's: by the register's district of the locality). One
/// read of the caller's appointments; a district scope reads the locality too.
pub async fn monitors(
    ctx: &Ctx,
    caller: &Caller,
    region: &str,
    locality_id: &str,
) -> Result<bool, ApiError> {
    let Some(scope) = broadest_scope(&appointments(ctx, caller).await?, Permission::Monitor) else {
        return Ok(false);
    };
    let district = match &scope {
        Scope::District { .. } if scope.region() == Some(region) => {
            table::address::locality(ctx.store.as_ref(), locality_id)
                .await?
                .and_then(|l| l.district)
        }
        _ => None,
    };
    Ok(!region.is_empty() && scope.covers(region, district.as_deref()))
}

/// The broadest scope among the memberships that grant `permission`.
pub fn broadest_scope(held: &[Membership], permission: Permission) -> Option<Scope> {
    held.iter()
        .filter(|m| permits(&m.roles, permission))
        .filter_map(|m| m.scope.as_ref())
        .filter(|s| s.level().grants(permission))
        .max_by_key(|s| s.level().breadth())
        .cloned()
}

fn admin_membership(ctx: &Ctx, caller: &Caller) -> Option<Membership> {
    admin_region(ctx, caller).map(|region| Membership {
        org_id: None,
        region: Some(region.to_string()),
        roles: vec![Role::Admin],
        scope: None,
    })
}

/// The caller's education department appointments, as memberships with their scope (the
/// region named below the ministry).
async fn appointments(ctx: &Ctx, caller: &Caller) -> Result<Vec<Membership>, ApiError> {
    Ok(
        table::region_staff::of_person(ctx.store.as_ref(), &caller.iin)
            .await?
            .into_iter()
            .map(|a| Membership {
                org_id: None,
                region: a.scope.region().map(str::to_string),
                roles: vec![Role::EduDepartment],
                scope: Some(a.scope),
            })
            .collect(),
    )
}

/// Whether the caller may read what an application holds (its signature, its papers): its
/// applicant, or the staff of its organisation who see the journal.
pub async fn reads_application(
    ctx: &Ctx,
    caller: &Caller,
    application: &domain::api::Application,
) -> Result<bool, ApiError> {
    if application.applicant_iin == caller.iin {
        return Ok(true);
    }
    let roles = org_roles(ctx, caller, &application.org_id).await?;
    Ok(permits(&roles, Permission::ViewJournal))
}

/// A staff member never decides, signs or returns an application of their own: one where they
/// are the applicant or, by the population register, a legal representative of the child.
/// 403 `conflict_of_interest`; an unavailable register is 503 (the check is not skipped).
pub async fn no_conflict_of_interest(
    ctx: &Ctx,
    caller: &Caller,
    application: &domain::api::Application,
) -> Result<(), ApiError> {
    let conflict = || ApiError::new(domain::ErrorCode::ConflictOfInterest);
    if application.applicant_iin == caller.iin {
        return Err(conflict().log("the caller is the applicant"));
    }
    let (Ok(child), Ok(me)) = (Iin::parse(&application.child.iin), Iin::parse(&caller.iin)) else {
        return Ok(());
    };
    let record = ctx.population.child(&child).await?;
    if record.is_some_and(|r| r.relation_of(&me).is_some()) {
        return Err(conflict().log("the caller is a legal representative of the child"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(org: Option<&str>, region: Option<&str>, role: Role) -> Membership {
        Membership {
            org_id: org.map(str::to_string),
            region: region.map(str::to_string),
            roles: vec![role],
            scope: (role == Role::EduDepartment).then(|| Scope::Region {
                region: region.unwrap_or_default().to_string(),
            }),
        }
    }

    fn edu(scope: Scope) -> Membership {
        Membership {
            org_id: None,
            region: scope.region().map(str::to_string),
            roles: vec![Role::EduDepartment],
            scope: Some(scope),
        }
    }

    #[test]
    fn a_district_or_the_ministry_only_monitors() {
        let district = edu(Scope::District {
            region: "karaganda".into(),
            district: "karaganda-city".into(),
        });
        let region = edu(Scope::Region {
            region: "astana".into(),
        });
        assert_eq!(
            region_granting(std::slice::from_ref(&district), Permission::ViewRegion),
            None
        );
        assert_eq!(
            region_granting(&[edu(Scope::Ministry)], Permission::ConfirmPrivileges),
            None
        );
        assert_eq!(
            broadest_scope(&[district.clone(), region.clone()], Permission::Monitor),
            region.scope.clone()
        );
        assert_eq!(
            broadest_scope(
                &[district.clone(), edu(Scope::Ministry)],
                Permission::Monitor
            ),
            Some(Scope::Ministry)
        );
        assert_eq!(
            broadest_scope(std::slice::from_ref(&district), Permission::Monitor),
            district.scope
        );
        let admin = held(None, Some("astana"), Role::Admin);
        assert_eq!(broadest_scope(&[admin], Permission::Monitor), None);
    }

    #[test]
    fn the_region_is_the_one_whose_role_grants_the_permission() {
        let admin = held(None, Some("astana"), Role::Admin);
        let edu = held(None, Some("karaganda"), Role::EduDepartment);
        let director = held(Some("org-1"), None, Role::Director);
        let all = [director.clone(), admin.clone(), edu.clone()];
        assert_eq!(
            region_granting(&all, Permission::AppointEduDepartment),
            Some("astana")
        );
        assert_eq!(
            region_granting(&all, Permission::ConfirmPrivileges),
            Some("karaganda")
        );
        assert_eq!(
            region_granting(&all, Permission::ViewRegion),
            Some("karaganda")
        );
        // An admin is not the education department; a director is no region's anything.
        assert_eq!(region_granting(&[admin], Permission::ViewRegion), None);
        assert_eq!(region_granting(&[director], Permission::ViewRegion), None);
        assert_eq!(
            region_granting(&[edu], Permission::AppointEduDepartment),
            None
        );
        assert_eq!(region_granting(&[], Permission::ViewRegion), None);
    }
}
