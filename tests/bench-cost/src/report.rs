//! The figures, each beside its goal and as a ratio to it.

use std::time::Duration;

use store::dynamodb::usage::UsageSnapshot;

use crate::lifecycle::{Costs, Step};
use crate::sweeps::Pages;
use crate::{GOAL_PAGES, GOAL_REQUESTS};

/// Prints the lifecycle's cost per use case; whether the goal is met.
pub fn lifecycle(all: &[Costs], took: Duration) -> bool {
    let n = all.len().max(1) as f64;
    println!(
        "== DynamoDB cost per application: N = {} lifecycles on moto ({:.1} s) ==",
        all.len(),
        took.as_secs_f64()
    );
    println!(
        "RCU/WCU computed: from item sizes by DynamoDB's billing rules (reads 4 KB units, \
         eventually consistent x0.5, transactional x2; writes 1 KB units, transactional x2, \
         plus each GSI holding the item)."
    );
    println!("RCU/WCU reported: what moto answered to ReturnConsumedCapacity (placeholders).");
    println!(
        "{:<28} {:>7} {:>8} {:>8} {:>10} {:>10}  calls per application",
        "use case", "req/app", "RCU", "WCU", "rep. RCU", "rep. WCU"
    );
    let (mut life, mut reads) = (UsageSnapshot::default(), UsageSnapshot::default());
    for step in Step::ALL {
        let mut sum = UsageSnapshot::default();
        for costs in all {
            if let Some((c, _)) = costs.get(&step) {
                sum.add(c);
            }
        }
        row(step.name(), &sum, n);
        if step.in_lifecycle() {
            life.add(&sum);
        } else {
            reads.add(&sum);
        }
    }
    println!("{}", "-".repeat(100));
    row("lifecycle (without reads)", &life, n);
    row("parent's reads", &reads, n);
    let mut everything = life.clone();
    everything.add(&reads);
    row("lifecycle + parent's reads", &everything, n);
    let per_app = life.requests() as f64 / n;
    let with_reads = everything.requests() as f64 / n;
    println!(
        "GOAL requests per lifecycle: {per_app:.2} vs goal {GOAL_REQUESTS} -> ratio {:.2} ({}); \
         with the parent's three reads {with_reads:.2} -> ratio {:.2}",
        per_app / GOAL_REQUESTS,
        if per_app <= GOAL_REQUESTS {
            "met"
        } else {
            "MISSED"
        },
        with_reads / GOAL_REQUESTS,
    );
    let t = life.total();
    println!(
        "capacity per lifecycle (computed): {:.1} RCU, {:.1} WCU; reported by moto: {:.1} RCU, \
         {:.1} WCU",
        t.computed_rcu / n,
        t.computed_wcu / n,
        t.reported_rcu / n,
        t.reported_wcu / n
    );
    if let Some(first) = all.first() {
        println!("\ncalls of one application, per use case (key shapes; ids as *):");
        for (step, (_, calls)) in first {
            println!("  {}:", step.name());
            for c in calls {
                println!("    {c}");
            }
        }
    }
    per_app <= GOAL_REQUESTS
}

fn row(name: &str, sum: &UsageSnapshot, n: f64) {
    let t = sum.total();
    let calls: Vec<String> = sum
        .ops
        .iter()
        .map(|(op, u)| format!("{op}×{}", trim(u.requests as f64 / n)))
        .collect();
    println!(
        "{name:<28} {:>7.2} {:>8.2} {:>8.2} {:>10.2} {:>10.2}  {}",
        t.requests as f64 / n,
        t.computed_rcu / n,
        t.computed_wcu / n,
        t.reported_rcu / n,
        t.reported_wcu / n,
        calls.join(" ")
    );
}

/// `2` for 2.0, `1.5` for 1.5.
fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Prints the sweeps' pages; whether every goal is met.
pub fn sweeps(pages: &[Pages], open: usize, due: usize, took: Duration) -> bool {
    println!(
        "\n== Sweeps over {open} open items of which {due} are due (embedded store, pages \
         counted by a wrapper around the Store port; {:.1} s) ==",
        took.as_secs_f64()
    );
    println!(
        "{:<44} {:>6} {:>6} {:>6} {:>9}  result",
        "job", "pages", "gets", "goal", "ratio"
    );
    let mut met = true;
    for p in pages {
        let ok = p.queries <= GOAL_PAGES;
        met &= ok;
        println!(
            "{:<44} {:>6} {:>6} {:>6} {:>9.2}  {} ({})",
            p.job,
            p.queries,
            p.gets,
            GOAL_PAGES,
            p.queries as f64 / GOAL_PAGES as f64,
            p.result,
            if ok { "met" } else { "MISSED" }
        );
    }
    met
}
