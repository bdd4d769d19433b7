//! `vitae serve`: the HTTP API.

use crate::Outcome;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use vitae_server::{Application, Config};
use vitae_store::KeySecret;

/// Where the store is: shared by `serve` and `keys`.
#[derive(clap::Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// `sqlite://PATH` or `postgres://USER@HOST/DATABASE`. Default: a SQLite file in the data
    /// directory.
    #[arg(long, env = "VITAE_DATABASE_URL", value_name = "URL", global = true)]
    pub database: Option<String>,
    /// Where the default SQLite database lives. Default: `$XDG_DATA_HOME/vitae` or
    /// `~/.local/share/vitae`.
    #[arg(long, env = "VITAE_DATA_DIR", value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

impl DatabaseArgs {
    /// The database URL. The default SQLite file's directory is created (0700) by the store
    /// when it opens the file (`vitae_store::connect`).
    pub fn url(&self) -> Result<String> {
        if let Some(url) = &self.database {
            return Ok(url.clone());
        }
        let dir = match &self.data_dir {
            Some(dir) => dir.clone(),
            None => default_data_dir().context(
                "no data directory: set --data-dir, VITAE_DATA_DIR, XDG_DATA_HOME or HOME",
            )?,
        };
        Ok(vitae_store::sqlite_url(&dir.join("vitae.db")))
    }
}

fn default_data_dir() -> Option<PathBuf> {
    let nonempty = |k| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    nonempty("XDG_DATA_HOME")
        .map(|d| d.join("vitae"))
        .or_else(|| nonempty("HOME").map(|h| h.join(".local/share/vitae")))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub ai: super::fit::AiArgs,
    /// Address to listen on.
    #[arg(long, env = "VITAE_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Largest request body, in bytes.
    #[arg(long, env = "VITAE_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// Threads for rendering and parsing (0: one per core, and one more).
    #[arg(long, env = "VITAE_WORKERS", default_value_t = 0)]
    pub workers: usize,
    /// The most of those threads one tenant's requests hold at once (0: all but one), so one
    /// tenant's slow or huge requests never keep another's waiting for a thread.
    #[arg(long, env = "VITAE_TENANT_SHARE", default_value_t = 0)]
    pub tenant_share: usize,
    /// Jobs that may wait for a thread, half of them at most one tenant's; beyond it requests
    /// get 503 with Retry-After.
    #[arg(long, env = "VITAE_QUEUE", default_value_t = 1024)]
    pub queue: usize,
    /// Seconds a request's work may be expected to wait for a thread (from the work ahead of
    /// it and how long work has taken lately); beyond it requests get 503 at once, with the
    /// seconds until they would not as Retry-After.
    #[arg(long, env = "VITAE_QUEUE_WAIT", default_value_t = 5.0)]
    pub queue_wait: f64,
    /// Seconds a request may take before it is answered 503.
    #[arg(long, env = "VITAE_DEADLINE", default_value_t = 30.0)]
    pub deadline: f64,
    /// Requests per second per API key (0: unlimited); bursts of twice that pass.
    #[arg(long, env = "VITAE_RATE_LIMIT", default_value_t = 50)]
    pub rate_limit: u32,
    /// Failed authentications per second per client address (0: unlimited); bursts of twenty
    /// times that pass, then the address is answered 429 until its allowance refills.
    #[arg(long, env = "VITAE_AUTH_FAILURE_RATE", default_value_t = 1.0)]
    pub auth_failure_rate: f64,
    /// Megabytes of rendered documents kept for identical requests (0: no cache).
    #[arg(long, env = "VITAE_CACHE_MB", default_value_t = 16)]
    pub cache_mb: usize,
    /// Origins allowed to call the API from a browser, comma-separated. Default: none (CORS
    /// closed).
    #[arg(
        long = "allowed-origins",
        env = "VITAE_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allowed_origins: Vec<String>,
    /// Connections served at once; more are closed on accept (0: three quarters of the
    /// open-file limit, at most 4096).
    #[arg(long, env = "VITAE_MAX_CONNECTIONS", default_value_t = 0)]
    pub max_connections: usize,
    /// Seconds a client may take to send a request's headers; also how long an idle
    /// kept-alive connection stays open.
    #[arg(long, env = "VITAE_HEADER_TIMEOUT", default_value_t = 10.0)]
    pub header_timeout: f64,
    /// Seconds a client may take to send a whole request body (408 after it).
    #[arg(long, env = "VITAE_BODY_TIMEOUT", default_value_t = 30.0)]
    pub body_timeout: f64,
    /// Mark the studio's session cookies Secure: set when browsers reach the server over HTTPS
    /// (a TLS proxy in front).
    #[arg(long, env = "VITAE_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Hours a studio sign-in lasts.
    #[arg(long, env = "VITAE_SESSION_HOURS", default_value_t = 12.0)]
    pub session_hours: f64,
    /// Log format (level with VITAE_LOG, e.g. `info`, `debug`, `vitae_server=debug`).
    #[arg(long, env = "VITAE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    pub log_format: LogFormat,
}

