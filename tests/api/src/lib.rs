//! Support for the black-box HTTP API tests: a harness that runs the local runner
//! (`qabyldau-local`) on one of the two stores, JSON request helpers, IIN generation, fixtures
//! (people, schools with a limit, uploaded documents) and error assertions.
//!
//! Environment: `QABYLDAU_LOCAL_BIN` (the runner; default `<workspace>/target/debug/qabyldau-local`),
//! `MOTO_ENDPOINT` (required by the DynamoDB runs; `scripts/with-moto` starts a moto that
//! serialises DynamoDB requests, as real DynamoDB is atomic per request). The runner's log goes
//! to a file in the harness's temp dir; its tail is printed when a test fails.
//!
//! Every request helper returns `(status, body)`: the status as a number and the body parsed as
//! JSON (`Value::Null` when empty, `Value::String` with the raw text when it is not JSON).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use chrono::{Datelike, NaiveDate};
pub use reqwest::Method;
pub use serde_json::{Value, json};

/// The academic year every scenario applies for.
pub const YEAR: &str = "2026-2027";
/// The region of the harness's admin and of every organisation the tests create.
pub const REGION: &str = "astana";

// ---------------------------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------------------------

/// Which store the runner under test uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreKind {
    /// The embedded store in a fresh temporary data dir.
    Embedded,
    /// DynamoDB + SQS on the moto server at `MOTO_ENDPOINT`, a fresh table and queue.
    Dynamodb,
}

/// The path of the runner binary: `QABYLDAU_LOCAL_BIN`, else `<workspace>/target/debug/qabyldau-local`.
pub fn runner_bin() -> PathBuf {
    if let Ok(p) = std::env::var("QABYLDAU_LOCAL_BIN") {
        return PathBuf::from(p);
    }
    workspace_root().join("target/debug/qabyldau-local")
}

/// The workspace root (`tests/api/../..`); the runner runs there, so its defaults relative to
/// the repository (the dev seed, the built frontend) resolve.
pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// One runner process on one store, killed when dropped. When dropped during a panic (a failed
/// test) it prints the tail of the runner's log.
pub struct Harness {
    /// The HTTP side: base url and client. `Harness` derefs to it.
    pub api: Api,
    /// The store this runner uses.
    pub store: StoreKind,
    /// The IIN of the region admin (`--admin IIN:astana`) this harness configured.
    pub admin_iin: String,
    dir: tempfile::TempDir,
    table: Option<String>,
    queue: Option<String>,
    moto: Option<String>,
    child: Option<Child>,
    log_path: PathBuf,
    starts: u32,
}

impl std::ops::Deref for Harness {
    type Target = Api;
    fn deref(&self) -> &Api {
        &self.api
    }
}

