//! The S3 adapter of the blobs port against moto server's S3 (`MOTO_ENDPOINT`): the presigned
//! PUT a browser uploads to, the bytes read back, and the presigned GET a download follows.

use aws_sdk_s3::config::Region;
use service::blobs::{Blobs, S3Blobs};

mod common;

async fn client() -> aws_sdk_s3::Client {
    let sdk = cloud::sdk_config(Some(&testkit::moto_endpoint())).await;
    let config = aws_sdk_s3::config::Builder::from(&sdk)
        .region(Region::new("eu-central-1"))
        .force_path_style(true)
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

#[tokio::test]
async fn a_presigned_upload_is_read_back_and_downloaded() {
    let s3 = client().await;
    let bucket = common::bucket(&s3, "files").await;
    let blobs = S3Blobs::new(s3, &bucket);
    let bytes = b"%PDF-1.7 a test document".to_vec();
    assert_eq!(blobs.read("f1").await.expect("read"), None, "nothing yet");

    let target = blobs
        .upload_target("f1", "application/pdf", bytes.len() as u64, "unused")
        .await
        .expect("upload target");
    assert_eq!(target.method, "PUT");
    assert!(target.url.contains("X-Amz-Signature="), "{}", target.url);
    cloud::install_tls();
    let http = reqwest::Client::new();
    let mut put = http.put(&target.url).body(bytes.clone());
    for (name, value) in &target.headers {
        put = put.header(name, value);
    }
    let sent = put.send().await.expect("PUT");
    assert!(sent.status().is_success(), "{:?}", sent.text().await);

    assert_eq!(blobs.read("f1").await.expect("read"), Some(bytes.clone()));
    let url = blobs
        .download_url("f1", "application/pdf")
        .await
        .expect("download url");
    let got = http.get(&url).send().await.expect("GET");
    assert!(got.status().is_success(), "{}", got.status());
    assert_eq!(
        got.headers()["content-type"].to_str().unwrap(),
        "application/pdf"
    );
    assert_eq!(got.bytes().await.expect("body").to_vec(), bytes);
}
