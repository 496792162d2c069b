//! What only the operator does, with no admin above to call: appointing the ministry's
//! education department staff (`qabyldau-local appoint-ministry IIN [NAME]`, and the demo
//! seed's ministry staff).

use domain::region_staff::{AppointEduStaff, EduStaff};
use domain::territory::Scope;
use store::StoreError;

use crate::app::State;

/// Who `appointed_by` names for an appointment the operator made.
const OPERATOR: &str = "operator";

/// Appoints the person to the ministry level: the appointment and an event in the person's
/// records in one transaction. Appointed already: left as it is.
pub async fn appoint_ministry(state: &State, iin: &str, name: Option<&str>) -> Result<(), String> {
    let body = AppointEduStaff {
        iin: iin.to_string(),
        name: name.map(str::to_string),
        district: None,
    };
    // The region is not used without a district; no admin IIN to exclude.
    let valid = body.validate("", "").map_err(|e| {
        format!(
            "appoint-ministry: {:?} {}",
            e.code,
            e.field.unwrap_or_default()
        )
    })?;
    let now = state.ctx.now();
    let appointment = EduStaff {
        iin: valid.iin.into_string(),
        scope: Scope::Ministry,
        name: valid.name,
        since: domain::to_almaty(now),
        appointed_by: OPERATOR.into(),
    };
    let writes = vec![
        table::region_staff::appoint(&appointment).map_err(|e| e.to_string())?,
        table::audit::person_event(
            &appointment.iin,
            now,
            "edu_staff_appointed",
            Some("ministry".into()),
        )
        .map_err(|e| e.to_string())?,
    ];
    match state.ctx.store.transact(writes).await {
        Ok(()) | Err(StoreError::ConditionFailed { index: 0 }) => Ok(()),
        Err(e) => Err(format!("appoint-ministry: {e}")),
    }
}
