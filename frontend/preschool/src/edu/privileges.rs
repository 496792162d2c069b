//! «Льготы на подтверждение»: the region's pending privilege claims, oldest first as the server
//! pages them; «Подтвердить», or «Отказать» with the comment the applicant is told
//! (`PrivilegeDecision::validate` says what a decision needs, before it is sent).
//! The supporting document opens in a new tab by its short-lived link
//! (`GET /api/preschool/applications/{id}/privilege/document`).

use domain::api::List;
use domain::preschool::api::{PrivilegeClaim, PrivilegeDecision, QueueApplication};
use frontend::api::{Api, ApiError};
use frontend::components::{
    api_error, described_by, enc, fmt_date, fmt_time, open_document_at, pick, value_of,
};
use frontend::hooks::{Remote, pending, run, use_localities, use_reload};
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::staff::use_paged;

#[function_component]
pub(super) fn Privileges() -> Html {
    let app = use_app();
    let reload = use_reload();
    let paged = use_paged::<PrivilegeClaim>(Some("/api/region/privileges".into()), reload.value());
    let localities = use_localities();
    let done = use_state(|| None::<String>);
    let on_done = {
        let (reload, done) = (reload.clone(), done.clone());
        Callback::from(move |msg: String| {
            done.set(Some(msg));
            reload.bump();
        })
    };
    let locality = |id: &str| -> String {
        localities
            .ready()
            .and_then(|l: &List<domain::address::Locality>| l.items.iter().find(|x| x.id == id))
            .map_or_else(|| id.to_string(), |l| pick(app.lang, &l.name))
    };
    let body = match &paged.first {
        Remote::Ready(_) if paged.items.is_empty() => {
            html! { <p class="empty" data-testid="privileges-empty">{app.t("pe_privileges_empty")}</p> }
        }
        Remote::Ready(_) => html! {
            <>
                <table class="stack privileges-table" data-testid="privileges">
                    <caption class="visually-hidden">{app.t("pe_privileges_title")}</caption>
                    <thead><tr>
                        <th scope="col">{app.t("pk_number")}</th>
                        <th scope="col">{app.t("pk_child")}</th>
                        <th scope="col">{app.t("pk_birth_date")}</th>
                        <th scope="col">{app.t("pe_locality")}</th>
                        <th scope="col">{app.t("pe_category")}</th>
                        <th scope="col">{app.t("pe_claimed")}</th>
                        <th scope="col">{app.t("pe_document")}</th>
                        <th scope="col"><span class="visually-hidden">{app.t("pk_action")}</span></th>
                    </tr></thead>
                    <tbody>
                        { for paged.items.iter().map(|c| html! {
                            <ClaimRow key={c.application_id.clone()} claim={c.clone()}
                                locality={locality(&c.locality_id)} on_done={on_done.clone()} />
                        }) }
                    </tbody>
                </table>
                {paged.more}
            </>
        },
        other => pending(app.lang, other),
    };
    html! {
        <>
            if let Some(msg) = &*done {
                <p class="alert alert-success" role="status" data-testid="decided">{msg.clone()}</p>
            }
            {body}
        </>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    claim: PrivilegeClaim,
    locality: String,
    /// The sentence saying what was decided.
    on_done: Callback<String>,
}

#[function_component]
fn ClaimRow(p: &RowProps) -> Html {
    let app = use_app();
    let c = &p.claim;
    let refusing = use_state(|| false);
    let comment = use_state(String::new);
    let invalid = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let decide = |confirm: bool| {
        let (app, id, number, on_done) = (
            app.clone(),
            c.application_id.clone(),
            c.number.clone(),
            p.on_done.clone(),
        );
        let (comment, invalid, busy, failure) = (
            comment.clone(),
            invalid.clone(),
            busy.clone(),
            failure.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = PrivilegeDecision {
                confirm,
                comment: (!confirm).then(|| (*comment).clone()),
            };
            if let Err(err) = body.validate() {
                invalid.set(Some(err.message(app.lang).to_string()));
                return;
            }
            invalid.set(None);
            let api = Api::of(&app);
            let path = format!(
                "/api/preschool/applications/{}/privilege/decision",
                enc(&id)
            );
            let key = if confirm {
                "pe_confirmed"
            } else {
                "pe_refused"
            };
            let msg = app.tf(key, &[("number", &number)]);
            let on_done = on_done.clone();
            run(
                &busy,
                &failure,
                async move { api.post::<_, QueueApplication>(&path, &body).await },
                move |_| on_done.emit(msg),
            );
        })
    };
    let set = |v: bool| {
        let refusing = refusing.clone();
        Callback::from(move |_| refusing.set(v))
    };
    let id = &c.application_id;
    let comment_id = format!("refuse-comment-{id}");
    let attached = c.privilege.document.is_some();
    let changed = use_state(|| false);
    let open = {
        let (app, failure, changed) = (app.clone(), failure.clone(), changed.clone());
        let path = format!(
            "/api/preschool/applications/{}/privilege/document",
            enc(&c.application_id)
        );
        Callback::from(move |_| {
            let (failure, changed) = (failure.clone(), changed.clone());
            open_document_at(
                Api::of(&app),
                path.clone(),
                Callback::from(move |e| failure.set(Some(e))),
                Callback::from(move |()| changed.set(true)),
            );
        })
    };
    html! {
        <>
            <tr data-testid="claim" data-id={id.clone()} data-number={c.number.clone()}>
                <th scope="row" data-label={app.t("pk_number")}>{c.number.clone()}</th>
                <td data-label={app.t("pk_child")}>{c.child_name.clone()}</td>
                <td data-label={app.t("pk_birth_date")}>{fmt_date(&c.child_birth_date)}</td>
                <td data-label={app.t("pe_locality")}>{p.locality.clone()}</td>
                <td data-label={app.t("pe_category")}>{c.privilege.category.title(app.lang)}</td>
                <td data-label={app.t("pe_claimed")}>{fmt_time(&c.claimed_at)}</td>
                <td data-label={app.t("pe_document")} data-testid="document">
                    if attached {
                        <button type="button" class="link-btn" data-testid="open-document" onclick={open}>
                            {app.t("pe_document_open")}
                        </button>
                        if *changed { <p class="error-text">{app.t("pe_document_changed")}</p> }
                    } else {
                        {app.t("pe_document_missing")}
                    }
                </td>
                <td data-label={app.t("pk_action")} class="cell-actions">
                    if *refusing {
                        <form onsubmit={decide(false)} novalidate=true class="refuse-form">
                            <div class={classes!("field", invalid.is_some().then_some("field-invalid"))}>
                                <label for={comment_id.clone()}>{app.t("pe_comment")}</label>
                                <textarea id={comment_id.clone()} rows="2" value={(*comment).clone()}
                                    aria-describedby={described_by(&comment_id)}
                                    aria-invalid={invalid.is_some().then_some("true")}
                                    oninput={let s = comment.clone(); Callback::from(move |e: InputEvent| s.set(value_of(&e)))} />
                                <span hidden=true id={format!("{comment_id}-hint")}></span>
                                if let Some(e) = &*invalid {
                                    <p class="error-text" id={format!("{comment_id}-error")}>{e.clone()}</p>
                                } else { <span hidden=true id={format!("{comment_id}-error")}></span> }
                            </div>
                            <div class="row-actions">
                                <button type="submit" class="btn btn-small btn-danger" data-testid="refuse-send" disabled={*busy}>
                                    {app.t("pe_refuse_send")}
                                </button>
                                <button type="button" class="btn btn-small btn-secondary" onclick={set(false)}>{app.t("pe_cancel")}</button>
                            </div>
                        </form>
                    } else {
                        <form onsubmit={decide(true)} class="cell-buttons">
                            <button type="submit" class="btn btn-small" data-testid="confirm" disabled={*busy}>
                                {app.t("pe_confirm")}<span class="visually-hidden">{format!(" ({})", c.number)}</span>
                            </button>
                            <button type="button" class="btn btn-small btn-secondary" data-testid="refuse" onclick={set(true)}>
                                {app.t("pe_refuse")}<span class="visually-hidden">{format!(" ({})", c.number)}</span>
                            </button>
                        </form>
                    }
                </td>
            </tr>
            if failure.is_some() {
                <tr class="row-error"><td colspan="8">{api_error((*failure).clone())}</td></tr>
            }
        </>
    }
}
