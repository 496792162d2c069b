//! The runner's HTTP side: one dispatcher in front of the functions' handlers, the uploads,
//! the dev endpoints and the static site.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body as AxumBody, Bytes};
use axum::extract::State as AxumState;
use axum::response::{IntoResponse, Response as AxumResponse};
use domain::{ErrorCode, MsgLang};
use http::{HeaderValue, Method, StatusCode, header};
use lambda_http::Body as LambdaBody;
use p256::ecdsa::SigningKey;
use service::blobs::LocalBlobs;
use service::clock::{Clock, DevClock, SystemClock};
use service::http::{error_response, match_path};
use service::{ApiError, Ctx};
use store::Store;

use crate::routes::{self, Route};

/// The largest request body the API accepts (documents go to /uploads, not through the API).
const API_BODY_LIMIT: usize = 1024 * 1024;

pub struct Options {
    pub data_dir: PathBuf,
    pub dev: bool,
    pub admins: BTreeMap<String, String>,
    /// `(endpoint, table)` when the store is DynamoDB.
    pub dynamodb: Option<(Option<String>, String)>,
    /// `(endpoint, queue name)` when the queue is SQS.
    pub sqs: Option<(Option<String>, String)>,
    pub static_dir: PathBuf,
    pub public_url: String,
    /// The population register's seed file.
    pub population: PathBuf,
}

pub struct State {
    pub ctx: Arc<Ctx>,
    pub dev: bool,
    pub dev_clock: Arc<DevClock>,
    pub signing_key: SigningKey,
    /// The dev CA (`<data-dir>/dev-ca`): trusted here, and `POST /api/dev/certificates` issues
    /// its certificates.
    pub dev_ca: Arc<pki::dev::DevCa>,
    pub blobs: Arc<LocalBlobs>,
    pub routes: Vec<Route>,
    pub static_dir: PathBuf,
    /// What `/config.json` answers (`SITE_CONFIG_JSON`, or the dev login's in dev mode).
    pub site_config: Option<String>,
    pub sms: Arc<service::sms::SmsSink>,
    pub email: Arc<service::email::EmailSink>,
    /// The queue's outage switch (`PUT /api/dev/queue`): shows that nothing is lost while the
    /// queue is unreachable.
    pub queue_switch: Arc<queue::Flaky<Arc<dyn queue::Queue>>>,
    /// The local population register (`POST /api/dev/population` adds to it).
    pub population: Option<Arc<service::population::LocalPopulationRegister>>,
}

pub use crate::auth::{AUDIENCE, ISSUER};

impl State {
    pub async fn build(o: Options) -> Result<State, String> {
        let store: Arc<dyn Store> = match &o.dynamodb {
            Some((endpoint, table)) => {
                let s = store::dynamodb::DynamoStore::from_env_endpoint(endpoint.as_deref(), table)
                    .await;
                s.ensure_table()
                    .await
                    .map_err(|e| format!("table {table}: {e}"))?;
                Arc::new(s)
            }
            None => Arc::new(
                store::embedded::EmbeddedStore::open(o.data_dir.join("store.redb"))
                    .map_err(|e| format!("embedded store: {e}"))?,
            ),
        };
        let queue: Arc<dyn queue::Queue> = match &o.sqs {
            Some((endpoint, name)) => {
                let client = queue::sqs::sqs_client(endpoint.as_deref()).await;
                Arc::new(
                    queue::sqs::ensure_queues(&client, name)
                        .await
                        .map_err(|e| format!("queue {name}: {e}"))?,
                )
            }
            None => Arc::new(queue::embedded::EmbeddedQueue::new()),
        };
        let queue_switch = Arc::new(queue::Flaky::new(queue));
        let queue: Arc<dyn queue::Queue> = queue_switch.clone();
        let signing_key = load_or_create_key(&o.data_dir.join("signing-key"))?;
        // Its own dev tokens and, when `JWT_*` configure one, an identity provider's (the same
        // variables as the Lambda functions), in every mode.
        let provider = service::auth::JwtConfig::from_env()?;
        let verifier = crate::auth::verifier(&signing_key, provider.as_ref())?;
        if let Some(p) = &provider {
            tracing::info!(issuer = %p.issuer, "accepting the identity provider's tokens");
        }
        let site_config = crate::auth::site_config(std::env::var("SITE_CONFIG_JSON").ok(), o.dev)?;
        let dev_clock = Arc::new(DevClock::new());
        let clock: Arc<dyn Clock> = if o.dev {
            dev_clock.clone()
        } else {
            Arc::new(SystemClock)
        };
        let blobs = Arc::new(LocalBlobs::new(o.data_dir.join("uploads"), &o.public_url));
        std::fs::create_dir_all(blobs.dir()).map_err(|e| format!("uploads dir: {e}"))?;
        let sms = Arc::new(service::sms::SmsSink::default());
        let email = Arc::new(service::email::EmailSink::default());
        let (population, local_population) =
            crate::dev_population::open(&o.population, &o.data_dir, o.dev)?;
        // Decisions are signed with certificates of the dev CA, created on first start, and of
        // any CA configured as the Lambda functions configure it.
        let dev_ca = Arc::new(pki::dev::DevCa::load_or_create(&o.data_dir.join("dev-ca"))?);
        let configured = pki::TrustAnchors::from_pem_bundle(
            &std::env::var("TRUSTED_CA_CERTIFICATES").unwrap_or_default(),
        )
        .map_err(|e| format!("TRUSTED_CA_CERTIFICATES: {e}"))?;
        let ctx = Ctx {
            store,
            queue,
            clock,
            blobs: blobs.clone(),
            sms: sms.clone(),
            email: email.clone(),
            verifier,
            admins: o.admins,
            population,
            trust: Arc::new(dev_ca.anchors().with(configured)),
        };
        Ok(State {
            ctx: Arc::new(ctx),
            dev: o.dev,
            dev_clock,
            signing_key,
            dev_ca,
            blobs,
            routes: routes::table()?,
            static_dir: o.static_dir,
            site_config,
            sms,
            email,
            queue_switch,
            population: local_population,
        })
    }
}

