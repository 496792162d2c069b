//! The applicant's changes of a queue application: «Изменить льготность» (the claim goes back
//! to the education department) and «Снять с очереди». And how every change of this function
//! is saved: the versioned replace, its history event and the notice in one transaction, read
//! again and retried once when another change came first.

use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::preschool::api::ChangePrivilege;
use domain::preschool::notices::QueueNotice;
use domain::preschool::{PrivilegeCategory, PrivilegeStatus, QueueState, RemovalReason, claimed};
use domain::to_almaty;
use service::access::Caller;
use service::http::{json_body, ok};
use service::preschool::{for_applicant, tell, view};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::audit::{self, Actor};
use table::outbox;
use table::preschool::queue::{self, Stored};

/// A change of an application, ready to save.
pub(crate) struct Change<'a> {
    pub after: Stored,
    pub actor: Actor<'a>,
    pub role: &'static str,
    pub action: &'static str,
    pub comment: Option<String>,
    pub notice: Option<QueueNotice>,
}

/// A lost race: the application changed since it was read.
pub(crate) struct Lost;

/// Saves `change` of the application read as `before`, at `now`: the application as it is
/// now, or `Lost` when another change came first.
pub(crate) async fn save(
    ctx: &Ctx,
    before: &Stored,
    change: Change<'_>,
    now: DateTime<Utc>,
) -> Result<Result<Stored, Lost>, ApiError> {
    let id = &before.app.id;
    let mut writes = queue::replace(before, &change.after)?;
    writes.push(audit::application_event(
        id,
        now,
        change.actor,
        change.role,
        change.action,
        change.comment,
    )?);
    let notice = change.notice.map(|n| tell(&change.after.app, &n, now));
    if let Some(n) = &notice {
        writes.push(outbox::write(n)?);
    }
    match ctx.store.transact(writes).await {
        Ok(()) => {
            service::outbox::send_after_commit(ctx, notice.as_slice()).await;
            tracing::info!(application = %id, action = change.action, "preschool application changed");
            let mut saved = change.after;
            saved.version = before.version + 1;
            Ok(Ok(saved))
        }
        Err(StoreError::ConditionFailed { index: 0 }) | Err(StoreError::Conflict) => Ok(Err(Lost)),
        Err(StoreError::ConditionFailed { index }) => Err(ApiError::new(ErrorCode::InvalidStatus)
            .log(format!("condition failed on write {index}"))),
        Err(e) => Err(e.into()),
    }
}

/// A change is read and tried again once after a lost race; a second loss is a busy moment.
pub(crate) const ATTEMPTS: u32 = 2;

pub(crate) fn busy() -> ApiError {
    ApiError::new(ErrorCode::ServiceUnavailable).log("the application kept changing")
}

/// Changes are made only while the child is in the queue (a directed child has a place taken:
/// the direction is revoked or expires first).
fn in_queue(stored: &Stored) -> Result<(), ApiError> {
    if stored.app.state != QueueState::InQueue {
        return Err(ApiError::new(ErrorCode::InvalidStatus)
            .log(format!("the application is {}", stored.app.state)));
    }
    Ok(())
}

/// `POST /api/preschool/applications/{id}/privilege`: a new category (and its document); the
/// claim waits for the education department again (`none`: no claim).
pub(crate) async fn privilege(ctx: &Ctx, req: &Request, caller: &Caller, id: &str) -> ApiResult {
    let body: ChangePrivilege = json_body(req)?;
    body.validate()?;
    // Whose application it is comes before whose file it names.
    in_queue(&for_applicant(ctx, caller, id).await?)?;
    // Checked once: the file does not change with the application.
    let document = match &body.privilege_document {
        Some(doc) if body.privilege != PrivilegeCategory::None => {
            Some(service::blobs::attached(ctx, caller, doc, "privilege_document").await?)
        }
        _ => None,
    };
    for attempt in 0..ATTEMPTS {
        let before = for_applicant(ctx, caller, id).await?;
        in_queue(&before)?;
        let now = ctx.now();
        let mut after = before.clone();
        let p = &mut after.app.privilege;
        p.category = body.privilege;
        p.status = claimed(body.privilege);
        p.document = document.clone();
        p.decided_at = None;
        p.comment = None;
        after.claimed_at = (p.status == PrivilegeStatus::Pending).then_some(now);
        after.app.changed_at = to_almaty(now);
        let change = Change {
            after,
            actor: caller.actor(),
            role: "applicant",
            action: "privilege_changed",
            comment: Some(body.privilege.as_str().to_string()),
            notice: None,
        };
        match save(ctx, &before, change, now).await? {
            Ok(saved) => return Ok(ok(&view(ctx, &saved).await?)),
            Err(Lost) => service::retry::back_off(attempt, 5).await,
        }
    }
    Err(busy())
}

/// `POST /api/preschool/applications/{id}/leave` («Снять с очереди»): final; the child's guard
/// is freed, so the child may be registered again.
pub(crate) async fn leave(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    for attempt in 0..ATTEMPTS {
        let before = for_applicant(ctx, caller, id).await?;
        in_queue(&before)?;
        let now = ctx.now();
        let mut after = before.clone();
        let reason = RemovalReason::ByApplicant;
        after.app.state = QueueState::Removed;
        after.app.removal = Some(reason);
        after.app.changed_at = to_almaty(now);
        let change = Change {
            after,
            actor: caller.actor(),
            role: "applicant",
            action: "removed",
            comment: Some(reason.as_str().to_string()),
            notice: Some(QueueNotice::Removed { reason }),
        };
        match save(ctx, &before, change, now).await? {
            Ok(saved) => return Ok(ok(&view(ctx, &saved).await?)),
            Err(Lost) => service::retry::back_off(attempt, 5).await,
        }
    }
    Err(busy())
}
