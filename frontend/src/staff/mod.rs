//! The staff cabinet: the journal ("Государственные услуги"), the application card, signing,
//! personnel, class limits, the microdistrict, the response templates, the intake register,
//! the orders and the class composition. Every page works on the organisation chosen in the header's role switch
//! (`app.active_org()`).
//!
//! The journal, the card and signing serve every service's cabinet: each app names its own
//! pages and adds its service's part through [`Cabinet`] (the college app, `frontend/college`).

mod card;
mod classes;
mod intake;
mod journal;
mod limits;
mod microdistrict;
mod orders;
mod personnel;
mod replies;
mod signing;

pub use card::{Card, CardProps};
pub use classes::Classes;
pub use intake::Intake;
pub use journal::{Journal, JournalProps};
pub use limits::Limits;
pub use microdistrict::Microdistrict;
pub use orders::Orders;
pub use personnel::Personnel;
pub use replies::{MessageForm, Replies};
pub use signing::Signing;

use std::future::Future;
use std::pin::Pin;

use domain::api::{Application, Campaign, List};
use domain::permissions::{Permission, permits};
use domain::{AcademicYear, AdmissionType, Role};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::Routable;

use crate::api::{Api, ApiError};
use crate::components::{Field, value_of};
use crate::hooks::{Reload, Remote, run, use_campaign};
use crate::state::{App as AppHandle, Texts, use_app};

/// A journal column of a service: its header and a row's cell.
pub type JournalColumn = (&'static str, fn(&AppHandle, &Application) -> Html);

/// The pages of an app's cabinet that the journal, the card and signing link to, and what its
/// service adds to them (nothing by default: the 1st-grade cabinet shows the shared facts).
pub trait Cabinet: Routable + Clone + PartialEq + 'static {
    /// «Государственные услуги»: the journal.
    fn journal() -> Self;
    /// An application's card.
    fn card(id: String) -> Self;
    /// Whether the card offers what the organisation's own staff do there (its papers, a message
    /// to the applicant). Not in the education department's app, which opens cards read-only:
    /// there the code is not even compiled in.
    const ORG_STAFF: bool = true;
    /// The service's own section of the card (a college's choices and score).
    fn card_section(_a: &Application) -> Html {
        Html::default()
    }
    /// The journal's column of the service, in place of the admission type: its header and a
    /// row's cell.
    fn journal_column(_app: &AppHandle) -> Option<JournalColumn> {
        None
    }
}

/// The path of an organisation's resource.
pub(crate) fn org_path(org: &str, rest: &str) -> String {
    format!("/api/orgs/{org}{rest}")
}

/// The path of an application of its organisation, with `rest` after it (`""`, `"/decision"`).
pub(crate) fn application_path(a: &Application, rest: &str) -> String {
    org_path(&a.org_id, &format!("/applications/{}{rest}", a.id))
}

