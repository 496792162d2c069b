//! The runner under load: `qabyldau-local --dev` on the embedded store, a temporary data dir,
//! a free loopback port and a population register file of the bench's families (the dev
//! endpoint that adds one family rewrites the whole file each time: fine for a test, not for
//! ten thousand). Killed when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use api_tests::{Api, REGION, workspace_root};

pub struct Runner {
    child: Child,
    pub api: Api,
    pub data_dir: PathBuf,
    pub log: PathBuf,
}

impl Runner {
    /// Starts `bin` with `admin` as the region admin and the families of `population`, and
    /// waits until `GET /api/health` answers.
    pub async fn start(bin: &Path, dir: &Path, population: &Path, admin: &str) -> Runner {
        let data_dir = dir.join("data");
        std::fs::create_dir_all(&data_dir).expect("data dir");
        let log = dir.join("runner.log");
        let out = std::fs::File::create(&log).expect("runner log");
        let port = testkit::free_port();
        let child = Command::new(bin)
            .current_dir(workspace_root())
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--dev"])
            .arg("--data-dir")
            .arg(&data_dir)
            .arg("--admin")
            .arg(format!("{admin}:{REGION}"))
            .arg("--population")
            .arg(population)
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log"))
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
        let runner = Runner {
            child,
            api: Api::new(format!("http://127.0.0.1:{port}")),
            data_dir,
            log,
        };
        let started = Instant::now();
        loop {
            let up = runner
                .api
                .client
                .get(runner.api.url("/api/health"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if up {
                return runner;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the runner did not answer within 60 s: see {}",
                runner.log.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
