//! The college service's pages, their addresses (all under `/college`, the bundle's own path:
//! the runner and CloudFront answer every one of them with `/college/index.html`) and who may
//! open each.

use domain::permissions::Permission;
use yew_router::prelude::*;

#[derive(Clone, Debug, Routable, PartialEq)]
pub enum Route {
    /// Finding a college: a locality, then its colleges (`/college/` as well).
    #[at("/college")]
    Finder,
    /// A college's page: its specialty lines with places, the campaign, «Подать заявление».
    #[at("/college/colleges/:org")]
    College { org: String },
    #[at("/college/colleges/:org/apply")]
    Apply { org: String },
    /// A line's ranked list (public; names to the college's staff).
    #[at("/college/colleges/:org/ranking/:line")]
    Ranking { org: String, line: String },
    #[at("/college/my")]
    MyApplications,
    #[at("/college/my/:id")]
    MyApplication { id: String },
    /// «Государственные услуги»: the admissions office's journal.
    #[at("/college/cabinet")]
    Journal,
    /// «Обработанные заявки»: the journal on its processed tab.
    #[at("/college/cabinet/processed")]
    Processed,
    #[at("/college/cabinet/applications/:id")]
    Card { id: String },
    /// The director's «На подписании».
    #[at("/college/cabinet/signing")]
    Signing,
    /// «Специальности»: the college's lines and places, each with its ranked list.
    #[at("/college/cabinet/specialties")]
    Specialties,
    #[not_found]
    #[at("/college/404")]
    NotFound,
}

/// Who may open a page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Access {
    Everyone,
    /// Any signed-in person (the applicant or their legal representative).
    SignedIn,
    /// Staff of the chosen organisation with this permission.
    Staff(Permission),
}

impl Route {
    pub fn access(&self) -> Access {
        match self {
            Route::Finder | Route::College { .. } | Route::Ranking { .. } | Route::NotFound => {
                Access::Everyone
            }
            Route::Apply { .. } | Route::MyApplications | Route::MyApplication { .. } => {
                Access::SignedIn
            }
            Route::Journal | Route::Processed | Route::Card { .. } => {
                Access::Staff(Permission::ViewJournal)
            }
            Route::Signing => Access::Staff(Permission::Sign),
            Route::Specialties => Access::Staff(Permission::ViewPlaces),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_address_under_college() {
        for (path, route) in [
            ("/college", Route::Finder),
            ("/college/", Route::Finder),
            ("/college/colleges/o", Route::College { org: "o".into() }),
            (
                "/college/colleges/o/apply",
                Route::Apply { org: "o".into() },
            ),
            (
                "/college/colleges/o/ranking/06130100-ru-full_time-grade9",
                Route::Ranking {
                    org: "o".into(),
                    line: "06130100-ru-full_time-grade9".into(),
                },
            ),
            ("/college/my", Route::MyApplications),
            ("/college/my/x", Route::MyApplication { id: "x".into() }),
            ("/college/cabinet", Route::Journal),
            ("/college/cabinet/processed", Route::Processed),
            (
                "/college/cabinet/applications/x",
                Route::Card { id: "x".into() },
            ),
            ("/college/cabinet/signing", Route::Signing),
            ("/college/cabinet/specialties", Route::Specialties),
            ("/college/nothing/here", Route::NotFound),
        ] {
            assert_eq!(Route::recognize(path), Some(route), "{path}");
        }
        // The main app's sign-in and notices send here with a full page load.
        for route in [Route::MyApplications, Route::Journal] {
            assert!(frontend::route::other_app(&route.to_path()), "{route:?}");
        }
        assert_eq!(
            frontend::route::other_app_application(domain::Service::College, "x"),
            Some(Route::MyApplication { id: "x".into() }.to_path())
        );
    }

    #[test]
    fn the_office_pages_need_the_permissions_of_the_main_cabinet() {
        assert_eq!(
            Route::Card { id: "a".into() }.access(),
            Access::Staff(Permission::ViewJournal)
        );
        assert_eq!(Route::Signing.access(), Access::Staff(Permission::Sign));
        assert_eq!(Route::Apply { org: "o".into() }.access(), Access::SignedIn);
        assert_eq!(
            Route::Ranking {
                org: "o".into(),
                line: "l".into()
            }
            .access(),
            Access::Everyone
        );
    }
}
