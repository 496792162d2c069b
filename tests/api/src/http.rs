//! The HTTP client: `Api` (base url and client) and its JSON request helpers. Every helper
//! returns `(status, body)`: the status as a number and the body parsed as JSON (`Value::Null`
//! when empty, `Value::String` with the raw text when it is not JSON).

use std::time::Duration;

use reqwest::Method;
use serde_json::Value;

/// The HTTP side of a harness: cheap to clone, so concurrent requests can each own one.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
}

/// A request body: JSON, raw bytes with a content type, or none.
pub enum Body<'a> {
    None,
    Json(&'a Value),
    Raw(&'a [u8], &'a str),
}

/// A client to the runner on loopback (no proxy), each request within `timeout`. The process's
/// TLS provider is installed first: reqwest is built without one (`cloud::install_tls`).
pub fn local_client(timeout: Duration) -> reqwest::Client {
    cloud::install_tls();
    reqwest::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
        .expect("reqwest client")
}

impl Api {
    pub fn new(base: String) -> Api {
        let client = local_client(Duration::from_secs(60));
        Api { client, base }
    }

    /// The absolute url of `path` (already absolute urls are kept).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    /// The general request: method, path, bearer token, body, `Accept-Language`.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Body<'_>,
        lang: Option<&str>,
    ) -> (u16, Value) {
        let mut rb = self.client.request(method.clone(), self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(l) = lang {
            rb = rb.header("Accept-Language", l);
        }
        rb = match body {
            Body::None => rb,
            Body::Json(v) => rb.json(v),
            Body::Raw(bytes, ct) => rb.header("Content-Type", ct).body(bytes.to_vec()),
        };
        let resp = rb
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: request failed: {e}"));
        let status = resp.status().as_u16();
        let bytes = resp
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: reading the body failed: {e}"));
        (status, parse_body(&bytes))
    }

    /// `GET` of a file: the status, the `Content-Type` and the body's bytes.
    pub async fn download(&self, path: &str, token: Option<&str>) -> (u16, String, Vec<u8>) {
        let mut rb = self.client.get(self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        let resp = rb
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: request failed: {e}"));
        let status = resp.status().as_u16();
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let bytes = resp
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: reading the body failed: {e}"));
        (status, content_type, bytes.to_vec())
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        self.request(Method::GET, path, token, Body::None, None)
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.request(Method::POST, path, token, Body::Json(body), None)
            .await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.request(Method::PUT, path, token, Body::Json(body), None)
            .await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        self.request(Method::DELETE, path, token, Body::None, None)
            .await
    }
}

fn parse_body(bytes: &[u8]) -> Value {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Value::Null;
    }
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

/// A string field of a JSON object, asserting it is present and non-empty.
#[track_caller]
pub fn str_field(v: &Value, field: &str) -> String {
    match &v[field] {
        Value::String(s) if !s.is_empty() => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => panic!("no {field:?} in {v}"),
    }
}

/// The `id`s of a list answer's `items`, in order, asserting there is an `items` array.
#[track_caller]
pub fn ids(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {v}"))
        .iter()
        .map(|i| str_field(i, "id"))
        .collect()
}
