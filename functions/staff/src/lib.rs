//! Staff of an organisation («Персонал»): the director adds an employee by IIN with a position
//! from the reference list and the roles «Исполнитель» / «Сотрудник ОСО»; the employee consents
//! (`POST /api/me/consents/{id}`) and only then the membership is active, with the full name
//! their identity token gives. The director lists the staff (names first) with their status
//! and removes members or cancels invitations.
//!
//! How invitations and memberships are stored is `table::staff`'s.

use std::sync::Arc;

use domain::permissions::Permission;
use domain::staff::{AddStaff, AnswerConsent, Position, StaffMember, StaffStatus, person_name};
use domain::{ErrorCode, Role};
use lambda_http::BoxFuture;
use lambda_http::http::{Method, StatusCode};
use service::access::{Caller, caller, require};
use service::http::{json, json_body, ok, route};
use service::{ApiError, ApiResult, Ctx, Request, Response};
use store::StoreError;
use table::audit;
use table::staff::{self as table_staff, Entry, Invitation, Member};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("staff", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if let Some(p) = route(&req, Method::GET, "/api/orgs/{org}/staff") {
        let caller = caller(&ctx, &req)?;
        require(&ctx, &caller, &p["org"], Permission::ViewStaff).await?;
        return list(&ctx, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::POST, "/api/orgs/{org}/staff") {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::ManageStaff).await?;
        return invite(&ctx, &req, &caller, role, &p["org"]).await;
    }
    if let Some(p) = route(&req, Method::DELETE, "/api/orgs/{org}/staff/{iin}") {
        let caller = caller(&ctx, &req)?;
        let role = require(&ctx, &caller, &p["org"], Permission::ManageStaff).await?;
        return remove(&ctx, &caller, role, &p["org"], &p["iin"]).await;
    }
    if let Some(p) = route(&req, Method::POST, "/api/me/consents/{consent_id}") {
        let caller = caller(&ctx, &req)?;
        return answer(&ctx, &req, &caller, &p["consent_id"]).await;
    }
    Err(ApiError::not_found())
}

