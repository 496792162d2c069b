//! The director signs a decision or returns it for rework (seed 001, «Подписать заявки
//! (Директору)», «На доработку»).
//!
//! - `PUT /api/me/signing-key`: a person registers (or replaces) their P-256 public key.
//! - `GET .../applications/{id}/signing-payload`: the canonical text of the decision awaiting
//!   signature (`domain::signing::payload`).
//! - `POST .../applications/{id}/sign`: the director's ES256 signature of that text, verified
//!   against the registered key; the application becomes `accepted` or `rejected` (final).
//! - `POST .../applications/{id}/return`: the director disagrees; the application goes back to
//!   `in_review`, to its original place at the head of its queue, and a taken seat is freed.
//!
//! Every state change is one conditional transaction with its history event: the status must
//! still be `on_signing` and the decision still the one read, so a decision that changed in
//! between is never signed or returned by mistake.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use chrono::{DateTime, FixedOffset};
use domain::api::{Application, DecisionKind, HistoryEvent, Org, SignatureRecord};
use domain::{ErrorCode, Role, Status, to_almaty};
use lambda_http::BoxFuture;
use lambda_http::http::Method;
use p256::PublicKey;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use service::access::{Caller, caller, require_org_role};
use service::http::{json_body, ok, route};
use service::signing::{Stored, load, release_guard};
use service::{ApiError, ApiResult, Ctx, Request, Response, audit, keys};
use store::{Condition, Key, StoreError, Update, WriteOp, from_item, to_item};

pub fn handler(ctx: Arc<Ctx>, req: Request) -> BoxFuture<'static, Response> {
    Box::pin(service::telemetry::serve("sign", ctx, req, handle))
}

async fn handle(ctx: Arc<Ctx>, req: Request) -> ApiResult {
    if route(&req, Method::PUT, "/api/me/signing-key").is_some() {
        let caller = caller(&ctx, &req)?;
        return register_key(&ctx, &req, &caller).await;
    }
    let routes = [
        (Method::GET, "signing-payload"),
        (Method::POST, "sign"),
        (Method::POST, "return"),
    ];
    for (method, action) in routes {
        let pattern = format!("/api/orgs/{{org}}/applications/{{id}}/{action}");
        let Some(p) = route(&req, method, &pattern) else {
            continue;
        };
        let caller = caller(&ctx, &req)?;
        // Only the director signs or returns: an executor decides but never signs (seed 001).
        require_org_role(&ctx, &caller, &p["org"], &[Role::Director]).await?;
        let stored = load(&ctx, &p["id"]).await?;
        if stored.application.org_id != p["org"] {
            return Err(ApiError::not_found());
        }
        return match action {
            "signing-payload" => {
                require_on_signing(&stored)?;
                let payload = payload(&ctx, &stored.application).await?;
                Ok(ok(&serde_json::json!({ "payload": payload })))
            }
            "sign" => sign(&ctx, &req, &caller, stored).await,
            _ => return_for_rework(&ctx, &req, &caller, stored).await,
        };
    }
    Err(ApiError::not_found())
}

// ---------------------------------------------------------------- the signing key

/// A person's registered public key: pk `PERSON#{iin}`, sk `SIGNING_KEY`.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct SigningKeyItem {
    iin: String,
    /// The public JWK as `p256` renders it (`kty`, `crv`, `x`, `y`).
    public_key_jwk: Value,
    /// base64url of the compressed SEC1 point: names the key in the history.
    key_id: String,
    registered_at: DateTime<FixedOffset>,
}

fn signing_key(iin: &str) -> Key {
    Key::new(keys::person_partition(iin), "SIGNING_KEY")
}

#[derive(Deserialize)]
struct RegisterKey {
    /// A JWK object (or the same JSON as a string).
    public_key_jwk: Value,
}

