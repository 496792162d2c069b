//! A Lambda Runtime API stand-in for one function process: it hands out one invocation on the
//! first `GET …/invocation/next`, holds every later one, and reports when the process asked for
//! work and when it answered (response or error).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::Sender;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// What the stand-in saw, with the instant it saw it.
#[derive(Debug)]
pub enum Seen {
    /// The first `GET /2018-06-01/runtime/invocation/next`: initialisation is over.
    Next(Instant),
    /// The first invocation's `…/response` (true) or `…/error` (false), with the body.
    Answered(Instant, bool, String),
    /// `…/init/error`: the function failed to start.
    InitError(String),
}

/// Serves `listener` until the process goes away; `event` is the one invocation's payload.
pub fn serve(listener: TcpListener, event: String, function: String, seen: Sender<Seen>) {
    std::thread::spawn(move || {
        let mut handed_out = false;
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let (event, function, seen) = (event.clone(), function.clone(), seen.clone());
            let first = !handed_out;
            handed_out = true;
            // One connection is kept alive by the runtime's client; a second one (if any) gets
            // its own thread so a held `next` never blocks an answer.
            std::thread::spawn(move || connection(stream, first, &event, &function, &seen));
        }
    });
}

fn connection(
    stream: TcpStream,
    mut first: bool,
    event: &str,
    function: &str,
    seen: &Sender<Seen>,
) {
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut out = write_half;
    let mut reader = BufReader::new(stream);
    loop {
        let Some((method, path, body)) = request(&mut reader) else {
            return;
        };
        let now = Instant::now();
        if method == "GET" && path.ends_with("/invocation/next") {
            if !first {
                // Held: the bench kills the process after its first answer.
                std::thread::park();
                return;
            }
            first = false;
            let _ = seen.send(Seen::Next(now));
            let deadline = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() + 60_000)
                .unwrap_or_default();
            let headers = format!(
                "Lambda-Runtime-Aws-Request-Id: bench-1\r\n\
                 Lambda-Runtime-Deadline-Ms: {deadline}\r\n\
                 Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:eu-central-1:000000000000:function:{function}\r\n\
                 Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000;Sampled=0\r\n\
                 Content-Type: application/json\r\n"
            );
            reply(&mut out, "200 OK", &headers, event);
        } else if method == "POST" && path.ends_with("/init/error") {
            let _ = seen.send(Seen::InitError(body));
            reply(&mut out, "202 Accepted", "", r#"{"status":"OK"}"#);
        } else if method == "POST" && (path.ends_with("/response") || path.ends_with("/error")) {
            let _ = seen.send(Seen::Answered(now, path.ends_with("/response"), body));
            reply(&mut out, "202 Accepted", "", r#"{"status":"OK"}"#);
        } else {
            reply(&mut out, "404 Not Found", "", "{}");
        }
    }
}

/// One HTTP/1.1 request: method, path, body (by Content-Length).
fn request(reader: &mut BufReader<TcpStream>) -> Option<(String, String, String)> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((method, path, String::from_utf8_lossy(&body).into_owned()))
}

fn reply(out: &mut TcpStream, status: &str, headers: &str, body: &str) {
    let _ = write!(
        out,
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = out.flush();
}
