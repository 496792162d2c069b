//! `POST /api/dev/preschool/applications` (dev mode only): puts a child straight into a
//! locality's kindergarten queue through `table::preschool::queue::register`, so the direction
//! tests have queue applications without the registration use case. Body:
//! `{applicant_iin, applicant_name, child: Child, region, locality_id, language}` → 201 with
//! the stored application (state `in_queue`, in the queue from the business clock's now).

use std::sync::Arc;

use axum::response::Response as AxumResponse;
use domain::api::Child;
use domain::preschool::api::{Privilege, QueueApplicant, QueueApplication};
use domain::preschool::{PrivilegeCategory, PrivilegeStatus, QueueNumber, QueueState};
use domain::{ErrorCode, Lang, Relation, to_almaty};
use serde::Deserialize;
use service::ApiError;
use service::http::created;
use store::StoreError;
use table::preschool::queue;

use crate::app::{State, from_lambda};

#[derive(Deserialize)]
struct DevRegister {
    applicant_iin: String,
    applicant_name: String,
    child: Child,
    region: String,
    locality_id: String,
    language: Lang,
}

pub async fn register(
    state: &Arc<State>,
    body: serde_json::Value,
) -> Result<AxumResponse, ApiError> {
    let req: DevRegister = serde_json::from_value(body)
        .map_err(|e| ApiError::new(ErrorCode::ValidationFailed).log(e.to_string()))?;
    let store = state.ctx.store.as_ref();
    let now = state.ctx.now();
    let guard = queue::guard(store, &req.child.iin).await?;
    if guard.active.is_some() {
        return Err(ApiError::new(ErrorCode::AlreadyInQueue));
    }
    let number = QueueNumber::new(now, 0, guard.count + 1);
    let seq = queue::next_number(store, &req.region, number.year).await?;
    let number = QueueNumber { seq, ..number };
    let app = QueueApplication {
        id: uuid::Uuid::new_v4().to_string(),
        number: number.to_string(),
        registered_at: to_almaty(now),
        child: req.child,
        applicant: QueueApplicant {
            iin: req.applicant_iin,
            full_name: req.applicant_name,
            phone: "+77010000000".into(),
            email: None,
            relation: Relation::Mother,
        },
        region: req.region,
        locality_id: req.locality_id,
        language: req.language,
        privilege: Privilege {
            category: PrivilegeCategory::None,
            status: PrivilegeStatus::NotClaimed,
            document: None,
            decided_at: None,
            comment: None,
        },
        state: QueueState::InQueue,
        changed_at: to_almaty(now),
        queued_since: Some(to_almaty(now)),
        position: None,
        stop_until: None,
        expiries: 0,
        removal: None,
        direction: None,
        choice_blocked: None,
    };
    let stored = queue::Stored {
        app,
        version: 1,
        directions: 0,
        claimed_at: None,
    };
    match store.transact(queue::register(&stored, &guard)?).await {
        Ok(()) => Ok(from_lambda(created(&stored.app))),
        Err(StoreError::ConditionFailed { .. }) => Err(ApiError::new(ErrorCode::AlreadyInQueue)),
        Err(e) => Err(e.into()),
    }
}
