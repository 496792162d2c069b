//! «Шаблоны ответов» (seed 003): the school's response templates, and the card's «Сообщение
//! заявителю», where staff pick a template («Выбрать ответ из шаблонов»), edit and send it.

use domain::api::{Application, List};
use domain::replies::{
    MAX_TEXT_CHARS, MAX_TITLE_CHARS, ReplyTemplate, SendMessage, TemplateInput, Wording,
};
use serde::de::IgnoredAny;
use yew::prelude::*;

use super::{application_path, client_id, org_path};
use crate::api::{Api, ApiError};
use crate::components::{Field, api_error, described_by, value_of};
use crate::hooks::{Remote, pending, run, use_get, use_reload};
use crate::state::{App, Texts, use_app};

/// The words being written: a template's or a message's.
#[derive(Clone, Default, PartialEq)]
struct Draft {
    title: String,
    ru: String,
    kk: String,
}

impl Draft {
    fn of(t: &ReplyTemplate) -> Draft {
        Draft {
            title: t.title.clone(),
            ru: t.text.ru.clone().unwrap_or_default(),
            kk: t.text.kk.clone().unwrap_or_default(),
        }
    }

    /// Blank languages are left out by the server's check (`Wording::validate`).
    fn wording(&self) -> Wording {
        Wording {
            ru: Some(self.ru.clone()),
            kk: Some(self.kk.clone()),
        }
    }
}

/// The Russian and Kazakh text areas of a draft (ids `{prefix}-ru`, `{prefix}-kk`).
fn text_fields(app: &App, prefix: &str, draft: &UseStateHandle<Draft>) -> Html {
    let area = |lang: &'static str, label: &'static str, value: &str| {
        let id = format!("{prefix}-{lang}");
        let d = draft.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut next = (*d).clone();
            match lang {
                "ru" => next.ru = value_of(&e),
                _ => next.kk = value_of(&e),
            }
            d.set(next);
        });
        html! {
            <Field id={id.clone()} label={app.t(label)} hint={app.t("st_text_hint")}>
                <textarea id={id.clone()} rows="3" maxlength={MAX_TEXT_CHARS.to_string()}
                    lang={lang} aria-describedby={described_by(&id)} value={value.to_string()} {oninput} />
            </Field>
        }
    };
    html! { <>{area("ru", "st_text_ru", &draft.ru)}{area("kk", "st_text_kk", &draft.kk)}</> }
}

