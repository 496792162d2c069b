//! Process control: one runner (`qabyldau-local`) on a free port, on the embedded store or on
//! DynamoDB + SQS at the moto server; restarts; the runner's log (kept under
//! `tests/output/logs/api/`, one file a test, for the check that no log line holds a whole IIN:
//! `scripts/check-logs.py`); and `scenarios!`, which runs a scenario once per store.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::REGION;
use crate::http::Api;
use crate::iin::adult_iin;

/// Which store the runner under test uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreKind {
    /// The embedded store in a fresh temporary data dir.
    Embedded,
    /// DynamoDB + SQS on the moto server at `MOTO_ENDPOINT`, a fresh table and queue.
    Dynamodb,
}

/// The path of the runner binary: `QABYLDAU_LOCAL_BIN`; else `qabyldau-local` beside this test
/// executable's `deps` directory (the profile directory of whatever target dir built it, so a
/// `CARGO_TARGET_DIR` is honoured); else `<workspace>/target/debug/qabyldau-local`.
pub fn runner_bin() -> PathBuf {
    if let Ok(p) = std::env::var("QABYLDAU_LOCAL_BIN") {
        return PathBuf::from(p);
    }
    let beside = std::env::current_exe().ok().and_then(|exe| {
        let profile = exe.parent()?.parent()?;
        Some(profile.join(format!("qabyldau-local{}", std::env::consts::EXE_SUFFIX)))
    });
    match beside {
        Some(bin) if bin.exists() => bin,
        _ => workspace_root().join("target/debug/qabyldau-local"),
    }
}

/// The workspace root (`tests/api/../..`); the runner runs there, so its defaults relative to
/// the repository (the dev seed, the built frontend) resolve.
pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Where a runner log of this test goes: `<dir>/<test name>.log` (a second harness of the same
/// test gets `.2`, ...), `dir` being `QABYLDAU_LOG_DIR` or `tests/output/logs/api`. Named by the
/// test (the test thread's name), so a rerun replaces its own log and nothing piles up.
pub fn log_path() -> PathBuf {
    static TAKEN: Mutex<BTreeMap<String, u32>> = Mutex::new(BTreeMap::new());
    let dir = std::env::var_os("QABYLDAU_LOG_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("tests/output/logs/api"));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("create log dir {}: {e}", dir.display()));
    let test = std::thread::current()
        .name()
        .unwrap_or("runner")
        .replace("::", ".");
    let mut name: String = test
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut taken = TAKEN.lock().unwrap_or_else(|e| e.into_inner());
    let n = taken.entry(name.clone()).or_insert(0);
    *n += 1;
    if *n > 1 {
        name = format!("{name}.{n}");
    }
    dir.join(format!("{name}.log"))
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
                 (with the same CARGO_TARGET_DIR, or point QABYLDAU_LOCAL_BIN at it)",
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
        let log_path = log_path();
        File::create(&log_path)
            .unwrap_or_else(|e| panic!("create runner log {}: {e}", log_path.display()));
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
        // The scenarios stand on the real date, whatever the season: their region's 1st-grade
        // campaign of their year accepts applications all along it (the default period is the
        // campaign scenarios' own subject).
        h.open_campaign().await;
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

    /// Edits one stored item behind the service's back, as someone with access to the table
    /// could: stops the runner, changes the item (`pk`, `sk`) with `edit`, starts a new runner
    /// on the same store. For tests of what detects tampering.
    pub async fn tamper(&mut self, pk: &str, sk: &str, edit: impl FnOnce(&mut store::Item)) {
        self.kill();
        let key = store::Key::new(pk, sk);
        let db: Box<dyn store::Store> = match self.store {
            StoreKind::Embedded => Box::new(
                store::embedded::EmbeddedStore::open(self.data_dir().join("store.redb"))
                    .expect("open the embedded store"),
            ),
            StoreKind::Dynamodb => Box::new(
                store::dynamodb::DynamoStore::from_env_endpoint(
                    self.moto.as_deref(),
                    self.table.as_deref().expect("table"),
                )
                .await,
            ),
        };
        let mut item = db
            .get(&key)
            .await
            .expect("read the item")
            .unwrap_or_else(|| panic!("no item {pk} / {sk}"));
        edit(&mut item);
        db.put(item, None).await.expect("write the item");
        drop(db);
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
        // A fresh runner on moto loads the demo seed before it answers; on a loaded two-core
        // machine that once took over 30 s.
        let deadline = Instant::now() + Duration::from_secs(90);
        let probe = crate::http::local_client(Duration::from_secs(2));
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
                    "the runner did not answer 200 on /api/health within 90 s; its log:\n{}",
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
