//! HTTP helpers over `lambda_http` types, so the same handler serves API Gateway and the
//! local runner.

use std::collections::BTreeMap;

use domain::api::{ErrorBody, ErrorDetail};
use domain::{AcademicYear, ErrorCode, MsgLang};
use lambda_http::Body;
use lambda_http::http::{HeaderValue, Method, StatusCode, header};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ApiError;

pub type Request = lambda_http::Request;
pub type Response = lambda_http::Response<Body>;

/// Path parameters of a matched route, e.g. `{org}` → value.
pub type Params = BTreeMap<String, String>;

/// Matches a path against a route pattern like `/api/orgs/{org}/limits/{limit_id}`.
pub fn match_path(pattern: &str, path: &str) -> Option<Params> {
    let mut params = Params::new();
    let mut pat = pattern.trim_end_matches('/').split('/');
    let mut got = path.trim_end_matches('/').split('/');
    loop {
        match (pat.next(), got.next()) {
            (None, None) => return Some(params),
            (Some(p), Some(g)) if p.starts_with('{') && p.ends_with('}') => {
                if g.is_empty() {
                    return None;
                }
                params.insert(p[1..p.len() - 1].to_string(), percent_decode(g));
            }
            (Some(p), Some(g)) if p == g => {}
            _ => return None,
        }
    }
}

/// The route's parameters when the request has that method and its path matches.
pub fn route(req: &Request, method: Method, pattern: &str) -> Option<Params> {
    if req.method() != method {
        return None;
    }
    match_path(pattern, req.uri().path())
}

/// Minimal percent-decoding for path segments and query values (UTF-8; `+` is a space only
/// in queries).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The query parameters (last value wins).
pub fn query(req: &Request) -> BTreeMap<String, String> {
    req.uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect()
}

/// The `academic_year` query parameter (`2026-2027`), `None` when absent; 422
/// `invalid_academic_year` on the field when unreadable.
pub fn academic_year(req: &Request) -> Result<Option<AcademicYear>, ApiError> {
    query(req)
        .get("academic_year")
        .map(|y| y.parse())
        .transpose()
        .map_err(|_| ApiError::new(ErrorCode::InvalidAcademicYear).field("academic_year"))
}

/// [`academic_year`], required: 422 `validation_failed` on the field when absent.
pub fn required_academic_year(req: &Request) -> Result<AcademicYear, ApiError> {
    academic_year(req)?
        .ok_or_else(|| ApiError::new(ErrorCode::ValidationFailed).field("academic_year"))
}

/// The caller's language for messages: Kazakh when asked for, Russian otherwise.
pub fn lang(req: &Request) -> MsgLang {
    MsgLang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The JSON body as `T`: unreadable JSON is 400 `bad_request`; readable JSON of the wrong
/// shape (a missing field, a wrong type, an unknown enum value) is 422 `validation_failed`
/// naming the field where it went wrong, as a path (`child.birth_date`, `documents[1].kind`).
pub fn json_body<T: DeserializeOwned>(req: &Request) -> Result<T, ApiError> {
    let bytes: &[u8] = match req.body() {
        Body::Empty => b"",
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
        _ => b"",
    };
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest).log(format!("body: {e}")))?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = field_of(&e);
        ApiError::new(ErrorCode::ValidationFailed)
            .field(field)
            .log(format!("body: {}", e.inner()))
    })
}

/// The field a deserialisation error concerns. Serde reports a missing field at the object
/// holding it, so its name (from the message) is appended to that path.
fn field_of(e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let msg = e.inner().to_string();
    let missing = msg
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path.is_empty(), missing) {
        (true, Some(name)) => name.to_string(),
        (false, Some(name)) => format!("{path}.{name}"),
        (_, None) if path.is_empty() => "body".to_string(),
        (_, None) => path,
    }
}

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut resp = Response::new(Body::Text(body));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

pub fn ok<T: Serialize>(value: &T) -> Response {
    json(StatusCode::OK, value)
}

pub fn created<T: Serialize>(value: &T) -> Response {
    json(StatusCode::CREATED, value)
}