/// The page: the templates with «Изменить» / «Удалить», and the form that adds or edits one.
#[function_component]
pub fn Replies() -> Html {
    let app = use_app();
    let org = app.active_org().unwrap_or_default();
    let reload = use_reload();
    let list =
        use_get::<List<ReplyTemplate>>(Some(org_path(&org, "/reply-templates")), reload.value());
    let draft = use_state(Draft::default);
    let editing = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let flash = use_state(|| None::<&'static str>);
    let done = |key: &'static str| {
        let (reload, flash, draft, editing) = (
            reload.clone(),
            flash.clone(),
            draft.clone(),
            editing.clone(),
        );
        move |()| {
            flash.set(Some(key));
            draft.set(Draft::default());
            editing.set(None);
            reload.bump();
        }
    };
    let save = {
        let (app, org, draft, editing, busy, error) = (
            app.clone(),
            org.clone(),
            draft.clone(),
            editing.clone(),
            busy.clone(),
            error.clone(),
        );
        let done = done("st_reply_saved");
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let api = Api::of(&app);
            let body = TemplateInput {
                title: draft.title.clone(),
                text: draft.wording(),
            };
            let path = org_path(&org, "/reply-templates");
            let id = (*editing).clone();
            let done = done.clone();
            run(
                &busy,
                &error,
                async move {
                    match id {
                        Some(id) => {
                            api.put::<_, IgnoredAny>(&format!("{path}/{id}"), &body)
                                .await
                        }
                        None => api.post::<_, IgnoredAny>(&path, &body).await,
                    }
                    .map(|_| ())
                },
                done,
            );
        })
    };
    let remove = |t: &ReplyTemplate| {
        let (app, path, busy, error) = (
            app.clone(),
            org_path(&org, &format!("/reply-templates/{}", t.id)),
            busy.clone(),
            error.clone(),
        );
        let done = done("st_reply_deleted");
        Callback::from(move |_| {
            let api = Api::of(&app);
            let (path, done) = (path.clone(), done.clone());
            run(
                &busy,
                &error,
                async move { api.delete(&path).await.map(|_| ()) },
                done,
            );
        })
    };
    let edit = |t: &ReplyTemplate| {
        let (draft, editing, flash, t) = (draft.clone(), editing.clone(), flash.clone(), t.clone());
        Callback::from(move |_| {
            draft.set(Draft::of(&t));
            editing.set(Some(t.id.clone()));
            flash.set(None);
        })
    };
    let cancel = {
        let (draft, editing) = (draft.clone(), editing.clone());
        Callback::from(move |_| {
            draft.set(Draft::default());
            editing.set(None);
        })
    };
    let on_title = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(Draft {
                title: value_of(&e),
                ..(*draft).clone()
            });
        })
    };
    let heading = if editing.is_some() {
        "st_reply_editing"
    } else {
        "st_reply_add"
    };

    html! {
        <section class="staff-page replies-page">
            <h1>{app.t("nav_replies")}</h1>
            <p class="muted">{app.t("st_replies_intro")}</p>
            if let Some(key) = *flash {
                <p class="alert alert-success" role="status">{app.t(key)}</p>
            }
            { match &*list {
                Remote::Ready(l) if l.items.is_empty() => html! {
                    <p class="empty">{app.t("st_replies_empty")}</p>
                },
                Remote::Ready(l) => html! {
                    <ul class="replies">
                        { for l.items.iter().map(|t| html! {
                            <li class="card reply" key={t.id.clone()} data-testid="reply-template">
                                <h2>{t.title.clone()}</h2>
                                { for [("ru", &t.text.ru), ("kk", &t.text.kk)].into_iter()
                                    .filter_map(|(l, w)| w.as_ref().map(|w| (l, w)))
                                    .map(|(l, w)| html! { <p lang={l}>{w.clone()}</p> }) }
                                <div class="toolbar">
                                    <button type="button" class="btn btn-small btn-secondary" onclick={edit(t)}
                                        aria-label={format!("{} «{}»", app.t("st_reply_edit"), t.title)}>{app.t("st_reply_edit")}</button>
                                    <button type="button" class="btn btn-small btn-danger" disabled={*busy} onclick={remove(t)}
                                        aria-label={format!("{} «{}»", app.t("st_reply_delete"), t.title)}>{app.t("st_reply_delete")}</button>
                                </div>
                            </li>
                        }) }
                    </ul>
                },
                other => pending(app.lang, other),
            } }
            <section class="card" aria-labelledby="reply-form-title">
                <h2 id="reply-form-title">{app.t(heading)}</h2>
                <form onsubmit={save} novalidate=true>
                    <Field id="reply-title" label={app.t("st_reply_title")} required=true>
                        <input id="reply-title" type="text" maxlength={MAX_TITLE_CHARS.to_string()}
                            aria-describedby={described_by("reply-title")} value={draft.title.clone()} oninput={on_title} />
                    </Field>
                    {text_fields(&app, "reply", &draft)}
                    {api_error((*error).clone())}
                    <div class="toolbar">
                        <button type="submit" class="btn" disabled={*busy}>{app.t("st_reply_save")}</button>
                        if editing.is_some() {
                            <button type="button" class="btn btn-secondary" onclick={cancel}>{app.t("st_reply_cancel")}</button>
                        }
                    </div>
                </form>
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct MessageProps {
    pub application: Application,
    pub on_sent: Callback<()>,
}

/// The card's «Сообщение заявителю»: a template to start from, the text in both languages.
/// (The answers are not read: what was sent shows in the history the card reloads.)
#[function_component]
pub fn MessageForm(p: &MessageProps) -> Html {
    let app = use_app();
    let a = &p.application;
    let templates =
        use_get::<List<ReplyTemplate>>(Some(org_path(&a.org_id, "/reply-templates")), 0);
    let draft = use_state(Draft::default);
    let chosen = use_state(String::new);
    let id = use_state(client_id);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let sent = use_state(|| false);
    let list: Vec<ReplyTemplate> = match &*templates {
        Remote::Ready(l) => l.items.clone(),
        _ => Vec::new(),
    };
    let on_template = {
        let (draft, chosen, list) = (draft.clone(), chosen.clone(), list.clone());
        Callback::from(move |e: Event| {
            let id = value_of(&e);
            if let Some(t) = list.iter().find(|t| t.id == id) {
                draft.set(Draft::of(t));
            }
            chosen.set(id);
        })
    };
    let send = {
        let (app, a, draft, chosen, id, busy, error, sent, on_sent) = (
            app.clone(),
            a.clone(),
            draft.clone(),
            chosen.clone(),
            id.clone(),
            busy.clone(),
            error.clone(),
            sent.clone(),
            p.on_sent.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let api = Api::of(&app);
            let body = SendMessage {
                message_id: (*id).clone(),
                text: draft.wording(),
            };
            let path = application_path(&a, "/messages");
            let (draft, chosen, id, sent, on_sent) = (
                draft.clone(),
                chosen.clone(),
                id.clone(),
                sent.clone(),
                on_sent.clone(),
            );
            sent.set(false);
            run(
                &busy,
                &error,
                async move { api.post::<_, IgnoredAny>(&path, &body).await },
                move |_| {
                    draft.set(Draft::default());
                    chosen.set(String::new());
                    id.set(client_id());
                    sent.set(true);
                    on_sent.emit(());
                },
            );
        })
    };
    html! {
        <form class="message-form" onsubmit={send} novalidate=true>
            if !list.is_empty() {
                <Field id="message-template" label={app.t("st_choose_template")}>
                    <select id="message-template" onchange={on_template}>
                        <option value="" selected={chosen.is_empty()}>{app.t("st_no_template")}</option>
                        { for list.iter().map(|t| html! {
                            <option value={t.id.clone()} selected={*chosen == t.id}>{t.title.clone()}</option>
                        }) }
                    </select>
                </Field>
            }
            {text_fields(&app, "message", &draft)}
            {api_error((*error).clone())}
            <button type="submit" class="btn" disabled={*busy}>{app.t("st_send_message")}</button>
            if *sent {
                <p class="alert alert-success" role="status">{app.t("st_message_sent")}</p>
            }
        </form>
    }
}
