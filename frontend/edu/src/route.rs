//! The department's pages and their addresses, all under `/edu` (the bundle's own path: the
//! runner and CloudFront answer every one of them with `/edu/index.html`).

use yew_router::prelude::*;

#[derive(Clone, Debug, Routable, PartialEq)]
pub enum Route {
    /// «Журнал заявлений»: applications across the territory's organisations.
    #[at("/edu")]
    Journal,
    /// An application's card, read-only.
    #[at("/edu/applications/:id")]
    Card { id: String },
    /// «Мониторинг оказания государственных услуг»: the report, a table and a chart.
    #[at("/edu/report")]
    Report,
    /// The overdue applications now, by organisation.
    #[at("/edu/overdue")]
    Overdue,
    /// The campaign periods of the region (region-level staff).
    #[at("/edu/campaigns")]
    Campaigns,
    #[not_found]
    #[at("/edu/404")]
    NotFound,
}

/// The shared card links back to the journal and the journal to the card.
impl frontend::staff::Cabinet for Route {
    const ORG_STAFF: bool = false;
    fn journal() -> Route {
        Route::Journal
    }
    fn card(id: String) -> Route {
        Route::Card { id }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_address_under_edu() {
        for (path, route) in [
            ("/edu", Route::Journal),
            ("/edu/", Route::Journal),
            ("/edu/applications/x", Route::Card { id: "x".into() }),
            ("/edu/report", Route::Report),
            ("/edu/overdue", Route::Overdue),
            ("/edu/campaigns", Route::Campaigns),
            ("/edu/nothing/here", Route::NotFound),
        ] {
            assert_eq!(Route::recognize(path), Some(route), "{path}");
        }
        // The main app's sign-in sends back here with a full page load.
        for route in [Route::Journal, Route::Report] {
            assert!(frontend::route::other_app(&route.to_path()), "{route:?}");
        }
    }
}
