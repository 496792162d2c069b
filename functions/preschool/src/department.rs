//! The region's education department («Отдел образования») on privileges: the claims waiting
//! for it (oldest first) and its decision on one — confirmed, or refused with a comment the
//! applicant is told. Until confirmed, the child queues without the privilege.

use domain::ErrorCode;
use domain::api::List;
use domain::permissions::Permission;
use domain::preschool::PrivilegeStatus;
use domain::preschool::api::{PrivilegeClaim, PrivilegeDecision};
use domain::preschool::notices::QueueNotice;
use domain::to_almaty;
use service::access::{Caller, require_region};
use service::http::{json_body, ok, query};
use service::preschool::view;
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::preschool::queue;

use crate::change::{ATTEMPTS, Change, Lost, busy, save};

/// The most claims one page lists.
const PAGE: u32 = 50;

/// `GET /api/region/privileges[?page_token=]`: the pending claims of the caller's region.
pub(crate) async fn privileges(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let region = require_region(ctx, caller, Permission::ConfirmPrivileges).await?;
    let token = query(req)
        .get("page_token")
        .filter(|t| !t.is_empty())
        .cloned();
    let page = queue::pending_privileges(ctx.store.as_ref(), &region, PAGE, token)
        .await
        .map_err(|e| match e {
            StoreError::Invalid(_) => {
                ApiError::new(ErrorCode::ValidationFailed).field("page_token")
            }
            e => e.into(),
        })?;
    let items = page
        .items
        .into_iter()
        // A claim of a child no longer waiting for a place is nobody's work.
        .filter(|s| !s.app.state.is_final())
        .map(|s| PrivilegeClaim {
            claimed_at: to_almaty(s.claimed_at.unwrap_or_else(|| s.app.registered_at.to_utc())),
            application_id: s.app.id.clone(),
            number: s.app.number.clone(),
            child_name: s.app.child.full_name(),
            child_birth_date: s.app.child.birth_date,
            locality_id: s.app.locality_id,
            privilege: s.app.privilege,
        })
        .collect();
    Ok(ok(&List {
        items,
        next_page_token: page.next_page_token,
    }))
}

/// `POST /api/preschool/applications/{id}/privilege/decision`: only the department of the
/// application's region (another region's: 404), only on a pending claim.
pub(crate) async fn decide(ctx: &Ctx, req: &Request, caller: &Caller, id: &str) -> ApiResult {
    let region = require_region(ctx, caller, Permission::ConfirmPrivileges).await?;
    let body: PrivilegeDecision = json_body(req)?;
    let comment = body.validate()?;
    for attempt in 0..ATTEMPTS {
        let before = queue::get(ctx.store.as_ref(), id)
            .await?
            .filter(|s| s.app.region == region)
            .ok_or_else(ApiError::not_found)?;
        let app = &before.app;
        if app.privilege.status != PrivilegeStatus::Pending || app.state.is_final() {
            return Err(ApiError::new(ErrorCode::InvalidStatus)
                .log(format!("privilege {}, {}", app.privilege.status, app.state)));
        }
        let now = ctx.now();
        let mut after = before.clone();
        let p = &mut after.app.privilege;
        p.status = if body.confirm {
            PrivilegeStatus::Confirmed
        } else {
            PrivilegeStatus::Refused
        };
        p.decided_at = Some(to_almaty(now));
        p.comment = comment.clone();
        after.app.changed_at = to_almaty(now);
        let notice = match p.status {
            PrivilegeStatus::Confirmed => QueueNotice::PrivilegeConfirmed {
                category: p.category,
            },
            _ => QueueNotice::PrivilegeRefused {
                comment: comment.clone().unwrap_or_default(),
            },
        };
        let change = Change {
            after,
            actor: caller.actor(),
            role: "edu_department",
            action: if body.confirm {
                "privilege_confirmed"
            } else {
                "privilege_refused"
            },
            comment: comment.clone(),
            notice: Some(notice),
        };
        match save(ctx, &before, change, now).await? {
            Ok(saved) => return Ok(ok(&view(ctx, &saved).await?)),
            Err(Lost) => service::retry::back_off(attempt, 5).await,
        }
    }
    Err(busy())
}

/// `GET /api/preschool/applications/{id}/privilege/document`: a short-lived address of the
/// privilege's supporting document, for its applicant and the region's education department
/// (who confirm the privilege on its strength), and whether its bytes are still those attached.
pub(crate) async fn privilege_document(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored = service::preschool::visible(ctx, caller, id).await?;
    let doc = stored
        .app
        .privilege
        .document
        .ok_or_else(ApiError::not_found)?;
    let file = table::file::get(ctx.store.as_ref(), &doc.file_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let changed = match &doc.sha256 {
        Some(kept) => {
            let found = ctx.blobs.read(&doc.file_id).await?;
            found.map(|b| service::blobs::sha256_hex(&b)).as_ref() != Some(kept)
        }
        None => false,
    };
    let url = ctx
        .blobs
        .download_url(&doc.file_id, &file.content_type)
        .await?;
    Ok(ok(&domain::api::DocumentLink {
        url,
        content_type: file.content_type,
        changed,
    }))
}
