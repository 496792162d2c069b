//! The kindergarten service's site: the preschool queue (parents), places and directions
//! (kindergarten staff), privileges and the region's places and directions (education
//! departments). A bundle of its own, loaded only on its pages (`/preschool/...`), so the main
//! app's wasm carries none of it. It runs on the main app's library (`frontend`): the same
//! shell, state, texts, API client and components, hence the same session, language and theme.
//!
//! `route` names the pages, `app` is the shell around them, and each audience has its module:
//! `parent`, `staff` (kindergarten staff), `edu` (education department).

mod app;
mod edu;
mod parent;
mod route;
mod staff;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
