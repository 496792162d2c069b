//! The system in this process, wired as the local runner wires it on `--store dynamodb`: the
//! DynamoDB adapter and SQS at a moto endpoint, the functions' own handlers called with API
//! Gateway-shaped requests (no HTTP), tokens of a key this bench holds, the population
//! register in memory, documents in a temporary directory (S3 when deployed: no DynamoDB
//! request), decisions signed with a dev CA's certificates.

use std::sync::Arc;
use std::time::Duration;

use http::Method;
use lambda_http::Body;
use p256::ecdsa::SigningKey;
use pki::dev::DevCa;
use serde_json::Value;
use service::Ctx;
use service::auth::{Audience, Claims, TokenVerifier};
use service::blobs::LocalBlobs;
use service::lambda::Handler;
use service::population::MemoryPopulationRegister;
use store::dynamodb::DynamoStore;
use store::dynamodb::usage::UsageSnapshot;

use crate::counting::Counting;

const ISSUER: &str = "bench-cost";

/// A signed-in person.
#[derive(Clone, Debug)]
pub struct Person {
    pub iin: String,
    pub token: String,
}

pub struct World {
    pub ctx: Arc<Ctx>,
    /// The DynamoDB adapter beneath `ctx.store`, for its usage counter.
    pub dynamo: Arc<DynamoStore>,
    /// `ctx.store`: the adapter in a wrapper that logs each call's key shape.
    pub calls: Arc<Counting>,
    pub population: Arc<MemoryPopulationRegister>,
    pub blobs: Arc<LocalBlobs>,
    pub ca: DevCa,
    pub admin: Person,
    key: SigningKey,
    _dir: tempfile::TempDir,
}

impl World {
    /// A fresh table and queue at the moto server `endpoint`.
    pub async fn on_moto(endpoint: &str) -> Result<World, String> {
        let suffix = format!("{}-{}", std::process::id(), chrono::Utc::now().timestamp());
        let dynamo =
            DynamoStore::from_env_endpoint(Some(endpoint), format!("bench-cost-{suffix}")).await;
        dynamo.ensure_table().await.map_err(|e| e.to_string())?;
        let dynamo = Arc::new(dynamo);
        let sqs = queue::sqs::sqs_client(Some(endpoint)).await;
        let queue = queue::sqs::ensure_queues(&sqs, &format!("bench-cost-{suffix}"))
            .await
            .map_err(|e| e.to_string())?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let blobs = Arc::new(LocalBlobs::new(dir.path().join("uploads"), "http://bench"));
        std::fs::create_dir_all(blobs.dir()).map_err(|e| e.to_string())?;
        let ca = DevCa::load_or_create(&dir.path().join("dev-ca"))?;
        let key = SigningKey::random(&mut rand_core::OsRng);
        let population = Arc::new(MemoryPopulationRegister::default());
        let admin_iin = api_tests::adult_iin();
        let calls = Arc::new(Counting::new(dynamo.clone()));
        let ctx = Ctx {
            store: calls.clone(),
            queue: Arc::new(queue),
            clock: Arc::new(service::clock::SystemClock),
            blobs: blobs.clone(),
            sms: Arc::new(service::sms::SmsSink::default()),
            email: Arc::new(service::email::NoEmail),
            verifier: TokenVerifier::with_static_keys(
                &service::auth::public_jwk(&key),
                ISSUER,
                ISSUER,
            )?,
            admins: [(admin_iin.clone(), api_tests::REGION.to_string())].into(),
            population: population.clone(),
            trust: Arc::new(ca.anchors()),
        };
        let admin = sign_in(&key, &admin_iin, "Әкімші Админов");
        Ok(World {
            ctx: Arc::new(ctx),
            dynamo,
            calls,
            population,
            blobs,
            ca,
            admin,
            key,
            _dir: dir,
        })
    }

    /// A person signed in (a token of this bench's key).
    pub fn person(&self, iin: &str, name: &str) -> Person {
        sign_in(&self.key, iin, name)
    }

    /// The counter of the DynamoDB adapter now.
    pub fn usage(&self) -> UsageSnapshot {
        self.dynamo.usage().snapshot()
    }

    /// Calls a function's handler as API Gateway would: `(status, JSON body)`.
    pub async fn call(
        &self,
        handler: Handler,
        method: Method,
        path: &str,
        who: Option<&Person>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut req = http::Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json")
            .header("x-request-id", "bench-cost");
        if let Some(p) = who {
            req = req.header("authorization", format!("Bearer {}", p.token));
        }
        let body = match body {
            Some(b) => Body::Text(b.to_string()),
            None => Body::Empty,
        };
        let resp = handler(self.ctx.clone(), req.body(body).expect("request")).await;
        let status = resp.status().as_u16();
        let bytes: Vec<u8> = match resp.into_body() {
            Body::Text(t) => t.into_bytes(),
            Body::Binary(b) => b,
            _ => Vec::new(),
        };
        let json = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        (status, json)
    }

    /// [`World::call`], which must answer `expect`: the body.
    pub async fn ok(
        &self,
        handler: Handler,
        method: Method,
        path: &str,
        who: Option<&Person>,
        body: Option<&Value>,
        expect: u16,
    ) -> Result<Value, String> {
        let (s, b) = self.call(handler, method.clone(), path, who, body).await;
        if s == expect {
            Ok(b)
        } else {
            Err(format!("{method} {path}: {s} (expected {expect}): {b}"))
        }
    }

    /// Delivers what the queue holds through the `notify` consumer, as the SQS event source
    /// does; returns how many messages it handled.
    pub async fn deliver(&self) -> Result<usize, String> {
        let mut handled = 0;
        loop {
            let messages = self
                .ctx
                .queue
                .receive(10, Duration::from_secs(30), Duration::ZERO)
                .await
                .map_err(|e| e.to_string())?;
            if messages.is_empty() {
                return Ok(handled);
            }
            let receipts: Vec<(String, String)> = messages
                .iter()
                .map(|m| (m.id.clone(), m.receipt.clone()))
                .collect();
            let failed = notify::consumer(self.ctx.clone(), messages).await;
            if !failed.is_empty() {
                return Err(format!("notify failed on {failed:?}"));
            }
            for (_, receipt) in receipts {
                self.ctx
                    .queue
                    .delete(&receipt)
                    .await
                    .map_err(|e| e.to_string())?;
                handled += 1;
            }
        }
    }
}

fn sign_in(key: &SigningKey, iin: &str, name: &str) -> Person {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        sub: iin.to_string(),
        name: name.to_string(),
        iss: ISSUER.into(),
        aud: Audience::One(ISSUER.into()),
        exp: now + 12 * 3600,
        nbf: None,
        iat: Some(now),
    };
    Person {
        iin: iin.to_string(),
        token: service::auth::issue(key, Some("bench"), &claims),
    }
}
