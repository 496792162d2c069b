//! Where the documents' bytes go: S3 (presigned PUT) when deployed, a folder of the local
//! runner's data dir locally. The table holds only the file's record.
//!
//! A file's bytes are written once: an upload target is good for one upload within
//! [`UPLOAD_TTL`] (locally a second upload is refused; deployed, the presigned PUT expires, asks
//! S3 not to overwrite, and every file has a fresh key), so what an application carries cannot
//! change after submission; its SHA-256 ([`sha256_hex`]) is kept with the application.

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
    /// The bytes of a file, if they have arrived.
    async fn read(&self, file_id: &str) -> Result<Option<Vec<u8>>, ApiError>;
    /// A short-lived address to read a file's bytes from (the caller's access is checked
    /// before this is asked).
    async fn download_url(&self, file_id: &str, content_type: &str) -> Result<String, ApiError>;
}

/// How long a download address stays valid.
const DOWNLOAD_URL_TTL: Duration = Duration::from_secs(5 * 60);

/// How long an upload target stays valid: long enough for 5 MB on a slow line, short enough
/// that a leaked address is soon worthless.
pub const UPLOAD_TTL: Duration = Duration::from_secs(5 * 60);

/// The SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A document attached to an application as `doc` (named `field` in errors): it is the
/// caller's own, of the kind it is attached as, uploaded, and its bytes are of the type it was
/// declared as (422 `file_type_mismatch`); otherwise 422 `document_not_found`. Returns it as the
/// application keeps it: with the SHA-256 of its bytes, so a later change shows when it is
/// opened.
pub async fn attached(
    ctx: &crate::Ctx,
    caller: &crate::access::Caller,
    doc: &domain::api::DocumentRef,
    field: &str,
) -> Result<domain::api::DocumentRef, ApiError> {
    let not_found = || ApiError::new(domain::ErrorCode::DocumentNotFound).field(field);
    let file = table::file::get(ctx.store.as_ref(), &doc.file_id)
        .await?
        .ok_or_else(not_found)?;
    if file.owner_iin != caller.iin || file.kind != doc.kind {
        return Err(not_found());
    }
    let bytes = ctx.blobs.read(&doc.file_id).await?.ok_or_else(not_found)?;
    domain::check_content(&file.content_type, &bytes).map_err(|code| {
        ApiError::new(code)
            .field(field)
            .log(format!("file {} is not {}", doc.file_id, file.content_type))
    })?;
    Ok(domain::api::DocumentRef {
        kind: doc.kind,
        file_id: doc.file_id.clone(),
        sha256: Some(sha256_hex(&bytes)),
        pages: Some(domain::page_count(&file.content_type, &bytes)),
    })
}

