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
    /// The public check of a signed decision (a notice's QR code).
    #[at("/verify/:id")]
    Verify { id: String },
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
    /// «Шаблоны ответов».
    #[at("/cabinet/replies")]
    Replies,
    /// «Журнал регистрации» (seed 003).
    #[at("/cabinet/intake")]
    Intake,
    /// «Приказы» and «Книга регистрации приказов» (seed 003).
    #[at("/cabinet/orders")]
    Orders,
    /// «Комплектование классов» (seed 003).
    #[at("/cabinet/classes")]
    Classes,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// What the page needs in the organisation chosen in the role switch: its navigation link
    /// is shown, and its page opened, only with it (`None`: a page of everyone or of parents).
    pub fn permission(&self) -> Option<Permission> {
        match self {
            Route::Journal | Route::Card { .. } | Route::Intake => Some(Permission::ViewJournal),
            Route::Signing => Some(Permission::Sign),
            Route::Staff => Some(Permission::ManageStaff),
            Route::Limits => Some(Permission::ManageLimits),
            Route::Microdistrict => Some(Permission::ManageMicrodistrict),
            Route::Replies => Some(Permission::Reply),
            Route::Orders | Route::Classes => Some(Permission::ViewOrders),
            Route::Home
            | Route::Login
            | Route::Apply
            | Route::MyApplications
            | Route::MyApplication { .. }
            | Route::Notifications
            | Route::Verify { .. }
            | Route::Profile
            | Route::NotFound => None,
        }
    }
}

impl crate::staff::Cabinet for Route {
    fn journal() -> Route {
        Route::Journal
    }
    fn card(id: String) -> Route {
        Route::Card { id }
    }
}

/// The site's other apps, each a bundle of its own served under its path by its own
/// `index.html`: the kindergarten service (`frontend/preschool`), the college service
/// (`frontend/college`) and the education department's (`frontend/edu`). Links there are plain
/// `<a href>`: a full page load into that bundle.
pub const OTHER_APPS: [&str; 3] = ["/preschool", "/college", "/edu"];

/// The page of an application of a service whose pages are another app's (kindergarten,
/// college); `None` for 1st grade, whose pages are this app's.
pub fn other_app_application(service: domain::Service, id: &str) -> Option<String> {
    match service {
        domain::Service::Grade1 => None,
        domain::Service::Preschool => Some(format!("/preschool/applications/{id}")),
        domain::Service::College => Some(format!("/college/my/{id}")),
    }
}

/// Whether `path` is a page of one of [`OTHER_APPS`] (where sign-in may send back to).
pub fn other_app(path: &str) -> bool {
    OTHER_APPS.iter().any(|app| {
        path.strip_prefix(app)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Role;
    use domain::permissions::permits;

    /// The cabinet's routes a holder of `roles` gets (link and page alike).
    fn cabinet(roles: &[Role]) -> Vec<Route> {
        [
            Route::Journal,
            Route::Card { id: "a".into() },
            Route::Signing,
            Route::Staff,
            Route::Limits,
            Route::Microdistrict,
            Route::Replies,
            Route::Intake,
            Route::Orders,
            Route::Classes,
        ]
        .into_iter()
        .filter(|r| r.permission().is_some_and(|p| permits(roles, p)))
        .collect()
    }

    #[test]
    fn sign_in_returns_only_to_pages_of_the_site() {
        assert!(other_app("/preschool"));
        assert!(other_app("/preschool/"));
        assert!(other_app("/preschool/applications/x"));
        assert!(!other_app("/preschooler"));
        assert!(!other_app("//evil.example/preschool"));
        assert!(!other_app("https://evil.example/preschool/"));
        assert!(!other_app("/my"));
        assert!(other_app("/college/my/x"));
        assert!(!other_app("/colleges"));
        assert!(other_app("/edu/report"));
        assert!(!other_app("/education"));
    }

    #[test]
    fn each_role_gets_its_part_of_the_cabinet() {
        assert_eq!(cabinet(&[Role::Oso]), [Route::Limits, Route::Microdistrict]);
        assert_eq!(cabinet(&[Role::EduDepartment]), []);
        assert_eq!(
            cabinet(&[Role::Executor]),
            [
                Route::Journal,
                Route::Card { id: "a".into() },
                Route::Replies,
                Route::Intake,
                Route::Orders,
                Route::Classes
            ]
        );
        // The office reads the same pages (it registers orders where the executor prepares
        // them, and decides nothing).
        assert_eq!(cabinet(&[Role::Office]), cabinet(&[Role::Executor]));
        // The director acts as executor, oso and office too.
        assert_eq!(cabinet(&[Role::Director]).len(), 10);
        // Pages of parents and everyone need nothing.
        assert_eq!(Route::MyApplications.permission(), None);
    }
}
