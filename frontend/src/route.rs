//! The app's pages, their addresses and what each needs in the chosen organisation.

use domain::permissions::Permission;
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

impl Route {
    /// What the page needs in the organisation chosen in the role switch: its navigation link
    /// is shown, and its page opened, only with it (`None`: a page of everyone or of parents).
    pub fn permission(&self) -> Option<Permission> {
        match self {
            Route::Journal | Route::Card { .. } => Some(Permission::ViewJournal),
            Route::Signing => Some(Permission::Sign),
            Route::Staff => Some(Permission::ManageStaff),
            Route::Limits => Some(Permission::ManageLimits),
            Route::Microdistrict => Some(Permission::ManageMicrodistrict),
            Route::Home
            | Route::Login
            | Route::Apply
            | Route::MyApplications
            | Route::MyApplication { .. }
            | Route::Notifications
            | Route::Profile
            | Route::NotFound => None,
        }
    }
}
