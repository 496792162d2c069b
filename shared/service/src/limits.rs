//! Class limits as stored, read by the limits function, the public profile and submission.

use domain::api::Limit;
use domain::{AcademicYear, Lang, LimitCounts};
use serde::{Deserialize, Serialize};
use store::{Query, SortCondition, from_item};

use crate::{ApiError, Ctx, keys};

/// A limit as stored. `taken_total` and `quota_outside` are kept beside the counts so that
/// conditional writes can compare them directly (a condition cannot add two attributes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LimitItem {
    pub id: String,
    pub org_id: String,
    pub academic_year: AcademicYear,
    pub grade: u8,
    pub language: Lang,
    pub seats: u32,
    pub classes: u32,
    pub quota_outside: u32,
    pub taken_microdistrict: u32,
    pub taken_outside: u32,
    pub taken_total: u32,
}

/// A limit's id names what it limits: `2026-2027-1-ru`.
pub fn limit_id(year: AcademicYear, grade: u8, language: Lang) -> String {
    format!("{year}-{grade}-{}", language.as_str())
}

impl LimitItem {
    pub fn view(&self) -> Limit {
        // Shown from the stored quota, the figure the seat condition compares.
        let counts = LimitCounts {
            seats: self.seats,
            quota_outside: self.quota_outside,
            taken_microdistrict: self.taken_microdistrict,
            taken_outside: self.taken_outside,
        };
        let quota = counts.quota();
        Limit {
            id: self.id.clone(),
            org_id: self.org_id.clone(),
            academic_year: self.academic_year,
            grade: self.grade,
            language: self.language,
            seats: self.seats,
            classes: self.classes,
            quota_outside: quota.outside,
            quota_microdistrict: quota.microdistrict,
            taken_microdistrict: self.taken_microdistrict,
            taken_outside: self.taken_outside,
            free_total: counts.free_total(),
            free_outside: counts.free_outside(),
        }
    }
}

pub async fn get(ctx: &Ctx, org_id: &str, limit_id: &str) -> Result<Option<LimitItem>, ApiError> {
    match ctx.store.get(&keys::limit(org_id, limit_id)).await? {
        Some(item) => Ok(Some(from_item(item)?)),
        None => Ok(None),
    }
}

/// Every limit of an organisation, of one academic year when given.
pub async fn list(
    ctx: &Ctx,
    org_id: &str,
    year: Option<AcademicYear>,
) -> Result<Vec<Limit>, ApiError> {
    let prefix = match year {
        Some(y) => format!("{}{y}-", keys::LIMIT_PREFIX),
        None => keys::LIMIT_PREFIX.to_string(),
    };
    let query = Query::table(keys::limit_partition(org_id)).sk(SortCondition::BeginsWith(prefix));
    store::query_all(ctx.store.as_ref(), query)
        .await?
        .into_iter()
        .map(|item| Ok(from_item::<LimitItem>(item)?.view()))
        .collect()
}
