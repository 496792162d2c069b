//! Structured JSON logs (request id, function, outcome) with IINs masked: whatever a log line
//! carries (a path, a field, an error's detail with request data) passes [`mask_iins`] on its
//! way out, so no line holds a whole IIN.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use lambda_http::RequestExt;
use tracing::{Instrument, Level};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::{ApiResult, Ctx, Request, Response};

/// JSON lines on stdout, level from `RUST_LOG` (default info), IINs masked; a panic is logged
/// the same way. Safe to call twice.
pub fn init() {
    // `Targets` (`info`, `store=debug,info`) over `EnvFilter`: the same directives for what we
    // log, without the regex engine EnvFilter links into every function.
    let filter: tracing_subscriber::filter::Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|directives| directives.parse().ok())
        .unwrap_or_else(|| tracing_subscriber::filter::Targets::new().with_default(Level::INFO));
    let installed = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .with_writer(MaskIins(std::io::stdout))
        .finish()
        .with(filter)
        .try_init()
        .is_ok();
    if installed {
        // The default hook prints the message as it is; through the log it is masked.
        std::panic::set_hook(Box::new(|info| tracing::error!(panic = %info, "panicked")));
    }
}

/// Masks every standalone run of exactly 12 digits (an IIN, or a BIN alike) to `********` and
/// its last four digits: the first six are the birth date. A UUID's last group that happens to
/// be all digits (about one id in 280) is an id, not an IIN, and stays whole.
pub fn mask_iins(text: &str) -> String {
    String::from_utf8(mask_iin_bytes(text.as_bytes())).unwrap_or_else(|_| text.to_string())
}

/// [`mask_iins`] on bytes (digits are ASCII, so any UTF-8 around them is kept as it is).
fn mask_iin_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 12 && !is_uuid_tail(bytes, start, i) {
            out.extend_from_slice(b"********");
            out.extend_from_slice(&bytes[i - 4..i]);
        } else {
            out.extend_from_slice(&bytes[start..i]);
        }
    }
    out
}

/// Whether `bytes[start..end]` closes a UUID: `8-4-4-4-` hex groups before it, no hex after.
fn is_uuid_tail(bytes: &[u8], start: usize, end: usize) -> bool {
    let Some(head) = start.checked_sub(24).map(|from| &bytes[from..start]) else {
        return false;
    };
    let shape_fits = head.iter().enumerate().all(|(k, b)| match k {
        8 | 13 | 18 | 23 => *b == b'-',
        _ => b.is_ascii_hexdigit(),
    });
    let before_ok = start < 25 || !bytes[start - 25].is_ascii_hexdigit();
    let after_ok = bytes.get(end).is_none_or(|b| !b.is_ascii_hexdigit());
    shape_fits && before_ok && after_ok
}

/// A log writer that masks IINs in everything written through it (see [`mask_iins`]).
pub struct MaskIins<M>(pub M);

/// One log event's writer: collects the event and writes it masked when dropped, so a line
/// split over several writes is still masked whole.
pub struct MaskingWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for MaskIins<M> {
    type Writer = MaskingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        MaskingWriter {
            inner: self.0.make_writer(),
            buf: Vec::new(),
        }
    }
}

impl<W: Write> Write for MaskingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<W: Write> Drop for MaskingWriter<W> {
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.inner.write_all(&mask_iin_bytes(&self.buf));
            let _ = self.inner.flush();
        }
    }
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
    use std::sync::Mutex;

    #[test]
    fn iins_are_masked_in_text() {
        assert_eq!(
            mask_iins("/api/orgs/o/staff/061211600012 and 12345"),
            "/api/orgs/o/staff/********0012 and 12345"
        );
        assert_eq!(mask_iins("1234567890123"), "1234567890123");
        assert_eq!(mask_iins("12345678901"), "12345678901");
        assert_eq!(mask_iins("Әлия 800101300016."), "Әлия ********0016.");
        assert_eq!(
            mask_iins(r#"{"iin":"850315400015","n":850315400015}"#),
            r#"{"iin":"********0015","n":********0015}"#
        );
        assert_eq!(mask_iins("a061211600012b"), "a********0012b");
        let id = "86713c54-e5ad-4da3-80b6-861211607656";
        assert_eq!(
            mask_iins(&format!("application {id}/x")),
            format!("application {id}/x")
        );
        assert_eq!(
            mask_iins("iin-e5ad-4da3-80b6-861211607656"),
            "iin-e5ad-4da3-80b6-********7656",
            "not a UUID before it"
        );
        assert_eq!(mask_iins(""), "");
    }

    /// Everything written, shared with the test.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn no_log_line_holds_a_whole_iin() {
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_writer(MaskIins(move || sink.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!("request", path = "/api/orgs/o/staff/850315400015");
            let _enter = span.enter();
            tracing::info!(child = "190315500101", "submitted for 880808300004");
            let detail = format!("{:?}", ["061211600012"]);
            tracing::warn!(detail, "refused");
        });
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        for whole in [
            "850315400015",
            "190315500101",
            "880808300004",
            "061211600012",
        ] {
            assert!(!text.contains(whole), "{whole} in {text}");
        }
        for masked in [
            "********0015",
            "********0101",
            "********0004",
            "********0012",
        ] {
            assert!(text.contains(masked), "{masked} not in {text}");
        }
    }

    #[test]
    fn a_line_written_in_pieces_is_masked_whole() {
        let captured = Captured::default();
        {
            let mut w = MaskingWriter {
                inner: captured.clone(),
                buf: Vec::new(),
            };
            w.write_all(b"iin 850315").unwrap();
            w.write_all(b"400015\n").unwrap();
        }
        assert_eq!(&*captured.0.lock().unwrap(), b"iin ********0015\n");
    }
}
