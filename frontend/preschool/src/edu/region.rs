//! The region's state-order places and the directions to its kindergartens, as the education
//! department reads them (read-only, paged).

use domain::preschool::api::{DirectionLine, Place};
use frontend::components::pick;
use frontend::hooks::{Remote, pending, use_org_names};
use frontend::state::{Texts, use_app};
use yew::prelude::*;

use crate::staff::{direction_cells, direction_head, use_paged};

#[function_component]
pub(super) fn RegionPlaces() -> Html {
    let app = use_app();
    let paged = use_paged::<Place>(Some("/api/region/places".into()), 0);
    let names = use_org_names(&app, paged.items.iter().map(|p| p.org_id.clone()).collect());
    let name = |id: &str| {
        names
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| pick(app.lang, &o.name))
    };
    match &paged.first {
        Remote::Ready(_) if paged.items.is_empty() => {
            html! { <p class="empty" data-testid="region-places-empty">{app.t("pe_places_empty")}</p> }
        }
        Remote::Ready(_) => html! {
            <>
                <table class="stack region-places-table" data-testid="region-places">
                    <caption class="visually-hidden">{app.t("pe_places_title")}</caption>
                    <thead><tr>
                        <th scope="col">{app.t("pe_kindergarten")}</th>
                        <th scope="col">{app.t("pk_age_group")}</th>
                        <th scope="col">{app.t("pk_language")}</th>
                        <th scope="col">{app.t("pk_count")}</th>
                        <th scope="col">{app.t("pk_taken")}</th>
                    </tr></thead>
                    <tbody>
                        { for paged.items.iter().map(|p| html! {
                            <tr data-testid="region-place">
                                <th scope="row" data-label={app.t("pe_kindergarten")}>{name(&p.org_id)}</th>
                                <td data-label={app.t("pk_age_group")}>{p.age_group}</td>
                                <td data-label={app.t("pk_language")}>{p.language.title(app.lang)}</td>
                                <td data-label={app.t("pk_count")}>{p.count}</td>
                                <td data-label={app.t("pk_taken")}>{p.taken}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                {paged.more}
            </>
        },
        other => pending(app.lang, other),
    }
}

#[function_component]
pub(super) fn RegionDirections() -> Html {
    let app = use_app();
    let paged = use_paged::<DirectionLine>(Some("/api/region/directions".into()), 0);
    match &paged.first {
        Remote::Ready(_) if paged.items.is_empty() => {
            html! { <p class="empty" data-testid="region-directions-empty">{app.t("pe_directions_empty")}</p> }
        }
        Remote::Ready(_) => html! {
            <>
                <table class="stack region-directions-table" data-testid="region-directions">
                    <caption class="visually-hidden">{app.t("pe_directions_title")}</caption>
                    <thead><tr>
                        {direction_head(&app)}
                        <th scope="col">{app.t("pe_kindergarten")}</th>
                    </tr></thead>
                    <tbody>
                        { for paged.items.iter().map(|l| html! {
                            <tr data-testid="region-direction" data-number={l.number.clone()}>
                                {direction_cells(&app, l)}
                                <td data-label={app.t("pe_kindergarten")}>{pick(app.lang, &l.direction.org_name)}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                {paged.more}
            </>
        },
        other => pending(app.lang, other),
    }
}
