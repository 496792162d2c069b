//! Test support shared by the contract and API suites.

/// The moto server (DynamoDB/SQS/S3 API) the test command started, from `MOTO_ENDPOINT`.
///
/// The DynamoDB and SQS runs of the contract suites must never pass silently without a server,
/// so a missing endpoint is a test failure with a hint, not a skip.
pub fn moto_endpoint() -> String {
    std::env::var("MOTO_ENDPOINT").unwrap_or_else(|_| {
        panic!(
            "MOTO_ENDPOINT is not set: run the suites through `make test` \
             (or `scripts/with-moto cargo test`), which starts moto server on 127.0.0.1"
        )
    })
}

/// A name unique within this test process run, for tables and queues on the shared server.
pub fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{}-{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A TCP port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind 127.0.0.1:0")
}
