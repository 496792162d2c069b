//! `notify`: renders and delivers notices from the notifications queue.
//!
//! Each queue message body is an [`OutboxMessage`]. For each one: load the application and its
//! organisation, resolve the recipients (the applicant for `submitted`/`decided`; the executor
//! named by the message for `returned`; the organisation's directors for `overdue`), render
//! both languages from `domain::notices`, store one in-app notice per recipient, and send the
//! applicant one SMS.
//!
//! Idempotency is keyed by the OUTBOX message id (not the SQS id): SQS delivers at least once,
//! and the relay may send one outbox message twice (a crash between send and marking it sent).
//! - The notice's key is derived from the message (`table::notice::notice_id`), put with
//!   `NotExists` in the same transaction as the unread counter: a redelivery stores nothing.
//! - The SMS is guarded by a marker per message and phone written AFTER a successful send. A
//!   crash between the send and the marker means the parent gets the SMS twice; the other
//!   order (marker first) would lose it for good. For a parent waiting on a school decision a
//!   duplicate is the smaller harm, so delivery is at-least-once, and exactly once whenever
//!   nothing crashes in that window.
//!
//! - The e-mail (to an applicant who gave an address, [`email`]) is guarded the same way, by a
//!   marker per message and address written after the send.
//!
//! A message that fails (unparseable body, missing application, store or SMS gateway error)
//! is reported failed: it comes back later, and after `queue::MAX_RECEIVES` receives it goes
//! to the dead-letter queue (poison messages never block the rest of the batch).

mod email;
pub mod ses;

use std::sync::Arc;

use domain::Role;
use domain::api::given_email;
use domain::notices::{
    Notice, NoticeFacts, NoticeKind, RENDERED_EMAIL_SUBJECT, email_subject, email_text, sms, texts,
};
use futures::future::join_all;
use lambda_http::BoxFuture;
use service::{ApiError, Ctx};
use store::StoreError;
use table::notice::{self, Channel};
use table::outbox::{NoticeEvent, OutboxMessage, Rendered};
use table::staff::Entry;

/// Handles one batch, its messages concurrently (one slow SMS or store call does not hold up the
/// rest); returns the ids of the messages that failed.
pub fn consumer(ctx: Arc<Ctx>, messages: Vec<queue::Message>) -> BoxFuture<'static, Vec<String>> {
    Box::pin(async move {
        let outcomes = join_all(messages.iter().map(|m| handle(&ctx, &m.body))).await;
        let mut failed = Vec::new();
        for (m, outcome) in messages.into_iter().zip(outcomes) {
            if let Err(e) = outcome {
                tracing::warn!(
                    message = %m.id,
                    receives = m.receive_count,
                    error = %e.log.as_deref().unwrap_or(e.code.as_str()),
                    "notify: failed, will be retried"
                );
                failed.push(m.id);
            }
        }
        failed
    })
}

/// Whom a notice goes to, and whether they get an SMS (to this phone).
struct Recipient {
    iin: String,
    phone: Option<String>,
}

