//! Where the documents' bytes go: S3 (presigned PUT) when deployed, a folder of the local
//! runner's data dir locally. The table holds only the file's record.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use domain::api::Upload;

use crate::ApiError;

#[async_trait]
pub trait Blobs: Send + Sync {
    /// Where and how the client sends the bytes of a file.
    async fn upload_target(
        &self,
        file_id: &str,
        content_type: &str,
        size: u64,
        token: &str,
    ) -> Result<Upload, ApiError>;
    /// Whether the bytes of a file have arrived.
    async fn exists(&self, file_id: &str) -> Result<bool, ApiError>;
    /// A short-lived address to read a file's bytes from (the caller's access is checked
    /// before this is asked).
    async fn download_url(&self, file_id: &str, content_type: &str) -> Result<String, ApiError>;
}

/// How long a download address stays valid.
const DOWNLOAD_URL_TTL: Duration = Duration::from_secs(5 * 60);

/// Files in a folder; the local runner receives the bytes at `{base_url}/uploads/{file_id}`.
pub struct LocalBlobs {
    dir: PathBuf,
    base_url: String,
    /// One-time download tokens → (file id, valid until).
    downloads: std::sync::Mutex<BTreeMap<String, (String, std::time::Instant)>>,
}

impl LocalBlobs {
    pub fn new(dir: impl Into<PathBuf>, base_url: &str) -> Self {
        LocalBlobs {
            dir: dir.into(),
            base_url: base_url.trim_end_matches('/').to_string(),
            downloads: Default::default(),
        }
    }

    /// The file a download token was issued for, if it is still valid; the token is used up.
    pub fn redeem_download(&self, token: &str) -> Option<String> {
        let mut downloads = self.downloads.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        downloads.retain(|_, (_, until)| *until > now);
        downloads.remove(token).map(|(file_id, _)| file_id)
    }

    /// The path of a file's bytes. File ids are uuids; anything else cannot name a path.
    pub fn path(&self, file_id: &str) -> Option<PathBuf> {
        uuid::Uuid::parse_str(file_id)
            .ok()
            .map(|id| self.dir.join(id.to_string()))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait]
impl Blobs for LocalBlobs {
    async fn upload_target(
        &self,
        file_id: &str,
        content_type: &str,
        _size: u64,
        token: &str,
    ) -> Result<Upload, ApiError> {
        Ok(Upload {
            method: "PUT".into(),
            url: format!("{}/uploads/{file_id}?token={token}", self.base_url),
            headers: BTreeMap::from([("Content-Type".to_string(), content_type.to_string())]),
        })
    }

    async fn exists(&self, file_id: &str) -> Result<bool, ApiError> {
        match self.path(file_id) {
            Some(p) => Ok(tokio::fs::try_exists(p).await.unwrap_or(false)),
            None => Ok(false),
        }
    }

    async fn download_url(&self, file_id: &str, _content_type: &str) -> Result<String, ApiError> {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let until = std::time::Instant::now() + DOWNLOAD_URL_TTL;
        self.downloads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(token.clone(), (file_id.to_string(), until));
        Ok(format!(
            "{}/uploads/{file_id}?download={token}",
            self.base_url
        ))
    }
}

/// Files in an S3 bucket under `files/`, uploaded by presigned PUT.
pub struct S3Blobs {
    client: aws_sdk_s3::Client,
    bucket: String,
}

/// How long an upload URL stays valid.
const UPLOAD_URL_TTL: Duration = Duration::from_secs(15 * 60);

impl S3Blobs {
    pub fn new(client: aws_sdk_s3::Client, bucket: &str) -> Self {
        S3Blobs {
            client,
            bucket: bucket.into(),
        }
    }

    fn key(file_id: &str) -> String {
        format!("files/{file_id}")
    }
}

#[async_trait]
impl Blobs for S3Blobs {
    async fn upload_target(
        &self,
        file_id: &str,
        content_type: &str,
        size: u64,
        _token: &str,
    ) -> Result<Upload, ApiError> {
        let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(UPLOAD_URL_TTL)
            .map_err(|e| ApiError::internal(format!("presigning config: {e}")))?;
        let size = i64::try_from(size).map_err(|_| ApiError::internal("size overflow"))?;
        let presigned = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(Self::key(file_id))
            .content_type(content_type)
            .content_length(size)
            .presigned(config)
            .await
            .map_err(|e| ApiError::internal(format!("presign: {e}")))?;
        let headers = presigned
            .headers()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Ok(Upload {
            method: presigned.method().to_string(),
            url: presigned.uri().to_string(),
            headers,
        })
    }

    async fn exists(&self, file_id: &str) -> Result<bool, ApiError> {
        match self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(Self::key(file_id))
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(false),
            Err(e) => Err(ApiError::new(domain::ErrorCode::ServiceUnavailable)
                .log(format!("head_object: {e}"))),
        }
    }

    async fn download_url(&self, file_id: &str, content_type: &str) -> Result<String, ApiError> {
        let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(DOWNLOAD_URL_TTL)
            .map_err(|e| ApiError::internal(format!("presigning config: {e}")))?;
        let presigned = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(Self::key(file_id))
            .response_content_type(content_type)
            .presigned(config)
            .await
            .map_err(|e| ApiError::internal(format!("presign: {e}")))?;
        Ok(presigned.uri().to_string())
    }
}