/// 200 with a file to download (`Content-Disposition: attachment`): an export. `filename` is
/// ASCII (a header value); the file's own header rows say what it is in the caller's language.
pub fn file(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut resp = Response::new(Body::Binary(bytes));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let safe: String = filename
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '_',
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// 204: done, nothing to show.
pub fn no_content() -> Response {
    let mut resp = Response::new(Body::Empty);
    *resp.status_mut() = StatusCode::NO_CONTENT;
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// The error as the caller sees it.
pub fn error_response(err: &ApiError, lang: MsgLang) -> Response {
    let status =
        StatusCode::from_u16(err.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json(
        status,
        &ErrorBody {
            error: ErrorDetail {
                code: err.code,
                message: match &err.detail {
                    Some(t) => lang.pick(&t.ru, &t.kk).to_string(),
                    None => err.code.message(lang).to_string(),
                },
                field: err.field.clone(),
            },
        },
    )
}

/// The bearer token of the request, if any.
pub fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_is_an_attachment_with_a_safe_name() {
        let resp = file(
            vec![1, 2, 3],
            "application/octet-stream",
            "отчёт 2026\"x.xlsx",
        );
        assert_eq!(
            resp.headers()[header::CONTENT_TYPE],
            "application/octet-stream"
        );
        assert_eq!(
            resp.headers()[header::CONTENT_DISPOSITION],
            "attachment; filename=\"______2026_x.xlsx\""
        );
        assert!(matches!(resp.body(), Body::Binary(b) if b == &[1, 2, 3]));
    }

    use super::*;

    #[test]
    fn paths_match_patterns() {
        let p = match_path(
            "/api/orgs/{org}/limits/{limit_id}",
            "/api/orgs/o1/limits/2026-2027-1-ru",
        )
        .unwrap();
        assert_eq!(p["org"], "o1");
        assert_eq!(p["limit_id"], "2026-2027-1-ru");
        assert!(match_path("/api/orgs/{org}", "/api/orgs/o1/limits").is_none());
        assert!(match_path("/api/orgs/{org}", "/api/orgs/").is_none());
        assert!(match_path("/api/me", "/api/me/").is_some());
        assert_eq!(match_path("/a/{x}", "/a/%D0%90%20b").unwrap()["x"], "А b");
    }

    #[test]
    fn shape_errors_name_the_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            kind: domain::Lang,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Body1 {
            count: u32,
            docs: Vec<Doc>,
            inner: Option<Box<Body1>>,
        }
        let field = |body: &str| {
            let req = lambda_http::http::Request::builder()
                .body(Body::Text(body.into()))
                .unwrap();
            let e = json_body::<Body1>(&req).unwrap_err();
            assert_eq!(e.code, ErrorCode::ValidationFailed, "{body}");
            e.field.unwrap_or_default()
        };
        // A wrong type, a wrong enum value, a missing field (top level and nested).
        assert_eq!(field(r#"{"count":"x","docs":[]}"#), "count");
        assert_eq!(
            field(r#"{"count":1,"docs":[{"kind":"ru"},{"kind":"de"}]}"#),
            "docs[1].kind"
        );
        assert_eq!(field(r#"{"docs":[]}"#), "count");
        assert_eq!(
            field(r#"{"count":1,"docs":[],"inner":{"docs":[]}}"#),
            "inner.count"
        );
        assert_eq!(field(r#"[1]"#), "body");
    }

    #[test]
    fn query_is_decoded() {
        let req = lambda_http::http::Request::builder()
            .uri("/api/x?academic_year=2026-2027&q=%D0%90+b&flag")
            .body(Body::Empty)
            .unwrap();
        let q = query(&req);
        assert_eq!(q["academic_year"], "2026-2027");
        assert_eq!(q["q"], "А b");
        assert_eq!(q["flag"], "");
    }

    #[test]
    fn malformed_json_is_400_and_wrong_shape_422() {
        let req = |b: &str| {
            lambda_http::http::Request::builder()
                .body(Body::Text(b.into()))
                .unwrap()
        };
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            seats: u32,
        }
        assert_eq!(
            json_body::<T>(&req("{\"seats\":")).unwrap_err().code,
            ErrorCode::BadRequest
        );
        assert_eq!(
            json_body::<T>(&req("")).unwrap_err().code,
            ErrorCode::BadRequest
        );
        let e = json_body::<T>(&req("{\"seats\":-1}")).unwrap_err();
        assert_eq!(e.code, ErrorCode::ValidationFailed);
        let e = json_body::<T>(&req("{}")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("seats"));
    }
}
