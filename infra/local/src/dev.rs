//! Dev endpoints (dev mode of the local runner only, never in a Lambda): login, the business
//! clock, scheduled jobs on demand, the SMS sink and dev-CA certificates.

use std::sync::Arc;

use axum::body::Body as AxumBody;
use axum::response::Response as AxumResponse;
use domain::api::{DevLogin, Token};
use domain::{ErrorCode, Iin};
use http::Method;
use serde::Deserialize;
use service::ApiError;
use service::auth::{Audience, Claims};
use service::http::{match_path, ok};

use crate::app::{AUDIENCE, ISSUER, State, from_lambda};

/// How long a dev token lives.
const TOKEN_HOURS: i64 = 12;

#[derive(Deserialize)]
struct SetClock {
    now: chrono::DateTime<chrono::FixedOffset>,
}

pub async fn handle(
    state: &Arc<State>,
    req: http::Request<AxumBody>,
) -> Result<AxumResponse, ApiError> {
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    let body = axum::body::to_bytes(req.into_body(), 64 * 1024)
        .await
        .map_err(|_| ApiError::new(ErrorCode::BadRequest))?;
    let parse = |b: &[u8]| -> Result<serde_json::Value, ApiError> {
        serde_json::from_slice(b)
            .map_err(|e| ApiError::new(ErrorCode::BadRequest).log(e.to_string()))
    };
    match (method, path.as_str()) {
        (Method::POST, "/api/dev/login") => {
            let login: DevLogin = serde_json::from_value(parse(&body)?)
                .map_err(|_| ApiError::new(ErrorCode::ValidationFailed))?;
            let iin = Iin::parse(&login.iin)
                .map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("iin"))?;
            let now = chrono::Utc::now().timestamp();
            let claims = Claims {
                sub: iin.as_str().to_string(),
                name: login.name,
                iss: ISSUER.into(),
                aud: Audience::One(AUDIENCE.into()),
                exp: now + TOKEN_HOURS * 3600,
                nbf: None,
                iat: Some(now),
            };
            let token = service::auth::issue(&state.signing_key, Some("local"), &claims);
            Ok(from_lambda(ok(&Token { token })))
        }
        (Method::PUT, "/api/dev/clock") => {
            let set: SetClock = serde_json::from_value(parse(&body)?)
                .map_err(|_| ApiError::new(ErrorCode::ValidationFailed).field("now"))?;
            state.dev_clock.set(set.now.to_utc());
            Ok(from_lambda(ok(&clock_view(state))))
        }
        (Method::DELETE, "/api/dev/clock") => {
            state.dev_clock.reset();
            Ok(from_lambda(ok(&clock_view(state))))
        }
        (Method::GET, "/api/dev/clock") => Ok(from_lambda(ok(&clock_view(state)))),
        (Method::PUT, "/api/dev/queue") => {
            let down = parse(&body)?
                .get("down")
                .and_then(serde_json::Value::as_bool)
                .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("down"))?;
            state.queue_switch.set_down(down);
            Ok(from_lambda(ok(&serde_json::json!({ "down": down }))))
        }
        (Method::POST, "/api/dev/population") => crate::dev_population::handle(state, &body).await,
        (Method::POST, "/api/dev/certificates") => {
            crate::dev_certificates::issue(state, parse(&body)?).await
        }
        (Method::GET, "/api/dev/sms") => {
            let items = state.sms.sent();
            Ok(from_lambda(ok(&serde_json::json!({ "items": items }))))
        }
        (Method::GET, "/api/dev/email") => {
            let items = state.email.sent();
            Ok(from_lambda(ok(&serde_json::json!({ "items": items }))))
        }
        (Method::POST, p) if let Some(params) = match_path("/api/dev/jobs/{job}", p) => {
            let job = &params["job"];
            if !crate::routes::jobs().contains_key(job.as_str()) {
                return Err(ApiError::not_found().log(format!("no job {job}")));
            }
            let processed = crate::background::run_job(state, job)
                .await
                .map_err(|e| ApiError::new(ErrorCode::ServiceUnavailable).log(e))?;
            Ok(from_lambda(ok(
                &serde_json::json!({ "processed": processed }),
            )))
        }
        _ => Err(ApiError::not_found()),
    }
}

fn clock_view(state: &State) -> serde_json::Value {
    serde_json::json!({ "now": domain::to_almaty(state.ctx.now()) })
}
