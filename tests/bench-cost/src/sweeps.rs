//! The sweeps over a large table: `open` open 1st-grade applications of which `due` passed
//! their review deadline, and `open` issued kindergarten directions of which `due` expired.
//! Seeded on the embedded store (redb) in transactions of 100 puts — moto takes ~200 calls a
//! second, so 200,000 items there would take most of an hour — and the jobs run on a
//! [`Counting`] wrapper around it, which counts every query page and get they make.
//!
//! Measured: the deadline sweep (`deadline-sweep`, which marks the overdue), the department's
//! overdue dashboard (`functions/overdue`, which reads what the sweep marked), the sweep again
//! (nothing left to do) and the direction expiry (`direction-expiry`).

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use domain::Lang;
use domain::api::Application;
use domain::preschool::DirectionState;
use domain::preschool::api::{Direction, Place, QueueApplication};
use domain::territory::Scope;
use service::Ctx;
use store::{Store, WriteOp};
use table::preschool::{direction, place, queue};

use crate::counting::{Counting, Counts};

/// One job's reads.
pub struct Pages {
    pub job: &'static str,
    pub queries: u64,
    pub gets: u64,
    pub result: String,
}

const REGION: &str = "astana";
const KINDERGARTEN: &str = "kg-1";
const AGE_GROUP: i32 = 2022;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-15T12:31:00+05:00")
        .unwrap()
        .to_utc()
}

/// Seeds both tables' worth of items and runs the jobs.
pub async fn run(open: usize, due: usize) -> Result<Vec<Pages>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let embedded = store::embedded::EmbeddedStore::open(dir.path().join("store.redb"))
        .map_err(|e| e.to_string())?;
    let base: Arc<dyn Store> = Arc::new(embedded);
    let t = std::time::Instant::now();
    seed_applications(&base, open, due).await?;
    seed_directions(&base, open, due).await?;
    println!(
        "(seeded {open} applications and {open} directions on the embedded store in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    let counting = Arc::new(Counting::new(base));
    let ctx = Ctx::for_tests(
        counting.clone(),
        Arc::new(::queue::embedded::EmbeddedQueue::new()),
        Arc::new(service::sms::SmsSink::default()),
        now(),
        dir.path(),
    );
    let mut out = Vec::new();
    let measure = |job: &'static str, before: Counts, result: String| {
        let c = counting.counts().since(before);
        Pages {
            job,
            queries: c.queries,
            gets: c.gets,
            result,
        }
    };
    let failed = |e: service::ApiError| format!("{}: {:?}", e.code.as_str(), e.log);

    let before = counting.counts();
    let marked = deadline_sweep::sweep(&ctx).await.map_err(failed)?;
    expect("deadline sweep", marked, due)?;
    out.push(measure(
        "deadline sweep (marks the overdue)",
        before,
        format!("{marked} marked"),
    ));

    let before = counting.counts();
    let scope = Scope::Region {
        region: REGION.into(),
    };
    let board = overdue::dashboard(&ctx, &scope).await.map_err(failed)?;
    let listed: usize = board.groups.iter().map(|g| g.items.len()).sum();
    expect("overdue dashboard", listed as u64, due)?;
    out.push(measure(
        "overdue dashboard (functions/overdue)",
        before,
        format!("{listed} listed"),
    ));

    let before = counting.counts();
    let again = deadline_sweep::sweep(&ctx).await.map_err(failed)?;
    expect("deadline sweep again", again, 0)?;
    out.push(measure(
        "deadline sweep, run again",
        before,
        format!("{again} marked"),
    ));

    let before = counting.counts();
    let expired = direction_expiry::run(&ctx).await.map_err(failed)?;
    expect("direction expiry", expired, due)?;
    out.push(measure(
        "direction expiry",
        before,
        format!("{expired} expired"),
    ));
    Ok(out)
}

fn expect(job: &str, got: u64, want: usize) -> Result<(), String> {
    if got == want as u64 {
        Ok(())
    } else {
        Err(format!("{job}: {got}, expected {want}"))
    }
}

