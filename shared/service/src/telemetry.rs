//! Structured JSON logs (request id, function, outcome) with IINs masked.

use std::sync::Arc;
use std::time::Instant;

use lambda_http::RequestExt;
use tracing::Instrument;

use crate::{ApiResult, Ctx, Request, Response};

/// JSON lines on stdout, level from `RUST_LOG` (default info). Safe to call twice.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false)
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

/// Masks every run of exactly 12 digits (an IIN or BIN) to its first six digits and `******`.
pub fn mask_iins(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            if run.len() == 12 {
                out.push_str(&domain::mask_iin(&run));
            } else {
                out.push_str(&run);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Runs one use case: logs the request and its outcome under a span with the request id and
/// the function's name, and turns an error into the caller's-language response.
pub async fn serve<F, Fut>(function: &'static str, ctx: Arc<Ctx>, req: Request, f: F) -> Response
where
    F: FnOnce(Arc<Ctx>, Request) -> Fut,
    Fut: std::future::Future<Output = ApiResult>,
{
    let lang = crate::http::lang(&req);
    let request_id = req
        .lambda_context_ref()
        .map(|c| c.request_id.clone())
        .or_else(|| {
            req.headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(String::from)
        })
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        function,
        method = %req.method(),
        path = %mask_iins(req.uri().path()),
    );
    let started = Instant::now();
    let result = f(ctx, req).instrument(span.clone()).await;
    let _enter = span.enter();
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(resp) => {
            tracing::info!(
                status = resp.status().as_u16(),
                outcome = "ok",
                ms,
                "handled"
            );
            resp
        }
        Err(err) => {
            let status = err.code.status();
            let detail = err.log.as_deref().map(mask_iins).unwrap_or_default();
            if status >= 500 {
                tracing::error!(status, outcome = err.code.as_str(), ms, detail, "failed");
            } else {
                tracing::info!(status, outcome = err.code.as_str(), ms, detail, "refused");
            }
            crate::http::error_response(&err, lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iins_are_masked_in_text() {
        assert_eq!(
            mask_iins("/api/orgs/o/staff/061211600012 and 12345"),
            "/api/orgs/o/staff/061211****** and 12345"
        );
        assert_eq!(mask_iins("1234567890123"), "1234567890123");
        assert_eq!(mask_iins("Әлия 800101300016."), "Әлия 800101******.");
    }
}
