//! `blobs::check_documents`: an application's documents are read at once, and the error still
//! names the first bad document in the request's order, whichever read ends first.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use domain::api::{DocumentRef, Upload};
use domain::{DocumentKind, ErrorCode};
use service::access::Caller;
use service::blobs::{Blobs, LocalBlobs, check_documents};
use service::sms::SmsSink;
use service::{ApiError, Ctx};
use table::file::FileItem;

const PARENT: &str = "880101300123";

/// Local files whose reads take a while and are counted while in flight; the file named
/// `SLOW` takes longer than the rest.
struct SlowBlobs {
    files: LocalBlobs,
    in_flight: AtomicUsize,
    most_at_once: AtomicUsize,
    reads: AtomicUsize,
}

const SLOW: &str = "00000000-0000-4000-8000-00000000000f";

#[async_trait]
impl Blobs for SlowBlobs {
    async fn upload_target(
        &self,
        id: &str,
        ct: &str,
        size: u64,
        t: &str,
    ) -> Result<Upload, ApiError> {
        self.files.upload_target(id, ct, size, t).await
    }

    async fn read(&self, file_id: &str) -> Result<Option<Vec<u8>>, ApiError> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_at_once.fetch_max(now, Ordering::SeqCst);
        let ms = if file_id == SLOW { 300 } else { 100 };
        tokio::time::sleep(Duration::from_millis(ms)).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.files.read(file_id).await
    }

    async fn download_url(&self, file_id: &str, ct: &str) -> Result<String, ApiError> {
        self.files.download_url(file_id, ct).await
    }
}

struct World {
    ctx: Ctx,
    blobs: Arc<SlowBlobs>,
    caller: Caller,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(store::embedded::EmbeddedStore::temporary().unwrap());
    let queue = Arc::new(queue::embedded::EmbeddedQueue::new());
    let now = chrono::Utc::now();
    let blobs = Arc::new(SlowBlobs {
        files: LocalBlobs::new(dir.path(), "http://localhost"),
        in_flight: AtomicUsize::new(0),
        most_at_once: AtomicUsize::new(0),
        reads: AtomicUsize::new(0),
    });
    let ctx = Ctx::for_tests(store, queue, Arc::new(SmsSink::default()), now, dir.path())
        .with_blobs(blobs.clone());
    let caller = Caller {
        iin: PARENT.into(),
        name: "Ата-ана".into(),
    };
    World {
        ctx,
        blobs,
        caller,
        _dir: dir,
    }
}

impl World {
    /// A file of the parent's, declared as `content_type`, holding `bytes`.
    async fn file(
        &self,
        id: &str,
        kind: DocumentKind,
        content_type: &str,
        bytes: &[u8],
    ) -> DocumentRef {
        let item = FileItem {
            id: id.into(),
            owner_iin: PARENT.into(),
            kind,
            content_type: content_type.into(),
            size: bytes.len() as u64,
            name: None,
            upload_token: "token".into(),
            upload_expires_at: None,
            created_at: chrono::Utc::now().fixed_offset(),
        };
        table::file::create(self.ctx.store.as_ref(), &item)
            .await
            .unwrap();
        self.blobs.files.put_once(id, bytes).await.unwrap();
        DocumentRef {
            kind,
            file_id: id.into(),
            sha256: None,
            pages: None,
        }
    }

    async fn check(&self, documents: &[DocumentRef]) -> Result<Vec<DocumentRef>, ApiError> {
        check_documents(&self.ctx, &self.caller, documents).await
    }
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n".to_vec()
}

/// A file id (the local files are named by UUID).
fn id(n: u8) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

#[tokio::test]
async fn the_documents_are_read_at_once() {
    let w = world().await;
    let mut docs = Vec::new();
    for (n, kind) in [
        DocumentKind::Photo,
        DocumentKind::VaccinationCard,
        DocumentKind::HealthPassport,
    ]
    .into_iter()
    .enumerate()
    {
        docs.push(w.file(&id(n as u8), kind, "application/pdf", &pdf()).await);
    }
    let checked = w.check(&docs).await.expect("three good documents");
    assert_eq!(w.blobs.most_at_once.load(Ordering::SeqCst), 3);
    let ids: Vec<_> = checked.iter().map(|d| d.file_id.as_str()).collect();
    let asked: Vec<_> = docs.iter().map(|d| d.file_id.as_str()).collect();
    assert_eq!(ids, asked, "kept in the request's order");
    assert!(
        checked
            .iter()
            .all(|d| d.sha256.is_some() && d.pages == Some(1))
    );
}

#[tokio::test]
async fn the_first_bad_document_is_named_though_a_later_one_fails_sooner() {
    let w = world().await;
    let photo = w
        .file(&id(0), DocumentKind::Photo, "application/pdf", &pdf())
        .await;
    // Declared a PDF, holds text: found bad only after its slow read.
    let card = w
        .file(
            SLOW,
            DocumentKind::VaccinationCard,
            "application/pdf",
            b"not a pdf",
        )
        .await;
    let docs = [
        photo,
        card,
        // No such file: found bad at once, without reading any bytes.
        DocumentRef {
            kind: DocumentKind::HealthPassport,
            file_id: id(9),
            sha256: None,
            pages: None,
        },
    ];
    let err = w.check(&docs).await.expect_err("two bad documents");
    assert_eq!(err.code, ErrorCode::FileTypeMismatch);
    assert_eq!(err.field.as_deref(), Some("documents.vaccination_card"));

    // The same file twice is refused before anything is read.
    let reads = w.blobs.reads.load(Ordering::SeqCst);
    let twice = [docs[0].clone(), docs[0].clone()];
    let err = w.check(&twice).await.expect_err("a file attached twice");
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert_eq!(err.field.as_deref(), Some("documents.photo"));
    assert_eq!(w.blobs.reads.load(Ordering::SeqCst), reads);
}