/// The runner's token-signing key, kept in the data dir so tokens survive a restart.
fn load_or_create_key(path: &std::path::Path) -> Result<SigningKey, String> {
    if let Ok(bytes) = std::fs::read(path) {
        return SigningKey::from_slice(&bytes)
            .map_err(|e| format!("signing key {}: {e}", path.display()));
    }
    let key = SigningKey::random(&mut rand_core::OsRng);
    std::fs::write(path, key.to_bytes())
        .map_err(|e| format!("signing key {}: {e}", path.display()))?;
    Ok(key)
}

pub fn router(state: Arc<State>) -> Router {
    Router::new().fallback(dispatch).with_state(state)
}

async fn dispatch(
    AxumState(state): AxumState<Arc<State>>,
    req: http::Request<AxumBody>,
) -> AxumResponse {
    let path = req.uri().path().to_string();
    let lang = MsgLang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    if path == "/api/health" {
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"status":"ok"}"#,
        )
            .into_response();
    }
    if let Some(file_id) = path.strip_prefix("/uploads/") {
        let file_id = file_id.to_string();
        return upload(&state, file_id, req)
            .await
            .unwrap_or_else(|e| from_lambda(error_response(&e, lang)));
    }
    if path.starts_with("/api/dev/") {
        if !state.dev {
            return from_lambda(error_response(&ApiError::not_found(), lang));
        }
        return crate::dev::handle(&state, req)
            .await
            .unwrap_or_else(|e| from_lambda(error_response(&e, lang)));
    }
    if path.starts_with("/api/") || path == "/api" {
        return api(&state, req, lang).await;
    }
    if path == "/config.json"
        && let Some(config) = &state.site_config
    {
        // The site's sign-in mode: the dev login, or the identity provider `SITE_CONFIG_JSON`
        // names (a deployment publishes its own config.json).
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            config.clone(),
        )
            .into_response();
    }
    static_file(&state, &path).await
}

async fn api(state: &State, req: http::Request<AxumBody>, lang: MsgLang) -> AxumResponse {
    let path = req.uri().path().to_string();
    let matching: Vec<&Route> = state
        .routes
        .iter()
        .filter(|r| match_path(&r.path, &path).is_some())
        .collect();
    let Some(route) = matching.iter().find(|r| r.method == req.method().as_str()) else {
        let code = if matching.is_empty() {
            ErrorCode::NotFound
        } else {
            ErrorCode::MethodNotAllowed
        };
        return from_lambda(error_response(&ApiError::new(code), lang));
    };
    let (mut parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, API_BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => return from_lambda(error_response(&ApiError::new(ErrorCode::BadRequest), lang)),
    };
    if !parts.headers.contains_key("x-request-id") {
        let id = uuid::Uuid::new_v4().to_string();
        if let Ok(v) = HeaderValue::from_str(&id) {
            parts.headers.insert("x-request-id", v);
        }
    }
    let body = if bytes.is_empty() {
        LambdaBody::Empty
    } else {
        LambdaBody::Binary(bytes.to_vec())
    };
    let lambda_req = http::Request::from_parts(parts, body);
    // The provider's keys are fetched here, before the handler verifies synchronously (what
    // `service::lambda::run_http` does on Lambda).
    if let Some(token) = service::http::bearer(&lambda_req) {
        state.ctx.verifier.prepare(token).await;
    }
    from_lambda((route.handler)(state.ctx.clone(), lambda_req).await)
}

pub fn from_lambda(resp: service::Response) -> AxumResponse {
    let (parts, body) = resp.into_parts();
    let bytes: Bytes = match body {
        LambdaBody::Empty => Bytes::new(),
        LambdaBody::Text(t) => Bytes::from(t),
        LambdaBody::Binary(b) => Bytes::from(b),
        _ => Bytes::new(),
    };
    AxumResponse::from_parts(parts, AxumBody::from(bytes))
}

