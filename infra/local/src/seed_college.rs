//! The demo's colleges (seed 000): each created by its region's admin with its director, its
//! specialty lines put by the director, and the region's campaign set by the admin, through the
//! functions' own handlers, as people would. No applications: every API test's runner loads this
//! seed, and submissions on the emulated store are what costs; the README names the demo
//! students who can apply.

use domain::OrgKind;
use domain::college::api::Specialty;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::State;
use crate::seed::{DemoOrg, Seed, admin_of, call, create_org};

const MARKER: &str = "demo-colleges";

#[derive(Deserialize)]
pub struct College {
    #[serde(flatten)]
    pub org: DemoOrg,
    /// Its lines, each put by the director (`PUT /api/orgs/{org}/specialties/{line}`).
    pub specialties: Vec<Specialty>,
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

async fn load_college(state: &State, seed: &Seed, college: &College) -> Result<(), String> {
    let org = &college.org;
    let Some(org_id) = create_org(state, seed, org, OrgKind::College, false).await? else {
        return Ok(());
    };
    for line in &college.specialties {
        let path = format!("/api/orgs/{org_id}/specialties/{}", line.key().id());
        call(state, &org.director, "PUT", &path, json!(line)).await?;
    }
    Ok(())
}