/// Every document attached to an application ([`attached`], each named
/// `documents.{kind}` in errors), none twice. Returns them as the application keeps them.
///
/// The documents are read at once, not one after another: each is a table read and up to
/// 5 MB from the bucket, and a submission on opening day should wait for the slowest, not
/// the sum. The error reported is still the first document's in the request's order.
pub async fn check_documents(
    ctx: &crate::Ctx,
    caller: &crate::access::Caller,
    documents: &[domain::api::DocumentRef],
) -> Result<Vec<domain::api::DocumentRef>, ApiError> {
    let field = |doc: &domain::api::DocumentRef| format!("documents.{}", doc.kind.as_str());
    let mut seen = std::collections::BTreeSet::new();
    if let Some(again) = documents.iter().find(|d| !seen.insert(&d.file_id)) {
        return Err(ApiError::new(domain::ErrorCode::ValidationFailed).field(field(again)));
    }
    let checks = documents
        .iter()
        .map(|doc| async move { attached(ctx, caller, doc, &field(doc)).await });
    futures::future::join_all(checks)
        .await
        .into_iter()
        .collect()
}

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

    /// Stores a file's bytes unless some are stored already (409 `upload_used`): the bytes go to
    /// a temporary file first and are then linked under the file's name, which fails when the
    /// name exists, so of two racing uploads one wins and nothing is ever overwritten.
    pub async fn put_once(&self, file_id: &str, bytes: &[u8]) -> Result<(), ApiError> {
        let path = self.path(file_id).ok_or_else(ApiError::not_found)?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Err(ApiError::new(domain::ErrorCode::UploadUsed));
        }
        let tmp = path.with_extension(format!("{}.part", uuid::Uuid::new_v4().simple()));
        tokio::fs::write(&tmp, bytes)
            .await
            .map_err(|e| ApiError::internal(format!("upload write: {e}")))?;
        let linked = tokio::fs::hard_link(&tmp, &path).await;
        let _ = tokio::fs::remove_file(&tmp).await;
        match linked {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(ApiError::new(domain::ErrorCode::UploadUsed))
            }
            Err(e) => Err(ApiError::internal(format!("upload link: {e}"))),
        }
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

    async fn read(&self, file_id: &str) -> Result<Option<Vec<u8>>, ApiError> {
        let Some(path) = self.path(file_id) else {
            return Ok(None);
        };
        match tokio::fs::read(path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ApiError::internal(format!("read file: {e}"))),
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
        let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(UPLOAD_TTL)
            .map_err(|e| ApiError::internal(format!("presigning config: {e}")))?;
        let size = i64::try_from(size).map_err(|_| ApiError::internal("size overflow"))?;
        let presigned = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(Self::key(file_id))
            .content_type(content_type)
            .content_length(size)
            // S3 refuses the PUT once the key holds an object: the target works once.
            .if_none_match("*")
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

    async fn read(&self, file_id: &str) -> Result<Option<Vec<u8>>, ApiError> {
        let unavailable = |e: String| ApiError::new(domain::ErrorCode::ServiceUnavailable).log(e);
        let object = match self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(Self::key(file_id))
            .send()
            .await
        {
            Ok(o) => o,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => return Ok(None),
            Err(e) => return Err(unavailable(format!("get_object: {e}"))),
        };
        let bytes = object
            .body
            .collect()
            .await
            .map_err(|e| unavailable(format!("get_object body: {e}")))?;
        Ok(Some(bytes.into_bytes().to_vec()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[tokio::test]
    async fn a_local_file_is_written_once() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path(), "http://localhost");
        let id = uuid::Uuid::new_v4().to_string();
        assert_eq!(blobs.read(&id).await.unwrap(), None);
        blobs.put_once(&id, b"%PDF-1").await.unwrap();
        let again = blobs.put_once(&id, b"%PDF-2").await.unwrap_err();
        assert_eq!(again.code, domain::ErrorCode::UploadUsed);
        assert_eq!(
            blobs.read(&id).await.unwrap().as_deref(),
            Some(&b"%PDF-1"[..])
        );
        // Only the file itself is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(blobs.put_once("../x", b"").await.is_err());
    }

    #[tokio::test]
    async fn a_presigned_upload_is_short_lived_and_does_not_overwrite() {
        let config = aws_sdk_s3::Config::builder()
            .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
            .region(aws_sdk_s3::config::Region::new("eu-central-1"))
            .credentials_provider(aws_sdk_s3::config::Credentials::new(
                "AKIDEXAMPLE",
                "secret",
                None,
                None,
                "tests",
            ))
            .build();
        let blobs = S3Blobs::new(aws_sdk_s3::Client::from_conf(config), "files");
        let up = blobs
            .upload_target("f1", "application/pdf", 100, "")
            .await
            .unwrap();
        assert_eq!(up.method, "PUT");
        assert!(up.url.contains("/files/f1?"), "{}", up.url);
        assert!(up.url.contains("X-Amz-Expires=300"), "{}", up.url);
        let header = |name: &str| {
            up.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("if-none-match"), Some("*"), "{:?}", up.headers);
        assert_eq!(header("content-type"), Some("application/pdf"));
    }
}
