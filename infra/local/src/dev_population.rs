//! The population register of the local runner, and `POST /api/dev/population` (dev mode) that
//! adds a family to it: `{child_iin, representatives: [{iin, relation}], registered_address_id?}`
//! replaces the child's record → 201 (new child) or 200 (replaced) with the family.

use std::path::Path;
use std::sync::Arc;

use axum::response::Response as AxumResponse;
use domain::address::AddressKind;
use domain::population::FamilyInput;
use domain::{ErrorCode, Relation};
use serde_json::Value;
use service::ApiError;
use service::http::{created, ok};
use service::population::{HttpPopulationRegister, LocalPopulationRegister, PopulationRegister};

use crate::app::{State, from_lambda};

/// Where the runner keeps the families added at run time, in its data dir.
const ADDED_FILE: &str = "population.json";

/// The register the functions ask, and the local one the dev endpoint adds to (none when the
/// runner asks a configured gateway).
pub type Registers = (
    Arc<dyn PopulationRegister>,
    Option<Arc<LocalPopulationRegister>>,
);

/// Outside dev mode a `POPULATION_REGISTER_URL` is used as when deployed; otherwise the `seed`
/// file's families (none if there is no such file) and those added earlier.
pub fn open(seed: &Path, data_dir: &Path, dev: bool) -> Result<Registers, String> {
    if !dev && let Some(gateway) = HttpPopulationRegister::from_env() {
        return Ok((Arc::new(gateway), None));
    }
    let seed = if seed.exists() {
        Some(seed)
    } else {
        tracing::warn!(seed = %seed.display(), "no population register seed: no families");
        None
    };
    let local = Arc::new(LocalPopulationRegister::open(
        seed,
        Some(data_dir.join(ADDED_FILE)),
    )?);
    Ok((local.clone(), Some(local)))
}

pub async fn handle(state: &State, body: &[u8]) -> Result<AxumResponse, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest).log(e.to_string()))?;
    // An unknown relation code is named by its field; any other shape error is the body's.
    if let Some(reps) = value.get("representatives").and_then(Value::as_array) {
        for (i, r) in reps.iter().enumerate() {
            let known = r
                .get("relation")
                .and_then(Value::as_str)
                .is_some_and(|c| c.parse::<Relation>().is_ok());
            if !known {
                return Err(ApiError::new(ErrorCode::ValidationFailed)
                    .field(format!("representatives.{i}.relation")));
            }
        }
    }
    let input: FamilyInput = serde_json::from_value(value)
        .map_err(|e| ApiError::new(ErrorCode::ValidationFailed).log(e.to_string()))?;
    let family = input.parse()?;
    if let Some(id) = &family.record.registered_address_id {
        // A building of the address register, as a registered address is.
        table::address::get(state.ctx.store.as_ref(), id)
            .await?
            .filter(|a| a.kind == AddressKind::Building)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::ValidationFailed).field("registered_address_id")
            })?;
    }
    let register = state
        .population
        .as_ref()
        .ok_or_else(|| ApiError::not_found().log("the runner asks an external register"))?;
    let replaced = register.put(family.clone()).map_err(ApiError::internal)?;
    tracing::info!(child = %family.child_iin.masked(), replaced, "population register: family recorded");
    Ok(from_lambda(if replaced {
        ok(&family)
    } else {
        created(&family)
    }))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use domain::address::{RegisterLocality, register_addresses};
    use domain::population::Family;

    /// The demo families' addresses are buildings of the demo address register.
    #[test]
    fn the_seed_families_live_in_the_demo_register() {
        #[derive(serde::Deserialize)]
        struct Families {
            families: Vec<Family>,
        }
        #[derive(serde::Deserialize)]
        struct Demo {
            localities: Vec<RegisterLocality>,
        }
        let families: Families =
            serde_json::from_str(include_str!("../../seed/population.json")).unwrap();
        let demo: Demo = serde_json::from_str(include_str!("../../seed/demo.json")).unwrap();
        let buildings: BTreeSet<String> = demo
            .localities
            .iter()
            .flat_map(|l| register_addresses(l).unwrap())
            .filter(|a| a.kind == domain::address::AddressKind::Building)
            .map(|a| a.id)
            .collect();
        assert!(!families.families.is_empty());
        for f in &families.families {
            assert!(!f.record.representatives.is_empty(), "{:?}", f.child_iin);
            if let Some(id) = &f.record.registered_address_id {
                assert!(
                    buildings.contains(id),
                    "{id} is not a building of demo.json"
                );
            }
        }
    }
}