/// The director invites a person: a pending consent on the person's side and a pending
/// invitation in the staff list, in one transaction that also checks they are not a member
/// yet. Inviting someone already pending keeps the same consent (with the new position and
/// roles), so a repeated request is harmless.
async fn invite(ctx: &Ctx, req: &Request, caller: &Caller, role: Role, org_id: &str) -> ApiResult {
    let body: AddStaff = json_body(req)?;
    let staff = body.validate(&caller.iin)?;
    let iin = staff.iin.as_str();
    // A concurrent invitation of the same person can win the race for the org-side key;
    // then we re-read it and reuse its consent.
    for _ in 0..3 {
        let store = ctx.store.as_ref();
        if table_staff::member(store, iin, org_id).await?.is_some() {
            return Err(ApiError::new(ErrorCode::InvalidStatus).field("iin"));
        }
        let pending = table_staff::invitation(store, org_id, iin).await?;
        let now = ctx.now();
        let inv = Invitation {
            id: pending
                .as_ref()
                .map(|p| p.id.clone())
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            org_id: org_id.to_string(),
            iin: iin.to_string(),
            roles: staff.roles.clone(),
            position: staff.position,
            invited_by: caller.iin.clone(),
            at: domain::to_almaty(now),
        };
        // Replace only the invitation we read (or create one where there was none), so an
        // answer or a cancellation in between is not undone.
        let mut writes = table_staff::invite(&inv, pending.as_ref().map(|p| p.id.as_str()))?;
        writes.extend([
            table_staff::not_member(iin, org_id),
            audit::org_event(
                org_id,
                now,
                caller.actor(),
                role.as_str(),
                if pending.is_some() {
                    "staff_invitation_updated"
                } else {
                    "staff_invited"
                },
                Some(summary(&inv.iin, Some(inv.position), &inv.roles)),
            )?,
        ]);
        match ctx.store.transact(writes).await {
            Ok(()) => return Ok(json(StatusCode::ACCEPTED, &pending_view(inv))),
            Err(StoreError::ConditionFailed { index: 0 | 2 }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("invitation kept changing"))
}

/// The invited person accepts (the membership becomes active) or declines; the consent is
/// answered once. Nobody else can see it: it is looked up in the caller's own partition.
async fn answer(ctx: &Ctx, req: &Request, caller: &Caller, consent_id: &str) -> ApiResult {
    let body: AnswerConsent = json_body(req)?;
    let store = ctx.store.as_ref();
    let inv = table_staff::consent(store, &caller.iin, consent_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let now = ctx.now();
    // The answer is to exactly the invitation read: a re-invitation with other roles in
    // between makes this fail.
    let mut writes = table_staff::answered(&inv)?;
    let (view, action) = if body.accept {
        let member = Member {
            org_id: inv.org_id.clone(),
            iin: inv.iin.clone(),
            roles: inv.roles.clone(),
            position: Some(inv.position),
            since: domain::to_almaty(now),
            name: person_name(&caller.name),
        };
        writes.push(table_staff::add_member(&member)?);
        (member_view(member), "staff_consent_accepted")
    } else {
        let mut view = pending_view(inv.clone());
        view.status = StaffStatus::Declined;
        view.consent_id = None;
        (view, "staff_consent_declined")
    };
    writes.push(audit::org_event(
        &inv.org_id,
        now,
        caller.actor(),
        "invitee",
        action,
        Some(summary(&inv.iin, Some(inv.position), &inv.roles)),
    )?);
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(ok(&view)),
        // Answered or cancelled in the meantime (gone), or re-invited (changed).
        Err(StoreError::ConditionFailed { index: 0 | 1 }) => {
            match table_staff::consent(store, &caller.iin, consent_id).await? {
                None => Err(ApiError::not_found()),
                Some(_) => Err(ErrorCode::InvalidStatus.into()),
            }
        }
        Err(StoreError::ConditionFailed { .. }) => Err(ErrorCode::InvalidStatus.into()),
        Err(e) => Err(e.into()),
    }
}

/// Removes an active member, or cancels a pending invitation. The director stays: the region
/// admin appoints directors.
async fn remove(ctx: &Ctx, caller: &Caller, role: Role, org_id: &str, iin: &str) -> ApiResult {
    if iin == caller.iin {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("iin"));
    }
    let now = ctx.now();
    let store = ctx.store.as_ref();
    if let Some(member) = table_staff::member(store, iin, org_id).await? {
        if member.roles.contains(&Role::Director) {
            return Err(ApiError::new(ErrorCode::ValidationFailed).field("iin"));
        }
        let writes = vec![
            table_staff::remove_member(iin, org_id),
            audit::org_event(
                org_id,
                now,
                caller.actor(),
                role.as_str(),
                "staff_removed",
                Some(summary(iin, member.position, &member.roles)),
            )?,
        ];
        return match ctx.store.transact(writes).await {
            Ok(()) => {
                let mut view = member_view(member);
                view.status = StaffStatus::Removed;
                Ok(ok(&view))
            }
            Err(StoreError::ConditionFailed { index: 0 }) => Err(ApiError::not_found()),
            Err(e) => Err(e.into()),
        };
    }
    let inv = table_staff::invitation(store, org_id, iin)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut writes = table_staff::cancelled(&inv);
    writes.push(audit::org_event(
        org_id,
        now,
        caller.actor(),
        role.as_str(),
        "staff_invitation_cancelled",
        Some(summary(iin, Some(inv.position), &inv.roles)),
    )?);
    match ctx.store.transact(writes).await {
        Ok(()) => {
            let mut view = pending_view(inv);
            view.status = StaffStatus::Removed;
            view.consent_id = None;
            Ok(ok(&view))
        }
        // Answered or cancelled in the meantime.
        Err(StoreError::ConditionFailed { .. }) => Err(ApiError::not_found()),
        Err(e) => Err(e.into()),
    }
}

/// Members (the director included) and pending invitations; a pending invitation has no name
/// yet (the person's token gives it when they consent).
async fn list(ctx: &Ctx, org_id: &str) -> ApiResult {
    let items = table_staff::list(ctx.store.as_ref(), org_id)
        .await?
        .into_iter()
        .map(|entry| match entry {
            Entry::Member(m) => member_view(m),
            Entry::Pending(inv) => pending_view(inv),
        })
        .collect();
    Ok(ok(&domain::api::List {
        items,
        next_page_token: None,
    }))
}

fn member_view(m: Member) -> StaffMember {
    StaffMember {
        org_id: m.org_id,
        iin: m.iin,
        name: m.name,
        position: m.position,
        roles: m.roles,
        status: StaffStatus::Active,
        consent_id: None,
        since: Some(m.since),
        invited_at: None,
    }
}

fn pending_view(inv: Invitation) -> StaffMember {
    StaffMember {
        org_id: inv.org_id,
        iin: inv.iin,
        name: None,
        position: Some(inv.position),
        roles: inv.roles,
        status: StaffStatus::AwaitingConsent,
        consent_id: Some(inv.id),
        since: None,
        invited_at: Some(inv.at),
    }
}

/// The audit comment: whom (masked), as what (codes).
fn summary(iin: &str, position: Option<Position>, roles: &[Role]) -> String {
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let position = position.map_or("", Position::as_str);
    format!(
        "{}: {position} ({})",
        domain::mask_iin(iin),
        roles.join(", ")
    )
}
