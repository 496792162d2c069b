//! Black-box tests of the population register (DESIGN «Who a child belongs to is not the
//! caller's word»): only a legal representative applies (`submit`), the register's address
//! gives the admission type, a stale guard holder does not block (`submit`); the wizard's read
//! of the registration and the dev endpoint that records a family (`register`).
//!
//! Each scenario is instantiated for both stores by `scenarios!` (see main.rs).

use api_tests::*;

mod register;
mod submit;

/// `POST /api/applications` as `who` with `Accept-Language: kk`.
async fn submit_kk(h: &Api, who: &Person, body: &Value) -> (u16, Value) {
    h.request(
        Method::POST,
        "/api/applications",
        Some(&who.token),
        Body::Json(body),
        Some("kk"),
    )
    .await
}

/// Asserts a `not_legal_representative` refusal about the child's IIN, in `lang`.
#[track_caller]
fn assert_not_representative(resp: &(u16, Value), lang: Lang) -> String {
    let msg = assert_error(resp, 403, "not_legal_representative", lang);
    assert_eq!(resp.1["error"]["field"], "child.iin", "{}", resp.1);
    msg
}
