//! The demo seed (`infra/seed/demo.json`), loaded once in `--dev` into an empty store. The
//! address register is imported with `table::address::import_register`, as a deployment
//! imports the official one. Schools, directors, limits and microdistricts are created through
//! the functions' own handlers, as an admin and a director would, so the seed obeys every rule
//! and leaves the same audit trail.

use std::path::Path;

use domain::OrgKind;
use domain::address::RegisterLocality;
use domain::api::Text;
use lambda_http::Body as LambdaBody;
use serde::Deserialize;
use serde_json::{Value, json};
use service::auth::{Audience, Claims};
use service::http::match_path;

use crate::app::{AUDIENCE, ISSUER, State};

#[derive(Deserialize)]
pub struct Seed {
    pub admins: Vec<Person>,
    /// Each region's education department staff (`region` names it).
    #[serde(default)]
    pub edu_department: Vec<Person>,
    /// The address register, imported as a deployment imports the official one.
    pub localities: Vec<RegisterLocality>,
    pub schools: Vec<School>,
    /// Children the demo registers in the preschool queue, each by its parent (a legal
    /// representative in `infra/seed/population.json`).
    #[serde(default)]
    pub preschool_queue: Vec<QueueRegistration>,
    /// Private kindergartens with their directors and state-order places.
    #[serde(default)]
    pub kindergartens: Vec<Kindergarten>,
    /// Colleges with their directors, specialty lines and demo applications.
    #[serde(default)]
    pub colleges: Vec<crate::seed_college::College>,
    /// The regions' college campaigns the demo sets.
    #[serde(default)]
    pub college_campaigns: Vec<crate::seed_college::CollegeCampaign>,
    /// The regions' admission periods the demo sets (1st grade).
    #[serde(default)]
    pub campaigns: Vec<crate::seed_campaign::DemoCampaign>,
}

/// An organisation its region's admin creates with its director (kindergartens, colleges).
#[derive(Deserialize)]
pub struct DemoOrg {
    pub name: Text,
    pub bin: String,
    pub region: String,
    pub locality_id: String,
    pub address: String,
    pub languages: Vec<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub director: Person,
}

/// A private kindergarten: created by its region's admin, its places published by its director.
#[derive(Deserialize)]
pub struct Kindergarten {
    #[serde(flatten)]
    pub org: DemoOrg,
    /// `PUT /api/orgs/{org}/places` bodies: `{age_group, language, count}`.
    pub places: Vec<Value>,
}

/// `POST /api/preschool/applications` as `parent`.
#[derive(Deserialize)]
pub struct QueueRegistration {
    pub parent: Person,
    pub registration: Value,
}

#[derive(Deserialize, Clone)]
pub struct Person {
    pub iin: String,
    pub name: String,
    #[serde(default)]
    pub region: String,
    /// An education department's level: `region` when absent, `district` (with `district`) or
    /// `ministry` (no region).
    #[serde(default)]
    pub level: Option<domain::territory::TerritoryLevel>,
    #[serde(default)]
    pub district: Option<String>,
}

#[derive(Deserialize)]
pub struct School {
    pub name: Text,
    pub bin: String,
    pub region: String,
    pub locality_id: String,
    pub address: String,
    pub languages: Vec<String>,
    pub provides_transport: bool,
    #[serde(default)]
    pub phone: Option<String>,
    pub director: Person,
    pub limits: Vec<Value>,
    /// Address ids (streets or buildings) the director attaches to the microdistrict.
    #[serde(default)]
    pub microdistrict: Vec<String>,
    /// Response templates the director keeps («Шаблоны ответов»).
    #[serde(default)]
    pub reply_templates: Vec<Value>,
    /// Staff the director invites and who consent.
    #[serde(default)]
    pub staff: Vec<DemoStaff>,
}

/// A staff member of a demo school: who, the position's code and the roles.
#[derive(Deserialize)]
pub struct DemoStaff {
    #[serde(flatten)]
    pub person: Person,
    pub position: String,
    pub roles: Vec<String>,
}

impl Seed {
    pub fn load(path: &Path) -> Result<Seed, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("seed {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("seed {}: {e}", path.display()))
    }
}

const MARKER: &str = "demo";
const EDU_MARKER: &str = "demo-edu-department";
const QUEUE_MARKER: &str = "demo-preschool-queue";
const KINDERGARTEN_MARKER: &str = "demo-kindergartens";

