//! One school, its director and an executor, and N 1st-grade applications each taken through
//! its whole life by the functions' own handlers: the parent registers three documents and
//! submits, the notice of the submission goes through the queue, the director assigns the
//! executor (review), the executor accepts (decision), the director signs, the notice of the
//! decision goes through the queue; the parent reads their list, the application and their
//! notices. Each step's DynamoDB requests and units are taken from the adapter's counter.

use std::collections::BTreeMap;

use api_tests::{
    YEAR, application, chain_of, fake_jpeg, fake_pdf, mint, new_child, school_body, signature_of,
};
use domain::population::FamilyInput;
use http::Method;
use serde_json::{Value, json};
use store::dynamodb::usage::UsageSnapshot;

use crate::world::{Person, World};

/// A use case of the lifecycle, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// `POST /api/files` ×3 (the documents; their bytes go to S3, not DynamoDB).
    Files,
    Submit,
    /// The `notify` consumer on the queue's messages of the submission.
    NotifySubmitted,
    /// `PUT .../assignee`: the director names the executor.
    Review,
    Decide,
    /// `GET .../signing-payload` and `POST .../sign`.
    Sign,
    NotifyDecided,
    /// `GET /api/me/applications`.
    ParentList,
    /// `GET /api/applications/{id}`.
    ParentCard,
    /// `GET /api/me/notifications`.
    ParentNotices,
}

impl Step {
    pub const ALL: [Step; 10] = [
        Step::Files,
        Step::Submit,
        Step::NotifySubmitted,
        Step::Review,
        Step::Decide,
        Step::Sign,
        Step::NotifyDecided,
        Step::ParentList,
        Step::ParentCard,
        Step::ParentNotices,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Step::Files => "files (POST /api/files ×3)",
            Step::Submit => "submit",
            Step::NotifySubmitted => "notify: submitted",
            Step::Review => "review (assign executor)",
            Step::Decide => "decide",
            Step::Sign => "sign (payload + sign)",
            Step::NotifyDecided => "notify: decided",
            Step::ParentList => "read: parent's list",
            Step::ParentCard => "read: application card",
            Step::ParentNotices => "read: parent's notices",
        }
    }

    /// Part of the lifecycle (writes and the consumer), not one of the parent's reads.
    pub fn in_lifecycle(self) -> bool {
        !matches!(
            self,
            Step::ParentList | Step::ParentCard | Step::ParentNotices
        )
    }
}

/// The school the applications go to.
pub struct School {
    pub org_id: String,
    pub director: Person,
    pub executor: Person,
    pub key: pki::keystore::KeyBundle,
}

/// The campaign, a school with `seats` seats, its director (with a legal-entity certificate)
/// and an executor who accepted the director's invitation. Not measured.
pub async fn school(w: &World, seats: u32) -> Result<School, String> {
    // The address register of the demo seed: the school's locality must be in it.
    #[derive(serde::Deserialize)]
    struct Register {
        localities: Vec<domain::address::RegisterLocality>,
    }
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../infra/seed/demo.json");
    let text = std::fs::read_to_string(seed).map_err(|e| format!("{seed}: {e}"))?;
    let register: Register = serde_json::from_str(&text).map_err(|e| format!("{seed}: {e}"))?;
    table::address::import_register(w.ctx.store.as_ref(), &register.localities)
        .await
        .map_err(|e| format!("import addresses: {e}"))?;
    let admin = &w.admin;
    w.ok(
        campaigns::handler,
        Method::PUT,
        &format!("/api/campaigns/grade1/{YEAR}"),
        Some(admin),
        Some(&json!({"opens": "2025-01-01", "closes": "2027-12-31"})),
        200,
    )
    .await?;
    let director = w.person(&api_tests::adult_iin(), "Директор Директоров");
    let body = school_body(&director.iin);
    let org = w
        .ok(
            orgs::handler,
            Method::POST,
            "/api/admin/orgs",
            Some(admin),
            Some(&body),
            201,
        )
        .await?;
    let org_id = str_of(&org, "id")?;
    let limit = json!({"academic_year": YEAR, "grade": 1, "language": "ru",
                       "seats": seats, "classes": seats.div_ceil(20)});
    let path = format!("/api/orgs/{org_id}/limits");
    w.ok(
        limits::handler,
        Method::POST,
        &path,
        Some(&director),
        Some(&limit),
        201,
    )
    .await?;
    let executor = w.person(&api_tests::adult_iin(), "Сейтова Динара");
    let invite = json!({"iin": executor.iin, "position": "Заместитель директора",
                        "roles": ["executor"]});
    let path = format!("/api/orgs/{org_id}/staff");
    let inv = w
        .ok(
            staff::handler,
            Method::POST,
            &path,
            Some(&director),
            Some(&invite),
            202,
        )
        .await?;
    let path = format!("/api/me/consents/{}", str_of(&inv, "consent_id")?);
    let accept = json!({"accept": true});
    w.ok(
        staff::handler,
        Method::POST,
        &path,
        Some(&executor),
        Some(&accept),
        200,
    )
    .await?;
    let bin = str_of(&body, "bin")?;
    let key = mint(&w.ca, &director.iin, &bin, chrono::Utc::now(), |_| {});
    Ok(School {
        org_id,
        director,
        executor,
        key,
    })
}