/// A document's bytes, for a one-time token the API issued after checking the caller's access
/// (what a presigned GET is when deployed).
async fn download(state: &State, file_id: &str, token: &str) -> Result<AxumResponse, ApiError> {
    if state.blobs.redeem_download(token).as_deref() != Some(file_id) {
        return Err(ApiError::forbidden().log("download token does not match"));
    }
    let file = table::file::get(state.ctx.store.as_ref(), file_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let path = state.blobs.path(file_id).ok_or_else(ApiError::not_found)?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| ApiError::not_found())?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// The local stand-in for an S3 presigned PUT: the token from `POST /api/files`, the declared
/// content type and exactly the declared size, once (409 `upload_used`) and before the target
/// expires (410 `upload_expired`). A GET with a download token reads the bytes.
async fn upload(
    state: &State,
    file_id: String,
    req: http::Request<AxumBody>,
) -> Result<AxumResponse, ApiError> {
    if req.method() == Method::GET {
        let token = service::http::query(&lambda_like(&req))
            .get("download")
            .cloned()
            .unwrap_or_default();
        return download(state, &file_id, &token).await;
    }
    if req.method() != Method::PUT {
        return Err(ApiError::new(ErrorCode::MethodNotAllowed));
    }
    let token = service::http::query(&lambda_like(&req))
        .get("token")
        .cloned()
        .unwrap_or_default();
    let file = table::file::get(state.ctx.store.as_ref(), &file_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if token.is_empty() || token != file.upload_token {
        return Err(ApiError::forbidden().log("upload token does not match"));
    }
    // Once, and in time: what S3 does with `If-None-Match: *` and the presigned PUT's expiry.
    if state.ctx.blobs.read(&file_id).await?.is_some() {
        return Err(ApiError::new(ErrorCode::UploadUsed));
    }
    if !file.upload_open(chrono::Utc::now()) {
        return Err(ApiError::new(ErrorCode::UploadExpired));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type != file.content_type {
        return Err(ApiError::new(ErrorCode::FileTypeNotAllowed).field("content_type"));
    }
    let limit = usize::try_from(file.size).unwrap_or(usize::MAX);
    let bytes = axum::body::to_bytes(req.into_body(), limit)
        .await
        .map_err(|_| ApiError::new(ErrorCode::FileTooLarge))?;
    if bytes.len() as u64 != file.size {
        return Err(ApiError::new(ErrorCode::ValidationFailed).field("size"));
    }
    state.blobs.put_once(&file_id, &bytes).await?;
    Ok(StatusCode::OK.into_response())
}

/// A body-less lambda request with the same URI, for the shared query parser.
fn lambda_like(req: &http::Request<AxumBody>) -> service::Request {
    let mut r = http::Request::new(LambdaBody::Empty);
    *r.uri_mut() = req.uri().clone();
    r
}

/// The built frontend: its files, and for any other address the `index.html` of the app it
/// belongs to (the kindergarten service's app under `/preschool`, the college service's under
/// `/college`, the education department's under `/edu`, the sign-in with the identity provider
/// at `/signin`, the main app elsewhere).
async fn static_file(state: &State, path: &str) -> AxumResponse {
    let rel = path.trim_start_matches('/');
    if rel
        .split('/')
        .any(|seg| seg == ".." || seg.starts_with('.'))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut file = state
        .static_dir
        .join(if rel.is_empty() { "index.html" } else { rel });
    if !file.is_file() {
        file = state.static_dir.join(app_index(rel));
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let ct = content_type(&file);
            ([(header::CONTENT_TYPE, ct)], bytes).into_response()
        }
        Err(_) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Qabyldau API is running; the site is not built (make frontend).",
        )
            .into_response(),
    }
}

/// The `index.html` that answers an app's address (deep links included), relative to the site.
fn app_index(rel: &str) -> &'static str {
    let under = |app: &str| {
        rel.strip_prefix(app)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if under("preschool") {
        "preschool/index.html"
    } else if under("college") {
        "college/index.html"
    } else if under("edu") {
        "edu/index.html"
    } else if under("signin") {
        "signin/index.html"
    } else {
        "index.html"
    }
}

fn content_type(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_app_answers_its_own_deep_links() {
        for (rel, index) in [
            ("", "index.html"),
            ("my/42", "index.html"),
            ("preschool", "preschool/index.html"),
            ("preschool/", "preschool/index.html"),
            ("preschool/applications/x", "preschool/index.html"),
            ("preschooler", "index.html"),
            ("college", "college/index.html"),
            ("college/", "college/index.html"),
            ("college/cabinet/applications/x", "college/index.html"),
            ("colleges", "index.html"),
            ("edu", "edu/index.html"),
            ("edu/applications/x", "edu/index.html"),
            ("education", "index.html"),
            ("signin", "signin/index.html"),
            ("signin/", "signin/index.html"),
            ("signing", "index.html"),
        ] {
            assert_eq!(super::app_index(rel), index, "{rel}");
        }
    }
}