/// Any signed-in person may register a key (only a director's is ever used to sign). A new
/// key replaces the old one; both are recorded in the person's own history.
async fn register_key(ctx: &Ctx, req: &Request, caller: &Caller) -> ApiResult {
    let body: RegisterKey = json_body(req)?;
    let invalid = || ApiError::new(ErrorCode::ValidationFailed).field("public_key_jwk");
    let text = match &body.public_key_jwk {
        Value::String(s) => s.clone(),
        Value::Object(map) => {
            // A private key has no business travelling here: refuse rather than store it.
            if map.contains_key("d") {
                return Err(invalid().log("a private JWK was sent"));
            }
            body.public_key_jwk.to_string()
        }
        _ => return Err(invalid()),
    };
    if text.contains("\"d\"") {
        return Err(invalid().log("a private JWK was sent"));
    }
    let key = PublicKey::from_jwk_str(&text).map_err(|_| invalid())?;
    let jwk: Value = serde_json::from_str(&key.to_jwk_string())
        .map_err(|e| ApiError::internal(format!("jwk: {e}")))?;
    let key_id = URL_SAFE_NO_PAD.encode(key.to_encoded_point(true).as_bytes());

    let now = ctx.now();
    let item = SigningKeyItem {
        iin: caller.iin.clone(),
        public_key_jwk: jwk,
        key_id: key_id.clone(),
        registered_at: to_almaty(now),
    };
    let previous = ctx.store.get(&signing_key(&caller.iin)).await?;
    let action = if previous.is_some() {
        "signing_key_replaced"
    } else {
        "signing_key_registered"
    };
    // The person's own history: pk `PERSON#{iin}`, sk `EVENT#{at}#{id}`.
    let event_key = Key::new(
        keys::person_partition(&caller.iin),
        format!(
            "{}{}#{}",
            keys::EVENT_PREFIX,
            keys::instant(now),
            uuid::Uuid::new_v4()
        ),
    );
    let event = HistoryEvent {
        at: to_almaty(now),
        actor: caller.iin.clone(),
        role: "person".into(),
        action: action.into(),
        comment: Some(key_id),
    };
    let writes = vec![
        WriteOp::Put {
            item: to_item(&signing_key(&caller.iin), &item)?,
            condition: None,
        },
        WriteOp::Put {
            item: to_item(&event_key, &event)?,
            condition: Some(Condition::NotExists),
        },
    ];
    ctx.store.transact(writes).await?;
    tracing::info!(key_id = %item.key_id, action, "signing key");
    Ok(ok(&item))
}

// ---------------------------------------------------------------- signing

fn require_on_signing(stored: &Stored) -> Result<(), ApiError> {
    if stored.application.status != Status::OnSigning || stored.decision.is_none() {
        return Err(ApiError::new(ErrorCode::InvalidStatus));
    }
    Ok(())
}

/// The canonical text of the application's decision, with its school's BIN.
async fn payload(ctx: &Ctx, application: &Application) -> Result<String, ApiError> {
    let org: Org = from_item(
        ctx.store
            .get(&keys::org(&application.org_id))
            .await?
            .ok_or_else(|| ApiError::internal("the application's organisation is missing"))?,
    )?;
    Ok(domain::signing::payload(application, &org.bin))
}

#[derive(Deserialize)]
struct SignBody {
    signature: String,
}

/// The signature as sent: base64url (padded or not) of the 64-byte `r || s` (JWS ES256), or
/// of a DER-encoded signature.
fn decode_signature(text: &str) -> Option<Signature> {
    let text = text.trim();
    let bytes = URL_SAFE_NO_PAD
        .decode(text)
        .or_else(|_| URL_SAFE.decode(text))
        .ok()?;
    if bytes.len() == 64 {
        Signature::from_slice(&bytes).ok()
    } else {
        Signature::from_der(&bytes).ok()
    }
}

async fn sign(ctx: &Ctx, req: &Request, caller: &Caller, stored: Stored) -> ApiResult {
    let body: SignBody = json_body(req)?;
    require_on_signing(&stored)?;
    let key: SigningKeyItem = match ctx.store.get(&signing_key(&caller.iin)).await? {
        Some(item) => from_item(item)?,
        None => return Err(ErrorCode::SigningKeyMissing.into()),
    };
    let public = PublicKey::from_jwk_str(&key.public_key_jwk.to_string())
        .map_err(|_| ApiError::internal("a stored signing key does not parse"))?;
    // The payload is recomputed from the application as it is now: what was signed must be
    // exactly the decision that becomes final.
    let payload = payload(ctx, &stored.application).await?;
    let signature = decode_signature(&body.signature)
        .ok_or_else(|| ApiError::new(ErrorCode::SignatureInvalid).field("signature"))?;
    VerifyingKey::from(&public)
        .verify(payload.as_bytes(), &signature)
        .map_err(|_| ApiError::new(ErrorCode::SignatureInvalid).field("signature"))?;

    let mut application = stored.application.clone();
    let Some(decision) = &application.decision else {
        return Err(ApiError::new(ErrorCode::InvalidStatus));
    };
    let status = match decision.decision {
        DecisionKind::Accept => Status::Accepted,
        DecisionKind::Reject => Status::Rejected,
    };
    let now = ctx.now();
    let record = SignatureRecord {
        signature: body.signature.trim().to_string(),
        payload,
        signer_iin: caller.iin.clone(),
        signed_at: to_almaty(now),
    };
    let mut writes = vec![
        WriteOp::Update {
            key: keys::application(&application.id),
            update: Update::new()
                .set("status", status.as_str())
                .set("signature", to_value(&record)?)
                // Final: no longer due (the overdue sweep's index).
                .remove("gsi4pk")
                .remove("gsi4sk"),
            condition: Some(stored.unchanged()),
        },
        audit::application_event(
            &application.id,
            now,
            &caller.iin,
            Role::Director.as_str(),
            "signed",
            Some(status.as_str().to_string()),
        )?,
    ];
    // A refusal ends the application: the child may apply again (elsewhere or here). An
    // acceptance keeps the guard and the seat taken with the decision.
    if status == Status::Rejected {
        writes.push(release_guard(&application));
    }
    // The final decision to the applicant, in the same transaction (outbox).
    let notice = service::outbox::OutboxMessage::new(
        service::outbox::NoticeEvent::Decided,
        &application.id,
        &application.org_id,
        now,
    );
    writes.push(service::outbox::write(&notice)?);
    commit(ctx, writes).await?;
    service::outbox::send_after_commit(ctx, &[notice]).await;
    tracing::info!(application = %application.id, status = %status, "signed");
    application.status = status;
    application.signature = Some(record);
    Ok(ok(&application))
}

