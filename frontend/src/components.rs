//! Small pieces every page uses: form fields and checkboxes with their errors, the error
//! summary, status badges, loading and error states, times in Almaty, names and texts.

use chrono::{DateTime, FixedOffset, Utc};
use domain::api::{DocumentLink, Text};
use domain::{MsgLang, Status};
use yew::prelude::*;

use crate::api::{Api, ApiError, spawn};
use crate::state::use_app;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The id of the input inside; the label points at it.
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub required: bool,
    pub children: Html,
}

/// A labelled input with its hint and its error under it (`aria-describedby` on the input is
/// `{id}-hint {id}-error`).
#[function_component]
pub fn Field(p: &FieldProps) -> Html {
    let class = classes!("field", p.error.is_some().then_some("field-invalid"));
    html! {
        <div class={class}>
            <label for={p.id.clone()}>
                {p.label.clone()}
                if p.required { <span class="req" aria-hidden="true">{" *"}</span> }
            </label>
            {p.children.clone()}
            // The ids the input's `aria-describedby` names exist even without a hint or an
            // error (hidden and empty then): a reference to nothing is an error of its own.
            if let Some(h) = &p.hint { <p class="hint" id={format!("{}-hint", p.id)}>{h.clone()}</p> }
            else { <span hidden=true id={format!("{}-hint", p.id)}></span> }
            if let Some(e) = &p.error {
                <p class="error-text" id={format!("{}-error", p.id)}>{e.clone()}</p>
            } else { <span hidden=true id={format!("{}-error", p.id)}></span> }
        </div>
    }
}

/// `aria-describedby` for an input inside [`Field`].
pub fn described_by(id: &str) -> String {
    format!("{id}-hint {id}-error")
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    /// The new state, on every change.
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub name: Option<AttrValue>,
    #[prop_or_default]
    pub value: Option<AttrValue>,
}

