//! «История изменений» (time, who, what) and «Общие документы» (title, date, «Скачать»: the
//! document fetched with the session and saved as the file the API names).

use domain::MsgLang;
use domain::api::{HistoryEvent, List};
use domain::preschool::api::QueueDocument;
use frontend::api::ApiError;
use frontend::components::{api_error, fmt_date, fmt_time, pick};
use frontend::hooks::{Remote, pending, use_get};
use frontend::i18n::tr;
use frontend::state::{App, Texts, use_app};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::path;

#[derive(Properties, PartialEq)]
pub struct TabProps {
    pub id: String,
    /// Asks again when the application changed.
    pub reload: u32,
}

/// An event's action in words (an action the page does not know shows as recorded).
pub fn action_text(lang: MsgLang, action: &str) -> String {
    match action {
        "registered" => tr(lang, "pp_hist_registered"),
        "privilege_changed" => tr(lang, "pp_hist_privilege_changed"),
        "privilege_confirmed" => tr(lang, "pp_hist_privilege_confirmed"),
        "privilege_refused" => tr(lang, "pp_hist_privilege_refused"),
        "removed" => tr(lang, "pp_hist_removed"),
        "directed" | "direction_issued" => tr(lang, "pp_hist_directed"),
        "direction_extended" | "extended" => tr(lang, "pp_hist_extended"),
        "direction_revoked" | "revoked" => tr(lang, "pp_hist_revoked"),
        "direction_expired" | "expired" => tr(lang, "pp_hist_expired"),
        "arrived" | "enrolled" => tr(lang, "pp_hist_enrolled"),
        other => other,
    }
    .to_string()
}

/// Who acted, as the history names them.
fn actor(app: &App, e: &HistoryEvent) -> String {
    let role = match e.role.as_str() {
        "system" => app.t("pp_actor_system"),
        "applicant" => app.t("pp_actor_applicant"),
        "edu_department" => app.t("pp_actor_edu"),
        _ => app.t("pp_actor_kindergarten"),
    };
    match e.actor_name.as_deref() {
        Some(name) if !name.is_empty() => format!("{role}: {name}"),
        _ => role.to_string(),
    }
}

#[function_component]
pub fn History(p: &TabProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_get::<List<HistoryEvent>>(Some(path(&p.id, "/history")), p.reload);
    let Remote::Ready(list) = &*list else {
        return pending(lang, &list);
    };
    html! {
        <table class="stack history pp-history">
            <caption class="visually-hidden">{app.t("pp_tab_history")}</caption>
            <thead><tr>
                <th scope="col">{app.t("pp_col_time")}</th>
                <th scope="col">{app.t("pp_col_actor")}</th>
                <th scope="col">{app.t("pp_col_action")}</th>
            </tr></thead>
            <tbody>
                { for list.items.iter().map(|e| html! {
                    <tr data-action={e.action.clone()}>
                        <td data-label={app.t("pp_col_time")}>{fmt_time(&e.at)}</td>
                        <td data-label={app.t("pp_col_actor")}>{actor(&app, e)}</td>
                        <td data-label={app.t("pp_col_action")}>
                            {action_text(lang, &e.action)}
                            if let Some(c) = e.comment.as_deref().filter(|c| !c.trim().is_empty()) {
                                <span class="muted">{" — "}{c.to_string()}</span>
                            }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[function_component]
pub fn Documents(p: &TabProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let list = use_get::<List<QueueDocument>>(Some(path(&p.id, "/documents")), p.reload);
    let error = use_state(|| None::<ApiError>);
    let Remote::Ready(list) = &*list else {
        return pending(lang, &list);
    };
    let download = |d: &QueueDocument| {
        let (app, error) = (app.clone(), error.clone());
        let url = path(&p.id, &format!("/documents/{}", d.kind.as_str()));
        let name = format!("{}.pdf", d.kind.as_str());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            let (token, lang, url, name, error) = (
                app.token.clone(),
                app.lang,
                url.clone(),
                name.clone(),
                error.clone(),
            );
            frontend::api::spawn(async move {
                if let Err(e) = save(token, lang, &url, &name).await {
                    error.set(Some(e));
                }
            });
        })
    };
    html! {
        <>
            {api_error((*error).clone())}
            <table class="stack pp-documents">
                <caption class="visually-hidden">{app.t("pp_tab_documents")}</caption>
                <thead><tr>
                    <th scope="col">{app.t("pp_col_document")}</th>
                    <th scope="col">{app.t("pp_col_date")}</th>
                    <th scope="col">{app.t("pp_col_do")}</th>
                </tr></thead>
                <tbody>
                    { for list.items.iter().map(|d| html! {
                        <tr data-kind={d.kind.as_str()}>
                            <td data-label={app.t("pp_col_document")}>{pick(lang, &d.title)}</td>
                            <td data-label={app.t("pp_col_date")}>{fmt_date(&d.date)}</td>
                            <td data-label={app.t("pp_col_do")}>
                                <button type="button" class="btn-link" onclick={download(d)}
                                    aria-label={format!("{} — {}", app.t("pp_download"), pick(lang, &d.title))}>
                                    {app.t("pp_download")}
                                </button>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}

/// Fetches the document with the session's token (a plain link would go without it) and saves
/// it under `name`.
async fn save(token: Option<String>, lang: MsgLang, url: &str, name: &str) -> Result<(), ApiError> {
    let failed = || ApiError {
        status: 0,
        code: "network".into(),
        message: tr(lang, "error_network").into(),
        field: None,
    };
    let mut req = gloo_net::http::Request::get(url).header("Accept-Language", lang.as_str());
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let resp = req.send().await.map_err(|_| failed())?;
    if !resp.ok() {
        return Err(ApiError {
            status: resp.status(),
            code: "server".into(),
            message: tr(lang, "error_server").into(),
            field: None,
        });
    }
    // The name the API gives the file (`attachment; filename="…"`), else the kind's.
    let name = resp
        .headers()
        .get("content-disposition")
        .and_then(|v| {
            Some(
                v.split("filename=\"")
                    .nth(1)?
                    .trim_end_matches('"')
                    .to_string(),
            )
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| name.to_string());
    let text = resp.text().await.map_err(|_| failed())?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html;charset=utf-8");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let href = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(failed)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed())?
        .unchecked_into();
    a.set_href(&href);
    a.set_download(&name);
    a.click();
    // Freed once the browser has taken the file.
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&href);
    })
    .forget();
    Ok(())
}
