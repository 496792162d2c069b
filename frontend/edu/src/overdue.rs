//! The overdue dashboard (seed 000: overdue applications «отобразиться… в дашборде управления
//! образования»): the territory's open overdue applications now, by organisation, each with
//! how long it is overdue and its read-only card.

use domain::monitoring::{OverdueDashboard, OverdueGroup, overdue_text};
use frontend::components::{StatusBadge, fmt_time, pick};
use frontend::state::{App as AppHandle, Texts, use_app};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::{pending, use_get};
use crate::route::Route;
use crate::text;

#[function_component]
pub fn Overdue() -> Html {
    let app = use_app();
    let dashboard = use_get::<OverdueDashboard>(Some("/api/monitoring/overdue".into()), 0);
    html! {
        <section class="staff-page overdue-page">
            <h1>{app.t("ed_overdue_title")}</h1>
            { match dashboard.ready() {
                None => pending(app.lang, &*dashboard),
                Some(d) if d.groups.is_empty() => html! {
                    <p class="empty" data-testid="overdue-empty">{app.t("ed_overdue_none")}</p>
                },
                Some(d) => html! {
                    <>
                        <p class="muted">{app.tf("ed_overdue_now", &[("t", &fmt_time(&d.now))])}</p>
                        { for d.groups.iter().enumerate().map(|(i, g)| group(&app, i, g)) }
                    </>
                },
            } }
        </section>
    }
}

fn group(app: &AppHandle, i: usize, g: &OverdueGroup) -> Html {
    let title_id = format!("overdue-org-{i}");
    html! {
        <section class="card" aria-labelledby={title_id.clone()} data-org={g.org.id.clone()} data-testid="overdue-group">
            <h2 id={title_id}>{pick(app.lang, &g.org.name)}</h2>
            <p class="muted">{format!("{} {} · {}", app.t("ed_col_bin"), g.org.bin, g.locality.label(app.lang))}</p>
            <ul class="overdue-list">
                { for g.items.iter().map(|it| html! {
                    <li data-id={it.id.clone()}>
                        <Link<Route> to={Route::Card { id: it.id.clone() }} classes="row-link">
                            {format!("№ {}", it.number)}
                        </Link<Route>>
                        {" · "}{text::service(app, it.service)}{" · "}{it.full_name.clone()}{" "}
                        <StatusBadge status={it.status} overdue=true />
                        <span class="time-left late" data-testid="overdue-for">
                            {app.tf("ed_overdue_for", &[("t", &overdue_text(it.overdue_minutes, app.lang))])}
                        </span>
                        <span class="muted due">{app.tf("st_due", &[("t", &fmt_time(&it.due_at))])}</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
