//! What the use cases that end or undo a decision share (director signs or returns it, the
//! applicant withdraws): reading an application together with its decision exactly as stored,
//! the condition "the decision is still the one we read", and releasing the child's
//! one-active-application guard.

use domain::Status;
use domain::api::Application;
use serde_json::Value;
use store::{Condition, WriteOp, from_item};

use crate::{ApiError, Ctx, keys};

/// An application and its `decision` attribute exactly as stored (`None` when there is none).
pub struct Stored {
    pub application: Application,
    pub decision: Option<Value>,
}

/// The application by id, or 404.
pub async fn load(ctx: &Ctx, id: &str) -> Result<Stored, ApiError> {
    let item = ctx
        .store
        .get(&keys::application(id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let decision = item.get("decision").filter(|v| !v.is_null()).cloned();
    Ok(Stored {
        application: from_item(item)?,
        decision,
    })
}

impl Stored {
    /// The application is still in the status we read and, if it had a decision, still has
    /// that very decision. Compared with the stored value itself (not a re-serialisation), so
    /// it holds whatever shape the deciding use case wrote. A decision returned and made again
    /// while we worked is another value: the write fails instead of acting on a stale read.
    pub fn unchanged(&self) -> Condition {
        let status = Condition::eq("status", self.application.status.as_str());
        match &self.decision {
            Some(d) => Condition::And(vec![status, Condition::eq("decision", d.clone())]),
            None => status,
        }
    }

    /// Whether a seat was taken for this application: an accept decision awaiting signature
    /// (the deciding use case takes the seat with the decision) or a signed acceptance.
    pub fn holds_seat(&self) -> bool {
        matches!(
            self.application.status,
            Status::OnSigning | Status::Accepted
        ) && self
            .application
            .decision
            .as_ref()
            .is_some_and(|d| d.decision == domain::api::DecisionKind::Accept)
    }
}

/// Deletes the child's active-application guard for the application's year, so the child may
/// apply again. Only this application's own guard: one of another application is left alone
/// (the write fails instead).
pub fn release_guard(application: &Application) -> WriteOp {
    WriteOp::Delete {
        key: keys::child_guard(
            &application.child.iin,
            &application.academic_year.to_string(),
        ),
        condition: Some(Condition::Or(vec![
            Condition::NotExists,
            Condition::eq("application_id", application.id.as_str()),
        ])),
    }
}