/// Puts in transactions of 100 (one redb commit each, not one per item).
async fn put_all(store: &Arc<dyn Store>, writes: Vec<WriteOp>) -> Result<(), String> {
    let mut writes = writes.into_iter().peekable();
    while writes.peek().is_some() {
        let chunk: Vec<WriteOp> = writes
            .by_ref()
            .take(store::MAX_TRANSACTION_WRITES)
            .collect();
        store.transact(chunk).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn seed_applications(store: &Arc<dyn Store>, open: usize, due: usize) -> Result<(), String> {
    let now = now();
    let writes = (0..open)
        .map(|n| {
            // The first `due` passed their deadline; the rest are due from tomorrow on.
            let due_at = if n < due {
                now - Duration::minutes(1 + n as i64)
            } else {
                now + Duration::hours(24) + Duration::seconds(n as i64)
            };
            table::application::put(&open_application(n, due_at)?).map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, String>>()?;
    put_all(store, writes).await
}

/// An open application of a school in astana, due at `due_at`.
fn open_application(n: usize, due_at: DateTime<Utc>) -> Result<Application, String> {
    serde_json::from_value(serde_json::json!({
        "id": format!("app-{n:06}"), "number": n + 1, "service": "grade1", "org_id": "org-1",
        "region": REGION, "locality_id": "astana",
        "academic_year": "2026-2027", "grade": 1, "language": "kk", "status": "in_review",
        "admission_type": "microdistrict",
        "submitted_at": "2026-05-14T10:00:00+05:00", "due_at": domain::to_almaty(due_at),
        "overdue": false, "applicant_iin": "880101300123", "applicant_name": "Ахметова Айгуль",
        "child": {"iin": "190101500123", "last_name": "Ахметов", "first_name": "Нурлан",
                  "birth_date": "2019-01-01", "sex": "male"},
        "applicant": {"phone": "+77011234567", "relation": "mother"},
        "registered_address_id": null, "actual_address": null,
        "transport_requested": false, "special_needs": false, "documents": []
    }))
    .map_err(|e| format!("application: {e}"))
}

async fn seed_directions(store: &Arc<dyn Store>, open: usize, due: usize) -> Result<(), String> {
    let now = now();
    let place = place::Stored {
        place: Place {
            org_id: KINDERGARTEN.into(),
            age_group: AGE_GROUP,
            language: Lang::Kk,
            count: due as u32 + 10,
            taken: 0,
        },
        org_name: text("Балапан"),
        address: "ул. Кенесары, 1".into(),
        region: REGION.into(),
        locality_id: "astana".into(),
    };
    place::put(store.as_ref(), &place)
        .await
        .map_err(|e| e.to_string())?;
    // The due directions: each with its queued application and a place taken.
    for n in 0..due {
        let issued = issued(n, now - Duration::minutes(1 + n as i64));
        let mut app = queue_application(n)?;
        app.direction = Some(issued.direction.clone());
        let stored = queue::Stored {
            app,
            version: 1,
            directions: 1,
            claimed_at: None,
        };
        let mut writes =
            queue::register(&stored, &queue::Guard::default()).map_err(|e| e.to_string())?;
        writes.push(place::take(KINDERGARTEN, AGE_GROUP, Lang::Kk));
        store.transact(writes).await.map_err(|e| e.to_string())?;
        put_all(
            store,
            vec![direction::issue(&issued).map_err(|e| e.to_string())?],
        )
        .await?;
    }
    // The rest expire from tomorrow on: only their direction items (the index entries).
    let writes = (due..open)
        .map(|n| {
            direction::issue(&issued(
                n,
                now + Duration::hours(24) + Duration::seconds(n as i64),
            ))
            .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, String>>()?;
    put_all(store, writes).await
}

fn text(s: &str) -> domain::api::Text {
    domain::api::Text {
        ru: s.into(),
        kk: s.into(),
    }
}

fn queue_application(n: usize) -> Result<QueueApplication, String> {
    serde_json::from_value(serde_json::json!({
        "id": format!("papp-{n:06}"), "number": format!("УО.2026.{:06}.1", n + 1),
        "registered_at": "2026-01-10T10:00:00+05:00",
        "child": {"iin": format!("22010150{:04}", n % 10_000), "last_name": "Ахметов",
                  "first_name": "Нурлан", "birth_date": "2022-01-01", "sex": "male"},
        "applicant": {"iin": "880101300123", "full_name": "Ахметова Айгуль",
                      "phone": "+77011234567", "relation": "mother"},
        "region": REGION, "locality_id": "astana", "language": "kk",
        "privilege": {"category": "none", "status": "not_claimed"},
        "state": "directed", "changed_at": "2026-06-01T10:00:00+05:00", "expiries": 0
    }))
    .map_err(|e| format!("queue application: {e}"))
}

fn issued(n: usize, expires: DateTime<Utc>) -> direction::Stored {
    direction::Stored {
        application_id: format!("papp-{n:06}"),
        number: format!("УО.2026.{:06}.1", n + 1),
        region: REGION.into(),
        child_name: "Ахметов Нурлан".into(),
        child_birth_date: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default(),
        direction: Direction {
            n: 1,
            org_id: KINDERGARTEN.into(),
            org_name: text("Балапан"),
            org_address: "ул. Кенесары, 1".into(),
            language: Lang::Kk,
            age_group: AGE_GROUP,
            issued_at: domain::to_almaty(expires - Duration::days(7)),
            expires_at: domain::to_almaty(expires),
            extended_days: None,
            state: DirectionState::Issued,
            closed_at: None,
            signature_serial: "01".into(),
            signed_by: "Ахметова Айгуль".into(),
        },
        version: 0,
    }
}
