//! Parents and legal representatives: their applications in the preschool queue (`list`),
//! registering a child in it (`register`), and one application (`application`: its place in the
//! queue, history, documents, the choice of a private kindergarten and the direction).

mod application;
mod list;
mod register;

pub use application::Application;
pub use list::Applications;
pub use register::Register;

use domain::MsgLang;
use domain::api::Child;
use domain::preschool::api::QueueApplication;

use frontend::components::fmt_date;

/// The languages a kindergarten group is taught in.
pub const GROUP_LANGUAGES: [domain::Lang; 2] = [domain::Lang::Kk, domain::Lang::Ru];

/// `Фамилия Имя, 18.08.2023`: a child as lists name it.
pub fn child_line(child: &Child) -> String {
    format!("{}, {}", child.full_name(), fmt_date(&child.birth_date))
}

/// The state as the seed's header shows it: «В очереди», then the privilege («Без льготы» or
/// the category with its status).
pub fn state_badges(lang: MsgLang, a: &QueueApplication) -> (String, String) {
    let privilege = if a.privilege.category == domain::preschool::PrivilegeCategory::None {
        a.privilege.category.title(lang).to_string()
    } else {
        format!(
            "{} ({})",
            a.privilege.category.title(lang),
            a.privilege.status.title(lang).to_lowercase()
        )
    };
    (a.state.title(lang).to_string(), privilege)
}
