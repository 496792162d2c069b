//! «Журнал заявлений»: the applications of the department's territory across organisations
//! (seed 002, Рисунок 46), with its filters, search by number, IIN or name, pages, the export
//! of what the filters select, and each row's read-only card.

mod filters;
mod table;

use domain::territory::Scope;
use frontend::components::{Field, api_error, loading, value_of};
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::hooks::{Remote, download, query, use_journal};
use crate::state::{EduAction, JournalField, use_edu};
use filters::Filters;
use table::Table;

const LIST: &str = "/api/monitoring/applications";

#[function_component]
pub fn Journal() -> Html {
    let app = use_app();
    let edu = use_edu();
    let q = query(&edu.journal.params());
    // The ministry reads one region at a time: none asked until one is chosen.
    let ministry = edu
        .department
        .ready()
        .is_some_and(|d| d.scope == Scope::Ministry);
    let waits = ministry && edu.journal.get(JournalField::Region).is_empty();
    let journal = use_journal((!waits).then(|| format!("{LIST}{q}")));
    let draft = use_state(|| edu.journal.get(JournalField::Search).to_string());
    let export_error = use_state(|| None::<String>);
    // The organisation filter offers the organisations met so far.
    {
        let edu = edu.clone();
        let orgs: Vec<_> = journal.items.iter().map(|r| r.org.clone()).collect();
        use_effect_with(orgs, move |orgs| {
            if !orgs.is_empty() {
                edu.dispatch(EduAction::Seen(orgs.clone()));
            }
        });
    }
    let on_search = {
        let (edu, draft) = (edu.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            edu.dispatch(EduAction::Filter(JournalField::Search, (*draft).clone()));
        })
    };
    let export_href = format!("{LIST}/export{q}");
    let on_export = {
        let (app, href, export_error) = (app.clone(), export_href.clone(), export_error.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            export_error.set(None);
            let export_error = export_error.clone();
            download(
                frontend::api::Api::of(&app),
                href.clone(),
                "journal.xlsx".into(),
                Callback::from(move |m| export_error.set(Some(m))),
            );
        })
    };
    html! {
        <section class="staff-page journal-page edu-journal">
            <h1>{app.t("ed_journal_title")}</h1>
            <form class="journal-search" role="search" onsubmit={on_search}>
                <Field id="edu-q" label={app.t("st_search_label")}>
                    <input id="edu-q" type="search" name="q" value={(*draft).clone()} maxlength="100"
                        aria-describedby="edu-q-help"
                        oninput={let d = draft.clone(); Callback::from(move |e: InputEvent| d.set(value_of(&e)))} />
                </Field>
                <button type="submit" class="btn">{app.t("st_search")}</button>
                <p class="hint search-hint" id="edu-q-help">{app.t("ed_search_hint")}</p>
            </form>
            <Filters />
            <p class="toolbar">
                <a class="btn btn-secondary" href={export_href} onclick={on_export}
                    data-testid="journal-export">{app.t("ed_export")}</a>
            </p>
            if let Some(m) = &*export_error {
                <p class="alert alert-error" role="alert">{m.clone()}</p>
            }
            { match &journal.first {
                Remote::Loading if waits => html! { <p class="alert alert-info">{app.t("ed_choose_region")}</p> },
                Remote::Loading => loading(app.lang),
                Remote::Failed(e) => api_error(e.clone()),
                Remote::Ready(_) => html! {
                    <>
                        <p class="muted" role="status" aria-live="polite">
                            {app.tf("st_shown", &[("n", &journal.items.len().to_string())])}
                        </p>
                        if journal.items.is_empty() {
                            <p class="empty">{app.t("st_journal_empty")}</p>
                        } else {
                            <Table items={journal.items.clone()} />
                        }
                        if let Some(more) = &journal.more {
                            <button type="button" class="btn btn-secondary show-more" disabled={journal.busy}
                                onclick={more.reform(|_| ())}>{app.t("st_show_more")}</button>
                        }
                    </>
                },
            } }
        </section>
    }
}