/// A checkbox with its label beside it and its hint and error under the label, both named by
/// `aria-describedby` (only those shown: a reference to nothing is itself an error).
#[function_component]
pub fn Checkbox(p: &CheckboxProps) -> Html {
    let hint_id = p.hint.as_ref().map(|_| format!("{}-hint", p.id));
    let error_id = p.error.as_ref().map(|_| format!("{}-error", p.id));
    let described: Vec<&str> = [hint_id.as_deref(), error_id.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let onchange = p.onchange.reform(|e: Event| checked_of(&e));
    html! {
        <div class={classes!("field", "checkbox", p.error.is_some().then_some("field-invalid"))}>
            <input type="checkbox" id={p.id.clone()} name={p.name.clone()} value={p.value.clone()}
                checked={p.checked} {onchange}
                aria-invalid={p.error.is_some().then_some("true")}
                aria-describedby={(!described.is_empty()).then(|| described.join(" "))} />
            <div>
                <label for={p.id.clone()}>{p.label.clone()}</label>
                if let (Some(h), Some(id)) = (&p.hint, &hint_id) { <p class="hint" id={id.clone()}>{h.clone()}</p> }
                if let (Some(e), Some(id)) = (&p.error, &error_id) { <p class="error-text" id={id.clone()}>{e.clone()}</p> }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    /// `(input id, message)`; an empty id means an error of the whole form.
    pub errors: Vec<(String, String)>,
}

/// [`error_summary`] as a component, for the other apps' pages.
#[function_component]
pub fn ErrorSummary(p: &ErrorSummaryProps) -> Html {
    error_summary(use_app().lang, &p.errors)
}

/// The list of a form's errors at its top, each a link to its field: `(input id, message)`,
/// an empty id for an error of the whole form. (A function for the main app's pages: every
/// component type adds lifecycle code to the wasm.)
pub fn error_summary(lang: MsgLang, errors: &[(String, String)]) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
            <h2>{crate::i18n::tr(lang, "errors_title")}</h2>
            <ul>
                { for errors.iter().map(|(id, msg)| if id.is_empty() {
                    html! { <li>{msg.clone()}</li> }
                } else {
                    html! { <li><a href={format!("#{id}")}>{msg.clone()}</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// An API refusal, worded as the API words it. (Plain functions rather than components for
/// such leaves: every component type adds several KB of lifecycle code to the wasm.)
pub fn api_error(error: impl Into<Option<ApiError>>) -> Html {
    match error.into() {
        None => html! {},
        Some(e) => html! {
            <div class="alert alert-error" role="alert" data-code={e.code}>{e.message}</div>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub status: Status,
    #[prop_or_default]
    pub overdue: bool,
}

/// [`status_badge`] as a component, for the other apps' pages.
#[function_component]
pub fn StatusBadge(p: &StatusBadgeProps) -> Html {
    status_badge(use_app().lang, p.status, p.overdue)
}

/// The status with the name users know from OQU, and the overdue mark. (The main app's pages
/// call it as a function: every component type adds lifecycle code to the wasm.)
pub fn status_badge(lang: MsgLang, status: Status, overdue: bool) -> Html {
    html! {
        <span class="badges">
            <span class={classes!("badge", format!("badge-{}", status.as_str()))} data-status={status.as_str()}>
                {status.title(lang)}
            </span>
            if overdue { <span class="badge badge-overdue">{crate::i18n::tr(lang, "overdue")}</span> }
        </span>
    }
}

pub fn loading(lang: MsgLang) -> Html {
    html! { <p class="loading" role="status" aria-live="polite">{crate::i18n::tr(lang, "loading")}</p> }
}

/// `25.05.2026 12:30` in Almaty time.
pub fn fmt_time(t: &DateTime<FixedOffset>) -> String {
    use chrono::Timelike;
    let t = domain::to_almaty(t.with_timezone(&Utc));
    format!(
        "{} {:02}:{:02}",
        fmt_date(&t.date_naive()),
        t.hour(),
        t.minute()
    )
}

/// `25.05.2026`.
pub fn fmt_date(d: &chrono::NaiveDate) -> String {
    // By hand: chrono's strftime machinery is large in the wasm.
    use chrono::Datelike;
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// The time left to a deadline ("3 ч 20 мин"), or `None` when it has passed.
pub fn time_left(lang: MsgLang, due: &DateTime<FixedOffset>, now: DateTime<Utc>) -> Option<String> {
    let left = due.with_timezone(&Utc) - now;
    if left <= chrono::TimeDelta::zero() {
        return None;
    }
    let minutes = left.num_minutes();
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let (dn, hn, mn) = match lang {
        MsgLang::Ru => ("д", "ч", "мин"),
        MsgLang::Kk => ("күн", "сағ", "мин"),
    };
    Some(if d > 0 {
        format!("{d} {dn} {h} {hn}")
    } else if h > 0 {
        format!("{h} {hn} {m} {mn}")
    } else {
        format!("{m} {mn}")
    })
}

/// The value of an `<input>`/`<select>`/`<textarea>` an event came from.
pub fn value_of(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let target = e.target();
    if let Some(i) = target
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        return i.value();
    }
    if let Some(s) = target
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        return s.value();
    }
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn checked_of(e: &Event) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The text of a `{ru, kk}` pair in the reader's language.
pub fn pick(lang: MsgLang, t: &Text) -> String {
    lang.pick(&t.ru, &t.kk).to_string()
}

/// A query-string value, encoded.
pub fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// Opens an application's document in a new tab by its short-lived link
/// (`GET /api/applications/{id}/documents/{file_id}`); a refusal goes to `on_error`, and
/// `on_changed` hears when its bytes are no longer those submitted.
pub fn open_document(
    api: Api,
    application_id: &str,
    file_id: &str,
    on_error: Callback<ApiError>,
    on_changed: Callback<()>,
) {
    let path = format!(
        "/api/applications/{}/documents/{}",
        enc(application_id),
        enc(file_id)
    );
    open_document_at(api, path, on_error, on_changed);
}

/// Opens a document in a new tab by the short-lived link that `path` answers with.
pub fn open_document_at(
    api: Api,
    path: String,
    on_error: Callback<ApiError>,
    on_changed: Callback<()>,
) {
    // The tab opens now, while the click still allows it; it gets its address later.
    let window = web_sys::window();
    let tab = window.as_ref().and_then(|w| {
        w.open_with_url_and_target("about:blank", "_blank")
            .ok()
            .flatten()
    });
    if let Some(t) = &tab {
        let _ = t.set_opener(&wasm_bindgen::JsValue::NULL);
    }
    spawn(async move {
        match api.get::<DocumentLink>(&path).await {
            Ok(d) => {
                if d.changed {
                    on_changed.emit(());
                }
                // Made absolute for the new tab.
                let url = if d.url.starts_with('/') {
                    let origin = window
                        .as_ref()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    format!("{origin}{}", d.url)
                } else {
                    d.url
                };
                match (&tab, &window) {
                    (Some(t), _) => {
                        let _ = t.location().set_href(&url);
                    }
                    (None, Some(w)) => {
                        let _ = w.open_with_url_and_target(&url, "_blank");
                    }
                    _ => {}
                }
            }
            Err(e) => {
                if let Some(t) = tab {
                    let _ = t.close();
                }
                on_error.emit(e);
            }
        }
    });
}

/// The business "now": the browser's clock (the server decides every rule with its own).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}
