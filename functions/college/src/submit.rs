//! `POST /api/college/applications`: the applicant (16 or older) or a legal representative
//! applies to a college, naming up to four of its specialty lines in priority order.
//!
//! Checked in order: the form; the college; the region's campaign of the year is open today;
//! every choice is a line the college offers on the applicant's basis; the documents are the
//! caller's uploads of the declared type; who applies (the student alone from 16, else a legal
//! representative as the population register says). The application, the organisation's
//! number, the per-college guard (one active application per applicant per college per year),
//! the history event and the receipt are one transaction (`service::submission`).

use chrono::{DateTime, Utc};
use domain::api::{Applicant, Application, Child};
use domain::college::api::SubmitCollegeApplication;
use domain::lifecycle::Change;
use domain::services::rules;
use domain::{ErrorCode, Iin, Relation, Service, to_almaty};
use service::access::Caller;
use service::http::{created, json_body};
use service::submission::{Submission, submit_numbered};
use service::{ApiError, ApiResult, Ctx, Request};
use store::{StoreError, WriteOp};
use table::application;

pub(crate) async fn submit(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let body: SubmitCollegeApplication = json_body(req)?;
    let (student_iin, phone, details) = body.validate()?;
    let store = ctx.store.as_ref();
    let service = rules(Service::College);
    let org = table::org::get(store, &body.org_id)
        .await?
        .ok_or_else(|| ApiError::not_found().field("org_id"))?;
    if org.kind != service.org_kind() {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("org_id"));
    }
    service::submission::require_campaign_open(
        ctx,
        &org.region,
        Service::College,
        body.academic_year,
    )
    .await?;
    for (i, choice) in details.choices.iter().enumerate() {
        let line = choice.offer(details.basis);
        if table::college::specialty::get(store, &org.id, &line)
            .await?
            .is_none()
        {
            return Err(ApiError::new(ErrorCode::SpecialtyNotOffered).field(format!("choices.{i}")));
        }
    }
    let documents = service::blobs::check_documents(ctx, caller, &body.documents).await?;
    let relation = who_applies(ctx, caller, &student_iin, &body).await?;

    // The language of the first choice: the journal's language column.
    let language = details.choices[0].language;
    let (draft, change) = service::submission::draft(
        caller,
        service,
        &org,
        body.academic_year,
        language,
        Child {
            iin: student_iin.as_str().to_string(),
            ..body.student.clone()
        },
        Applicant {
            phone,
            relation,
            ..body.applicant.clone()
        },
    )?;
    let mut application = Application {
        special_needs: body.disability,
        documents,
        college: Some(details),
        ..draft
    };
    submit_numbered(
        ctx,
        caller,
        service,
        &mut application,
        &mut CollegeSubmission { change: &change },
    )
    .await?;
    tracing::info!(
        application = %application.id,
        number = application.number,
        student = %student_iin.masked(),
        "college application submitted"
    );
    Ok(created(&application))
}

/// The relation of who applies to the student: the student themselves from 16
/// (`domain::college::may_apply_alone`), else a legal representative as the register says.
async fn who_applies(
    ctx: &Ctx,
    caller: &Caller,
    student: &Iin,
    body: &SubmitCollegeApplication,
) -> Result<Relation, ApiError> {
    if caller.iin == student.as_str() {
        let today = to_almaty(ctx.now()).date_naive();
        if !domain::college::may_apply_alone(body.student.birth_date, today) {
            return Err(ApiError::new(ErrorCode::TooYoungToApplyAlone).field("student.iin"));
        }
        return Ok(Relation::Student);
    }
    let (_, relation) = service::population::representative(ctx, caller, student)
        .await
        .map_err(|mut e| {
            // The register's refusal names the form's field.
            if e.field.as_deref() == Some("child.iin") {
                e.field = Some("student.iin".into());
            }
            e
        })?;
    Ok(relation)
}

/// The per-college guard: taken with the application; held by another application of the
/// student to this college this year → 409 `already_applied`.
struct CollegeSubmission<'a> {
    change: &'a Change,
}

impl Submission for CollegeSubmission<'_> {
    fn writes(
        &self,
        application: &Application,
        last: u64,
        _now: DateTime<Utc>,
    ) -> Result<Vec<WriteOp>, ApiError> {
        Ok(application::submit(application, last, self.change)?)
    }

    async fn condition_failed(
        &mut self,
        _application: &Application,
        index: usize,
    ) -> Result<(), ApiError> {
        Err(match index {
            1 => ApiError::new(ErrorCode::AlreadyApplied).field("org_id"),
            _ => StoreError::ConditionFailed { index }.into(),
        })
    }
}
