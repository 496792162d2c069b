//! The parents' site: the service's landing page, the application wizard, my applications,
//! notices.

mod applications;
pub mod draft;
mod landing;
mod notifications;
mod wizard;

pub use applications::{ApplicationPage, ApplicationProps, MyApplications};
pub use landing::Landing;
pub use notifications::Notifications;
pub use wizard::Wizard;

use domain::MsgLang;
use domain::api::{Campaign, Child, List, Org, Text};
use yew::prelude::*;

use crate::api::{Api, ApiError, spawn};
use crate::state::App;

/// The text of a `{ru, kk}` pair in the reader's language.
pub fn pick(lang: MsgLang, t: &Text) -> String {
    lang.pick(&t.ru, &t.kk).to_string()
}

/// "Фамилия Имя Отчество" of a child.
pub fn child_name(c: &Child) -> String {
    let mut parts = vec![c.last_name.trim(), c.first_name.trim()];
    if let Some(m) = c
        .middle_name
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        parts.push(m);
    }
    parts.join(" ")
}

/// A query-string value, encoded.
pub fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// `None` while loading, then the answer.
pub type Loaded<T> = Option<Result<T, ApiError>>;

/// The service's business time and enrolment year (`GET /api/campaign`), fetched once.
#[hook]
pub fn use_campaign(app: &App) -> UseStateHandle<Loaded<Campaign>> {
    let campaign = use_state(|| None);
    {
        let campaign = campaign.clone();
        let api = Api::of(app);
        use_effect_with((), move |_| {
            spawn(async move { campaign.set(Some(api.get::<Campaign>("/api/campaign").await)) })
        });
    }
    campaign
}

/// The localities of the address register (`GET /api/localities`), fetched once.
#[hook]
pub fn use_localities(app: &App) -> UseStateHandle<Loaded<Vec<domain::address::Locality>>> {
    let localities = use_state(|| None);
    {
        let localities = localities.clone();
        let api = Api::of(app);
        use_effect_with((), move |_| {
            spawn(async move {
                let r = api
                    .get::<List<domain::address::Locality>>("/api/localities")
                    .await
                    .map(|l| l.items);
                localities.set(Some(r));
            })
        });
    }
    localities
}

/// The names of the organisations `ids` names (their public profiles), fetched when the set
/// changes; an organisation that does not answer is left out.
#[hook]
pub fn use_org_names(app: &App, ids: Vec<String>) -> UseStateHandle<Vec<(String, Text)>> {
    let names = use_state(Vec::new);
    {
        let names = names.clone();
        let api = Api::of(app);
        let mut ids = ids;
        ids.sort();
        ids.dedup();
        use_effect_with(ids, move |ids| {
            let ids = ids.clone();
            spawn(async move {
                let mut out = Vec::new();
                for id in ids {
                    if let Ok(org) = api.get::<Org>(&format!("/api/orgs/{}", enc(&id))).await {
                        out.push((id, org.name));
                    }
                }
                names.set(out);
            });
        });
    }
    names
}

/// An organisation's name from [`use_org_names`], or nothing yet.
pub fn org_name(lang: MsgLang, names: &[(String, Text)], id: &str) -> Option<String> {
    names
        .iter()
        .find(|(n, _)| n == id)
        .map(|(_, t)| pick(lang, t))
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
    fn child_names_skip_an_empty_middle_name() {
        let mut c = Child {
            iin: "200101500017".into(),
            last_name: " Абаев ".into(),
            first_name: "Нурлан".into(),
            middle_name: Some(" ".into()),
            birth_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            sex: domain::Sex::Male,
        };
        assert_eq!(child_name(&c), "Абаев Нурлан");
        c.middle_name = Some("Серикович".into());
        assert_eq!(child_name(&c), "Абаев Нурлан Серикович");
    }

    #[test]
    fn sizes() {
        assert_eq!(fmt_size(1), "1 КБ");
        assert_eq!(fmt_size(2048), "2 КБ");
        assert_eq!(fmt_size(5 * 1024 * 1024), "5,0 МБ");
    }
}
