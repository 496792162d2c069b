//! «ТАБЛИЦА»: №, the territory («Акмолинская область [110000000]»), the six status columns,
//! «Всего», «Просрочено», and the «Всего по статусу» row.

use domain::monitoring::{
    Column, Counts, Report, RowLevel, overdue_title, total_row_title, total_title,
};
use frontend::state::{App as AppHandle, Texts};
use yew::prelude::*;

/// A row's figures after its first cells: each status column, «Всего», «Просрочено».
fn figures(app: &AppHandle, c: &Counts, total: u64) -> Html {
    html! {
        <>
            { for Column::ALL.into_iter().map(|col| html! {
                <td class="num" data-label={col.title(app.lang)} data-column={col.as_str()}>{c.get(col)}</td>
            }) }
            <td class="num total" data-label={total_title(app.lang)} data-column="total">{total}</td>
            <td class="num" data-label={overdue_title(app.lang)} data-column="overdue">{c.overdue}</td>
        </>
    }
}

pub(super) fn table(app: &AppHandle, r: &Report) -> Html {
    let territory = match r.rows_level {
        RowLevel::Region => app.t("ed_col_region"),
        RowLevel::Locality => app.t("ed_locality"),
    };
    html! {
        <div class="table-wrap">
            <table class="journal-table report-table" data-testid="report-table">
                <caption class="visually-hidden">{app.t("ed_report_title")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{app.t("ed_col_n")}</th>
                        <th scope="col">{territory}</th>
                        { for Column::ALL.into_iter().map(|c| html! { <th scope="col" class="num">{c.title(app.lang)}</th> }) }
                        <th scope="col" class="num">{total_title(app.lang)}</th>
                        <th scope="col" class="num">{overdue_title(app.lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    { for r.rows.iter().enumerate().map(|(i, row)| html! {
                        <tr data-territory={row.territory.id.clone()}>
                            <td data-label={app.t("ed_col_n")}>{i + 1}</td>
                            <th scope="row" data-label={territory}>{row.territory.label(app.lang)}</th>
                            {figures(app, &row.counts, row.total)}
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr data-testid="report-total">
                        <td></td>
                        <th scope="row">{total_row_title(app.lang)}</th>
                        {figures(app, &r.total, r.total_all)}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
