//! The application card: its facts (the shared block and the card's own), documents, the
//! assignee, the decision and the history; «Принять» / «Отказать» while it is «На проверке»,
//! and the director's signing while it is «На подписании». Transport, special needs and the
//! class limit are 1st grade's; another service's cabinet adds its own section
//! ([`Cabinet::card_section`]).

mod assignee;
mod decision;
mod documents;
mod facts;
mod history;

use chrono::Utc;
use domain::api::{Application, Campaign, HistoryEvent, Limit, List, Org};
use domain::permissions::Permission;
use domain::review::transport_applicable;
use domain::services::{SeatAccounting, seats};
use domain::staff::StaffMember;
use domain::{Service, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use super::signing::{KeyFile, KeyPicker, SignActions, decision_facts, outcome};
use super::{Cabinet, MessageForm, org_path};
use crate::components::{fmt_time, status_badge, time_left};
use crate::facts::application_facts;
use crate::hooks::{Remote, pending, use_get, use_reload};
use crate::papers::papers;
use crate::state::{App as AppHandle, Texts, use_app};
use assignee::Assignee;
use decision::DecisionForm;
use documents::Documents;
use history::history as history_list;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub id: String,
}

/// What the last action on this card did.
#[derive(Clone, Debug, PartialEq)]
enum Flash {
    Decided,
    Done(Status),
    Assigned,
}

