//! The population register port: who a child's legal representatives are and where the child
//! is registered. Deployed: an HTTP gateway ([`HttpPopulationRegister`], contract in
//! `docs/population-register.md`); locally: the seed file with runtime additions
//! ([`LocalPopulationRegister`]); in tests: memory ([`MemoryPopulationRegister`]).

mod http;
mod local;

use std::collections::BTreeMap;
use std::sync::RwLock;

use async_trait::async_trait;
use domain::population::ChildRecord;
use domain::{ErrorCode, Iin};

use crate::ApiError;

pub use http::HttpPopulationRegister;
pub use local::LocalPopulationRegister;

#[async_trait]
pub trait PopulationRegister: Send + Sync {
    /// The register's record of the child; `None` when the register does not know the IIN.
    async fn child(&self, iin: &Iin) -> Result<Option<ChildRecord>, PopulationError>;
}

/// The register could not answer; the caller may retry later.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PopulationError {
    /// Not reachable, timed out, or answered with an error status.
    #[error("population register unavailable: {0}")]
    Unavailable(String),
    /// Answered something that is not the contract's JSON.
    #[error("population register answered nonsense: {0}")]
    BadAnswer(String),
}

/// 503 `population_register_unavailable`: never a 500, the register is not ours.
impl From<PopulationError> for ApiError {
    fn from(e: PopulationError) -> Self {
        ApiError::new(ErrorCode::PopulationRegisterUnavailable).log(e.to_string())
    }
}

/// A deployment without a configured gateway: every question fails as unavailable, so a
/// submission is refused (503) rather than accepted unchecked.
pub struct UnconfiguredPopulationRegister;

#[async_trait]
impl PopulationRegister for UnconfiguredPopulationRegister {
    async fn child(&self, _: &Iin) -> Result<Option<ChildRecord>, PopulationError> {
        Err(PopulationError::Unavailable(
            "POPULATION_REGISTER_URL is not set".into(),
        ))
    }
}

/// Families kept in memory (tests of jobs and handlers).
#[derive(Default)]
pub struct MemoryPopulationRegister {
    children: RwLock<BTreeMap<Iin, ChildRecord>>,
}

impl MemoryPopulationRegister {
    /// Records (or replaces) a child's record; `true` when the child had one before.
    pub fn put(&self, child: Iin, record: ChildRecord) -> bool {
        self.children
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(child, record)
            .is_some()
    }
}

#[async_trait]
impl PopulationRegister for MemoryPopulationRegister {
    async fn child(&self, iin: &Iin) -> Result<Option<ChildRecord>, PopulationError> {
        Ok(self
            .children
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(iin)
            .cloned())
    }
}

/// The register's record of the child, if the caller is one of its legal representatives, and
/// what the caller is to the child (every service that takes an application for a child asks
/// this). Anyone else is refused alike, whether or not the register knows the child: the
/// refusal (403 `not_legal_representative`, field `child.iin`) does not tell who is registered.
/// An unavailable register is 503, never skipped.
pub async fn representative(
    ctx: &crate::Ctx,
    caller: &crate::access::Caller,
    child: &Iin,
) -> Result<(ChildRecord, domain::Relation), ApiError> {
    let refused = || ApiError::new(ErrorCode::NotLegalRepresentative).field("child.iin");
    let caller_iin =
        Iin::parse(&caller.iin).map_err(|_| refused().log("caller IIN does not parse"))?;
    let record = ctx
        .population
        .child(child)
        .await?
        .ok_or_else(|| refused().log("the register does not know the child"))?;
    let relation = record
        .relation_of(&caller_iin)
        .ok_or_else(|| refused().log("the caller is not among the representatives"))?;
    Ok((record, relation))
}

/// The register from `POPULATION_REGISTER_URL` / `POPULATION_REGISTER_TOKEN`; without a URL,
/// one that is always unavailable (and says so in the log once).
pub fn from_env() -> std::sync::Arc<dyn PopulationRegister> {
    match HttpPopulationRegister::from_env() {
        Some(register) => std::sync::Arc::new(register),
        None => {
            tracing::warn!("POPULATION_REGISTER_URL is not set: submissions are refused (503)");
            std::sync::Arc::new(UnconfiguredPopulationRegister)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Relation;
    use domain::population::Representative;

    #[tokio::test]
    async fn memory_answers_what_was_put() {
        let register = MemoryPopulationRegister::default();
        let child = Iin::parse("190315500101").unwrap();
        assert_eq!(register.child(&child).await, Ok(None));
        let record = ChildRecord {
            representatives: vec![Representative {
                iin: Iin::parse("880808300004").unwrap(),
                relation: Relation::Father,
            }],
            registered_address_id: None,
        };
        register.put(child.clone(), record.clone());
        assert_eq!(register.child(&child).await, Ok(Some(record)));
    }

    #[tokio::test]
    async fn unconfigured_is_unavailable_and_a_503() {
        let e = UnconfiguredPopulationRegister
            .child(&Iin::parse("190315500101").unwrap())
            .await
            .unwrap_err();
        let api = ApiError::from(e);
        assert_eq!(api.code, ErrorCode::PopulationRegisterUnavailable);
        assert_eq!(api.code.status(), 503);
    }
}
