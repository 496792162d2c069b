//! The demo's admission campaigns (seed 003): each set by its region's admin through
//! `PUT /api/campaigns/{service}/{year}`, as a region would, so `make run` accepts
//! applications on the day it is run.

use serde::Deserialize;
use serde_json::json;

use crate::app::State;
use crate::seed::{Seed, admin_of, call};

pub const MARKER: &str = "demo-campaigns";

/// A region's period of a service for an academic year.
#[derive(Deserialize)]
pub struct DemoCampaign {
    pub region: String,
    pub service: String,
    pub academic_year: String,
    pub opens: String,
    pub closes: String,
}

/// Sets every campaign of the seed, then marks them loaded.
pub async fn set(state: &State, seed: &Seed) -> Result<(), String> {
    for c in &seed.campaigns {
        let admin = admin_of(seed, &c.region)?;
        let path = format!("/api/campaigns/{}/{}", c.service, c.academic_year);
        let body = json!({"opens": c.opens, "closes": c.closes});
        call(state, admin, "PUT", &path, body).await?;
    }
    table::seed::mark_loaded(state.ctx.store.as_ref(), MARKER, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())
}
