//! Cold start: each function's release binary is spawned against a Lambda Runtime API stand-in
//! and timed from spawn to its first answer, beside a hello-world `lambda_runtime` binary built
//! the same way (README, «Benchmarks»).
//!
//! `bench-cold --bin-dir target/release [--runs 30] [--functions functions]`

mod runtime_api;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use runtime_api::Seen;

/// Goals of the issue: a function's median ≤ 1.5 × hello's median, and ≤ 20 ms.
const RATIO_GOAL: f64 = 1.5;
const MEDIAN_GOAL_MS: f64 = 20.0;

/// What wakes a function, and so which event it gets.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Http,
    Job,
    Queue,
    Trigger,
    Hello,
}

struct Function {
    binary: String,
    kind: Kind,
}

struct Figures {
    init_ms: Vec<f64>,
    answer_ms: Vec<f64>,
    errors: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let bin_dir = PathBuf::from(arg("--bin-dir").unwrap_or_else(|| "target/release".into()));
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(30);
    let functions_dir = PathBuf::from(arg("--functions").unwrap_or_else(|| "functions".into()));
    let functions = discover(&functions_dir);
    let hello = Function {
        binary: "hello".into(),
        kind: Kind::Hello,
    };
    let hello_path = bin_dir.join(&hello.binary);
    if !hello_path.exists() {
        println!("hello not built ({})", hello_path.display());
        std::process::exit(1);
    }

    // Each function's starts alternate with hello's, and its ratio is to the hello runs made
    // beside it: the machine drifts over a 28-function run (a shared VM), and a reference
    // measured once at the start drifted with it.
    println!(
        "cold start: {runs} runs each, alternating with hello's; spawn → first answer (init = spawn → first `next`)"
    );
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>9} {:>10} {:>8} {:>7}",
        "binary", "init p50", "p50 ms", "max ms", "hello ms", "× hello", "size MB", "goals"
    );
    let mut missed = Vec::new();
    let mut hellos = Vec::new();
    for f in &functions {
        let path = bin_dir.join(&f.binary);
        if !path.exists() {
            println!("{:<18} not built ({})", f.binary, path.display());
            missed.push(f.binary.clone());
            continue;
        }
        let (figures, beside) = measure(&path, f, &hello_path, &hello, runs);
        let answer = median(&figures.answer_ms);
        let hello_median = median(&beside.answer_ms);
        hellos.push(hello_median);
        let ratio = answer / hello_median;
        let ok = figures.errors == 0 && ratio <= RATIO_GOAL && answer <= MEDIAN_GOAL_MS;
        if !ok {
            missed.push(f.binary.clone());
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!(
            "{:<18} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>10.2} {:>8.1} {:>7}{}",
            f.binary,
            median(&figures.init_ms),
            answer,
            figures.answer_ms.iter().copied().fold(0.0, f64::max),
            hello_median,
            ratio,
            size,
            if ok { "met" } else { "MISSED" },
            if figures.errors > 0 {
                format!(" ({} runs failed)", figures.errors)
            } else {
                String::new()
            },
        );
    }
    println!(
        "goals: median ≤ {RATIO_GOAL} × the median of the hello runs beside it (here {:.2}–{:.2} ms) and ≤ {MEDIAN_GOAL_MS} ms",
        hellos.iter().copied().fold(f64::INFINITY, f64::min),
        hellos.iter().copied().fold(0.0, f64::max),
    );
    if !missed.is_empty() {
        println!("missed: {}", missed.join(", "));
        std::process::exit(1);
    }
}

/// Every crate of `functions/` with its binary's name and what wakes it (read off its main).
fn discover(dir: &Path) -> Vec<Function> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let root = entry.path();
        let (Ok(manifest), Ok(main)) = (
            std::fs::read_to_string(root.join("Cargo.toml")),
            std::fs::read_to_string(root.join("src/main.rs")),
        ) else {
            continue;
        };
        let kind = if main.contains("run_http") {
            Kind::Http
        } else if main.contains("run_job") {
            Kind::Job
        } else if main.contains("run_sqs") {
            Kind::Queue
        } else {
            Kind::Trigger
        };
        // The binary is the `[[bin]]` name if there is one, else the package's.
        let binary = manifest
            .split("[[bin]]")
            .nth(1)
            .unwrap_or(&manifest)
            .lines()
            .find_map(|l| l.trim().strip_prefix("name = "))
            .map(|n| n.trim_matches('"').to_string());
        if let Some(binary) = binary {
            found.push(Function { binary, kind });
        }
    }
    found.sort_by(|a, b| a.binary.cmp(&b.binary));
    found
}

