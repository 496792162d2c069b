//! A legal representative's submission that finds the child's guard taken. The guard counts
//! only applications of legal representatives: one made by someone the register does not (or
//! no longer) name as a representative is withdrawn, in the submission's own transaction, and
//! the guard passes to the representative's application. A representative's application, or
//! a signed decision (final, whoever applied), still blocks: 409 `duplicate_application`.

use chrono::{DateTime, Utc};
use domain::api::Application;
use domain::lifecycle::{AppIndex, Change, Event};
use domain::population::ChildRecord;
use domain::{ErrorCode, Iin};
use service::{ApiError, Ctx};
use store::WriteOp;
use table::application::{self, Stored};
use table::audit;

/// The history comment of the withdrawal, read by the holder's applicant and the school.
const COMMENT: &str = "Заявитель не является законным представителем ребёнка по данным регистра \
    населения; заявление законного представителя принято. / Халық тіркелімінің деректері \
    бойынша өтініш беруші баланың заңды өкілі емес; заңды өкілдің өтініші қабылданды.";

/// An application holding the guard that the submission withdraws and takes it from.
pub(crate) struct Stale {
    pub stored: Stored,
    pub change: Change,
}

impl Stale {
    /// The holder's history event: withdrawn by the system, with the reason.
    pub fn event(&self, now: DateTime<Utc>) -> Result<WriteOp, ApiError> {
        let leaves_queue = self.change.leave.contains(&AppIndex::ReviewQueue);
        let queue_version = self.stored.queue.as_ref().filter(|_| leaves_queue);
        Ok(audit::application_queue_event(
            &self.stored.application.id,
            now,
            "system",
            "system",
            "withdrawn",
            Some(COMMENT.into()),
            queue_version.map(|q| q.next()),
        )?)
    }
}

/// Who holds the guard `application` wants: `None` when nobody does any more (retry as a
/// plain submission), a stale holder to take it from, or 409 when the holder blocks.
pub(crate) async fn stale_holder(
    ctx: &Ctx,
    application: &Application,
    record: &ChildRecord,
) -> Result<Option<Stale>, ApiError> {
    let duplicate = || ApiError::new(ErrorCode::DuplicateApplication).field("child.iin");
    let store = ctx.store.as_ref();
    let year = application.academic_year.to_string();
    let Some(id) = application::guard_holder(store, &application.child.iin, &year).await? else {
        return Ok(None);
    };
    // With its school's queue: an application withdrawn from review leaves it.
    let stored = application::load_queued(store, &id)
        .await?
        .ok_or_else(|| duplicate().log(format!("the guard names a missing application {id}")))?;
    let representative = Iin::parse(&stored.application.applicant_iin)
        .ok()
        .is_some_and(|iin| record.relation_of(&iin).is_some());
    if representative {
        return Err(duplicate());
    }
    // An open application is withdrawn; a signed decision stands.
    let change = stored
        .change(Event::Withdraw)
        .map_err(|_| duplicate().log(format!("{id} of a non-representative is final")))?;
    Ok(Some(Stale { stored, change }))
}