#[function_component]
pub fn Card<R: Cabinet>(p: &CardProps) -> Html {
    let app = use_app();
    let paper_error = use_state(|| None::<String>);
    let reload = use_reload();
    let a = use_get::<Application>(Some(format!("/api/applications/{}", p.id)), reload.value());
    let history = use_get::<List<HistoryEvent>>(
        Some(format!("/api/applications/{}/history", p.id)),
        reload.value(),
    );
    // The business clock read again with the card: a decision may move the deadline shown.
    let campaign = use_get::<Campaign>(Some("/api/campaign".into()), reload.value());
    let org_id = a.ready().map(|a| a.org_id.clone());
    let org = use_get::<Org>(org_id.as_ref().map(|o| org_path(o, "")), 0);
    // Only a service that counts class limits blocks an acceptance on them.
    let limits = use_get::<List<Limit>>(
        a.ready()
            .filter(|a| seats(a.service) == SeatAccounting::ClassLimit)
            .map(|a| {
                org_path(
                    &a.org_id,
                    &format!("/limits?academic_year={}", a.academic_year),
                )
            }),
        reload.value(),
    );
    let can_assign = app.can(Permission::AssignExecutor);
    let staff = use_get::<List<StaffMember>>(
        org_id
            .as_ref()
            .filter(|_| can_assign)
            .map(|o| org_path(o, "/staff")),
        0,
    );
    let key = use_state(|| None::<KeyFile>);
    let return_open = use_state(|| false);
    let flash = use_state(|| None::<Flash>);

    let Some(a) = a.ready().cloned() else {
        return html! { <section class="staff-page">{back::<R>(&app)}{pending(app.lang, &a)}</section> };
    };
    let now = campaign.ready().map(|c| c.now.with_timezone(&Utc));
    let org_ready = org.ready().cloned();
    let limit = limits.ready().and_then(|l| {
        l.items
            .iter()
            .find(|l| l.grade == a.grade && l.language == a.language)
            .cloned()
    });
    let can_decide = app.can(Permission::Decide);

    let on_decided = {
        let (reload, flash) = (reload.clone(), flash.clone());
        Callback::from(move |_| {
            flash.set(Some(Flash::Decided));
            reload.bump();
        })
    };
    let on_signed = {
        let (reload, flash, return_open) = (reload.clone(), flash.clone(), return_open.clone());
        Callback::from(move |done: Application| {
            flash.set(Some(Flash::Done(done.status)));
            return_open.set(false);
            reload.bump();
        })
    };
    let on_assigned = {
        let (reload, flash) = (reload.clone(), flash.clone());
        Callback::from(move |_| {
            flash.set(Some(Flash::Assigned));
            reload.bump();
        })
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |k: Option<KeyFile>| key.set(k))
    };
    let on_return_toggle = {
        let return_open = return_open.clone();
        Callback::from(move |open: bool| return_open.set(open))
    };

    let deadline = match (a.status.is_open(), now) {
        (true, Some(now)) => match time_left(app.lang, &a.due_at, now) {
            Some(l) => {
                html! { <span class="time-left">{app.tf("st_time_left", &[("t", &l)])}</span> }
            }
            None => html! { <span class="time-left late">{app.t("st_deadline_passed")}</span> },
        },
        _ => html! {},
    };
    let all_docs: Vec<_> = a
        .documents
        .iter()
        .map(|d| (d.kind, d.file_id.clone()))
        .collect();
    // The organisation's own staff (not the education department opening the card).
    let own = app.active_org().as_deref() == Some(a.org_id.as_str());
    let transport_applies = org_ready
        .as_ref()
        .map(|o| transport_applicable(a.transport_requested, o.provides_transport));

    html! {
        <section class="staff-page card-page" data-status={a.status.as_str()}>
            {back::<R>(&app)}
            <header class="card-head">
                <h1>{app.tf("st_application_no", &[("n", &a.number.to_string())])}</h1>
                <div class="card-head-status">
                    {status_badge(app.lang, a.status, a.overdue)}
                    {deadline}
                </div>
                if a.status == Status::InReview {
                    <p class="muted">{app.t("st_deadline_rule")}</p>
                }
            </header>
            { match &*flash {
                Some(Flash::Decided) => html! {
                    <p class="alert alert-success" role="status">{app.t("st_decision_saved")}</p>
                },
                Some(Flash::Done(status)) => outcome(&app, *status),
                Some(Flash::Assigned) => html! {
                    <p class="alert alert-success" role="status">{app.t("st_assigned")}</p>
                },
                None => html! {},
            } }
            <div class="card-grid">
                {facts::info(&app, &a, org_ready.as_ref())}
                {application_facts(&app, &a)}
                {R::card_section(&a)}
                <section class="card" aria-labelledby="sec-docs">
                    <h2 id="sec-docs">{app.t("st_sec_documents")}</h2>
                    <Documents application_id={a.id.clone()} docs={all_docs} />
                </section>
                // The papers are the organisation's staff's (the API's rule): not the
                // education department's, who open this card from its own app.
                if R::ORG_STAFF && app.can(Permission::ViewJournal) && own {
                    {papers(&app, &a, history.ready().map(|h| h.items.as_slice()), {
                        let e = paper_error.clone();
                        Callback::from(move |x| e.set(Some(x)))
                    })}
                }
                if let Some(e) = &*paper_error {
                    <div class="alert alert-error" role="alert">{e.clone()}</div>
                }
                if a.service == Service::Grade1 {
                    {facts::transport(&app, &a, org_ready.as_ref(), transport_applies)}
                    {facts::special_needs(&app, &a)}
                }
                <section class="card" aria-labelledby="sec-assignee">
                    <h2 id="sec-assignee">{app.t("st_sec_assignee")}</h2>
                    <Assignee application={a.clone()}
                        staff={staff.ready().map(|s| s.items.clone()).unwrap_or_default()}
                        can_assign={can_assign && a.status.is_open()} on_done={on_assigned} />
                </section>
                if let Some(d) = &a.decision {
                    <section class="card" aria-labelledby="sec-decision">
                        <h2 id="sec-decision">{app.t("st_sec_decision")}</h2>
                        {decision_facts(&app, d)}
                        if let Some(s) = &a.signature {
                            <p class="muted">{app.tf("st_signed_by", &[("iin", &s.signer_iin), ("t", &fmt_time(&s.signed_at))])}</p>
                        }
                    </section>
                }
            </div>
            if a.status == Status::InReview && can_decide {
                <section class="card decision-card" aria-labelledby="sec-decide">
                    <h2 id="sec-decide">{app.t("st_sec_decide")}</h2>
                    { match (&org_ready, transport_applies) {
                        (Some(_), Some(applies)) => html! {
                            <DecisionForm application={a.clone()} transport_applies={applies}
                                limit={limit.clone()} on_done={on_decided} />
                        },
                        _ => pending(app.lang, &*org),
                    } }
                </section>
            }
            if a.status == Status::OnSigning && app.can(Permission::Sign) {
                <section class="card signing-card" aria-labelledby="sec-sign">
                    <h2 id="sec-sign">{app.t("st_sec_sign")}</h2>
                    <KeyPicker key_file={(*key).clone()} on_change={on_key} />
                    <SignActions application={a.clone()} key_file={(*key).clone()}
                        return_open={*return_open} {on_return_toggle} on_done={on_signed} />
                </section>
            }
            // Writing to the applicant is the organisation's staff's, as the papers.
            if R::ORG_STAFF && app.can(Permission::Reply) && own {
                <section class="card" aria-labelledby="sec-message">
                    <h2 id="sec-message">{app.t("st_sec_message")}</h2>
                    <MessageForm application={a.clone()} on_sent={let r = reload.clone(); Callback::from(move |_| r.bump())} />
                </section>
            }
            <section class="card" aria-labelledby="sec-history">
                <h2 id="sec-history">{app.t("st_sec_history")}</h2>
                { match &*history {
                    Remote::Ready(h) => history_list(&app, &h.items),
                    other => pending(app.lang, other),
                } }
            </section>
        </section>
    }
}

fn back<R: Cabinet>(app: &AppHandle) -> Html {
    html! {
        <p class="back">
            <Link<R> to={R::journal()}>{"← "}{app.t("st_back_to_journal")}</Link<R>>
        </p>
    }
}
