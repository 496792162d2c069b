//! What the applicant and the region's education department read of queue applications: the
//! applicant's list (newest first, each with its queue numbers), one application, and its
//! history («История изменений»).

use domain::api::{HistoryEvent, List};
use service::access::Caller;
use service::http::ok;
use service::preschool::{view, visible};
use service::{ApiResult, Ctx};
use table::audit;
use table::preschool::queue;

/// `GET /api/preschool/applications`: the caller's own, newest first.
pub(crate) async fn mine(ctx: &Ctx, caller: &Caller) -> ApiResult {
    let mut items = Vec::new();
    for stored in queue::of_applicant(ctx.store.as_ref(), &caller.iin).await? {
        items.push(view(ctx, &stored).await?);
    }
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// `GET /api/preschool/applications/{id}`.
pub(crate) async fn one(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored = visible(ctx, caller, id).await?;
    Ok(ok(&view(ctx, &stored).await?))
}

/// `GET /api/preschool/applications/{id}/history`, oldest first: every change with its time
/// and actor.
pub(crate) async fn history(ctx: &Ctx, caller: &Caller, id: &str) -> ApiResult {
    let stored = visible(ctx, caller, id).await?;
    let events = audit::history(ctx.store.as_ref(), id).await?;
    Ok(ok(&List {
        items: public_history(events, &stored.app.applicant.iin),
        next_page_token: None,
    }))
}

/// The role whose decisions are public service data: the education department decides on
/// privileges in its own name.
const NAMED_ROLE: &str = "edu_department";

/// The history as it is shown: every event, with who acted by role; the applicant's own events
/// and the service's (`system`) as recorded; staff never by IIN, and by name only for the
/// education department's decisions (a kindergarten's staff stay the kindergarten's).
pub(crate) fn public_history(events: Vec<HistoryEvent>, applicant_iin: &str) -> Vec<HistoryEvent> {
    events
        .into_iter()
        .map(|mut e| {
            if e.actor != applicant_iin && e.actor != "system" {
                e.actor = String::new();
                if e.role != NAMED_ROLE {
                    e.actor_name = None;
                }
            }
            e.queue_version = None;
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(actor: &str, name: Option<&str>, role: &str, action: &str) -> HistoryEvent {
        HistoryEvent {
            at: "2026-06-02T10:00:00+05:00".parse().unwrap(),
            actor: actor.into(),
            actor_name: name.map(str::to_string),
            role: role.into(),
            action: action.into(),
            comment: None,
            queue_version: None,
        }
    }

    #[test]
    fn staff_are_shown_by_role_the_department_also_by_name() {
        const PARENT: &str = "880808300004";
        let shown = public_history(
            vec![
                event(PARENT, Some("Ахметов Серик"), "applicant", "registered"),
                event(
                    "850315400015",
                    Some("Серікова Дана"),
                    "edu_department",
                    "privilege_confirmed",
                ),
                event("870505400001", Some("Директор"), "director", "enrolled"),
                event("system", None, "system", "direction_expired"),
            ],
            PARENT,
        );
        assert_eq!(shown.len(), 4, "every change is listed");
        assert_eq!(
            (shown[0].actor.as_str(), shown[0].actor_name.as_deref()),
            (PARENT, Some("Ахметов Серик"))
        );
        assert_eq!(
            (shown[1].actor.as_str(), shown[1].actor_name.as_deref()),
            ("", Some("Серікова Дана"))
        );
        assert_eq!(shown[1].role, "edu_department");
        assert_eq!(
            (shown[2].actor.as_str(), shown[2].actor_name.as_deref()),
            ("", None)
        );
        assert_eq!(shown[2].role, "director");
        assert_eq!(shown[3].actor, "system");
    }
}
