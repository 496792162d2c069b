//! `bench-rush`: the opening-day rush on the local runner (release build, embedded store,
//! loopback), the store's own rate of the same transaction as its reference, and the full
//! lifecycle's throughput; every figure beside its goal as a ratio, and the read-back checks.
//! `scripts/bench-rush.sh` builds and runs it (README, «Benchmarks»). Exit code 0 when every
//! goal is met, 2 when a figure misses its goal; a failed check panics (101).

mod check;
mod lifecycle;
mod population;
mod runner;
mod rush;
mod store_rate;

use std::collections::BTreeMap;
use std::path::PathBuf;

use api_tests::{Api, KeyBundle, School, adult_iin, application, str_field};
use domain::api::Org;
use serde_json::json;

struct Args {
    runner: PathBuf,
    submissions: usize,
    concurrency: usize,
    schools: usize,
    one_school: usize,
    lifecycle_schools: usize,
    lifecycle_per_school: usize,
}

fn args() -> Args {
    let mut a = Args {
        runner: PathBuf::new(),
        submissions: 10_000,
        concurrency: 32,
        schools: 120,
        one_school: 1_000,
        lifecycle_schools: 40,
        lifecycle_per_school: 50,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let value = pair.get(1).map(String::as_str).unwrap_or_default();
        let n = || {
            value
                .parse::<usize>()
                .unwrap_or_else(|_| panic!("{}: a number, not {value:?}", pair[0]))
        };
        match pair[0].as_str() {
            "--runner" => a.runner = PathBuf::from(value),
            "--submissions" => a.submissions = n(),
            "--concurrency" => a.concurrency = n(),
            "--schools" => a.schools = n(),
            "--one-school" => a.one_school = n(),
            "--lifecycle-schools" => a.lifecycle_schools = n(),
            "--lifecycle-per-school" => a.lifecycle_per_school = n(),
            other => panic!(
                "unknown argument {other}: --runner PATH [--submissions N] [--concurrency N] \
                 [--schools N] [--one-school N] [--lifecycle-schools N] [--lifecycle-per-school N]"
            ),
        }
    }
    assert!(a.runner.exists(), "--runner: no runner at {:?}", a.runner);
    a
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Runs `f` on each item, `n` at a time, keeping the order.
async fn each<T, R, F, Fut>(items: Vec<T>, n: usize, f: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = R>,
{
    use futures::StreamExt;
    futures::stream::iter(items.into_iter().map(f))
        .buffered(n)
        .collect()
        .await
}

/// A school created by the admin with a fresh director and a `ru` limit of 40 seats in 2
/// classes; its stored organisation too.
async fn school(api: &Api, admin: &api_tests::Person) -> (School, Org) {
    let director = api.person("Директор Директоров").await;
    // The fixture's BINs come from a counter and may repeat: a repeated one is asked again.
    let mut attempt = 0;
    let (s, org) = loop {
        let (s, org) = api.create_school(admin, &director.iin).await;
        attempt += 1;
        if s != 409 || attempt == 10 {
            break (s, org);
        }
    };
    assert_eq!(s, 201, "create school: {org}");
    let org_id = str_field(&org, "id");
    let (s, limit) = api
        .create_limit(&director.token, &org_id, "ru", 40, 2)
        .await;
    assert_eq!(s, 201, "create limit: {limit}");
    let org: Org = serde_json::from_value(org).expect("an organisation");
    (
        School {
            org_id,
            director,
            limit_id: str_field(&limit, "id"),
        },
        org,
    )
}

/// Uploaded documents: `(kind, file_id)`.
type Docs = Vec<(String, String)>;

struct Row(&'static str, f64, &'static str, Option<(f64, bool)>);

#[tokio::main]
async fn main() {
    let a = args();
    let dir = tempfile::tempdir().expect("temp dir");
    let lifecycle_total = a.lifecycle_schools * a.lifecycle_per_school;
    let families = population::families(a.submissions + a.one_school + lifecycle_total);
    let pop = dir.path().join("population.json");
    population::write(&pop, &families);
    let admin_iin = adult_iin();
    let runner = runner::Runner::start(&a.runner, dir.path(), &pop, &admin_iin).await;
    let api = runner.api.clone();
    println!(
        "runner up (data dir {}); setting up",
        runner.data_dir.display()
    );

    let admin = api.login_as(&admin_iin, "Әкімші Админов").await;
    let campaign = json!({"opens": "2025-01-01", "closes": "2027-12-31"});
    let (s, b) = api
        .put(
            &format!("/api/campaigns/grade1/{}", api_tests::YEAR),
            Some(&admin.token),
            &campaign,
        )
        .await;
    assert_eq!(s, 200, "open the campaign: {b}");
    let total_schools = a.schools + usize::from(a.one_school > 0) + a.lifecycle_schools;
    let created = each((0..total_schools).collect(), 8, |_| school(&api, &admin)).await;
    let (schools, orgs): (Vec<School>, Vec<Org>) = created.into_iter().unzip();
    let rush_schools = &schools[..a.schools];
    let one = &schools[a.schools..a.schools + usize::from(a.one_school > 0)];
    let life_schools = &schools[a.schools + one.len()..];
    // Each parent signs in and uploads the three documents an application needs beforehand.
    let parents: Vec<(String, Docs)> = each(families.iter().collect(), 32, |f| {
        let api = api.clone();
        async move {
            let token = api.login_as(&f.parent, "Айгүл Ахметова").await.token;
            let docs = api.upload_documents(&token).await;
            (token, docs)
        }
    })
    .await;
    println!(
        "{} parents signed in with their documents uploaded",
        parents.len()
    );

    let jobs = |range: std::ops::Range<usize>, to: &[School]| -> Vec<rush::Submission> {
        range
            .enumerate()
            .map(|(k, i)| rush::Submission {
                token: parents[i].0.clone(),
                body: application(&to[k % to.len()].org_id, &families[i].child, &parents[i].1),
            })
            .collect()
    };
    let url = api.url("/api/applications");
    println!(
        "rush: {} submissions to {} schools, {} at a time (load average {})",
        a.submissions,
        a.schools,
        a.concurrency,
        load_average()
    );
    let start = monotonic();
    let m = rush::fire(
        &api.client,
        &url,
        jobs(0..a.submissions, rush_schools),
        a.concurrency,
    )
    .await;
    window("rush", start);
    let one_m = match one.first() {
        Some(_) => {
            let range = a.submissions..a.submissions + a.one_school;
            Some(rush::fire(&api.client, &url, jobs(range, one), a.concurrency).await)
        }
        None => None,
    };
    for (s, b) in m
        .errors
        .iter()
        .chain(one_m.iter().flat_map(|o| &o.errors))
        .take(5)
    {
        println!("  error: {s} {b}");
    }
    let mut expected = BTreeMap::new();
    for app in m
        .created
        .iter()
        .chain(one_m.iter().flat_map(|o| &o.created))
    {
        *expected.entry(str_field(app, "org_id")).or_insert(0) += 1;
    }
    let checked: Vec<School> = rush_schools.iter().chain(one).cloned().collect();
    let (stored, wrong) = check::rush(&api, &checked, &expected).await;

    println!("store's own rate: the same transaction straight on the embedded store");
    let store_jobs = (0..a.submissions)
        .map(|i| store_rate::Job {
            caller: service::access::Caller {
                iin: families[i].parent.clone(),
                name: "Айгүл Ахметова".into(),
            },
            child: serde_json::from_value(families[i].child.json()).expect("child"),
            applicant: serde_json::from_value(
                json!({"phone": "+77011234567", "relation": "mother"}),
            )
            .expect("applicant"),
        })
        .collect();
    let own = store_rate::measure(dir.path(), &orgs[..a.schools], store_jobs, a.concurrency).await;

    println!(
        "lifecycle: {lifecycle_total} applications in {} schools (load average {})",
        a.lifecycle_schools,
        load_average()
    );
    let keys: Vec<KeyBundle> = each(life_schools.iter().collect(), 8, |s| {
        api.director_key(s, "ecdsa")
    })
    .await;
    let first = a.submissions + a.one_school;
    let mut per_school = Vec::new();
    for (k, (school, key)) in life_schools.iter().zip(keys).enumerate() {
        let cases = (0..a.lifecycle_per_school)
            .map(|j| first + k * a.lifecycle_per_school + j)
            .map(|i| lifecycle::Case {
                token: parents[i].0.clone(),
                docs: parents[i].1.clone(),
                child: families[i].child.clone(),
            })
            .collect();
        per_school.push((school.clone(), key, cases));
    }
    let start = monotonic();
    let life = lifecycle::run(&api, per_school).await;
    window("lifecycle", start);
    for e in life.errors.iter().take(5) {
        println!("  error: {e}");
    }
    let (finished, life_wrong) = check::lifecycle(&api, life_schools, lifecycle_total).await;

    let rate = m.rate();
    let mut rows = vec![
        Row(
            "rush: submissions/s",
            rate,
            "≥ 2000",
            Some((rate / 2000.0, rate >= 2000.0)),
        ),
        Row("rush: p50 latency, ms", m.quantile_ms(0.50), "", None),
        Row(
            "rush: p99 latency, ms",
            m.quantile_ms(0.99),
            "≤ 20",
            Some((m.quantile_ms(0.99) / 20.0, m.quantile_ms(0.99) <= 20.0)),
        ),
        Row("rush: max latency, ms", m.quantile_ms(1.0), "", None),
        Row(
            "rush: errors",
            m.errors.len() as f64,
            "0",
            Some((m.errors.len() as f64, m.errors.is_empty())),
        ),
        Row(
            "store's own rate, submissions/s",
            own.rate(),
            "reference",
            None,
        ),
        Row(
            "rush / store's own rate",
            rate / own.rate(),
            "≥ 0.5",
            Some((rate / own.rate() / 0.5, rate / own.rate() >= 0.5)),
        ),
        Row(
            "store: write calls per commit",
            own.calls_per_commit,
            "",
            None,
        ),
    ];
    if let Some(o) = &one_m {
        rows.push(Row("one school: submissions/s", o.rate(), "", None));
        rows.push(Row(
            "one school: p99 latency, ms",
            o.quantile_ms(0.99),
            "",
            None,
        ));
        rows.push(Row(
            "one school: errors",
            o.errors.len() as f64,
            "0",
            Some((o.errors.len() as f64, o.errors.is_empty())),
        ));
    }
    let life_rate = life.done as f64 / life.elapsed.as_secs_f64();
    rows.push(Row(
        "lifecycle: complete/s",
        life_rate,
        "≥ 500",
        Some((life_rate / 500.0, life_rate >= 500.0)),
    ));
    rows.push(Row(
        "lifecycle: errors",
        life.errors.len() as f64,
        "0",
        Some((life.errors.len() as f64, life.errors.is_empty())),
    ));

    println!(
        "\n{:<34} {:>10}  {:<10} {:>7}",
        "figure", "measured", "goal", "ratio"
    );
    let mut missed = 0;
    for Row(name, value, goal, verdict) in &rows {
        let ratio = match verdict {
            Some((r, ok)) => {
                missed += usize::from(!ok);
                format!("{r:>7.2} {}", if *ok { "met" } else { "MISSED" })
            }
            None => String::new(),
        };
        println!("{name:<34} {value:>10.1}  {goal:<10} {ratio}");
    }
    println!(
        "\nread back: {stored} stored of {} answered 201 ({} schools); lifecycle: {finished} of {lifecycle_total} finished; load average {}",
        expected.values().sum::<usize>(),
        checked.len(),
        load_average()
    );
    for w in wrong.iter().chain(&life_wrong) {
        println!("  WRONG: {w}");
    }
    assert!(
        wrong.is_empty() && life_wrong.is_empty(),
        "the read-back found {} faults",
        wrong.len() + life_wrong.len()
    );
    println!(
        "read-back checks passed: numbers unique and gap-free per school, in the order of their instants; no seat overbooked"
    );
    drop(runner);
    // `exit` runs no destructors: the data dir (~400 MB) goes first.
    drop(dir);
    if missed > 0 {
        println!("{missed} goal(s) missed");
        std::process::exit(2);
    }
}

/// Seconds on the clock `perf record -k CLOCK_MONOTONIC` stamps its samples with.
fn monotonic() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// A phase's time span, for the profile of that phase alone (scripts/bench-rush.sh, PROFILE=1).
fn window(phase: &str, start: f64) {
    println!("window {phase} {start:.6} {:.6}", monotonic());
}