/// A query string of the non-empty parameters.
pub(crate) fn query(params: &[(&str, String)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::components::enc(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// A fresh id the client gives what it creates (a message, an order): a retried request with it
/// creates it once (`domain::api::is_client_id`).
pub(crate) fn client_id() -> String {
    let random = (js_sys::Math::random() * 1e15) as u64;
    format!("{:x}-{random:x}", js_sys::Date::now() as u64)
}

/// What a page's actions share (the orders, the classes): one runs at a time; its refusal shows
/// where it was asked (`at`: an order's id, `new` for the new order, a class…), its success as a
/// message (an i18n key).
#[derive(Clone)]
pub(crate) struct Acts {
    pub busy: UseStateHandle<bool>,
    pub error: UseStateHandle<Option<ApiError>>,
    pub at: UseStateHandle<String>,
    pub flash: UseStateHandle<Option<&'static str>>,
    pub reload: Reload,
}

/// A page's [`Acts`]: nothing running, said or refused yet; a success bumps `reload`.
#[hook]
pub(crate) fn use_acts(reload: &Reload) -> Acts {
    Acts {
        busy: use_state(|| false),
        error: use_state(|| None),
        at: use_state(String::new),
        flash: use_state(|| None),
        reload: reload.clone(),
    }
}

pub(crate) type Request = Pin<Box<dyn Future<Output = Result<(), ApiError>>>>;

impl Acts {
    /// Runs `request` for `at`; on success says `done` and reloads the lists.
    pub fn run(&self, at: &str, done: &'static str, request: Request) {
        self.at.set(at.to_string());
        self.flash.set(None);
        let (flash, reload) = (self.flash.clone(), self.reload.clone());
        run(&self.busy, &self.error, request, move |()| {
            flash.set(Some(done));
            reload.bump();
        });
    }

    /// A refusal found before asking (or after a download): shown at `at`.
    pub fn fail(&self, at: &str, message: String, field: Option<&str>) {
        self.at.set(at.to_string());
        self.flash.set(None);
        self.error.set(Some(ApiError {
            status: 0,
            code: if field.is_some() {
                "validation_failed"
            } else {
                "refused"
            }
            .into(),
            message,
            field: field.map(str::to_string),
        }));
    }

    /// The last refusal if it belongs to `at`.
    pub fn error_at(&self, at: &str) -> Option<ApiError> {
        (*self.at == at).then(|| (*self.error).clone()).flatten()
    }
}

/// The value of the input with this id (a form's inputs left to the browser: the order's
/// registration, a class's teacher).
pub(crate) fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The academic year a page shows: the enrolment year (the service's) until another is chosen
/// in [`YearPick::select`].
pub(crate) struct YearPick {
    chosen: UseStateHandle<Option<AcademicYear>>,
    pub campaign: UseStateHandle<Remote<Campaign>>,
}

#[hook]
pub(crate) fn use_year_pick() -> YearPick {
    YearPick {
        chosen: use_state(|| None),
        campaign: use_campaign(),
    }
}

impl YearPick {
    /// The year shown; `None` while the service's is loading.
    pub fn year(&self) -> Option<AcademicYear> {
        (*self.chosen).or(self.campaign.ready().map(|c| c.academic_year))
    }

    /// «Учебный год»: a select (`id`) of the year shown, the one before and the one after.
    pub fn select(&self, app: &AppHandle, id: &'static str) -> Html {
        let Some(year) = self.year() else {
            return html! {};
        };
        let chosen = self.chosen.clone();
        let onchange = Callback::from(move |e: Event| chosen.set(value_of(&e).parse().ok()));
        html! {
            <Field {id} label={app.t("st_academic_year")}>
                <select {id} {onchange}>
                    { for (-1..=1).filter_map(|d| AcademicYear::new(year.first_year() + d)).map(|y| html! {
                        <option value={y.to_string()} selected={y == year}>{y.to_string()}</option>
                    }) }
                </select>
            </Field>
        }
    }
}

/// «По микроучастку» / «Вне микроучастка» (domain has no title for the admission type).
pub(crate) fn admission_title(app: &AppHandle, t: AdmissionType) -> &'static str {
    t.title(app.lang)
}

/// Every page of the journal with these parameters (`status=on_signing` lists are short).
pub(crate) async fn journal_all(
    api: &Api,
    org: &str,
    params: &[(&str, String)],
) -> Result<Vec<Application>, ApiError> {
    let mut items = Vec::new();
    let mut token = String::new();
    for _ in 0..20 {
        let mut p = params.to_vec();
        p.push(("page_token", token.clone()));
        let page: List<Application> = api
            .get(&format!("{}{}", org_path(org, "/applications"), query(&p)))
            .await?;
        items.extend(page.items);
        match page.next_page_token {
            Some(t) => token = t,
            None => break,
        }
    }
    Ok(items)
}

#[derive(Properties, PartialEq)]
pub struct RoleGateProps {
    /// What opens the page in the chosen organisation.
    pub permission: Permission,
    pub children: Html,
}

/// Shows its page to whom the roles in the chosen organisation allow it; to others, which roles
/// would.
#[function_component]
pub fn RoleGate(p: &RoleGateProps) -> Html {
    let app = use_app();
    if app.can(p.permission) {
        return p.children.clone();
    }
    let roles: Vec<_> = Role::ALL
        .into_iter()
        .filter(|r| permits(&[*r], p.permission))
        .map(|r| r.title(app.lang))
        .collect();
    html! {
        <section class="card narrow">
            <h1>{app.t("st_no_access_title")}</h1>
            <p class="alert alert-error" role="alert" data-testid="no-access">
                {app.tf("st_no_access", &[("roles", &roles.join(", "))])}
            </p>
        </section>
    }
}
