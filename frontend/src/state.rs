//! The app's shared state: language, theme, session (token and `/api/me`) and the organisation
//! the staff member works in. Preferences survive a reload and the tab (localStorage); the
//! session's token survives a reload but not the tab (sessionStorage, one rule for the dev
//! login and the identity provider's tokens: `session`).

use std::rc::Rc;

use domain::MsgLang;
use domain::api::Me;
use domain::permissions::{Permission, permits};
use yew::prelude::*;

use crate::i18n;

const LANG_KEY: &str = "qabyldau.lang";
const THEME_KEY: &str = "qabyldau.dark";
pub const TOKEN_KEY: &str = "qabyldau.token";
const ORG_KEY: &str = "qabyldau.org";

pub fn storage() -> Option<web_sys::Storage> {
    store(false)
}

/// localStorage, or this tab's sessionStorage (`session`).
fn store(session: bool) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    if session {
        w.session_storage()
    } else {
        w.local_storage()
    }
    .ok()?
}

fn get(session: bool, key: &str) -> Option<String> {
    store(session)?.get_item(key).ok()?
}

fn set(session: bool, key: &str, value: Option<&str>) {
    if let Some(s) = store(session) {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

pub fn load(key: &str) -> Option<String> {
    get(false, key)
}

pub fn save(key: &str, value: Option<&str>) {
    set(false, key, value)
}

/// A value of this tab's session (sessionStorage).
pub fn session_load(key: &str) -> Option<String> {
    get(true, key)
}

pub fn session_save(key: &str, value: Option<&str>) {
    set(true, key, value)
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: MsgLang,
    pub dark: bool,
    pub token: Option<String>,
    /// `None` until `/api/me` answered for the current token.
    pub me: Option<Me>,
    /// The organisation chosen in the role switch.
    pub org: Option<String>,
    /// How many text catalogues have arrived (each arrival re-renders the texts).
    pub texts: u32,
}

pub enum Action {
    Lang(MsgLang),
    Dark(bool),
    SignedIn(String),
    /// The same session's new token (a refresh): who is signed in stays shown.
    Refreshed(String),
    Me(Me),
    SignOut,
    Org(String),
    TextsLoaded,
}

impl State {
    pub fn restore() -> State {
        let lang = match load(LANG_KEY).as_deref() {
            Some("kk") => MsgLang::Kk,
            _ => MsgLang::Ru,
        };
        let dark = match load(THEME_KEY).as_deref() {
            Some(v) => v == "1",
            None => prefers_dark(),
        };
        // A token an older release kept in localStorage is dropped: tokens live in the tab.
        save(TOKEN_KEY, None);
        State {
            lang,
            dark,
            token: session_load(TOKEN_KEY),
            me: None,
            org: load(ORG_KEY),
            texts: 0,
        }
    }

    /// The organisations the person works in, with their roles.
    pub fn staff_orgs(&self) -> Vec<(String, Vec<domain::Role>)> {
        self.me
            .iter()
            .flat_map(|me| me.memberships.iter())
            .filter_map(|m| Some((m.org_id.clone()?, m.roles.clone())))
            .collect()
    }

    /// The regions the person works in as the education department (memberships of a
    /// region rather than of an organisation).
    pub fn edu_regions(&self) -> impl Iterator<Item = &str> {
        self.me
            .iter()
            .flat_map(|me| me.memberships.iter())
            .filter(|m| m.roles.contains(&domain::Role::EduDepartment))
            .filter_map(|m| m.region.as_deref())
    }

    /// Whether the person works in an education department (of a district, a region or the
    /// ministry).
    pub fn is_department(&self) -> bool {
        self.me
            .iter()
            .flat_map(|me| me.memberships.iter())
            .any(|m| m.roles.contains(&domain::Role::EduDepartment))
    }

    /// The roles held in the chosen organisation.
    pub fn roles(&self) -> Vec<domain::Role> {
        let orgs = self.staff_orgs();
        let chosen = self
            .org
            .as_ref()
            .and_then(|o| orgs.iter().find(|(id, _)| id == o));
        chosen
            .or(orgs.first())
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    }

    /// The organisation the cabinet shows: the chosen one if still a membership, else the first.
    pub fn active_org(&self) -> Option<String> {
        let orgs = self.staff_orgs();
        match &self.org {
            Some(o) if orgs.iter().any(|(id, _)| id == o) => Some(o.clone()),
            _ => orgs.first().map(|(id, _)| id.clone()),
        }
    }

    /// Whether the roles held in the chosen organisation (the director's effective ones
    /// included) allow `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        permits(&self.roles(), permission)
    }
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Lang(l) => {
                save(LANG_KEY, Some(l.as_str()));
                s.lang = l;
            }
            Action::Dark(d) => {
                save(THEME_KEY, Some(if d { "1" } else { "0" }));
                s.dark = d;
            }
            Action::SignedIn(token) => {
                session_save(TOKEN_KEY, Some(&token));
                s.token = Some(token);
                s.me = None;
            }
            Action::Refreshed(token) => {
                session_save(TOKEN_KEY, Some(&token));
                s.token = Some(token);
            }
            Action::Me(me) => s.me = Some(me),
            Action::SignOut => {
                session_save(TOKEN_KEY, None);
                crate::session::clear();
                s.token = None;
                s.me = None;
            }
            Action::TextsLoaded => s.texts += 1,
            Action::Org(o) => {
                save(ORG_KEY, Some(&o));
                s.org = Some(o);
            }
        }
        Rc::new(s)
    }
}

/// The handle every component gets from `use_app()`.
pub type App = UseReducerHandle<State>;

#[hook]
pub fn use_app() -> App {
    use_context::<App>().expect("the app state is provided at the root")
}

/// Shorthands for texts in the current language.
pub trait Texts {
    fn lang(&self) -> MsgLang;
    fn t(&self, key: &'static str) -> &'static str {
        i18n::tr(self.lang(), key)
    }
    fn tf(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        i18n::trf(self.lang(), key, args)
    }
}

impl Texts for App {
    fn lang(&self) -> MsgLang {
        self.lang
    }
}

impl Texts for State {
    fn lang(&self) -> MsgLang {
        self.lang
    }
}
