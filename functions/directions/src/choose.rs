//! The applicant's choice of a private kindergarten: the free places on offer, and the signed
//! choice that takes one of them.

use chrono::{DateTime, Utc};
use domain::preschool::api::{ChooseKindergarten, Direction, FreePlace};
use domain::preschool::notices::QueueNotice;
use domain::preschool::{DirectionState, QueueState, choice_payload, direction_expires_at};
use domain::{ErrorCode, to_almaty};
use service::access::Caller;
use service::http::{created, json_body, ok};
use service::preschool::{choice_blocked_now, for_applicant, tell, view};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::audit;
use table::outbox;
use table::preschool::{direction, place, queue};

/// How often a choice retries a transaction that collided with another on the same items
/// (DynamoDB refuses concurrent transactions on one item; the embedded store serialises them).
const ATTEMPTS: u32 = 40;

pub async fn places(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored = for_applicant(ctx, caller, id).await?;
    let app = &stored.app;
    if let Some(code) = choice_blocked_now(ctx, app, ctx.now()).await? {
        return Err(ApiError::new(code));
    }
    let places =
        place::of_locality(ctx.store.as_ref(), &app.locality_id, queue::age_group(app)).await?;
    let free: Vec<FreePlace> = places
        .into_iter()
        .filter(|p| p.place.free() > 0)
        .map(|p| FreePlace {
            free: p.place.free(),
            org_id: p.place.org_id,
            org_name: p.org_name,
            address: p.address,
            language: p.place.language,
            age_group: p.place.age_group,
        })
        .collect();
    Ok(ok(&free))
}

/// The signature of the choice by the applicant's own (personal) certificate, at `now`.
fn verify(
    ctx: &Ctx,
    caller: &Caller,
    body: &ChooseKindergarten,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<pki::Signed, ApiError> {
    service::signature::verify(
        ctx,
        caller,
        &body.signature,
        &body.certificates,
        payload,
        now,
        None,
    )
    .map(|(signed, _)| signed)
}

pub async fn choose(ctx: &Ctx, req: &Request, caller: &Caller, id: &str) -> ApiResult {
    let body: ChooseKindergarten = json_body(req)?;
    for attempt in 0..ATTEMPTS {
        let stored = for_applicant(ctx, caller, id).await?;
        if !body.warning_accepted {
            return Err(ApiError::new(ErrorCode::WarningNotAccepted).field("warning_accepted"));
        }
        let now = ctx.now();
        if let Some(code) = choice_blocked_now(ctx, &stored.app, now).await? {
            return Err(ApiError::new(code));
        }
        let app = &stored.app;
        let age_group = queue::age_group(app);
        let chosen = place::get(ctx.store.as_ref(), &body.org_id, age_group, body.language)
            .await?
            .filter(|p| p.locality_id == app.locality_id)
            .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("org_id"))?;
        if chosen.place.free() == 0 {
            return Err(ApiError::new(ErrorCode::NoFreePlaces).field("org_id"));
        }
        let payload = choice_payload(
            &app.id,
            &app.number,
            &app.child.iin,
            &body.org_id,
            body.language,
            age_group,
        );
        let signed = verify(ctx, caller, &body, &payload, now)?;

        let n = stored.directions + 1;
        let issued = Direction {
            n,
            org_id: body.org_id.clone(),
            org_name: chosen.org_name.clone(),
            org_address: chosen.address.clone(),
            language: body.language,
            age_group,
            issued_at: to_almaty(now),
            expires_at: to_almaty(direction_expires_at(now)),
            extended_days: None,
            state: DirectionState::Issued,
            closed_at: None,
            signature_serial: signed.serial.clone(),
            signed_by: signed.name.clone(),
        };
        let dir = direction::Stored {
            application_id: app.id.clone(),
            number: app.number.clone(),
            region: app.region.clone(),
            child_name: app.child.full_name(),
            child_birth_date: app.child.birth_date,
            direction: issued.clone(),
            version: 0,
        };
        let mut after = stored.clone();
        after.app.state = QueueState::Directed;
        after.app.queued_since = None;
        after.app.changed_at = to_almaty(now);
        after.app.direction = Some(issued.clone());
        after.directions = n;
        let notice = QueueNotice::DirectionIssued {
            kindergarten: chosen.org_name.clone(),
            until: issued.expires_at,
        };
        let message = tell(&after.app, &notice, now);

        // Write 0 takes the place: it fails when none is left, whoever raced for it.
        let mut writes = vec![place::take(&body.org_id, age_group, body.language)];
        writes.extend(queue::replace(&stored, &after)?);
        writes.push(direction::issue(&dir)?);
        writes.push(audit::application_event(
            &app.id,
            now,
            caller.actor(),
            "applicant",
            "direction_issued",
            Some(format!("{} ({})", chosen.org_name.ru, signed.serial)),
        )?);
        writes.push(outbox::write(&message)?);
        match ctx.store.transact(writes).await {
            Ok(()) => {
                tracing::info!(application = %app.id, org = %body.org_id, "direction issued");
                service::outbox::send_after_commit(ctx, &[message]).await;
                after.version += 1;
                return Ok(created(&view(ctx, &after).await?));
            }
            Err(StoreError::ConditionFailed { index: 0 }) => {
                return Err(ApiError::new(ErrorCode::NoFreePlaces).field("org_id"));
            }
            // The application changed meanwhile (another choice, a withdrawal): read it again;
            // the conditions then answer with the reason as it is now.
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
                service::retry::back_off(attempt, 5).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("choice: the places kept changing"))
}
