//! «ДИАГРАММА»: a stacked horizontal bar per territory, by status column, drawn as inline SVG
//! (seed 002's decisions in green and red), with its legend. Screen readers get the chart's
//! title and description and each bar's figures as its name.

use domain::monitoring::{Column, Report, total_title};
use frontend::state::{App as AppHandle, Texts};
use yew::prelude::*;

use crate::text::colour;

/// The drawing's width, the bar's height and a row's height (label above its bar).
const WIDTH: f64 = 640.0;
const BAR: f64 = 18.0;
const ROW: f64 = 46.0;
/// Room at the bar's end for its total.
const TOTAL_ROOM: f64 = 56.0;

/// A bar's name for screen readers: the territory and each column's figure.
fn bar_label(
    app: &AppHandle,
    name: &str,
    counts: &domain::monitoring::Counts,
    total: u64,
) -> String {
    let parts: Vec<String> = Column::ALL
        .iter()
        .map(|c| format!("{} {}", c.title(app.lang), counts.get(*c)))
        .collect();
    format!(
        "{name}: {}; {} {total}",
        parts.join(", "),
        total_title(app.lang)
    )
}

pub(super) fn chart(app: &AppHandle, r: &Report) -> Html {
    if r.rows.is_empty() {
        return html! { <p class="empty">{app.t("no_data")}</p> };
    }
    let max = r.rows.iter().map(|row| row.total).max().unwrap_or(0).max(1) as f64;
    let scale = (WIDTH - TOTAL_ROOM) / max;
    let height = ROW * r.rows.len() as f64 + 8.0;
    let bars = r.rows.iter().enumerate().map(|(i, row)| {
        let y = ROW * i as f64;
        let name = row.territory.label(app.lang);
        let mut x = 0.0;
        let segments = Column::ALL.iter().filter_map(|c| {
            let n = row.counts.get(*c);
            (n > 0).then(|| {
                let w = n as f64 * scale;
                let seg = html! {
                    <rect x={format!("{x:.1}")} y={format!("{:.1}", y + 20.0)} width={format!("{w:.1}")}
                        height={BAR.to_string()} fill={colour(*c)} data-column={c.as_str()} />
                };
                x += w;
                seg
            })
        });
        let segments: Html = segments.collect();
        html! {
            <g role="img" aria-label={bar_label(app, &name, &row.counts, row.total)}
                data-territory={row.territory.id.clone()} class="chart-bar">
                <text x="0" y={format!("{:.1}", y + 14.0)} class="chart-label" aria-hidden="true">{name}</text>
                {segments}
                <text x={format!("{:.1}", x + 6.0)} y={format!("{:.1}", y + 34.0)} class="chart-total" aria-hidden="true">
                    {row.total}
                </text>
            </g>
        }
    });
    html! {
        <figure class="chart" data-testid="report-chart">
            <svg viewBox={format!("0 0 {WIDTH} {height:.0}")} width="100%" role="group"
                aria-labelledby="chart-title chart-desc" class="chart-svg">
                <title id="chart-title">{app.t("ed_chart_title")}</title>
                <desc id="chart-desc">{app.t("ed_chart_desc")}</desc>
                { for bars }
            </svg>
            <figcaption>
                <ul class="chart-legend" data-testid="chart-legend" aria-label={app.t("ed_legend")}>
                    { for Column::ALL.into_iter().map(|c| html! {
                        <li data-column={c.as_str()}>
                            <svg class="swatch" width="14" height="14" aria-hidden="true">
                                <rect width="14" height="14" rx="2" fill={colour(c)} />
                            </svg>
                            {c.title(app.lang)}
                        </li>
                    }) }
                </ul>
            </figcaption>
        </figure>
    }
}
