//! The bench's families: one parent and one child each, fresh IINs (unique in the run), written
//! as a population register file for the runner.

use std::collections::HashSet;
use std::path::Path;

use api_tests::{ChildData, adult_iin, new_child};
use serde_json::json;

pub struct Family {
    pub parent: String,
    pub child: ChildData,
}

/// `n` families with distinct parents and children.
pub fn families(n: usize) -> Vec<Family> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let parent = adult_iin();
        let child = new_child();
        if seen.insert(parent.clone()) && seen.insert(child.iin.clone()) {
            out.push(Family { parent, child });
        }
    }
    out
}

/// The register file (`--population`): the demo seed's families (the runner's demo seed
/// applies for them), then each bench child with its parent as the mother, no registered
/// address.
pub fn write(path: &Path, families: &[Family]) {
    let demo = api_tests::workspace_root().join("infra/seed/population.json");
    let demo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&demo).expect("the demo families"))
            .expect("the demo families' JSON");
    let mut all = demo["families"].as_array().cloned().unwrap_or_default();
    all.extend(families.iter().map(|f| {
        json!({
            "child_iin": f.child.iin,
            "representatives": [{"iin": f.parent, "relation": "mother"}],
            "registered_address_id": null,
        })
    }));
    let text = serde_json::to_string(&json!({ "families": all })).expect("json");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
