//! `qabyldau-local`: the whole system in one process. Every function's handler behind the
//! template's routes, the built frontend at `/`, uploads into the data dir, and in `--dev` the
//! dev endpoints (login, clock, jobs, SMS sink, dev-CA certificates) and the demo seed.
//! `qabyldau-local verify FILE` checks a stored signature offline.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

/// Many requests on a few threads: glibc's malloc spent a fifth of the rush in its arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod app;
mod auth;
mod background;
mod dev;
mod dev_certificates;
mod dev_population;
mod operator;
mod routes;
mod seed;
mod seed_campaign;
mod seed_college;
mod verify;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum StoreKind {
    Embedded,
    Dynamodb,
}

#[derive(Parser, Debug)]
#[command(
    name = "qabyldau-local",
    about = "Qabyldau in one process: the API, the site and the jobs"
)]
struct Args {
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Where the embedded store, the uploaded files, the dev token key and the dev CA live.
    #[arg(long, default_value = ".data", global = true)]
    data_dir: PathBuf,
    /// Dev mode: dev login, settable clock, jobs on demand, SMS sink, demo seed.
    #[arg(long)]
    dev: bool,
    /// A region admin, `IIN:REGION`; repeatable.
    #[arg(long = "admin", value_name = "IIN:REGION")]
    admins: Vec<String>,
    #[arg(long, value_enum, default_value_t = StoreKind::Embedded)]
    store: StoreKind,
    /// DynamoDB endpoint (moto, LocalStack); the AWS default chain when absent.
    #[arg(long)]
    dynamodb_endpoint: Option<String>,
    #[arg(long, default_value = "qabyldau")]
    table: String,
    /// SQS endpoint; with `--store dynamodb` the queues live there too.
    #[arg(long)]
    sqs_endpoint: Option<String>,
    /// The notifications queue's name (its dead-letter queue is `<name>-dlq`).
    #[arg(long, default_value = "qabyldau-notifications")]
    queue: String,
    /// The built frontend to serve at `/`.
    #[arg(long, default_value = "frontend/dist")]
    static_dir: PathBuf,
    /// The URL clients reach this runner at (for upload URLs); `http://HOST:PORT` by default.
    #[arg(long)]
    public_url: Option<String>,
    /// Where the demo seed comes from (`--dev` on an empty store).
    #[arg(long, default_value = "infra/seed/demo.json")]
    seed: PathBuf,
    /// The local population register's families (children, their legal representatives and
    /// registered addresses); outside `--dev`, `POPULATION_REGISTER_URL` names a gateway instead.
    #[arg(long, default_value = "infra/seed/population.json")]
    population: PathBuf,
    /// Import the address register from a JSON file (`{"localities":[...]}`, the shape of the
    /// demo seed) into the configured store — local, moto, LocalStack or AWS — and exit.
    #[arg(long, value_name = "FILE")]
    import_addresses: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a decision's signature offline: FILE is the JSON of
    /// `GET /api/applications/{id}/signature`. Exit code 0 when valid, 1 when not.
    Verify {
        file: PathBuf,
        /// The CA certificates to trust (PEM); by default the data dir's dev CA.
        #[arg(long, value_name = "PEM")]
        trusted_ca: Option<PathBuf>,
    },
    /// Appoint a person to the ministry's education department (every region's monitoring) in
    /// the configured store — local, moto, LocalStack or AWS — and exit. No region admin may:
    /// the ministry level is the operator's to name.
    AppointMinistry {
        iin: String,
        /// The person's full name.
        name: Option<String>,
    },
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if let Some(Command::Verify { file, trusted_ca }) = &args.command {
        std::process::exit(verify::run(file, trusted_ca.as_deref(), &args.data_dir));
    }
    service::telemetry::init();
    if let Err(e) = run(args).await {
        tracing::error!(error = %e, "qabyldau-local stopped");
        eprintln!("qabyldau-local: {}", service::telemetry::mask_iins(&e));
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    check_dev_host(args.dev, &args.host)?;
    std::fs::create_dir_all(&args.data_dir).map_err(|e| format!("data dir: {e}"))?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}:{}", args.host, args.port));
    let mut admins = std::collections::BTreeMap::new();
    for entry in &args.admins {
        admins.extend(service::config::parse_admins(entry)?);
    }
    let seed = if args.dev {
        Some(seed::Seed::load(&args.seed)?)
    } else {
        None
    };
    if let Some(seed) = &seed {
        admins.extend(
            seed.admins
                .iter()
                .map(|a| (a.iin.clone(), a.region.clone())),
        );
    }
    let state = app::State::build(app::Options {
        data_dir: args.data_dir.clone(),
        dev: args.dev,
        admins,
        dynamodb: (args.store == StoreKind::Dynamodb)
            .then(|| (args.dynamodb_endpoint.clone(), args.table.clone())),
        sqs: match (args.store, &args.sqs_endpoint) {
            (StoreKind::Embedded, None) => None,
            (_, endpoint) => Some((endpoint.clone(), args.queue.clone())),
        },
        static_dir: args.static_dir.clone(),
        public_url: public_url.clone(),
        population: args.population.clone(),
    })
    .await?;
    let state = Arc::new(state);
    if let Some(file) = &args.import_addresses {
        return import_addresses(&state, file).await;
    }
    if let Some(Command::AppointMinistry { iin, name }) = &args.command {
        operator::appoint_ministry(&state, iin, name.as_deref()).await?;
        println!("appointed to the ministry's education department");
        return Ok(());
    }
    if let Some(seed) = &seed {
        seed::load_once(&state, seed).await?;
    }
    background::spawn(state.clone())?;
    let addr: SocketAddr = format!("{}:{}", args.host, args.port)
        .parse()
        .map_err(|e| format!("address: {e}"))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("listen on {addr}: {e}"))?;
    tracing::info!(url = %public_url, dev = args.dev, store = ?args.store, "listening");
    println!("qabyldau-local listening on {public_url}");
    axum::serve(listener, app::router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("server: {e}"))
}

/// Dev mode signs anyone in by an IIN alone and moves the clock: it listens on a loopback
/// address only, never where another machine reaches it.
fn check_dev_host(dev: bool, host: &str) -> Result<(), String> {
    let loopback = host
        .parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback());
    if dev && !loopback {
        return Err(format!(
            "--dev listens on a loopback address only (127.0.0.1), not {host}: its login \
             trusts any IIN"
        ));
    }
    Ok(())
}

/// Loads (or refreshes: the import is idempotent) the address register from a file.
async fn import_addresses(state: &app::State, file: &std::path::Path) -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct Register {
        localities: Vec<domain::address::RegisterLocality>,
    }
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let register: Register =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let n = table::address::import_register(state.ctx.store.as_ref(), &register.localities)
        .await
        .map_err(|e| format!("import: {e}"))?;
    println!("imported {n} addresses from {}", file.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_dev_host;

    #[test]
    fn dev_mode_stays_on_loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "::1"] {
            assert_eq!(check_dev_host(true, host), Ok(()), "{host}");
        }
        for host in ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.kz", ""] {
            let e = check_dev_host(true, host).unwrap_err();
            assert!(e.contains("--dev") && e.contains(host), "{e}");
        }
        // Without dev mode any address will do.
        assert_eq!(check_dev_host(false, "0.0.0.0"), Ok(()));
    }
}
