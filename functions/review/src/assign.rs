//! «Назначить ответственного» (seed 002): the director names the responsible executor of one
//! application, or of several at once («Журнал заявлений»: select rows, then the button). The
//! responsible is an active member of the organisation who may decide (an executor, or the
//! director); their name is kept with the assignment, so the journal shows it without reading
//! the staff.

use std::time::Duration;

use domain::api::{AssignExecutor, List};
use domain::journal::{AssignMany, AssignOutcome, AssignResult};
use domain::permissions::{Permission, permits};
use domain::staff::person_name;
use domain::{ErrorCode, Iin, MsgLang, Role, Status};
use service::access::Caller;
use service::http::{json_body, lang, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::{application, audit};

use crate::{Act, load};

/// Who is named, with the name to keep.
struct Responsible {
    iin: Iin,
    name: Option<String>,
}

impl Responsible {
    /// The history comment: their name, or the IIN where none is known.
    fn comment(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| self.iin.as_str().to_string())
    }
}

/// `iin` as the responsible of the organisation's applications, or 422 naming `field`.
async fn responsible(
    ctx: &Ctx,
    caller: &Caller,
    org_id: &str,
    iin: Iin,
    field: &str,
) -> Result<Responsible, ApiError> {
    match table::staff::member(ctx.store.as_ref(), iin.as_str(), org_id).await? {
        Some(m) if permits(&m.roles, Permission::Decide) => {
            // Whoever names themself is named by their own token, the freshest name there is.
            let own = (m.iin == caller.iin).then(|| person_name(&caller.name));
            let name = own.flatten().or(m.name);
            Ok(Responsible { iin, name })
        }
        _ => Err(ApiError::new(ErrorCode::ValidationFailed)
            .field(field)
            .log("the assignee is not an executor of this organisation")),
    }
}

/// `PUT /api/orgs/{org}/applications/{id}/assignee`: one application, while it is open.
pub(crate) async fn assign(ctx: &Ctx, req: &Request, act: Act<'_>) -> ApiResult {
    let (caller, role, org_id, id) = (act.caller, act.role, act.org_id, act.id);
    let body: AssignExecutor = json_body(req)?;
    let iin = Iin::parse(body.iin.trim())
        .map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("iin"))?;
    let mut application = load(ctx, org_id, id).await?.application;
    let who = responsible(ctx, caller, org_id, iin, "iin").await?;
    if !application.status.is_open() {
        return Err(ErrorCode::InvalidStatus.into());
    }
    let now = ctx.now();
    let mut writes = application::assign(&application, who.iin.as_str(), who.name.as_deref());
    writes.push(audit::application_event(
        id,
        now,
        caller.actor(),
        role.as_str(),
        "assigned",
        Some(who.comment()),
    )?);
    match ctx.store.transact(writes).await {
        Ok(()) => {}
        Err(StoreError::ConditionFailed { index: 0 }) => {
            return Err(ErrorCode::InvalidStatus.into());
        }
        Err(e) => return Err(e.into()),
    }
    application.assignee_iin = Some(who.iin.into_string());
    application.assignee_name = who.name;
    Ok(ok(&application))
}

/// `POST /api/orgs/{org}/applications/assign`: one responsible for up to
/// [`domain::journal::MAX_ASSIGN`] applications. Each is its own conditional write with its
/// history event, so one refused application leaves the others assigned; the answer says, in
/// the order asked, what became of each. Naming the one already responsible again is not an
/// error, and writes nothing: a repeated request is harmless.
pub(crate) async fn assign_many(
    ctx: &Ctx,
    req: &Request,
    caller: &Caller,
    role: Role,
    org_id: &str,
) -> ApiResult {
    let body: AssignMany = json_body(req)?;
    let valid = body.validate()?;
    let who = responsible(ctx, caller, org_id, valid.executor, "executor_iin").await?;
    let lang = lang(req);
    let mut items = Vec::with_capacity(valid.application_ids.len());
    for id in valid.application_ids {
        let result = assign_one(ctx, caller, role, org_id, &id, &who).await?;
        items.push(outcome(id, result, lang));
    }
    let assigned = items
        .iter()
        .filter(|o| o.result == AssignResult::Assigned)
        .count();
    tracing::info!(org = %org_id, asked = items.len(), assigned, "assigned many");
    Ok(ok(&List {
        items,
        next_page_token: None,
    }))
}

/// The longest application id worth looking up (ours are UUIDs); a longer one names nothing.
const MAX_ID_CHARS: usize = 64;
/// How often one application's write is tried again after colliding with another change.
const ATTEMPTS: u32 = 3;

/// Assigns one application of a bulk request: `Ok(None)` when it is (or already was) the
/// responsible's, `Ok(Some(code))` when it is refused.
async fn assign_one(
    ctx: &Ctx,
    caller: &Caller,
    role: Role,
    org_id: &str,
    id: &str,
    who: &Responsible,
) -> Result<Option<ErrorCode>, ApiError> {
    if id.chars().count() > MAX_ID_CHARS {
        return Ok(Some(ErrorCode::NotFound));
    }
    for attempt in 0..ATTEMPTS {
        // Read first: the report's counters move from the column it stands in.
        let app = match application::get(ctx.store.as_ref(), id).await? {
            Some(app) if app.org_id == org_id => app,
            _ => return Ok(Some(ErrorCode::NotFound)),
        };
        if app.assignee_iin.as_deref() == Some(who.iin.as_str()) {
            return Ok(None);
        }
        if app.status != Status::InReview {
            return Ok(Some(ErrorCode::InvalidStatus));
        }
        let mut writes =
            application::assign_in_review(&app, org_id, who.iin.as_str(), who.name.as_deref());
        writes.push(audit::application_event(
            id,
            ctx.now(),
            caller.actor(),
            role.as_str(),
            "assigned",
            Some(who.comment()),
        )?);
        match ctx.store.transact(writes).await {
            Ok(()) => return Ok(None),
            // It changed between the read and the write: read it again.
            Err(StoreError::ConditionFailed { index: 0 }) => {}
            Err(StoreError::Conflict) => {
                tokio::time::sleep(Duration::from_millis(10 + u64::from(attempt) * 20)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Some(ErrorCode::ServiceUnavailable))
}

fn outcome(id: String, refused: Option<ErrorCode>, lang: MsgLang) -> AssignOutcome {
    AssignOutcome {
        id,
        result: match refused {
            None => AssignResult::Assigned,
            Some(_) => AssignResult::Refused,
        },
        code: refused,
        message: refused.map(|c| c.message(lang).to_string()),
    }
}
