//! The local adapter: the families of a seed file (`infra/seed/population.json`), plus the ones
//! added at run time (`POST /api/dev/population`), which are kept in a file of the data dir so
//! that a restarted runner still knows them. A family added at run time replaces the seed's
//! record of the same child.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;
use domain::Iin;
use domain::population::{ChildRecord, Family};
use serde::{Deserialize, Serialize};

use super::{MemoryPopulationRegister, PopulationError, PopulationRegister};

/// The file format of the seed and of the runtime additions.
#[derive(Default, Serialize, Deserialize)]
struct Families {
    families: Vec<Family>,
}

pub struct LocalPopulationRegister {
    children: MemoryPopulationRegister,
    /// The runtime additions as their file holds them (the lock also orders the writes).
    added: Mutex<BTreeMap<Iin, ChildRecord>>,
    added_file: Option<PathBuf>,
}

fn read(path: &Path) -> Result<Vec<Family>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let families: Families =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(families.families)
}

impl LocalPopulationRegister {
    /// The register of the `seed` file's families (none without one) and of the families
    /// added earlier into `added_file` (created on the first addition; without one, additions
    /// live in memory only).
    pub fn open(seed: Option<&Path>, added_file: Option<PathBuf>) -> Result<Self, String> {
        let mut children = BTreeMap::new();
        if let Some(seed) = seed {
            for f in read(seed)? {
                children.insert(f.child_iin, f.record);
            }
        }
        let mut added = BTreeMap::new();
        if let Some(file) = added_file.as_deref().filter(|f| f.exists()) {
            for f in read(file)? {
                added.insert(f.child_iin, f.record);
            }
        }
        children.extend(added.clone());
        let memory = MemoryPopulationRegister::default();
        for (child, record) in children {
            memory.put(child, record);
        }
        Ok(LocalPopulationRegister {
            children: memory,
            added: Mutex::new(added),
            added_file,
        })
    }

    /// Records the family (replacing the child's record), kept in the additions file before it
    /// is answered. `true` when the child had a record before.
    pub fn put(&self, family: Family) -> Result<bool, String> {
        let mut added = self.added.lock().unwrap_or_else(|p| p.into_inner());
        let mut next = added.clone();
        next.insert(family.child_iin.clone(), family.record.clone());
        if let Some(file) = &self.added_file {
            let families = Families {
                families: next
                    .iter()
                    .map(|(child_iin, record)| Family {
                        child_iin: child_iin.clone(),
                        record: record.clone(),
                    })
                    .collect(),
            };
            let text = serde_json::to_string_pretty(&families).map_err(|e| e.to_string())?;
            // Written whole, then renamed: a crash never leaves half a file.
            let tmp = file.with_extension("json.part");
            std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
            std::fs::rename(&tmp, file).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        *added = next;
        let existed = self.children.put(family.child_iin, family.record);
        Ok(existed)
    }
}

#[async_trait]
impl PopulationRegister for LocalPopulationRegister {
    async fn child(&self, iin: &Iin) -> Result<Option<ChildRecord>, PopulationError> {
        self.children.child(iin).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Relation;
    use domain::population::Representative;

    fn family(child: &str, parent: &str, address: Option<&str>) -> Family {
        Family {
            child_iin: Iin::parse(child).unwrap(),
            record: ChildRecord {
                representatives: vec![Representative {
                    iin: Iin::parse(parent).unwrap(),
                    relation: Relation::Mother,
                }],
                registered_address_id: address.map(Into::into),
            },
        }
    }

    fn temp_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("population-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[tokio::test]
    async fn the_seed_and_additions_survive_a_restart() {
        let dir = temp_dir();
        let seed = dir.join("seed.json");
        let seeded = family("190315500101", "880808300004", Some("astana-e117-39"));
        std::fs::write(
            &seed,
            serde_json::json!({ "families": [seeded] }).to_string(),
        )
        .unwrap();
        let added_file = dir.join("population.json");
        let register =
            LocalPopulationRegister::open(Some(&seed), Some(added_file.clone())).unwrap();
        assert_eq!(
            register.child(&seeded.child_iin).await,
            Ok(Some(seeded.record.clone()))
        );
        let unknown = Iin::parse("200120600300").unwrap();
        assert_eq!(register.child(&unknown).await, Ok(None));

        // Added, then replaced: the second answer says it existed.
        let added = family("200120600300", "910304400079", None);
        assert!(!register.put(added.clone()).unwrap());
        let moved = family("190315500101", "880808300004", None);
        assert!(register.put(moved.clone()).unwrap());

        let reopened = LocalPopulationRegister::open(Some(&seed), Some(added_file)).unwrap();
        assert_eq!(reopened.child(&unknown).await, Ok(Some(added.record)));
        assert_eq!(
            reopened.child(&moved.child_iin).await,
            Ok(Some(moved.record))
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_broken_seed_is_an_error() {
        let dir = temp_dir();
        let seed = dir.join("seed.json");
        std::fs::write(&seed, r#"{"families":[{"child_iin":"123"}]}"#).unwrap();
        assert!(LocalPopulationRegister::open(Some(&seed), None).is_err());
        assert!(LocalPopulationRegister::open(Some(&dir.join("missing.json")), None).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
