//! Class composition (seed 003 «Автоматическое распределение детей по классам»): a year's
//! signed 1st-grade acceptances of one language dealt into the limit's number of classes
//! (`domain::classes`), then changed by hand until a class-composition order is made of them.
//!
//! - `GET /api/orgs/{org}/classes/{year}/{language}` → the [`Composition`] (404 before one is
//!   made; [`Permission::ViewOrders`]).
//! - `POST …/distribute` → the composition dealt afresh from the children accepted now (422
//!   `no_limit` without the year's limit of that language). Moves and teachers are lost.
//! - `PUT …/children/{application_id}` `{class: n}` moves a child into the `n`th class (from 1);
//!   `PUT …/{n}` `{teacher}` names the class's teacher. Both 409 `invalid_status` once an order
//!   is made of the composition.
//!
//! Every change is written over the version it read; one that lost a race reads again.

use domain::classes::{ClassChange, Composition, compose};
use domain::orders::OrderChild;
use domain::{AcademicYear, DomainError, ErrorCode, Lang, to_almaty};
use service::http::{json_body, ok};
use service::{ApiError, ApiResult, Ctx, Request};
use store::StoreError;
use table::order;

use crate::Act;

/// Racing edits of one composition each read it again; beyond this, 503.
const ATTEMPTS: u32 = 10;

/// The composition's year and language from the path.
pub(crate) fn key(year: &str, language: &str) -> Result<(AcademicYear, Lang), ApiError> {
    let year = year
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidAcademicYear).field("academic_year"))?;
    match language.parse::<Lang>() {
        Ok(l @ (Lang::Kk | Lang::Ru)) => Ok((year, l)),
        _ => Err(ApiError::new(ErrorCode::ValidationFailed).field("language")),
    }
}

pub(crate) async fn read(ctx: &Ctx, act: Act<'_>, year: AcademicYear, language: Lang) -> ApiResult {
    order::composition(ctx.store.as_ref(), act.org, year, language)
        .await?
        .map(|c| ok(&c))
        .ok_or_else(ApiError::not_found)
}

pub(crate) async fn distribute(
    ctx: &Ctx,
    act: Act<'_>,
    year: AcademicYear,
    language: Lang,
) -> ApiResult {
    let store = ctx.store.as_ref();
    let limit_id = table::limit::limit_id(year, 1, language);
    let limit = table::limit::get(store, act.org, &limit_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NoLimit).field("language"))?;
    let children: Vec<OrderChild> = table::application::of_org_year(store, act.org, year)
        .await?
        .iter()
        .filter(|a| a.language == language && a.grade == 1)
        .filter_map(OrderChild::of)
        .collect();
    let classes = compose(&children, language, limit.classes as usize)?;
    change(
        ctx,
        act,
        year,
        language,
        "classes_distributed",
        move |current| {
            if current.as_ref().is_some_and(|c| c.order_id.is_some()) {
                return Err(DomainError::new(ErrorCode::InvalidStatus));
            }
            Ok(Composition {
                org_id: act.org.to_string(),
                academic_year: year,
                language,
                classes: classes.clone(),
                order_id: None,
                updated_at: to_almaty(ctx.now()),
                version: 0,
            })
        },
    )
    .await
}

pub(crate) async fn edit(
    ctx: &Ctx,
    req: &Request,
    act: Act<'_>,
    (year, language): (AcademicYear, Lang),
    child: Option<&str>,
    class: Option<&str>,
) -> ApiResult {
    let body: ClassChange = json_body(req)?;
    let action = if child.is_some() {
        "class_child_moved"
    } else {
        "class_teacher_set"
    };
    change(ctx, act, year, language, action, |current| {
        let mut c = current.ok_or_else(|| DomainError::new(ErrorCode::NotFound))?;
        match (child, class) {
            (Some(id), _) => {
                let n = body
                    .class
                    .ok_or_else(|| DomainError::new(ErrorCode::ValidationFailed).field("class"))?;
                c.move_child(id, n)?;
            }
            (None, Some(n)) => {
                let n = n.parse().unwrap_or(0);
                c.set_teacher(n, body.teacher.as_deref())?;
            }
            (None, None) => return Err(DomainError::new(ErrorCode::NotFound)),
        }
        Ok(c)
    })
    .await
}

/// Reads the composition, applies `f` and writes the result over the version read, with its
/// audit event; again on a lost race.
async fn change(
    ctx: &Ctx,
    act: Act<'_>,
    year: AcademicYear,
    language: Lang,
    action: &str,
    f: impl Fn(Option<Composition>) -> Result<Composition, DomainError>,
) -> ApiResult {
    let store = ctx.store.as_ref();
    for attempt in 0..ATTEMPTS {
        let current = order::composition(store, act.org, year, language).await?;
        let read = current.as_ref().map(|c| c.version);
        let mut next = f(current)?;
        next.version = read.unwrap_or(0) + 1;
        next.updated_at = to_almaty(ctx.now());
        let what = format!("{year} {}", language.as_str());
        let writes = vec![
            order::put_composition(&next, read)?,
            act.event(ctx, action, &what)?,
        ];
        match store.transact(writes).await {
            Ok(()) => return Ok(ok(&next)),
            Err(StoreError::ConditionFailed { index: 0 } | StoreError::Conflict) => {
                service::retry::back_off(attempt, 5).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::new(ErrorCode::ServiceUnavailable).log("the composition stayed contended"))
}
