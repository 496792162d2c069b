//! The deployed wiring (`service::deployed`) from the environment a Lambda has, against moto
//! server (`MOTO_ENDPOINT`, reached through `AWS_ENDPOINT_URL` as any AWS endpoint would be):
//! every function's table, and files and the queue only where the function wires them.
//! One test in its own binary: it sets the process's environment.

use std::time::Duration;

use service::deployed::Deployed;
use store::Key;

mod common;

#[tokio::test]
async fn a_function_has_the_table_and_only_the_ports_it_wires() {
    let endpoint = testkit::moto_endpoint();
    let table = testkit::unique_name("deployed");
    let queue_name = testkit::unique_name("q");
    // SAFETY: this binary's only test sets the environment before anything reads it.
    unsafe {
        for (name, value) in [
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
            ("AWS_REGION", "eu-central-1"),
            ("AWS_ACCESS_KEY_ID", "moto"),
            ("AWS_SECRET_ACCESS_KEY", "moto"),
            ("TABLE_NAME", table.as_str()),
            ("JWT_ISSUER", "https://issuer.example"),
            ("JWT_AUDIENCE", "qabyldau"),
            ("JWT_JWKS_URL", "http://127.0.0.1:9/jwks"),
        ] {
            std::env::set_var(name, value);
        }
    }
    let def = store::table::TableDef::deployed();
    store::dynamodb::DynamoStore::from_env_endpoint(Some(&endpoint), &table)
        .await
        .create_table(&def)
        .await
        .expect("create table");
    let sqs = queue::sqs::sqs_client(Some(&endpoint)).await;
    let queue = queue::sqs::ensure_queues(&sqs, &queue_name)
        .await
        .expect("queues");
    let s3 = aws_sdk_s3::Client::new(&cloud::sdk_config(Some(&endpoint)).await);
    let bucket = common::bucket(&s3, "files").await;
    unsafe {
        std::env::set_var("FILES_BUCKET", &bucket);
        std::env::set_var("QUEUE_URL", queue.url());
        std::env::set_var("DLQ_URL", queue.dlq_url());
    }

    // A function that wires nothing more: the table works, the queue and files refuse.
    let bare = Deployed::from_env().await.expect("wiring").into_ctx();
    let key = Key::new("TEST#deployed", "A");
    let item = serde_json::json!({"pk": "TEST#deployed", "sk": "A"});
    let item = item.as_object().cloned().expect("an object");
    bare.store
        .put(item, None)
        .await
        .expect("put through the deployed store");
    assert!(bare.store.get(&key).await.expect("get").is_some());
    let refused = bare.queue.send("{}").await.expect_err("no queue wired");
    assert!(
        matches!(&refused, queue::QueueError::Unavailable(m) if m.contains("no queue wired")),
        "{refused:?}"
    );
    assert!(bare.blobs.read("f1").await.is_err(), "no files wired");

    // A function that wires both: messages reach the queue, files are read from the bucket.
    let full = Deployed::from_env()
        .await
        .and_then(Deployed::with_files)
        .and_then(Deployed::with_queue)
        .expect("wiring")
        .into_ctx();
    full.queue.send(r#"{"hello":1}"#).await.expect("send");
    let got = full
        .queue
        .receive(1, Duration::from_secs(30), Duration::from_secs(1))
        .await
        .expect("receive");
    assert_eq!(
        got.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        [r#"{"hello":1}"#]
    );
    assert_eq!(
        full.blobs.read("f1").await.expect("read"),
        None,
        "nothing uploaded yet"
    );
    s3.put_object()
        .bucket(&bucket)
        .key("files/f1")
        .body(b"%PDF-1.7".to_vec().into())
        .send()
        .await
        .expect("put object");
    assert_eq!(
        full.blobs.read("f1").await.expect("read"),
        Some(b"%PDF-1.7".to_vec())
    );
}