/// What each step of one application cost, and its calls (operation and key shape).
pub type Costs = BTreeMap<Step, (UsageSnapshot, Vec<String>)>;

/// One application's whole life; each step's DynamoDB usage.
pub async fn one(w: &World, school: &School) -> Result<Costs, String> {
    let parent = w.person(&api_tests::adult_iin(), "Айгүл Ахметова");
    let child = new_child();
    let family: FamilyInput = serde_json::from_value(json!({
        "child_iin": child.iin,
        "representatives": [{"iin": parent.iin, "relation": "mother"}],
        "registered_address_id": null,
    }))
    .map_err(|e| e.to_string())?;
    let family = family.parse().map_err(|e| format!("family: {e:?}"))?;
    w.population.put(family.child_iin, family.record);

    let mut costs = Costs::new();
    let mut at = w.usage();
    w.calls.take_calls();
    let mut done = |step: Step, w: &World| {
        let now = w.usage();
        costs.insert(step, (now.since(&at), w.calls.take_calls()));
        at = now;
    };

    let mut docs = Vec::new();
    for (kind, ct, bytes) in [
        ("photo", "image/jpeg", fake_jpeg(1500)),
        ("vaccination_card", "application/pdf", fake_pdf(2000)),
        ("health_passport", "application/pdf", fake_pdf(2500)),
    ] {
        let body = json!({"kind": kind, "content_type": ct, "size": bytes.len()});
        let f = w
            .ok(
                files::handler,
                Method::POST,
                "/api/files",
                Some(&parent),
                Some(&body),
                201,
            )
            .await?;
        let file_id = str_of(&f, "file_id")?;
        // The presigned PUT to S3: no DynamoDB request when deployed.
        w.blobs
            .put_once(&file_id, &bytes)
            .await
            .map_err(|e| format!("{e:?}"))?;
        docs.push((kind.to_string(), file_id));
    }
    done(Step::Files, w);

    let body = application(&school.org_id, &child, &docs);
    let app = w
        .ok(
            submit::handler,
            Method::POST,
            "/api/applications",
            Some(&parent),
            Some(&body),
            201,
        )
        .await?;
    let id = str_of(&app, "id")?;
    done(Step::Submit, w);
    w.deliver().await?;
    done(Step::NotifySubmitted, w);

    let action = |a: &str| format!("/api/orgs/{}/applications/{id}/{a}", school.org_id);
    let who = json!({"iin": school.executor.iin});
    let (d, e) = (&school.director, &school.executor);
    w.ok(
        review::handler,
        Method::PUT,
        &action("assignee"),
        Some(d),
        Some(&who),
        200,
    )
    .await?;
    done(Step::Review, w);
    let accept = json!({"decision": "accept"});
    w.ok(
        review::handler,
        Method::POST,
        &action("decision"),
        Some(e),
        Some(&accept),
        200,
    )
    .await?;
    done(Step::Decide, w);
    let p = w
        .ok(
            sign::handler,
            Method::GET,
            &action("signing-payload"),
            Some(d),
            None,
            200,
        )
        .await?;
    let payload = str_of(&p, "payload")?;
    let signed = json!({"signature": signature_of(&school.key, &payload),
                        "certificates": chain_of(&school.key)});
    w.ok(
        sign::handler,
        Method::POST,
        &action("sign"),
        Some(d),
        Some(&signed),
        200,
    )
    .await?;
    done(Step::Sign, w);
    w.deliver().await?;
    done(Step::NotifyDecided, w);

    let me = Some(&parent);
    w.ok(
        submit::handler,
        Method::GET,
        "/api/me/applications",
        me,
        None,
        200,
    )
    .await?;
    done(Step::ParentList, w);
    let card = w
        .ok(
            submit::handler,
            Method::GET,
            &format!("/api/applications/{id}"),
            me,
            None,
            200,
        )
        .await?;
    if card["status"] == "on_signing" || card["status"] == "in_review" {
        return Err(format!(
            "application {id} not decided after signing: {card}"
        ));
    }
    done(Step::ParentCard, w);
    let notices = w
        .ok(
            notices::handler,
            Method::GET,
            "/api/me/notifications",
            me,
            None,
            200,
        )
        .await?;
    let n = notices["items"].as_array().map_or(0, Vec::len);
    if n < 2 {
        return Err(format!("the parent has {n} notices, expected 2: {notices}"));
    }
    done(Step::ParentNotices, w);
    Ok(costs)
}

fn str_of(v: &Value, field: &str) -> Result<String, String> {
    v[field]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no {field} in {v}"))
}
