//! Seat accounting: the writes that take or free a seat of a class limit. A use case puts them
//! in the same transaction as the application's status change, so two executors can never
//! overbook a parallel, whatever the interleaving (seed 001: the 3:1 rule).

use domain::AdmissionType;
use domain::api::Application;
use store::{CmpOp, Condition, Update, WriteOp};

use crate::keys;
use crate::limits::limit_id;

/// The attribute counting the seats taken by applications of this admission type.
fn taken_attr(admission: AdmissionType) -> &'static str {
    match admission {
        AdmissionType::Microdistrict => "taken_microdistrict",
        AdmissionType::Outside => "taken_outside",
    }
}

/// The limit an application counts against.
pub fn limit_key(application: &Application) -> store::Key {
    keys::limit(
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
pub fn take(application: &Application) -> WriteOp {
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
        key: limit_key(application),
        update: Update::new().add(attr, 1).add("taken_total", 1),
        condition: Some(condition),
    }
}

/// Frees the seat the application took (its accept decision was returned or withdrawn).
pub fn free(application: &Application) -> WriteOp {
    let attr = taken_attr(application.admission_type);
    WriteOp::Update {
        key: limit_key(application),
        update: Update::new().add(attr, -1).add("taken_total", -1),
        condition: Some(Condition::And(vec![
            Condition::cmp(attr, CmpOp::Gt, 0),
            Condition::cmp("taken_total", CmpOp::Gt, 0),
        ])),
    }
}