async fn handle(ctx: &Ctx, body: &str) -> Result<(), ApiError> {
    let message: OutboxMessage = serde_json::from_str(body)
        .map_err(|e| ApiError::internal(format!("unparseable message: {e}")))?;
    if let Some(rendered) = &message.rendered {
        return deliver_rendered(ctx, &message, rendered).await;
    }
    let store = ctx.store.as_ref();
    let application = table::application::get(store, &message.application_id)
        .await?
        .ok_or_else(|| ApiError::internal("the message's application is missing"))?;
    let org = table::org::get(store, &message.org_id)
        .await?
        .ok_or_else(|| ApiError::internal("the message's organisation is missing"))?;
    let facts = NoticeFacts::of(&application, &org.name);
    let applicant = || Recipient {
        iin: application.applicant_iin.clone(),
        phone: Some(application.applicant.phone.clone()),
    };
    let (kind, recipients) = match message.event {
        NoticeEvent::Submitted => (NoticeKind::Submitted, vec![applicant()]),
        NoticeEvent::Decided => (NoticeKind::decided(&application), vec![applicant()]),
        NoticeEvent::Returned => {
            let iin = message
                .recipient_iin
                .clone()
                .ok_or_else(|| ApiError::internal("a returned message without recipient"))?;
            let comment = message.comment.clone().unwrap_or_default();
            (
                NoticeKind::Returned { comment },
                vec![Recipient { iin, phone: None }],
            )
        }
        NoticeEvent::Overdue => (NoticeKind::Overdue, directors(ctx, &message.org_id).await?),
        NoticeEvent::Rendered => {
            return Err(ApiError::internal("a rendered event without its notice"));
        }
    };
    let text = texts(&kind, &facts);
    let notice = Notice {
        id: notice::notice_id(message.at, &message.id),
        at: message.at,
        text: text.clone(),
        application_id: application.id.clone(),
        service: application.service,
        read: false,
    };
    for r in &recipients {
        store_notice(ctx, &r.iin, &notice).await?;
    }
    if let Some(sms_text) = sms(&kind, &facts) {
        for phone in recipients.iter().filter_map(|r| r.phone.as_deref()) {
            send_sms_once(ctx, &message.id, phone, &sms_text).await?;
        }
    }
    // The applicant's notices are e-mailed too (a kind with a subject; the staff's have none).
    if let (Some(subject), Some(to)) = (
        email_subject(&kind, &facts),
        given_email(&application.applicant.email),
    ) {
        let make = || email::of_notice(to.clone(), subject, &kind, &text, &application, &org);
        email::send_once(ctx, &message.id, &to, make).await?;
    }
    tracing::info!(message = %message.id, event = ?message.event, recipients = recipients.len(), "notified");
    Ok(())
}

/// A notice its use case rendered: stored once for its recipient, the SMS sent once.
async fn deliver_rendered(
    ctx: &Ctx,
    message: &OutboxMessage,
    rendered: &Rendered,
) -> Result<(), ApiError> {
    let notice = Notice {
        id: notice::notice_id(message.at, &message.id),
        at: message.at,
        text: rendered.text.clone(),
        application_id: message.application_id.clone(),
        service: rendered.service,
        read: false,
    };
    store_notice(ctx, &rendered.recipient_iin, &notice).await?;
    if let (Some(phone), Some(text)) = (&rendered.phone, &rendered.sms) {
        send_sms_once(ctx, &message.id, phone, text).await?;
    }
    if let Some(to) = &rendered.email {
        let make = || {
            Ok(service::email::Email {
                to: to.clone(),
                subject: RENDERED_EMAIL_SUBJECT.into(),
                text: email_text(&rendered.text),
                attachments: Vec::new(),
            })
        };
        email::send_once(ctx, &message.id, to, make).await?;
    }
    tracing::info!(message = %message.id, service = %rendered.service, "notified");
    Ok(())
}

/// The organisation's directors (members holding the role; invitations do not count).
async fn directors(ctx: &Ctx, org_id: &str) -> Result<Vec<Recipient>, ApiError> {
    let staff = table::staff::list(ctx.store.as_ref(), org_id).await?;
    Ok(staff
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Member(m) if m.roles.contains(&Role::Director) => Some(Recipient {
                iin: m.iin,
                phone: None,
            }),
            _ => None,
        })
        .collect())
}

async fn store_notice(ctx: &Ctx, iin: &str, notice: &Notice) -> Result<(), ApiError> {
    match ctx.store.transact(notice::store_writes(iin, notice)?).await {
        // Already stored by an earlier delivery of this message.
        Ok(()) | Err(StoreError::ConditionFailed { index: 0 }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Sends unless the marker says it was sent; the marker is written after the send (see the
/// module doc for why).
async fn send_sms_once(
    ctx: &Ctx,
    message_id: &str,
    phone: &str,
    text: &str,
) -> Result<(), ApiError> {
    if notice::sent(ctx.store.as_ref(), Channel::Sms, message_id, phone).await? {
        return Ok(());
    }
    ctx.sms
        .send(phone, text)
        .await
        .map_err(|e| ApiError::internal(format!("sms gateway: {e}")))?;
    notice::mark_sent(
        ctx.store.as_ref(),
        Channel::Sms,
        message_id,
        phone,
        ctx.now(),
    )
    .await?;
    Ok(())
}