// ---------------------------------------------------------------- return for rework

#[derive(Deserialize)]
struct ReturnBody {
    #[serde(default)]
    comment: Option<String>,
}

/// The longest comment accepted; longer input is a typing error.
const MAX_COMMENT: usize = 2_000;

async fn return_for_rework(ctx: &Ctx, req: &Request, caller: &Caller, stored: Stored) -> ApiResult {
    let body: ReturnBody = json_body(req)?;
    // «Заполните причину, поле обязательно для заполнения» (seed 001).
    let comment = body.comment.as_deref().map(str::trim).unwrap_or_default();
    if comment.is_empty() {
        return Err(ApiError::new(ErrorCode::CommentRequired).field("comment"));
    }
    if comment.chars().count() > MAX_COMMENT {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("comment"));
    }
    require_on_signing(&stored)?;
    let mut application = stored.application.clone();
    let now = ctx.now();
    // Back to its original place in the review queue: the head, as it was submitted before
    // everything still in review after it.
    let queue = keys::review_queue(
        &application.org_id,
        &application.academic_year.to_string(),
        application.grade,
        application.language.as_str(),
    );
    let position = keys::queue_position(application.submitted_at.to_utc(), application.number);
    let mut writes = vec![
        WriteOp::Update {
            key: keys::application(&application.id),
            update: Update::new()
                .set("status", Status::InReview.as_str())
                .set("gsi3pk", queue)
                .set("gsi3sk", position)
                .remove("decision"),
            condition: Some(stored.unchanged()),
        },
        audit::application_event(
            &application.id,
            now,
            &caller.iin,
            Role::Director.as_str(),
            "returned",
            Some(comment.to_string()),
        )?,
    ];
    if stored.holds_seat() {
        writes.push(service::seats::free(&application));
    }
    // «исполнитель получит уведомление с вашим комментарием» (seed 001): to the executor who
    // decided, in the same transaction (outbox).
    let mut notices = Vec::new();
    if let Some(decision) = &application.decision {
        let mut m = service::outbox::OutboxMessage::new(
            service::outbox::NoticeEvent::Returned,
            &application.id,
            &application.org_id,
            now,
        );
        m.recipient_iin = Some(decision.decided_by.clone());
        m.comment = Some(comment.to_string());
        writes.push(service::outbox::write(&m)?);
        notices.push(m);
    }
    commit(ctx, writes).await?;
    service::outbox::send_after_commit(ctx, &notices).await;
    tracing::info!(application = %application.id, "returned for rework");
    application.status = Status::InReview;
    application.decision = None;
    Ok(ok(&application))
}

// ---------------------------------------------------------------- helpers

fn to_value<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::internal(format!("serialise: {e}")))
}

/// Commits a transaction whose first write is the application's conditional status change:
/// any failed condition means the application is no longer what was read (decided again,
/// signed, returned or withdrawn meanwhile) → 409 `invalid_status`.
async fn commit(ctx: &Ctx, writes: Vec<WriteOp>) -> Result<(), ApiError> {
    match ctx.store.transact(writes).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index }) => Err(ApiError::new(ErrorCode::InvalidStatus)
            .log(format!("condition failed on write {index}"))),
        Err(StoreError::Conflict) => Err(ApiError::new(ErrorCode::InvalidStatus)
            .log("a concurrent transaction changed the application")),
        Err(e) => Err(e.into()),
    }
}
