//! What every use case of the kindergarten service does the same way: read a queue application
//! for its applicant, tell the applicant (a rendered outbox message), and show the application
//! with its computed parts (queue position, whether a kindergarten may be chosen now).

use chrono::{DateTime, Utc};
use domain::permissions::Permission;
use domain::preschool::api::QueueApplication;
use domain::preschool::notices::{QueueFacts, QueueNotice, sms, texts};
use domain::preschool::{ChoiceFacts, QueueState, choice_blocked};
use domain::{ErrorCode, Service};
use table::outbox::{OutboxMessage, Rendered};
use table::preschool::{place, queue};

use crate::access::Caller;
use crate::{ApiError, Ctx};

/// The caller's queue application: 404 when there is none with the id, and also when it is
/// someone else's (an id reveals nothing of other families).
pub async fn for_applicant(
    ctx: &Ctx,
    caller: &Caller,
    id: &str,
) -> Result<queue::Stored, ApiError> {
    queue::get(ctx.store.as_ref(), id)
        .await?
        .filter(|s| s.app.applicant.iin == caller.iin)
        .ok_or_else(ApiError::not_found)
}

/// The outbox message that tells the applicant of `app` about `notice`: in-app in kk+ru and
/// one SMS, rendered now. Write it in the transaction of the change; send it after commit
/// (`crate::outbox::send_after_commit`).
pub fn tell(app: &QueueApplication, notice: &QueueNotice, at: DateTime<Utc>) -> OutboxMessage {
    let facts = QueueFacts {
        number: app.number.clone(),
        child_name: app.child.full_name(),
    };
    let rendered = Rendered {
        service: Service::Preschool,
        recipient_iin: app.applicant.iin.clone(),
        phone: Some(app.applicant.phone.clone()),
        text: texts(notice, &facts),
        sms: Some(sms(notice, &facts)),
        email: domain::api::given_email(&app.applicant.email),
    };
    OutboxMessage::rendered(&app.id, rendered, at)
}

/// Whether any kindergarten of the application's locality has a free state-order place for
/// the child's age group.
pub async fn free_places(ctx: &Ctx, app: &QueueApplication) -> Result<bool, ApiError> {
    let places =
        place::of_locality(ctx.store.as_ref(), &app.locality_id, queue::age_group(app)).await?;
    Ok(places.iter().any(|p| p.place.free() > 0))
}

/// Why a kindergarten may not be chosen now, reading the free places only when the rest allows
/// the choice.
pub async fn choice_blocked_now(
    ctx: &Ctx,
    app: &QueueApplication,
    now: DateTime<Utc>,
) -> Result<Option<ErrorCode>, ApiError> {
    let facts = |free_places| ChoiceFacts {
        state: app.state,
        birth: app.child.birth_date,
        stop_until: app.stop_until.map(|t| t.to_utc()),
        free_places,
    };
    match choice_blocked(facts(true), now) {
        None if app.state == QueueState::InQueue => {
            Ok(choice_blocked(facts(free_places(ctx, app).await?), now))
        }
        blocked => Ok(blocked),
    }
}

/// The application if the caller is its applicant or the education department of its region;
/// to anyone else it does not exist (404). The preschool function's reads and the papers of the
/// queue (the paperwork function) ask alike.
pub async fn visible(ctx: &Ctx, caller: &Caller, id: &str) -> Result<queue::Stored, ApiError> {
    let stored = queue::get(ctx.store.as_ref(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if stored.app.applicant.iin == caller.iin {
        return Ok(stored);
    }
    match crate::access::require_region(ctx, caller, Permission::ViewRegion).await {
        Ok(region) if region == stored.app.region => Ok(stored),
        _ => Err(ApiError::not_found().log("neither the applicant nor the region's department")),
    }
}

/// The application's last direction, once one was issued.
pub async fn last_direction(
    ctx: &Ctx,
    stored: &queue::Stored,
) -> Result<Option<domain::preschool::api::Direction>, ApiError> {
    if stored.directions == 0 {
        return Ok(None);
    }
    let found =
        table::preschool::direction::get(ctx.store.as_ref(), &stored.app.id, stored.directions)
            .await?;
    Ok(found.map(|d| d.direction))
}

/// The application as shown: with its queue position and what blocks a choice.
pub async fn view(ctx: &Ctx, stored: &queue::Stored) -> Result<QueueApplication, ApiError> {
    let mut app = stored.app.clone();
    app.position = queue::position(ctx.store.as_ref(), &app).await?;
    app.choice_blocked = choice_blocked_now(ctx, &app, ctx.now()).await?;
    Ok(app)
}
