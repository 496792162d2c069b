//! What the suites against moto's S3 share.

/// A new bucket named after `prefix`, in eu-central-1 (outside us-east-1, S3 wants the location
/// said).
pub async fn bucket(s3: &aws_sdk_s3::Client, prefix: &str) -> String {
    let bucket = testkit::unique_name(prefix).to_lowercase();
    s3.create_bucket()
        .bucket(&bucket)
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::EuCentral1)
                .build(),
        )
        .send()
        .await
        .expect("create bucket");
    bucket
}
