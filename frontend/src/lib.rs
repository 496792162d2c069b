//! Qabyldau's web app: the parents' site and the staff cabinet, in Kazakh and Russian.
//! It speaks only the HTTP API and takes every rule and rule text from `domain`.

pub mod api;
pub mod app;
pub mod components;
pub mod facts;
pub mod hooks;
pub mod i18n;
pub mod pages;
pub mod papers;
pub mod parent;
pub mod profile;
pub mod route;
pub mod session;
pub mod shell;
pub mod signing;
pub mod staff;
pub mod state;
pub mod upload;

pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
