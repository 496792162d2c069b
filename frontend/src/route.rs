//! The app's pages and their addresses.

use yew_router::prelude::*;

#[derive(Clone, Debug, Routable, PartialEq)]
pub enum Route {
    /// The service's landing page: who can apply, documents, deadline, free seats.
    #[at("/")]
    Home,
    #[at("/login")]
    Login,
    /// The application wizard.
    #[at("/apply")]
    Apply,
    #[at("/my")]
    MyApplications,
    #[at("/my/:id")]
    MyApplication { id: String },
    #[at("/notifications")]
    Notifications,
    #[at("/profile")]
    Profile,
    /// "Государственные услуги": the journal of the chosen organisation.
    #[at("/cabinet")]
    Journal,
    #[at("/cabinet/applications/:id")]
    Card { id: String },
    /// The director's "На подписании" list.
    #[at("/cabinet/signing")]
    Signing,
    /// "Персонал".
    #[at("/cabinet/staff")]
    Staff,
    /// "Моя организация" → "Лимиты классов".
    #[at("/cabinet/limits")]
    Limits,
    /// "Моя организация" → "Микроучасток".
    #[at("/cabinet/microdistrict")]
    Microdistrict,
    #[not_found]
    #[at("/404")]
    NotFound,
}