pub async fn load_once(state: &State, seed: &Seed) -> Result<(), String> {
    let store = &state.ctx.store;
    if !table::seed::loaded(store.as_ref(), MARKER)
        .await
        .map_err(|e| e.to_string())?
    {
        load_schools(state, seed).await?;
    }
    if !table::seed::loaded(store.as_ref(), EDU_MARKER)
        .await
        .map_err(|e| e.to_string())?
    {
        appoint_edu_department(state, seed).await?;
    }
    if !table::seed::loaded(store.as_ref(), QUEUE_MARKER)
        .await
        .map_err(|e| e.to_string())?
    {
        register_in_queue(state, seed).await?;
    }
    if !table::seed::loaded(store.as_ref(), KINDERGARTEN_MARKER)
        .await
        .map_err(|e| e.to_string())?
    {
        load_kindergartens(state, seed).await?;
    }
    crate::seed_college::load_once(state, seed).await?;
    if !table::seed::loaded(store.as_ref(), crate::seed_campaign::MARKER)
        .await
        .map_err(|e| e.to_string())?
    {
        crate::seed_campaign::set(state, seed).await?;
    }
    Ok(())
}

/// The demo's private kindergartens and their places.
async fn load_kindergartens(state: &State, seed: &Seed) -> Result<(), String> {
    for kg in &seed.kindergartens {
        let Some(org_id) = create_org(state, seed, &kg.org, OrgKind::Kindergarten, true).await?
        else {
            continue;
        };
        for place in &kg.places {
            let places = format!("/api/orgs/{org_id}/places");
            call(state, &kg.org.director, "PUT", &places, place.clone()).await?;
        }
    }
    table::seed::mark_loaded(
        state.ctx.store.as_ref(),
        KINDERGARTEN_MARKER,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| e.to_string())?;
    tracing::info!(
        kindergartens = seed.kindergartens.len(),
        "demo kindergartens loaded"
    );
    Ok(())
}

/// The demo's preschool queue registrations, made as their parents would, at the clock's now.
/// A child registered by a run that stopped before the marker (409 `already_in_queue`) is left
/// as it is.
async fn register_in_queue(state: &State, seed: &Seed) -> Result<(), String> {
    let path = "/api/preschool/applications";
    for r in &seed.preschool_queue {
        let (status, text) = send(state, &r.parent, "POST", path, r.registration.clone()).await?;
        if !status.is_success() && status != http::StatusCode::CONFLICT {
            return Err(format!("seed: POST {path} → {status}: {text}"));
        }
    }
    table::seed::mark_loaded(state.ctx.store.as_ref(), QUEUE_MARKER, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(
        children = seed.preschool_queue.len(),
        "demo preschool queue registered"
    );
    Ok(())
}

/// Creates `org` as its region's admin, with its director: its id, or `None` when a run that
/// stopped before the marker made it already (409 on its BIN) and it is left as it is.
pub(crate) async fn create_org(
    state: &State,
    seed: &Seed,
    org: &DemoOrg,
    kind: OrgKind,
    private: bool,
) -> Result<Option<String>, String> {
    let path = "/api/admin/orgs";
    let admin = admin_of(seed, &org.region)?;
    let body = json!({
        "kind": kind, "name": org.name, "bin": org.bin, "region": org.region,
        "locality_id": org.locality_id, "address": org.address, "languages": org.languages,
        "provides_transport": false, "private": private, "director_iin": org.director.iin,
        "phone": org.phone,
    });
    let (status, text) = send(state, admin, "POST", path, body).await?;
    if status == http::StatusCode::CONFLICT {
        tracing::warn!(bin = %org.bin, %kind, "demo organisation exists already, left as it is");
        return Ok(None);
    }
    if !status.is_success() {
        return Err(format!("seed: POST {path} → {status}: {text}"));
    }
    let created: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let id = created["id"]
        .as_str()
        .ok_or("seed: created org has no id")?;
    Ok(Some(id.to_string()))
}

/// The region's admin in the seed.
pub(crate) fn admin_of<'a>(seed: &'a Seed, region: &str) -> Result<&'a Person, String> {
    seed.admins
        .iter()
        .find(|a| a.region == region)
        .ok_or_else(|| format!("seed: no admin for region {region}"))
}

