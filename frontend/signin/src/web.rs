//! The browser's half of the sign-in: `fetch`, random values and SHA-256 from `crypto` (no
//! hashing crate in the wasm), sessionStorage (gone with the tab; never localStorage), the
//! page's few words, and where the browser goes next.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, RequestCache, RequestInit, Response, Storage, Window};

use crate::oidc::{
    AuthorizeRequest, Endpoints, OidcConfig, PENDING_KEY, Pending, Refusal, SiteConfig, Tokens,
    base64url, check_id_token, check_iin, claims, code_form, discovery_url, endpoints,
    redirect_uri, session_entries, tokens,
};

fn window() -> Window {
    web_sys::window().expect("a window")
}

pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

pub fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// Leaves this page for `url` without keeping it in the history (the back button skips the
/// sign-in's own addresses).
pub fn go(url: &str) {
    let _ = window().location().replace(url);
}

fn session() -> Option<Storage> {
    window().session_storage().ok()?
}

pub fn load(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

pub fn save(key: &str, value: Option<&str>) {
    if let Some(s) = session() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

async fn wait(promise: Promise) -> Option<JsValue> {
    JsFuture::from(promise).await.ok()
}

/// The body of a GET (`form`: None) or of a form-encoded POST, when the answer is a 2xx.
async fn fetch(url: &str, form: Option<String>) -> Option<String> {
    let init = RequestInit::new();
    // Never a stale config.json or discovery document; a token answer is never cached anyway.
    init.set_cache(RequestCache::NoCache);
    if let Some(body) = form {
        init.set_method("POST");
        init.set_body(&body.into());
        let headers = web_sys::Headers::new().ok()?;
        headers
            .set("Content-Type", "application/x-www-form-urlencoded")
            .ok()?;
        init.set_headers(&headers);
    }
    let resp: Response = wait(window().fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()
        .ok()?;
    if !resp.ok() {
        return None;
    }
    wait(resp.text().ok()?).await?.as_string()
}

/// The site's `/config.json`; `None` when missing or unreadable.
pub async fn site_config() -> Option<SiteConfig> {
    serde_json::from_str(&fetch("/config.json", None).await?).ok()
}

async fn discover(issuer: &str) -> Result<Endpoints, Refusal> {
    let text = fetch(&discovery_url(issuer), None).await;
    text.as_deref().and_then(endpoints).ok_or(Refusal::Provider)
}

fn random(n: usize) -> Option<String> {
    let mut bytes = vec![0u8; n];
    window()
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(base64url(&bytes))
}

/// base64url(SHA-256(`text`)): the S256 code challenge.
async fn challenge(text: &str) -> Option<String> {
    let subtle = window().crypto().ok()?.subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", text.as_bytes())
        .ok()?;
    Some(base64url(&Uint8Array::new(&wait(promise).await?).to_vec()))
}

/// The provider's sign-in page for this tab's new sign-in; its `state`, `nonce`, PKCE verifier
/// and the page to return to are kept for the way back.
pub async fn begin(config: &OidcConfig, return_to: String) -> Result<String, Refusal> {
    let ends = discover(&config.issuer).await?;
    let (Some(state), Some(nonce), Some(verifier)) = (random(16), random(16), random(32)) else {
        return Err(Refusal::Provider);
    };
    let challenge = challenge(&verifier).await.ok_or(Refusal::Provider)?;
    let url = AuthorizeRequest {
        endpoint: &ends.authorization,
        client_id: &config.client_id,
        redirect_uri: &redirect_uri(&origin()),
        scope: &config.scope,
        state: &state,
        nonce: &nonce,
        challenge: &challenge,
    }
    .url();
    let pending = Pending {
        state,
        nonce,
        verifier,
        return_to,
    };
    save(PENDING_KEY, Some(&pending.encode()));
    Ok(url)
}

/// The way back (`?code=&state=`): checks `state`, trades the code with the verifier, checks
/// the id token (nonce, audience, issuer, an IIN in the configured claim) and leaves the
/// session in sessionStorage. Returns the page the sign-in started from.
pub async fn complete(config: &OidcConfig, code: &str, state: &str) -> Result<String, Refusal> {
    // Used once: a reload of the callback or a replayed link finds nothing waiting.
    let pending = load(PENDING_KEY).and_then(|p| Pending::decode(&p));
    save(PENDING_KEY, None);
    let pending = pending.filter(|p| p.state == state).ok_or(Refusal::State)?;
    let ends = discover(&config.issuer).await?;
    let origin = origin();
    let form = code_form(
        code,
        &pending.verifier,
        &redirect_uri(&origin),
        &config.client_id,
    );
    let t: Tokens = fetch(&ends.token, Some(form))
        .await
        .as_deref()
        .and_then(tokens)
        .ok_or(Refusal::Provider)?;
    let c = claims(&t.id).ok_or(Refusal::IdToken)?;
    check_id_token(&c, &pending.nonce, &config.client_id, &config.issuer)?;
    check_iin(&c, &config.iin_claim)?;
    for (key, value) in session_entries(&t, &c, &ends, config, &origin) {
        save(key, value.as_deref());
    }
    Ok(pending.return_to)
}

fn document() -> Option<Document> {
    window().document()
}

/// The language the site was left in (`state.rs` keeps it in localStorage), set on `<html>`
/// with the theme.
pub fn lang() -> &'static str {
    let local = window().local_storage().ok().flatten();
    let get = |k: &str| local.as_ref().and_then(|s| s.get_item(k).ok().flatten());
    let lang = if get("qabyldau.lang").as_deref() == Some("kk") {
        "kk"
    } else {
        "ru"
    };
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang);
        if let Some(dark) = get("qabyldau.dark") {
            let _ = root.set_attribute("data-theme", if dark == "1" { "dark" } else { "light" });
        }
    }
    lang
}

/// The site's common texts in `lang` (`/i18n/common.<lang>`), empty when unreachable.
pub async fn texts(lang: &str) -> String {
    fetch(&format!("/i18n/common.{lang}"), None)
        .await
        .unwrap_or_default()
}

/// Shows why the sign-in stopped, with a new try and the way home: `words` are the texts of
/// the heading, the reason, the try and the home link.
pub fn show(words: [&str; 4], retry: &str) -> Option<()> {
    let doc = document()?;
    let section = doc.get_element_by_id("signin")?;
    section.set_text_content(None);
    let add = |parent: &Element, tag: &str, attrs: &[(&str, &str)], text: &str| {
        let el = doc.create_element(tag).ok()?;
        for (name, value) in attrs {
            el.set_attribute(name, value).ok()?;
        }
        el.set_text_content(Some(text));
        parent.append_child(&el).ok()?;
        Some(el)
    };
    add(&section, "h1", &[], words[0])?;
    let alert = [
        ("class", "alert alert-error"),
        ("role", "alert"),
        ("data-testid", "login-error"),
    ];
    add(&section, "p", &alert, words[1])?;
    let actions = add(&section, "div", &[("class", "row-actions")], "")?;
    let again = [
        ("class", "btn"),
        ("href", retry),
        ("data-testid", "login-retry"),
    ];
    add(&actions, "a", &again, words[2])?;
    add(
        &actions,
        "a",
        &[("class", "btn btn-secondary"), ("href", "/")],
        words[3],
    )?;
    Some(())
}
