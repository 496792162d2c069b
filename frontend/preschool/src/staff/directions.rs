//! «Направления»: the children directed to the kindergarten, newest first as the server pages
//! them, with the working days left while a direction waits; «Зачислен» confirms a child's
//! arrival (asked once more before it is sent: it closes the child's queue application).

use domain::preschool::DirectionState;
use domain::preschool::api::DirectionLine;
use frontend::api::{Api, ApiError};
use frontend::components::{api_error, enc, fmt_date, fmt_time};
use frontend::hooks::{Remote, pending, run, use_reload};
use frontend::state::{Texts, use_app};
use serde::Serialize;
use serde::de::IgnoredAny;
use yew::prelude::*;

use super::{org_path, use_paged};

#[derive(Serialize)]
struct Empty {}

#[derive(Properties, PartialEq)]
pub(super) struct DirectionsProps {
    pub org: String,
    /// Whether the person may confirm arrivals («Зачислен»).
    pub confirm: bool,
}

#[function_component]
pub(super) fn Directions(p: &DirectionsProps) -> Html {
    let app = use_app();
    let reload = use_reload();
    let paged = use_paged::<DirectionLine>(Some(org_path(&p.org, "/directions")), reload.value());
    let on_done = {
        let reload = reload.clone();
        Callback::from(move |_| reload.bump())
    };
    match &paged.first {
        Remote::Ready(_) if paged.items.is_empty() => {
            html! { <p class="empty" data-testid="directions-empty">{app.t("pk_directions_empty")}</p> }
        }
        Remote::Ready(_) => html! {
            <>
                <table class="stack directions-table" data-testid="directions">
                    <caption class="visually-hidden">{app.t("pk_directions_title")}</caption>
                    <thead><tr>{direction_head(&app)}
                        if p.confirm {
                            <th scope="col"><span class="visually-hidden">{app.t("pk_action")}</span></th>
                        }
                    </tr></thead>
                    <tbody>
                        { for paged.items.iter().map(|line| html! {
                            <DirectionRow key={format!("{}-{}", line.application_id, line.direction.n)}
                                org={p.org.clone()} line={line.clone()} confirm={p.confirm}
                                on_done={on_done.clone()} />
                        }) }
                    </tbody>
                </table>
                {paged.more}
            </>
        },
        other => pending(app.lang, other),
    }
}

/// The column heads of a directions table (the kindergarten's and the region's).
pub(crate) fn direction_head(app: &frontend::state::App) -> Html {
    html! {
        <>
            <th scope="col">{app.t("pk_number")}</th>
            <th scope="col">{app.t("pk_child")}</th>
            <th scope="col">{app.t("pk_birth_date")}</th>
            <th scope="col">{app.t("pk_issued")}</th>
            <th scope="col">{app.t("pk_expires")}</th>
            <th scope="col">{app.t("pk_days_left")}</th>
            <th scope="col">{app.t("pk_state")}</th>
        </>
    }
}

/// The cells of one direction (the kindergarten's and the region's tables).
pub(crate) fn direction_cells(app: &frontend::state::App, line: &DirectionLine) -> Html {
    let d = &line.direction;
    let left = match (d.state, line.working_days_left) {
        (DirectionState::Issued, Some(n)) => n.to_string(),
        _ => "—".to_string(),
    };
    html! {
        <>
            <th scope="row" data-label={app.t("pk_number")}>{line.number.clone()}</th>
            <td data-label={app.t("pk_child")}>{line.child_name.clone()}</td>
            <td data-label={app.t("pk_birth_date")}>{fmt_date(&line.child_birth_date)}</td>
            <td data-label={app.t("pk_issued")}>{fmt_time(&d.issued_at)}</td>
            <td data-label={app.t("pk_expires")}>{fmt_time(&d.expires_at)}</td>
            <td data-label={app.t("pk_days_left")} data-testid="days-left">{left}</td>
            <td data-label={app.t("pk_state")}>
                <span class={classes!("badge", format!("badge-direction-{}", d.state.as_str()))}
                    data-testid="state" data-state={d.state.as_str()}>{d.state.title(app.lang)}</span>
            </td>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    org: String,
    line: DirectionLine,
    confirm: bool,
    on_done: Callback<()>,
}

#[function_component]
fn DirectionRow(p: &RowProps) -> Html {
    let app = use_app();
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let line = &p.line;
    let id = &line.application_id;
    let arrive = {
        let (api, on_done, asking) = (Api::of(&app), p.on_done.clone(), asking.clone());
        let path = org_path(&p.org, &format!("/directions/{}/arrival", enc(id)));
        let (busy, failure) = (busy.clone(), failure.clone());
        Callback::from(move |_| {
            let (api, path, on_done, asking) =
                (api.clone(), path.clone(), on_done.clone(), asking.clone());
            run(
                &busy,
                &failure,
                async move { api.post::<_, IgnoredAny>(&path, &Empty {}).await },
                move |_| {
                    asking.set(false);
                    on_done.emit(());
                },
            );
        })
    };
    let set = |v: bool| {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(v))
    };
    let issued = line.direction.state == DirectionState::Issued;
    let question_id = format!("arrival-q-{id}");
    html! {
        <>
            <tr data-testid="direction" data-id={id.clone()} data-number={line.number.clone()}>
                {direction_cells(&app, line)}
                if p.confirm {
                    <td data-label={app.t("pk_action")} class="cell-actions">
                        if issued && !*asking {
                            <button type="button" class="btn btn-small" data-testid="arrival" onclick={set(true)}>
                                {app.t("pk_arrival")}
                                <span class="visually-hidden">{format!(" ({})", line.child_name)}</span>
                            </button>
                        }
                        if issued && *asking {
                            <div class="alert alert-info" role="alertdialog" aria-labelledby={question_id.clone()}>
                                <p id={question_id}>{app.tf("pk_arrival_question", &[("child", &line.child_name), ("number", &line.number)])}</p>
                                <div class="row-actions">
                                    <button type="button" class="btn btn-small" data-testid="arrival-yes"
                                        onclick={arrive} disabled={*busy}>{app.t("pk_arrival_yes")}</button>
                                    <button type="button" class="btn btn-small btn-secondary" onclick={set(false)}>
                                        {app.t("pk_arrival_no")}
                                    </button>
                                </div>
                            </div>
                        }
                    </td>
                }
            </tr>
            if failure.is_some() {
                <tr class="row-error"><td colspan="8">{api_error((*failure).clone())}</td></tr>
            }
        </>
    }
}