/// Each region's admin appoints its education department staff (of the region or a district);
/// the ministry's are appointed as the operator does (`appoint-ministry`). An appointment made
/// by a run that stopped before the marker (409 `already_appointed`) is left as it is.
async fn appoint_edu_department(state: &State, seed: &Seed) -> Result<(), String> {
    for person in &seed.edu_department {
        if person.level == Some(domain::territory::TerritoryLevel::Ministry) {
            crate::operator::appoint_ministry(state, &person.iin, Some(&person.name)).await?;
            continue;
        }
        let admin = admin_of(seed, &person.region)?;
        let body = json!({ "iin": person.iin, "name": person.name, "district": person.district });
        let path = "/api/admin/edu-staff";
        let (status, text) = send(state, admin, "POST", path, body).await?;
        if !status.is_success() && status != http::StatusCode::CONFLICT {
            return Err(format!("seed: POST {path} → {status}: {text}"));
        }
    }
    table::seed::mark_loaded(state.ctx.store.as_ref(), EDU_MARKER, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(
        staff = seed.edu_department.len(),
        "demo education department appointed"
    );
    Ok(())
}

async fn load_schools(state: &State, seed: &Seed) -> Result<(), String> {
    let store = &state.ctx.store;
    table::address::import_register(store.as_ref(), &seed.localities)
        .await
        .map_err(|e| format!("seed: address register: {e:?}"))?;
    for school in &seed.schools {
        let admin = admin_of(seed, &school.region)?;
        let org = call(
            state,
            admin,
            "POST",
            "/api/admin/orgs",
            json!({
                "kind": "school", "name": school.name, "bin": school.bin, "region": school.region,
                "locality_id": school.locality_id, "address": school.address,
                "languages": school.languages, "provides_transport": school.provides_transport,
                "private": false, "director_iin": school.director.iin, "phone": school.phone,
            }),
        )
        .await?;
        let org_id = org["id"]
            .as_str()
            .ok_or("seed: created org has no id")?
            .to_string();
        for limit in &school.limits {
            call(
                state,
                &school.director,
                "POST",
                &format!("/api/orgs/{org_id}/limits"),
                limit.clone(),
            )
            .await?;
        }
        for address_id in &school.microdistrict {
            call(
                state,
                &school.director,
                "POST",
                &format!("/api/orgs/{org_id}/microdistrict"),
                json!({ "address_id": address_id }),
            )
            .await?;
        }
        for member in &school.staff {
            let invitation = call(
                state,
                &school.director,
                "POST",
                &format!("/api/orgs/{org_id}/staff"),
                json!({ "iin": member.person.iin, "position": member.position, "roles": member.roles }),
            )
            .await?;
            let consent = invitation["consent_id"]
                .as_str()
                .ok_or("seed: an invitation has no consent id")?;
            call(
                state,
                &member.person,
                "POST",
                &format!("/api/me/consents/{consent}"),
                json!({ "accept": true }),
            )
            .await?;
        }
        for template in &school.reply_templates {
            call(
                state,
                &school.director,
                "POST",
                &format!("/api/orgs/{org_id}/reply-templates"),
                template.clone(),
            )
            .await?;
        }
    }
    table::seed::mark_loaded(store.as_ref(), MARKER, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(
        schools = seed.schools.len(),
        localities = seed.localities.len(),
        "demo seed loaded"
    );
    Ok(())
}

/// One API call through the route table, as `who`: the JSON of a successful answer.
pub(crate) async fn call(
    state: &State,
    who: &Person,
    method: &str,
    path: &str,
    body: Value,
) -> Result<Value, String> {
    let (status, text) = send(state, who, method, path, body).await?;
    if !status.is_success() {
        return Err(format!("seed: {method} {path} → {status}: {text}"));
    }
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// One API call through the route table, as `who`: the status and the body's text.
async fn send(
    state: &State,
    who: &Person,
    method: &str,
    path: &str,
    body: Value,
) -> Result<(http::StatusCode, String), String> {
    let route = state
        .routes
        .iter()
        .find(|r| r.method == method && match_path(&r.path, path).is_some())
        .ok_or_else(|| format!("seed: no route {method} {path}"))?;
    let now = chrono::Utc::now().timestamp();
    let token = service::auth::issue(
        &state.signing_key,
        Some("local"),
        &Claims {
            sub: who.iin.clone(),
            name: who.name.clone(),
            iss: ISSUER.into(),
            aud: Audience::One(AUDIENCE.into()),
            exp: now + 300,
            nbf: None,
            iat: Some(now),
        },
    );
    let req = http::Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(LambdaBody::Text(body.to_string()))
        .map_err(|e| e.to_string())?;
    let resp = (route.handler)(state.ctx.clone(), req).await;
    let status = resp.status();
    let text = match resp.body() {
        LambdaBody::Text(t) => t.clone(),
        LambdaBody::Binary(b) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    };
    Ok((status, text))
}
