//! `POST /api/preschool/applications`: a legal representative registers a child in the queue
//! of a locality.
//!
//! Checked first what needs nothing stored (the child's IIN against birth date and sex, 0–6
//! years, the phone, a privilege's document given), then the locality (it gives the region),
//! the privilege's document (the caller's, uploaded, of its kind), the population register
//! (only a legal representative registers) and the child's guard (one active application per
//! child). The application, the guard, the history event and the notice
//! are one transaction; of two registrations racing for one child exactly one succeeds (the
//! guard's condition), the other is told `already_in_queue`.

use chrono::Datelike;
use domain::ErrorCode;
use domain::preschool::api::{Privilege, QueueApplicant, QueueApplication, RegisterInQueue};
use domain::preschool::notices::QueueNotice;
use domain::preschool::{PrivilegeCategory, PrivilegeStatus, QueueNumber, QueueState, claimed};
use domain::{almaty, to_almaty};
use service::access::Caller;
use service::http::{created, json_body};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::preschool::queue::{self, Stored};
use table::{audit, outbox};

/// How often a registration retries when the child's guard or the table moved under it.
const ATTEMPTS: u32 = 5;

pub(crate) async fn register(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let body: RegisterInQueue = json_body(req)?;
    let today = ctx.now().with_timezone(&almaty()).date_naive();
    let (child_iin, phone) = body.validate(today)?;
    let store = ctx.store.as_ref();
    let locality = table::address::locality(store, &body.locality_id)
        .await?
        .ok_or_else(|| ApiError::not_found().field("locality_id"))?;
    let document = match (&body.privilege_document, body.privilege) {
        (Some(doc), category) if category != PrivilegeCategory::None => {
            Some(service::blobs::attached(ctx, caller, doc, "privilege_document").await?)
        }
        _ => None,
    };
    // The register before the guard: whether a child is in the queue is told only to its
    // representatives.
    let (_, relation) = service::population::representative(ctx, caller, &child_iin).await?;
    let mut guard = queue::guard(store, child_iin.as_str()).await?;
    if guard.active.is_some() {
        return Err(already_in_queue());
    }

    let id = uuid::Uuid::new_v4().to_string();
    let mut child = body.child.clone();
    child.iin = child_iin.as_str().to_string();
    let applicant = QueueApplicant {
        iin: caller.iin.clone(),
        full_name: caller.name.clone(),
        phone,
        email: body.email.clone().filter(|e| !e.trim().is_empty()),
        relation,
    };
    for attempt in 0..ATTEMPTS {
        let now = ctx.now();
        let year = now.with_timezone(&almaty()).year();
        let seq = queue::next_number(store, &locality.region, year).await?;
        let registered = to_almaty(now);
        let app = QueueApplication {
            id: id.clone(),
            number: QueueNumber::new(now, seq, guard.count + 1).to_string(),
            registered_at: registered,
            child: child.clone(),
            applicant: applicant.clone(),
            region: locality.region.clone(),
            locality_id: locality.id.clone(),
            language: body.language,
            privilege: Privilege {
                category: body.privilege,
                status: claimed(body.privilege),
                document: document.clone(),
                decided_at: None,
                comment: None,
            },
            state: QueueState::InQueue,
            changed_at: registered,
            queued_since: Some(registered),
            position: None,
            stop_until: None,
            expiries: 0,
            removal: None,
            direction: None,
            choice_blocked: None,
        };
        let stored = Stored {
            claimed_at: (app.privilege.status == PrivilegeStatus::Pending).then_some(now),
            app,
            version: 1,
            directions: 0,
        };
        let notice = service::preschool::tell(&stored.app, &QueueNotice::Registered, now);
        let mut writes = queue::register(&stored, &guard)?;
        writes.push(audit::application_event(
            &id,
            now,
            caller.actor(),
            "applicant",
            "registered",
            None,
        )?);
        writes.push(outbox::write(&notice)?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                service::outbox::send_after_commit(ctx, &[notice]).await;
                tracing::info!(
                    application = %id,
                    number = %stored.app.number,
                    child = %child_iin.masked(),
                    "registered in the preschool queue"
                );
                return Ok(created(&service::preschool::view(ctx, &stored).await?));
            }
            // The guard changed since it was read: who holds it now decides.
            Err(StoreError::ConditionFailed { index: 1 }) | Err(StoreError::Conflict) => {
                guard = queue::guard(store, child_iin.as_str()).await?;
                if guard.active.is_some() {
                    return Err(already_in_queue());
                }
                service::retry::back_off(attempt, 5).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("registration: the guard kept moving"))
}

fn already_in_queue() -> ApiError {
    ApiError::new(ErrorCode::AlreadyInQueue).field("child.iin")
}
