//! The kindergarten service's pages, their addresses (all under `/preschool`, the bundle's own
//! path: the runner and CloudFront answer every one of them with `/preschool/index.html`) and
//! whose section each is.

use yew_router::prelude::*;

#[derive(Clone, Debug, Routable, PartialEq)]
pub enum Route {
    /// The parent's applications in the queue (`/preschool/` as well: trailing slashes match).
    #[at("/preschool")]
    Applications,
    /// Registering a child in the queue.
    #[at("/preschool/new")]
    Register,
    #[at("/preschool/applications/:id")]
    Application { id: String },
    /// Kindergarten staff: places and the children directed to them.
    #[at("/preschool/kindergarten")]
    Kindergarten,
    /// The education department: privileges, the region's places and directions.
    #[at("/preschool/edu")]
    Edu,
    #[not_found]
    #[at("/preschool/404")]
    NotFound,
}

/// Who a page is for: it decides the page's guard and where its link sits in the header.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Section {
    /// Parents and legal representatives: any signed-in person.
    Parent,
    /// Staff of an organisation (a kindergarten).
    Kindergarten,
    /// The education department of a region.
    Edu,
}

impl Route {
    /// The page's section (`None`: a page of everyone).
    pub fn section(&self) -> Option<Section> {
        match self {
            Route::Applications | Route::Register | Route::Application { .. } => {
                Some(Section::Parent)
            }
            Route::Kindergarten => Some(Section::Kindergarten),
            Route::Edu => Some(Section::Edu),
            Route::NotFound => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_address_under_preschool() {
        for (path, route) in [
            ("/preschool", Route::Applications),
            ("/preschool/", Route::Applications),
            ("/preschool/new", Route::Register),
            (
                "/preschool/applications/x",
                Route::Application { id: "x".into() },
            ),
            ("/preschool/kindergarten", Route::Kindergarten),
            ("/preschool/edu", Route::Edu),
            ("/preschool/nothing/here", Route::NotFound),
        ] {
            assert_eq!(Route::recognize(path), Some(route), "{path}");
        }
        // The main app's sign-in sends back here with a full page load: these are its pages.
        for route in [Route::Applications, Route::Register, Route::Edu] {
            assert!(frontend::route::other_app(&route.to_path()), "{route:?}");
        }
    }

    #[test]
    fn each_page_is_in_its_section() {
        assert_eq!(
            Route::Application { id: "a".into() }.section(),
            Some(Section::Parent)
        );
        assert_eq!(Route::Kindergarten.section(), Some(Section::Kindergarten));
        assert_eq!(Route::Edu.section(), Some(Section::Edu));
        assert_eq!(Route::NotFound.section(), None);
    }
}
