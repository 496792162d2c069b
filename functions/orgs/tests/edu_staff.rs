//! What the API tests cannot see of the education department appointments: the region's audit
//! events (no endpoint reads them) and `service::access::require_region` (no endpoint asks it
//! yet), through the `orgs` handler on a store of each kind.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::permissions::Permission;
use lambda_http::Body;
use p256::ecdsa::SigningKey;
use service::Ctx;
use service::access::{Caller, require_region};
use service::auth::{Audience, Claims, TokenVerifier, issue, public_jwk};
use store::Store;

const ADMIN: &str = "800101300016";
const PERSON: &str = "820411400100";
const STRANGER: &str = "780923300108";
const REGION: &str = "astana";

struct Env {
    ctx: Arc<Ctx>,
    key: SigningKey,
    _dir: tempfile::TempDir,
}

fn env(store: Arc<dyn Store>) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-06-02T10:00:00+05:00")
        .unwrap()
        .to_utc();
    let mut ctx = Ctx::for_tests(
        store,
        Arc::new(queue::embedded::EmbeddedQueue::new()),
        Arc::new(service::sms::SmsSink::default()),
        now,
        dir.path(),
    );
    let key = SigningKey::random(&mut rand_core::OsRng);
    ctx.verifier = TokenVerifier::with_static_keys(&public_jwk(&key), "tests", "tests").unwrap();
    ctx.admins.insert(ADMIN.into(), REGION.into());
    Env {
        ctx: Arc::new(ctx),
        key,
        _dir: dir,
    }
}

impl Env {
    /// Calls the handler as `iin`: the status and the body's text.
    async fn call(&self, iin: &str, method: &str, path: &str, body: &str) -> (u16, String) {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: iin.into(),
            name: "Тест".into(),
            iss: "tests".into(),
            aud: Audience::One("tests".into()),
            exp: now + 300,
            nbf: None,
            iat: Some(now),
        };
        let req = lambda_http::http::Request::builder()
            .method(method)
            .uri(path)
            .header(
                "authorization",
                format!("Bearer {}", issue(&self.key, None, &claims)),
            )
            .header("content-type", "application/json")
            .body(Body::Text(body.into()))
            .unwrap();
        let resp = orgs::handler(self.ctx.clone(), req).await;
        let text = match resp.body() {
            Body::Text(t) => t.clone(),
            Body::Binary(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        (resp.status().as_u16(), text)
    }

    async fn region_of(&self, iin: &str, permission: Permission) -> Result<String, ErrorCode> {
        let caller = Caller {
            iin: iin.into(),
            name: String::new(),
        };
        require_region(&self.ctx, &caller, permission)
            .await
            .map_err(|e| e.code)
    }

    /// The region's audit events as `(action, actor, role, comment)`.
    async fn events(&self) -> Vec<(String, String, String, Option<String>)> {
        table::audit::region_events(self.ctx.store.as_ref(), REGION)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.actor, e.role, e.comment))
            .collect()
    }
}

async fn appointments_are_audited_and_grant_the_region(store: Arc<dyn Store>) {
    let env = env(store);
    let forbidden = Err(ErrorCode::Forbidden);
    assert_eq!(
        env.region_of(PERSON, Permission::ViewRegion).await,
        forbidden
    );
    assert_eq!(
        env.region_of(ADMIN, Permission::AppointEduDepartment).await,
        Ok(REGION.into())
    );

    let body = format!(r#"{{"iin":"{PERSON}"}}"#);
    let (s, b) = env.call(ADMIN, "POST", "/api/admin/edu-staff", &body).await;
    assert_eq!(s, 201, "{b}");
    let masked = Some(domain::mask_iin(PERSON));
    let appointed = (
        "edu_staff_appointed".to_string(),
        ADMIN.to_string(),
        "admin".to_string(),
        masked.clone(),
    );
    assert_eq!(env.events().await, std::slice::from_ref(&appointed));
    // A refused second appointment leaves no event.
    let (s, b) = env.call(ADMIN, "POST", "/api/admin/edu-staff", &body).await;
    assert_eq!(s, 409, "{b}");
    assert_eq!(env.events().await.len(), 1);

    // The appointment grants the education department's permissions in the region, and no
    // other; the admin's stay the admin's.
    for p in [Permission::ConfirmPrivileges, Permission::ViewRegion] {
        assert_eq!(env.region_of(PERSON, p).await, Ok(REGION.into()), "{p:?}");
        assert_eq!(env.region_of(ADMIN, p).await, forbidden, "{p:?}");
        assert_eq!(env.region_of(STRANGER, p).await, forbidden, "{p:?}");
    }
    for p in [
        Permission::AppointEduDepartment,
        Permission::ManageOrganisations,
        Permission::ViewJournal,
    ] {
        assert_eq!(env.region_of(PERSON, p).await, forbidden, "{p:?}");
    }

    let path = format!("/api/admin/edu-staff/{PERSON}");
    let (s, b) = env.call(ADMIN, "DELETE", &path, "").await;
    assert_eq!((s, b.as_str()), (204, ""));
    let removed = (
        "edu_staff_removed".to_string(),
        appointed.1,
        appointed.2,
        masked,
    );
    assert_eq!(env.events().await[1..], [removed]);
    assert_eq!(
        env.region_of(PERSON, Permission::ViewRegion).await,
        forbidden
    );
    // Nothing to remove: 404, no event.
    let (s, b) = env.call(ADMIN, "DELETE", &path, "").await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(env.events().await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn embedded() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::embedded::EmbeddedStore::open(dir.path().join("store.redb")).unwrap();
    appointments_are_audited_and_grant_the_region(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dynamodb() {
    let endpoint = testkit::moto_endpoint();
    let table = testkit::unique_name("edu");
    let store = store::dynamodb::DynamoStore::from_env_endpoint(Some(&endpoint), &table).await;
    store.ensure_table().await.unwrap();
    appointments_are_audited_and_grant_the_region(Arc::new(store)).await;
}
