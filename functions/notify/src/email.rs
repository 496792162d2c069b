//! The e-mail of a notice, to an applicant who gave an address: beside the in-app notice and
//! the SMS, never instead of them. Once per outbox message and address, as the SMS: a marker
//! written after a successful send (see the crate doc for the order). The signed 1st-grade
//! decision's e-mail carries the decision notice as PDF, the paper the parent can download.

use domain::api::{Application, Org};
use domain::notices::{NoticeKind, email_text};
use domain::{Service, api::Text};
use papers::{Paper, fill};
use service::email::{Attachment, Email};
use service::{ApiError, Ctx};
use table::notice::{self, Channel};

/// Where a notice's verification link leads without a configured site origin: the local
/// runner's address (`make run`).
const LOCAL_SITE: &str = "http://127.0.0.1:8080";

/// The e-mail of an application's notice to its applicant, under `subject` (the kind's,
/// `domain::notices::email_subject`).
pub(crate) fn of_notice(
    to: String,
    subject: String,
    kind: &NoticeKind,
    text: &Text,
    application: &Application,
    org: &Org,
) -> Result<Email, ApiError> {
    let mut attachments = Vec::new();
    if matches!(kind, NoticeKind::Decided { .. })
        && matches!(application.service, Service::Grade1 | Service::College)
        && let Some(data) = fill::notice(
            application,
            org,
            &fill::verify_url(
                &fill::site_origin().unwrap_or_else(|| LOCAL_SITE.into()),
                &application.id,
            ),
        )
    {
        let bytes = papers::render(Paper::Notice, &data)
            .map_err(|e| ApiError::internal(format!("notice paper: {e}")))?;
        attachments.push(Attachment {
            filename: format!("{}-{}.pdf", Paper::Notice.name(), application.number),
            content_type: papers::PDF.into(),
            bytes,
        });
    }
    Ok(Email {
        to,
        subject,
        text: email_text(text),
        attachments,
    })
}

/// Sends unless the marker says it was sent; `make` builds the e-mail only when it is to be sent
/// (a redelivered message does not lay out its PDF again).
pub(crate) async fn send_once(
    ctx: &Ctx,
    message_id: &str,
    to: &str,
    make: impl FnOnce() -> Result<Email, ApiError>,
) -> Result<(), ApiError> {
    if notice::sent(ctx.store.as_ref(), Channel::Email, message_id, to).await? {
        return Ok(());
    }
    let email = make()?;
    ctx.email
        .send(&email)
        .await
        .map_err(|e| ApiError::internal(format!("e-mail: {e}")))?;
    notice::mark_sent(
        ctx.store.as_ref(),
        Channel::Email,
        message_id,
        to,
        ctx.now(),
    )
    .await?;
    Ok(())
}
