//! The demo's colleges (seed 000): each created by its region's admin with its director, its
//! specialty lines put by the director, and the region's campaign set by the admin, through the
//! functions' own handlers, as people would. No applications: every API test's runner loads this
//! seed, and submissions on the emulated store are what costs; the README names the demo
//! students who can apply.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::State;
use crate::seed::{Person, Seed, admin_of, call, send};

const MARKER: &str = "demo-colleges";

#[derive(Deserialize)]
pub struct College {
    pub name: domain::api::Text,
    pub bin: String,
    pub region: String,
    pub locality_id: String,
    pub address: String,
    pub languages: Vec<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub director: Person,
    /// `PUT /api/orgs/{org}/specialties/{line}` bodies (`domain::college::api::Specialty`).
    pub specialties: Vec<Value>,
}

/// `PUT /api/admin/college-campaign/{year}` bodies, by the region's admin.
#[derive(Deserialize)]
pub struct CollegeCampaign {
    pub region: String,
    pub campaign: Value,
}

pub async fn load_once(state: &State, seed: &Seed) -> Result<(), String> {
    let store = state.ctx.store.as_ref();
    if table::seed::loaded(store, MARKER)
        .await
        .map_err(|e| e.to_string())?
    {
        return Ok(());
    }
    for c in &seed.college_campaigns {
        let admin = admin_of(seed, &c.region)?;
        let year = c.campaign["academic_year"].as_str().unwrap_or_default();
        let path = format!("/api/admin/college-campaign/{year}");
        call(state, admin, "PUT", &path, c.campaign.clone()).await?;
    }
    for college in &seed.colleges {
        load_college(state, seed, college).await?;
    }
    table::seed::mark_loaded(store, MARKER, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(colleges = seed.colleges.len(), "demo colleges loaded");
    Ok(())
}

/// A college a run that stopped before the marker made already (409 on its BIN) is left as it is.
async fn load_college(state: &State, seed: &Seed, college: &College) -> Result<(), String> {
    let admin = admin_of(seed, &college.region)?;
    let body = json!({
        "kind": "college", "name": college.name, "bin": college.bin, "region": college.region,
        "locality_id": college.locality_id, "address": college.address,
        "languages": college.languages, "provides_transport": false, "private": false,
        "director_iin": college.director.iin, "phone": college.phone,
    });
    let (status, text) = send(state, admin, "POST", "/api/admin/orgs", body).await?;
    if status == http::StatusCode::CONFLICT {
        tracing::warn!(bin = %college.bin, "demo college exists already, left as it is");
        return Ok(());
    }
    if !status.is_success() {
        return Err(format!("seed: POST /api/admin/orgs → {status}: {text}"));
    }
    let org: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let org_id = org["id"].as_str().ok_or("seed: created org has no id")?;
    for line in &college.specialties {
        let spec: domain::college::api::Specialty =
            serde_json::from_value(line.clone()).map_err(|e| format!("seed: specialty: {e}"))?;
        let path = format!("/api/orgs/{org_id}/specialties/{}", spec.key().id());
        call(state, &college.director, "PUT", &path, line.clone()).await?;
    }
    Ok(())
}