pub fn run(args: Args) -> Result<Outcome> {
    init_logging(args.log_format);
    for (flag, value) in [
        ("--deadline", args.deadline),
        ("--queue-wait", args.queue_wait),
        ("--header-timeout", args.header_timeout),
        ("--body-timeout", args.body_timeout),
    ] {
        if !(0.1..=3600.0).contains(&value) {
            anyhow::bail!("{flag} {value} is outside 0.1–3600 seconds");
        }
    }
    if args.queue_wait >= args.deadline {
        anyhow::bail!(
            "--queue-wait {} is not shorter than --deadline {}: work admitted to the queue would \
             miss its deadline waiting; choose a shorter wait",
            args.queue_wait,
            args.deadline
        );
    }
    if !(0.05..=24.0 * 90.0).contains(&args.session_hours) {
        anyhow::bail!(
            "--session-hours {} is outside 0.05–2160",
            args.session_hours
        );
    }
    let config = Config {
        studio: vitae_server::studio::StudioConfig {
            secure_cookies: args.secure_cookies,
            session_ttl: Duration::from_secs_f64(args.session_hours * 3600.0),
            ..Default::default()
        },
        bind: args.bind,
        database_url: args.db.url()?,
        body_limit: args.body_limit,
        workers: args.workers,
        tenant_share: args.tenant_share,
        queue: args.queue,
        queue_wait: Duration::from_secs_f64(args.queue_wait),
        deadline: Duration::from_secs_f64(args.deadline),
        max_connections: args.max_connections,
        header_timeout: Duration::from_secs_f64(args.header_timeout),
        body_timeout: Duration::from_secs_f64(args.body_timeout),
        rate_limit: args.rate_limit,
        auth_failure_rate: args.auth_failure_rate.max(0.0),
        cache_bytes: args.cache_mb * 1024 * 1024,
        allowed_origins: args
            .allowed_origins
            .into_iter()
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty())
            .collect(),
        // The secret comes from the environment only: flags show up in `ps`.
        env_key: env_key()?,
        // `VITAE_LLM_*` and the provider's key (environment or `.env`); none: deterministic only.
        llm: args.ai.config()?,
        ..Config::default()
    };
    runtime()?.block_on(async {
        let app = Application::build(config).await?;
        app.run_until(vitae_server::shutdown_signal())
            .await
            .context("the server stopped with an error")
    })?;
    Ok(Outcome::Ok)
}

/// `RESUME_API_KEY`, checked (long enough, printable); unset or empty: none, and the server
/// revokes the key it held before.
fn env_key() -> Result<Option<KeySecret>> {
    match std::env::var("RESUME_API_KEY") {
        Ok(k) if !k.trim().is_empty() => KeySecret::parse(k.trim())
            .map(Some)
            .context("RESUME_API_KEY is not usable as an API key"),
        _ => Ok(None),
    }
}

/// The async runtime: one worker thread per core (rendering has its own threads).
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("VITAE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(crate::report::colors(std::io::IsTerminal::is_terminal(
            &std::io::stderr(),
        )))
        .with_writer(std::io::stderr);
    // A second initialisation (tests running commands in one process) is harmless: ignore it.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