impl Harness {
    /// Starts a runner on `store` (fresh data dir, or fresh table and queue on moto) and waits
    /// until `GET /api/health` answers 200.
    pub async fn start(store: StoreKind) -> Harness {
        let bin = runner_bin();
        if !bin.exists() {
            panic!(
                "the local runner {} does not exist: build it first: cargo build -p qabyldau-local \
                 (or point QABYLDAU_LOCAL_BIN at it)",
                bin.display()
            );
        }
        let (moto, table, queue) = match store {
            StoreKind::Embedded => (None, None, None),
            StoreKind::Dynamodb => (
                Some(testkit::moto_endpoint()),
                Some(testkit::unique_name("api")),
                Some(testkit::unique_name("q")),
            ),
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let log_path = dir.path().join("runner.log");
        let mut h = Harness {
            api: Api::new(String::new()),
            store,
            admin_iin: adult_iin(),
            dir,
            table,
            queue,
            moto,
            child: None,
            log_path,
            starts: 0,
        };
        h.spawn().await;
        h
    }

    /// The runner's data dir (kept across `restart`).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Stops the runner (SIGKILL: whatever it acknowledged must already be durable) and starts
    /// a new one on the same data dir / table / queue, on a new port.
    pub async fn restart(&mut self) {
        self.kill();
        self.spawn().await;
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    async fn spawn(&mut self) {
        let data_dir = self.data_dir();
        std::fs::create_dir_all(&data_dir).expect("create data dir");
        let port = testkit::free_port();
        self.starts += 1;
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log_path)
            .expect("open runner log");
        use std::io::Write as _;
        let mut header = log.try_clone().expect("clone log");
        let _ = writeln!(
            header,
            "----- start #{} on port {port} ({:?}) -----",
            self.starts, self.store
        );
        let mut cmd = Command::new(runner_bin());
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--data-dir")
            .arg(&data_dir)
            .arg("--dev")
            .arg("--admin")
            .arg(format!("{}:{REGION}", self.admin_iin));
        if self.store == StoreKind::Dynamodb {
            let moto = self.moto.as_deref().expect("moto endpoint");
            let dynamodb = moto.to_string();
            cmd.arg("--store")
                .arg("dynamodb")
                .arg("--dynamodb-endpoint")
                .arg(&dynamodb)
                .arg("--table")
                .arg(self.table.as_deref().expect("table"))
                .arg("--sqs-endpoint")
                .arg(moto)
                .arg("--queue")
                .arg(self.queue.as_deref().expect("queue"));
            // moto accepts any credentials; give the AWS SDK some if the environment has none.
            for (k, v) in [
                ("AWS_ACCESS_KEY_ID", "testing"),
                ("AWS_SECRET_ACCESS_KEY", "testing"),
                ("AWS_REGION", "us-east-1"),
            ] {
                if std::env::var_os(k).is_none() {
                    cmd.env(k, v);
                }
            }
        } else {
            cmd.arg("--store").arg("embedded");
        }
        cmd.current_dir(workspace_root())
            .stdin(Stdio::null())
            .stdout(Stdio::from(log.try_clone().expect("clone log")))
            .stderr(Stdio::from(log));
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", runner_bin().display()));
        self.child = Some(child);
        self.api = Api::new(format!("http://127.0.0.1:{port}"));
        self.wait_ready().await;
    }

    async fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let probe = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!(
                    "the runner exited before it was ready ({status}); its log:\n{}",
                    self.log_tail(80)
                );
            }
            if let Ok(r) = probe
                .get(format!("{}/api/health", self.api.base))
                .send()
                .await
                && r.status().as_u16() == 200
            {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "the runner did not answer 200 on /api/health within 30 s; its log:\n{}",
                    self.log_tail(80)
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The last `lines` lines of the runner's log (stdout and stderr, all starts).
    pub fn log_tail(&self, lines: usize) -> String {
        let mut f = match File::open(&self.log_path) {
            Ok(f) => f,
            Err(e) => return format!("(no log: {e})"),
        };
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        let from = len.saturating_sub(64 * 1024);
        let _ = f.seek(SeekFrom::Start(from));
        let mut buf = Vec::new();
        let _ = f.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf);
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Signs in as the harness's region admin.
    pub async fn admin(&self) -> Person {
        self.api.login_as(&self.admin_iin, "Әкімші Админов").await
    }

    /// A school created by the admin with a fresh director, and a `ru` limit of 40 seats in
    /// 2 classes for 2026-2027 created by that director.
    pub async fn school(&self) -> School {
        let admin = self.admin().await;
        let director = self.api.person("Директор Директоров").await;
        let (s, org) = self.api.create_school(&admin, &director.iin).await;
        assert_eq!(s, 201, "create school: {org}");
        let org_id = str_field(&org, "id");
        let (s, limit) = self
            .api
            .create_limit(&director.token, &org_id, "ru", 40, 2)
            .await;
        assert_eq!(s, 201, "create limit: {limit}");
        School {
            org_id,
            director,
            limit_id: str_field(&limit, "id"),
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.kill();
        if std::thread::panicking() {
            eprintln!(
                "===== runner log tail ({:?} store, {}) =====\n{}\n===== end of runner log =====",
                self.store,
                self.log_path.display(),
                self.log_tail(60)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/// The HTTP side of a harness: cheap to clone, so concurrent requests can each own one.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
}

/// A signed-in person.
#[derive(Clone, Debug)]
pub struct Person {
    pub iin: String,
    pub name: String,
    pub token: String,
}

/// A school with one limit, see [`Harness::school`].
#[derive(Clone, Debug)]
pub struct School {
    pub org_id: String,
    pub director: Person,
    pub limit_id: String,
}

/// A request body: JSON, raw bytes with a content type, or none.
pub enum Body<'a> {
    None,
    Json(&'a Value),
    Raw(&'a [u8], &'a str),
}

impl Api {
    pub fn new(base: String) -> Api {
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("reqwest client");
        Api { client, base }
    }

    /// The absolute url of `path` (already absolute urls are kept).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    /// The general request: method, path, bearer token, body, `Accept-Language`.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Body<'_>,
        lang: Option<&str>,
    ) -> (u16, Value) {
        let mut rb = self.client.request(method.clone(), self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(l) = lang {
            rb = rb.header("Accept-Language", l);
        }
        rb = match body {
            Body::None => rb,
            Body::Json(v) => rb.json(v),
            Body::Raw(bytes, ct) => rb.header("Content-Type", ct).body(bytes.to_vec()),
        };
        let resp = rb
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: request failed: {e}"));
        let status = resp.status().as_u16();
        let bytes = resp
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: reading the body failed: {e}"));
        (status, parse_body(&bytes))
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        self.request(Method::GET, path, token, Body::None, None)
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.request(Method::POST, path, token, Body::Json(body), None)
            .await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.request(Method::PUT, path, token, Body::Json(body), None)
            .await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        self.request(Method::DELETE, path, token, Body::None, None)
            .await
    }

    /// `POST /api/dev/login` as is.
    pub async fn dev_login(&self, iin: &str, name: &str, lang: Option<&str>) -> (u16, Value) {
        self.request(
            Method::POST,
            "/api/dev/login",
            None,
            Body::Json(&json!({"iin": iin, "name": name})),
            lang,
        )
        .await
    }

    /// Signs in (dev login) as `iin`, asserting success.
    pub async fn login_as(&self, iin: &str, name: &str) -> Person {
        let (s, b) = self.dev_login(iin, name, None).await;
        assert_eq!(s, 200, "dev login {iin}: {b}");
        let token = b["token"]
            .as_str()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| panic!("dev login {iin}: no token in {b}"))
            .to_string();
        Person {
            iin: iin.to_string(),
            name: name.to_string(),
            token,
        }
    }

    /// A new adult with a fresh IIN, signed in.
    pub async fn person(&self, name: &str) -> Person {
        self.login_as(&adult_iin(), name).await
    }

    /// `POST /api/admin/orgs` for a school in astana with `director_iin`, as `who`.
    pub async fn create_school(&self, who: &Person, director_iin: &str) -> (u16, Value) {
        let n = next_counter();
        let body = json!({
            "kind": "school",
            "name": {"ru": format!("Школа-лицей №{n}"), "kk": format!("№{n} мектеп-лицей")},
            "bin": bin(n),
            "region": REGION,
            "locality_id": "astana",
            "address": format!("г. Астана, ул. Кенесары, {n}"),
            "languages": ["kk", "ru"],
            "provides_transport": false,
            "private": false,
            "director_iin": director_iin,
        });
        self.post("/api/admin/orgs", Some(&who.token), &body).await
    }

    /// `POST /api/orgs/{org}/limits` for grade 1 of 2026-2027.
    pub async fn create_limit(
        &self,
        token: &str,
        org_id: &str,
        language: &str,
        seats: u32,
        classes: u32,
    ) -> (u16, Value) {
        let body = json!({
            "academic_year": YEAR, "grade": 1, "language": language,
            "seats": seats, "classes": classes,
        });
        self.post(&format!("/api/orgs/{org_id}/limits"), Some(token), &body)
            .await
    }

    /// `POST /api/files` as is.
    pub async fn create_file(
        &self,
        token: &str,
        kind: &str,
        content_type: &str,
        size: u64,
    ) -> (u16, Value) {
        let body = json!({"kind": kind, "content_type": content_type, "size": size});
        self.post("/api/files", Some(token), &body).await
    }

    /// Creates a file and sends its bytes where the answer says; returns the `file_id`.
    pub async fn upload(
        &self,
        token: &str,
        kind: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> String {
        let (s, f) = self
            .create_file(token, kind, content_type, bytes.len() as u64)
            .await;
        assert_eq!(s, 201, "POST /api/files {kind}: {f}");
        let file_id = str_field(&f, "file_id");
        let upload = &f["upload"];
        let method = upload["method"].as_str().unwrap_or("PUT");
        let method = Method::from_bytes(method.as_bytes())
            .unwrap_or_else(|_| panic!("bad upload method in {f}"));
        let url = upload["url"]
            .as_str()
            .unwrap_or_else(|| panic!("no upload.url in {f}"));
        let mut rb = self.client.request(method, self.url(url));
        if let Some(headers) = upload["headers"].as_object() {
            for (k, v) in headers {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                rb = rb.header(k.as_str(), v);
            }
        }
        let resp = rb
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap_or_else(|e| panic!("upload to {url}: {e}"));
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        assert!(
            status.is_success(),
            "upload of {kind} to {url}: {status} {text}"
        );
        file_id
    }

    /// Uploads the three documents every 1st-grade application needs (photo, vaccination card,
    /// health passport) as `token`; returns `(kind, file_id)` pairs.
    pub async fn upload_documents(&self, token: &str) -> Vec<(String, String)> {
        let mut docs = Vec::new();
        for (kind, ct, bytes) in [
            ("photo", "image/jpeg", fake_jpeg(1500)),
            ("vaccination_card", "application/pdf", fake_pdf(2000)),
            ("health_passport", "application/pdf", fake_pdf(2500)),
        ] {
            let id = self.upload(token, kind, ct, &bytes).await;
            docs.push((kind.to_string(), id));
        }
        docs
    }

    /// `POST /api/applications` with `body` as `token`.
    pub async fn submit(&self, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.post("/api/applications", token, body).await
    }

    /// Uploads documents as `parent` and submits a valid application for `child` to `org_id`,
    /// returning the raw answer.
    pub async fn apply(&self, parent: &Person, org_id: &str, child: &ChildData) -> (u16, Value) {
        let docs = self.upload_documents(&parent.token).await;
        self.submit(Some(&parent.token), &application(org_id, child, &docs))
            .await
    }
}

fn parse_body(bytes: &[u8]) -> Value {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Value::Null;
    }
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

/// A string field of a JSON object, asserting it is present and non-empty.
#[track_caller]
pub fn str_field(v: &Value, field: &str) -> String {
    match &v[field] {
        Value::String(s) if !s.is_empty() => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => panic!("no {field:?} in {v}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Application bodies
// ---------------------------------------------------------------------------------------------

/// The child part of an application.
#[derive(Clone, Debug)]
pub struct ChildData {
    pub iin: String,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    /// `YYYY-MM-DD`
    pub birth_date: String,
    /// `male` or `female`
    pub sex: &'static str,
}

impl ChildData {
    pub fn json(&self) -> Value {
        json!({
            "iin": self.iin,
            "last_name": self.last_name,
            "first_name": self.first_name,
            "middle_name": self.middle_name,
            "birth_date": self.birth_date,
            "sex": self.sex,
        })
    }
}

/// A fresh child of 1st-grade age for 2026-2027 (born in 2019), with a matching unique IIN.
pub fn new_child() -> ChildData {
    let n = next_counter();
    // Spread over 2019-01-01 .. 2019-12-27 and both sexes.
    let date = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new((n % 360) as u64);
    child_born(date, n.is_multiple_of(2))
}

/// A child born on `date` of the given sex, with a fresh valid IIN matching both.
pub fn child_born(date: NaiveDate, male: bool) -> ChildData {
    ChildData {
        iin: fresh_iin(date, male),
        last_name: if male {
            "Ахметов"
        } else {
            "Ахметова"
        }
        .to_string(),
        first_name: if male {
            "Нұрсұлтан"
        } else {
            "Әйгерім"
        }
        .to_string(),
        middle_name: if male {
            "Серікұлы"
        } else {
            "Серікқызы"
        }
        .to_string(),
        birth_date: date.format("%Y-%m-%d").to_string(),
        sex: if male { "male" } else { "female" },
    }
}

/// A complete, valid application body.
pub fn application(org_id: &str, child: &ChildData, docs: &[(String, String)]) -> Value {
    json!({
        "service": "grade1",
        "org_id": org_id,
        "academic_year": YEAR,
        "language": "ru",
        "child": child.json(),
        "applicant": {"phone": "+77011234567", "email": "a@example.kz", "relation": "mother"},
        "registered_address_id": null,
        "actual_address": "г. Астана, пр. Мангилик Ел, 10, кв. 5",
        "transport_requested": false,
        "special_needs": false,
        "documents": docs.iter()
            .map(|(kind, id)| json!({"kind": kind, "file_id": id}))
            .collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------------------------------------
// IIN / BIN
// ---------------------------------------------------------------------------------------------

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A process-wide counter with a random-ish start, so generated IINs do not collide with each
/// other nor (very likely) with the dev seed's.
pub fn next_counter() -> u32 {
    static START: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let start = *START.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        (nanos ^ std::process::id().wrapping_mul(2_654_435_761)) % 5000 + 100
    });
    start + COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// The IIN check digit of the first 11 digits, or `None` when the number cannot be valid.
pub fn check_digit(d11: &[u8]) -> Option<u8> {
    let w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    let w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let sum = |w: &[u32; 11]| -> u32 {
        d11.iter()
            .zip(w.iter())
            .map(|(&d, &w)| d as u32 * w)
            .sum::<u32>()
            % 11
    };
    let c = sum(&w1);
    let c = if c == 10 { sum(&w2) } else { c };
    if c == 10 { None } else { Some(c as u8) }
}

/// Appends the check digit to 11 digits, `None` if no check digit exists for them.
pub fn with_check_digit(d11: &str) -> Option<String> {
    let digits: Vec<u8> = d11.bytes().map(|b| b - b'0').collect();
    assert_eq!(digits.len(), 11, "{d11}");
    check_digit(&digits).map(|c| format!("{d11}{c}"))
}

/// A valid IIN for a person born on `date` of the given sex with the serial `serial` (0..=9999),
/// or `None` if that serial has no valid check digit.
pub fn iin_for(date: NaiveDate, male: bool, serial: u32) -> Option<String> {
    let century = match (date.year() / 100, male) {
        (18, true) => 1,
        (18, false) => 2,
        (19, true) => 3,
        (19, false) => 4,
        (20, true) => 5,
        (20, false) => 6,
        _ => panic!("no IIN century digit for {date}"),
    };
    with_check_digit(&format!(
        "{:02}{:02}{:02}{century}{:04}",
        date.year() % 100,
        date.month(),
        date.day(),
        serial % 10000
    ))
}

/// A fresh (unique in this process) valid IIN for that birth date and sex.
pub fn fresh_iin(date: NaiveDate, male: bool) -> String {
    loop {
        if let Some(iin) = iin_for(date, male, next_counter() % 10000) {
            return iin;
        }
    }
}

/// A fresh adult IIN (born in the 1980s).
pub fn adult_iin() -> String {
    let n = next_counter();
    let date = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Days::new((n % 3600) as u64);
    fresh_iin(date, n % 2 == 1)
}

/// A 12-digit BIN with a valid check digit (registered 2010s, legal entity).
pub fn bin(n: u32) -> String {
    let mut k = n;
    loop {
        let d11 = format!("{:02}{:02}40{:05}", 10 + k % 10, 1 + k % 12, k % 100_000);
        if let Some(b) = with_check_digit(&d11) {
            return b;
        }
        k += 1;
    }
}

// ---------------------------------------------------------------------------------------------
// File contents
// ---------------------------------------------------------------------------------------------

/// JPEG-looking bytes of exactly `size` bytes (SOI, a JFIF APP0 segment, padding, EOI).
pub fn fake_jpeg(size: usize) -> Vec<u8> {
    let mut v = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    v.resize(size.max(v.len() + 2) - 2, 0x00);
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

/// PDF-looking bytes of exactly `size` bytes.
pub fn fake_pdf(size: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let tail = b"\n%%EOF\n";
    v.resize(size.max(v.len() + tail.len()) - tail.len(), b' ');
    v.extend_from_slice(tail);
    v
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/// An ES256 JWT with plausible claims for `iin`, signed by a key nobody trusts.
pub fn forged_token(iin: &str) -> String {
    use p256::ecdsa::{Signature, SigningKey, signature::Signer};
    let key = SigningKey::random(&mut rand_core::OsRng);
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = chrono::Utc::now().timestamp();
    let header = json!({"alg": "ES256", "typ": "JWT", "kid": "dev"});
    let claims = json!({
        "sub": iin, "iin": iin, "name": "Forged Person",
        "iss": "qabyldau-dev", "aud": "qabyldau",
        "iat": now, "nbf": now - 10, "exp": now + 3600,
    });
    let signing_input = format!(
        "{}.{}",
        b64.encode(header.to_string()),
        b64.encode(claims.to_string())
    );
    let sig: Signature = key.sign(signing_input.as_bytes());
    format!("{signing_input}.{}", b64.encode(sig.to_bytes()))
}

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

/// True if `s` contains a Cyrillic letter.
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// True if `s` contains a letter specific to Kazakh (ә ғ қ ң ө ұ ү һ і, either case).
pub fn has_kazakh_letter(s: &str) -> bool {
    s.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// Asserts an error answer: the status, `error.code`, and a Russian (Cyrillic) `error.message`.
/// Returns the message.
#[track_caller]
pub fn assert_error(resp: &(u16, Value), status: u16, code: &str) -> String {
    let (s, b) = resp;
    assert_eq!(
        (*s, b["error"]["code"].as_str()),
        (status, Some(code)),
        "expected {status} {code}, got {s} {b}"
    );
    let msg = b["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error.message in {b}"))
        .to_string();
    assert!(
        has_cyrillic(&msg),
        "the default (Russian) message of {code} has no Cyrillic: {msg:?}"
    );
    msg
}

/// Asserts an error answer given for `Accept-Language: kk`: status, code, and a message with a
/// Kazakh-specific letter. Returns the message.
#[track_caller]
pub fn assert_error_kk(resp: &(u16, Value), status: u16, code: &str) -> String {
    let (s, b) = resp;
    assert_eq!(
        (*s, b["error"]["code"].as_str()),
        (status, Some(code)),
        "expected {status} {code}, got {s} {b}"
    );
    let msg = b["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error.message in {b}"))
        .to_string();
    assert!(
        has_kazakh_letter(&msg),
        "the Kazakh message of {code} has no Kazakh-specific letter: {msg:?}"
    );
    msg
}

/// Asserts a `401` answer (whatever its code), with an error body.
#[track_caller]
pub fn assert_unauthorized(resp: &(u16, Value)) {
    let (s, b) = resp;
    assert_eq!(*s, 401, "expected 401, got {s} {b}");
    assert!(
        b["error"]["code"].as_str().is_some_and(|c| !c.is_empty()),
        "401 without error.code: {b}"
    );
}

/// Parses an RFC 3339 time rendered in +05:00, asserting the offset.
#[track_caller]
pub fn time_plus5(v: &Value, field: &str) -> chrono::DateTime<chrono::FixedOffset> {
    let s = v[field]
        .as_str()
        .unwrap_or_else(|| panic!("no {field} in {v}"));
    assert!(
        s.ends_with("+05:00"),
        "{field} {s:?} is not rendered in +05:00"
    );
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{field} {s:?} is not RFC 3339: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Staff and signing, shared by the workflow suites

/// An executor of the school: invited by the director, consenting.
pub async fn hire_executor(h: &Api, school: &School) -> Person {
    let p = h.person("Исполнитель Исполнителев").await;
    let (s, b) = h
        .post(
            &format!("/api/orgs/{}/staff", school.org_id),
            Some(&school.director.token),
            &serde_json::json!({"iin": p.iin, "position": "Заместитель директора", "roles": ["executor"]}),
        )
        .await;
    assert_eq!(s, 202, "invite executor: {b}");
    let consent = str_field(&b, "consent_id");
    let (s, b) = h
        .post(
            &format!("/api/me/consents/{consent}"),
            Some(&p.token),
            &serde_json::json!({"accept": true}),
        )
        .await;
    assert!(s == 200 || s == 201, "consent: {s} {b}");
    p
}

/// A fresh P-256 key and its public JWK.
pub fn new_key() -> (p256::ecdsa::SigningKey, Value) {
    let key = p256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
    let jwk = p256::PublicKey::from(key.verifying_key()).to_jwk_string();
    (key, serde_json::from_str(&jwk).expect("jwk json"))
}

/// Registers `jwk` as the person's signing key (`PUT /api/me/signing-key`), asserting 200.
pub async fn register_key(h: &Api, who: &Person, jwk: &Value) -> Value {
    let (s, b) = h
        .put(
            "/api/me/signing-key",
            Some(&who.token),
            &serde_json::json!({"public_key_jwk": jwk}),
        )
        .await;
    assert_eq!(s, 200, "register signing key: {b}");
    b
}

/// ES256 of `payload`: base64url (no padding) of `r || s`.
pub fn es256(key: &p256::ecdsa::SigningKey, payload: &str) -> String {
    use p256::ecdsa::signature::Signer;
    let sig: p256::ecdsa::Signature = key.sign(payload.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig.to_bytes())
}

/// Instantiates each scenario (an `async fn(Harness)`) once per store: `embedded::name` and
/// `dynamodb::name`.
#[macro_export]
macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        mod embedded {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Harness::start($crate::StoreKind::Embedded).await).await
                }
            )*
        }
        mod dynamodb {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Harness::start($crate::StoreKind::Dynamodb).await).await
                }
            )*
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert_eq!(
            with_check_digit("80010130001").as_deref(),
            Some("800101300016")
        );
        // 061211600013 is invalid: its check digit is 2.
        assert_eq!(
            with_check_digit("06121160001").as_deref(),
            Some("061211600012")
        );
        let d = NaiveDate::from_ymd_opt(2019, 5, 10).unwrap();
        let iin = fresh_iin(d, true);
        assert!(iin.starts_with("1905105"), "{iin}");
        assert_eq!(bin(7).len(), 12);
    }

    #[test]
    fn fake_files_have_the_size() {
        assert_eq!(fake_jpeg(1500).len(), 1500);
        assert_eq!(fake_pdf(2000).len(), 2000);
    }

    #[test]
    fn forged_token_shape() {
        assert_eq!(forged_token("800101300016").split('.').count(), 3);
    }

    #[test]
    fn letters() {
        assert!(has_kazakh_letter("Қате"));
        assert!(!has_kazakh_letter("Ошибка"));
        assert!(has_cyrillic("Ошибка"));
    }
}