fn event(kind: Kind) -> String {
    match kind {
        // No token: the handler answers 401 without touching the table.
        Kind::Http => serde_json::json!({
            "version": "2.0", "routeKey": "GET /api/me", "rawPath": "/api/me",
            "rawQueryString": "", "headers": {"accept-language": "ru"}, "isBase64Encoded": false,
            "requestContext": {
                "accountId": "000000000000", "apiId": "bench", "domainName": "bench.local",
                "domainPrefix": "bench", "requestId": "bench-1", "routeKey": "GET /api/me",
                "stage": "$default", "time": "03/Dec/2026:00:00:00 +0000", "timeEpoch": 0,
                "http": {"method": "GET", "path": "/api/me", "protocol": "HTTP/1.1",
                         "sourceIp": "127.0.0.1", "userAgent": "bench"}
            }
        }),
        Kind::Queue => serde_json::json!({"Records": []}),
        Kind::Trigger => serde_json::json!({
            "version": "1", "triggerSource": "PreSignUp_SignUp", "region": "eu-central-1",
            "userPoolId": "eu-central-1_bench", "userName": "+77010000000",
            "callerContext": {"awsSdkVersion": "1", "clientId": "bench"},
            "request": {"userAttributes": {"phone_number": "+77010000000", "custom:iin": "800101300016", "name": "Бенч"}},
            // As Cognito sends it: the trigger's answer fields, unset.
            "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}
        }),
        Kind::Job | Kind::Hello => serde_json::json!({"source": "aws.scheduler", "detail": {}}),
    }
    .to_string()
}

/// `runs` starts of `f`, each followed by one of `hello`: (f's figures, hello's).
fn measure(
    path: &Path,
    f: &Function,
    hello_path: &Path,
    hello: &Function,
    runs: usize,
) -> (Figures, Figures) {
    let empty = || Figures {
        init_ms: vec![],
        answer_ms: vec![],
        errors: 0,
    };
    let (mut figures, mut beside) = (empty(), empty());
    for _ in 0..runs {
        for (path, f, into) in [(path, f, &mut figures), (hello_path, hello, &mut beside)] {
            match once(path, f) {
                Some((init, answer)) => {
                    into.init_ms.push(init);
                    into.answer_ms.push(answer);
                }
                None => into.errors += 1,
            }
        }
    }
    (figures, beside)
}

/// One cold start: (spawn → first `next`, spawn → first answer) in ms.
fn once(path: &Path, f: &Function) -> Option<(f64, f64)> {
    let listener = TcpListener::bind("127.0.0.1:0").ok()?;
    let addr = listener.local_addr().ok()?;
    let (tx, rx) = mpsc::channel();
    runtime_api::serve(listener, event(f.kind), f.binary.clone(), tx);
    let start = Instant::now();
    let mut child = Command::new(path)
        .envs(environment(&f.binary, &addr.to_string()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut init = None;
    let mut result = None;
    while let Ok(seen) = rx.recv_timeout(Duration::from_secs(10)) {
        match seen {
            Seen::Next(t) => init = Some(t - start),
            Seen::Answered(t, ok, body) => {
                if !ok && !matches!(f.kind, Kind::Job) {
                    eprintln!("{}: the invocation failed: {body}", f.binary);
                } else {
                    result = init.map(|i| (ms(i), ms(t - start)));
                }
                break;
            }
            Seen::InitError(body) => {
                eprintln!("{}: init error: {body}", f.binary);
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// What the template gives every function, pointed at nothing: a sweep's first query fails at
/// once (connection refused, one attempt), which is its answer here.
fn environment(function: &str, runtime_api: &str) -> Vec<(&'static str, String)> {
    let closed = "http://127.0.0.1:9".to_string();
    vec![
        ("AWS_LAMBDA_RUNTIME_API", runtime_api.to_string()),
        ("AWS_LAMBDA_FUNCTION_NAME", function.to_string()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "bench".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
        ("AWS_REGION", "eu-central-1".into()),
        ("AWS_ACCESS_KEY_ID", "bench".into()),
        ("AWS_SECRET_ACCESS_KEY", "bench".into()),
        ("AWS_ENDPOINT_URL", closed.clone()),
        ("AWS_MAX_ATTEMPTS", "1".into()),
        ("TABLE_NAME", "bench".into()),
        ("QUEUE_URL", format!("{closed}/000000000000/bench")),
        ("FILES_BUCKET", "bench".into()),
        ("JWT_ISSUER", "https://issuer.bench".into()),
        ("JWT_AUDIENCE", "bench".into()),
        ("JWT_JWKS_URL", format!("{closed}/jwks")),
        ("JWT_IIN_CLAIM", "custom:iin".into()),
        ("JWT_NAME_CLAIM", "name".into()),
        // The CA store as the Lambda runtime (provided.al2023) has it: one bundle file. Debian's
        // /etc/ssl/certs also holds every CA as a hashed file of its own, which the AWS SDK's
        // TLS (rustls-native-certs) reads too: 292 files here, +7 ms on every start.
        ("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt".into()),
        ("SSL_CERT_DIR", "/nonexistent".into()),
    ]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
