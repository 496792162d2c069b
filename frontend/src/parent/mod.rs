//! The parents' site: the service's landing page, the application wizard, my applications,
//! notices.

mod applications;
mod campaign;
pub mod draft;
mod landing;
mod notifications;
mod verify;
mod wizard;

pub use applications::{ApplicationPage, ApplicationProps, MyApplications, Withdraw};
pub use landing::Landing;
pub use notifications::Notifications;
pub use verify::VerifyPage;
pub use wizard::Wizard;

use domain::MsgLang;

use crate::components::pick;
use crate::hooks::OrgName;

/// An organisation's name from [`crate::hooks::use_org_names`], or nothing yet.
pub fn org_name(lang: MsgLang, names: &[OrgName], id: &str) -> Option<String> {
    names
        .iter()
        .find(|o| o.id == id)
        .map(|o| pick(lang, &o.name))
}

/// Focuses the element with this id (after the render that shows it).
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Scrolls the page to its top.
pub fn scroll_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// `1,2 МБ` / `340 КБ` for a file size.
pub fn fmt_size(bytes: u64) -> String {
    // Integer arithmetic: float formatting would add its machinery to the wasm.
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{},{} МБ", tenths / 10, tenths % 10)
    } else {
        format!("{} КБ", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(fmt_size(1), "1 КБ");
        assert_eq!(fmt_size(2048), "2 КБ");
        assert_eq!(fmt_size(5 * 1024 * 1024), "5,0 МБ");
    }
}
