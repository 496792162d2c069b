//! `bench-cost`: what one application's lifecycle costs in DynamoDB requests and capacity
//! units (the functions' handlers on the DynamoDB adapter at a moto server), per use case,
//! against the goal of at most 10 requests per lifecycle; and how many query pages the sweeps
//! read over 100,000 open applications of which 100 are due, against the goal of 2.
//!
//! Exit status 1 when a goal is missed. See README, «Benchmarks».

use clap::Parser;

mod counting;
mod lifecycle;
mod report;
mod sweeps;
mod world;

/// The goals.
pub const GOAL_REQUESTS: f64 = 10.0;
pub const GOAL_PAGES: u64 = 2;

#[derive(Parser, Debug)]
#[command(name = "bench-cost")]
struct Args {
    /// Applications taken through the lifecycle on moto.
    #[arg(long, default_value_t = 20)]
    n: u32,
    /// Open applications (and kindergarten directions) seeded for the sweeps.
    #[arg(long, default_value_t = 100_000)]
    open: usize,
    /// How many of them are due.
    #[arg(long, default_value_t = 100)]
    due: usize,
    /// The moto server (default: `MOTO_ENDPOINT`).
    #[arg(long)]
    endpoint: Option<String>,
    /// Skip the lifecycle (no moto needed).
    #[arg(long)]
    sweeps_only: bool,
    /// Skip the sweeps.
    #[arg(long)]
    lifecycle_only: bool,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = Args::parse();
    match run(args).await {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(e) => {
            eprintln!("bench-cost: {e}");
            std::process::exit(2);
        }
    }
}

/// Runs what was asked; whether every goal was met.
async fn run(args: Args) -> Result<bool, String> {
    let mut met = true;
    if !args.sweeps_only {
        let endpoint = args
            .endpoint
            .clone()
            .or_else(|| std::env::var("MOTO_ENDPOINT").ok())
            .ok_or("no moto endpoint: --endpoint or MOTO_ENDPOINT (scripts/with-moto)")?;
        let started = std::time::Instant::now();
        let w = world::World::on_moto(&endpoint).await?;
        let school = // Children without a registered address come from outside the microdistrict: a quarter
        // of the seats (the 3:1 rule), so four seats per application.
        lifecycle::school(&w, args.n * 4 + 4).await?;
        let mut all = Vec::with_capacity(args.n as usize);
        for _ in 0..args.n {
            all.push(lifecycle::one(&w, &school).await?);
        }
        met &= report::lifecycle(&all, started.elapsed());
    }
    if !args.lifecycle_only {
        let started = std::time::Instant::now();
        let pages = sweeps::run(args.open, args.due).await?;
        met &= report::sweeps(&pages, args.open, args.due, started.elapsed());
    }
    Ok(met)
}
