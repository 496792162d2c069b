//! Class limits, and seat accounting: the writes that take or free a seat. A use case puts a
//! seat write in the same transaction as the application's status change, so two executors
//! can never overbook a parallel, whatever the interleaving (seed 001: the 3:1 rule).

use domain::api::{Application, Limit};
use domain::{AcademicYear, AdmissionType, Lang, LimitCounts, Quota};
use serde::{Deserialize, Serialize};
use store::{CmpOp, Condition, Key, Query, SortCondition, Store, StoreError, Update, WriteOp};

use crate::keys;

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
    /// A new limit with nothing taken; the outside quota is stored with the seats.
    pub fn new(
        org_id: &str,
        year: AcademicYear,
        grade: u8,
        language: Lang,
        seats: u32,
        classes: u32,
    ) -> Self {
        LimitItem {
            id: limit_id(year, grade, language),
            org_id: org_id.to_string(),
            academic_year: year,
            grade,
            language,
            seats,
            classes,
            quota_outside: Quota::for_seats(seats).outside,
            taken_microdistrict: 0,
            taken_outside: 0,
            taken_total: 0,
        }
    }

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

fn key(org_id: &str, limit_id: &str) -> Key {
    keys::limit(org_id, limit_id)
}

pub async fn get(
    store: &dyn Store,
    org_id: &str,
    limit_id: &str,
) -> Result<Option<LimitItem>, StoreError> {
    crate::get(store, &key(org_id, limit_id)).await
}

/// Every limit of an organisation, of one academic year when given.
pub async fn list(
    store: &dyn Store,
    org_id: &str,
    year: Option<AcademicYear>,
) -> Result<Vec<LimitItem>, StoreError> {
    let prefix = match year {
        Some(y) => format!("{}{y}-", keys::LIMIT_PREFIX),
        None => keys::LIMIT_PREFIX.to_string(),
    };
    let query = Query::table(keys::org_partition(org_id)).sk(SortCondition::BeginsWith(prefix));
    crate::all(store, query).await
}

/// Creates a limit; the write fails its condition when the limit exists.
pub fn create(limit: &LimitItem) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&key(&limit.org_id, &limit.id), limit)?,
        condition: Some(Condition::NotExists),
    })
}

/// Sets the seats and classes of a limit, and the outside quota that goes with the seats. The
/// write fails its condition when the limit is missing or more seats are taken than `seats`:
/// the check is part of the write, so a decision racing this edit can never leave fewer seats
/// than taken.
pub fn set_seats(org_id: &str, limit_id: &str, seats: u32, classes: u32) -> WriteOp {
    WriteOp::Update {
        key: key(org_id, limit_id),
        update: Update::new()
            .set("seats", seats)
            .set("classes", classes)
            .set("quota_outside", Quota::for_seats(seats).outside),
        condition: Some(Condition::And(vec![
            Condition::Exists,
            Condition::cmp("taken_total", CmpOp::Le, seats),
        ])),
    }
}

// ---------------------------------------------------------------- seats

/// The attribute counting the seats taken by applications of this admission type.
fn taken_attr(admission: AdmissionType) -> &'static str {
    match admission {
        AdmissionType::Microdistrict => "taken_microdistrict",
        AdmissionType::Outside => "taken_outside",
    }
}

/// The limit an application counts against.
fn of(application: &Application) -> Key {
    key(
        &application.org_id,
        &limit_id(
            application.academic_year,
            application.grade,
            application.language,
        ),
    )
}

/// Takes a seat for the application. An `outside` child needs a free place in the outside
/// quota and a free seat overall; a `microdistrict` child is accepted even beyond the seats.
/// The write fails its condition when no seat may be taken (→ `limit_exhausted`).
pub fn take_seat(application: &Application) -> WriteOp {
    let attr = taken_attr(application.admission_type);
    let condition = match application.admission_type {
        AdmissionType::Outside => Condition::And(vec![
            Condition::Exists,
            Condition::cmp_attr("taken_outside", CmpOp::Lt, "quota_outside"),
            Condition::cmp_attr("taken_total", CmpOp::Lt, "seats"),
        ]),
        AdmissionType::Microdistrict => Condition::Exists,
    };
    WriteOp::Update {
        key: of(application),
        update: Update::new().add(attr, 1).add("taken_total", 1),
        condition: Some(condition),
    }
}

/// Frees the seat the application took (its accept decision was returned or withdrawn).
pub fn free_seat(application: &Application) -> WriteOp {
    let attr = taken_attr(application.admission_type);
    WriteOp::Update {
        key: of(application),
        update: Update::new().add(attr, -1).add("taken_total", -1),
        condition: Some(Condition::And(vec![
            Condition::cmp(attr, CmpOp::Gt, 0),
            Condition::cmp("taken_total", CmpOp::Gt, 0),
        ])),
    }
}
