//! What the population register says of the child, for a submission and for the wizard
//! (`GET /api/children/{iin}/registration`): only a legal representative may apply or read it,
//! and the register's registered address (not the parent's word) gives the admission type.

use domain::population::{ChildRecord, RegisteredAddress, Registration};
use domain::{AdmissionType, ErrorCode, Iin};
use service::access::Caller;
use service::http::{ok, query};
use service::{ApiError, ApiResult, Ctx};
use table::address;

/// Only a legal representative applies or reads the registration (see
/// `service::population::representative`).
pub(crate) use service::population::representative;

/// The register's address as a building of the address register. No address in the
/// population register, or one the address register does not know as a building: none, and
/// the child applies from outside every microdistrict.
pub(crate) async fn building(
    ctx: &Ctx,
    record: &ChildRecord,
) -> Result<Option<domain::address::AddressItem>, ApiError> {
    let Some(id) = record.registered_address_id.as_deref() else {
        return Ok(None);
    };
    let found = address::get(ctx.store.as_ref(), id).await?;
    if found.is_none() {
        tracing::warn!(
            address = id,
            "the population register names an address the address register does not know"
        );
    }
    Ok(found.filter(|a| a.kind == domain::address::AddressKind::Building))
}

/// `microdistrict` when the registered building or its street is attached to the school,
/// else (and without a registered address) `outside`.
pub(crate) async fn admission_type(
    ctx: &Ctx,
    org_id: &str,
    building: Option<&domain::address::AddressItem>,
) -> Result<AdmissionType, ApiError> {
    let Some(building) = building else {
        return Ok(AdmissionType::Outside);
    };
    Ok(
        address::admission_type(ctx.store.as_ref(), org_id, building)
            .await?
            .unwrap_or(AdmissionType::Outside),
    )
}

/// `GET /api/children/{iin}/registration[?org=]`: the registered address, the admission type at
/// the school asked about, and what the caller is to the child.
pub(crate) async fn registration(
    ctx: &Ctx,
    req: &service::Request,
    caller: &Caller,
    child: &str,
) -> ApiResult {
    let child =
        Iin::parse(child).map_err(|_| ApiError::new(ErrorCode::InvalidIin).field("child.iin"))?;
    let (record, relation) = representative(ctx, caller, &child).await?;
    let building = building(ctx, &record).await?;
    let admission_type = match query(req).get("org").filter(|o| !o.is_empty()) {
        Some(org_id) => {
            table::org::get(ctx.store.as_ref(), org_id)
                .await?
                .ok_or_else(|| ApiError::not_found().field("org"))?;
            Some(admission_type(ctx, org_id, building.as_ref()).await?)
        }
        None => None,
    };
    Ok(ok(&Registration {
        registered_address: building.map(|a| RegisteredAddress {
            id: a.id,
            locality_id: a.locality_id,
            text: a.text,
        }),
        admission_type,
        relation,
    }))
}
