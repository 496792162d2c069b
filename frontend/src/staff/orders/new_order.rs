//! «Новый приказ о зачислении» on «Приказы»: the year's signed acceptances in no order yet.

use domain::orders::{MAX_CHILDREN, NewOrder, OrderChild, OrderKind};
use serde::de::IgnoredAny;
use yew::prelude::*;

use crate::api::Api;
use crate::components::{api_error, checked_of, fmt_date};
use crate::staff::{Acts, client_id, org_path};
use crate::state::{App, Texts};

/// The i18n keys of the candidates' columns.
const CANDIDATE_COLUMNS: [&str; 4] = [
    "st_order_include",
    "st_order_child",
    "st_order_born",
    "st_order_application",
];

/// «Новый приказ о зачислении»: the signed acceptances in no order yet, each with a checkbox
/// (all checked), and «Сформировать проект приказа».
pub(super) fn new_order_section(
    app: &App,
    org: &str,
    year: domain::AcademicYear,
    items: &[OrderChild],
    excluded: &UseStateHandle<Vec<String>>,
    order_id: &UseStateHandle<String>,
    acts: &Acts,
) -> Html {
    let chosen: Vec<String> = items
        .iter()
        .map(|c| c.application_id.clone())
        .filter(|id| !excluded.contains(id))
        .collect();
    let too_many = chosen.len() > MAX_CHILDREN;
    let create = {
        let (app, path, excluded, order_id, acts) = (
            app.clone(),
            org_path(org, "/orders"),
            excluded.clone(),
            order_id.clone(),
            acts.clone(),
        );
        let chosen = chosen.clone();
        Callback::from(move |_| {
            let api = Api::of(&app);
            let body = NewOrder {
                order_id: (*order_id).clone(),
                kind: OrderKind::Enrolment,
                academic_year: year,
                application_ids: chosen.clone(),
                language: None,
            };
            let (path, excluded, order_id) = (path.clone(), excluded.clone(), order_id.clone());
            acts.run(
                "new",
                "st_order_created",
                Box::pin(async move {
                    api.post::<_, IgnoredAny>(&path, &body).await?;
                    // The next order is another one.
                    order_id.set(client_id());
                    excluded.set(Vec::new());
                    Ok(())
                }),
            );
        })
    };
    let toggle = |id: &str| {
        let (excluded, id) = (excluded.clone(), id.to_string());
        Callback::from(move |e: Event| {
            let mut next: Vec<String> = excluded.iter().filter(|x| **x != id).cloned().collect();
            if !checked_of(&e) {
                next.push(id.clone());
            }
            excluded.set(next);
        })
    };
    let [include, name_h, born_h, application_h] = CANDIDATE_COLUMNS.map(|k| app.t(k));
    html! {
        <section class="card new-order" aria-labelledby="new-order-title">
            <h2 id="new-order-title">{app.t("st_new_order")}</h2>
            <p class="muted">{app.tf("st_new_order_intro", &[("max", &MAX_CHILDREN.to_string())])}</p>
            if items.is_empty() {
                <p class="empty">{app.t("st_new_order_empty")}</p>
            } else {
                <table class="stack order-candidates">
                    <caption class="visually-hidden">{app.t("st_new_order")}</caption>
                    <thead><tr>
                        { for [include, name_h, born_h, application_h].map(|h| html! { <th scope="col">{h}</th> }) }
                    </tr></thead>
                    <tbody>
                        { for items.iter().map(|c| {
                            let id = format!("order-child-{}", c.application_id);
                            html! {
                                <tr key={c.application_id.clone()} data-testid="order-candidate">
                                    <td data-label={include} class="cell-select">
                                        <input type="checkbox" id={id.clone()} checked={!excluded.contains(&c.application_id)}
                                            onchange={toggle(&c.application_id)} />
                                    </td>
                                    <td data-label={name_h}><label for={id}>{c.full_name()}</label></td>
                                    <td data-label={born_h}>{fmt_date(&c.birth_date)}</td>
                                    <td data-label={application_h}>
                                        {app.tf("st_order_application_of", &[
                                            ("n", &c.application_number.to_string()),
                                            ("date", &fmt_date(&c.applied_on)),
                                        ])}
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class={classes!("hint", too_many.then_some("error-text"))} aria-live="polite">
                    {app.tf("st_order_chosen", &[("n", &chosen.len().to_string()), ("total", &items.len().to_string())])}
                </p>
                {api_error(acts.error_at("new"))}
                <button type="button" class="btn" onclick={create}
                    disabled={*acts.busy || chosen.is_empty() || too_many}>{app.t("st_order_create")}</button>
            }
        </section>
    }
}
