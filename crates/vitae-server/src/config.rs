//! Server settings. The CLI fills them from flags and `VITAE_*` variables; tests build them
//! directly. Every field has a production default.

use std::net::SocketAddr;
use std::time::Duration;
use vitae_store::KeySecret;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: SocketAddr,
    /// `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Work threads for CPU-heavy work (0: one per core, and one more: see `tenant_share`).
    pub workers: usize,
    /// The most work threads one tenant's requests hold at once (0: all but one), so another
    /// tenant's request always finds a thread.
    pub tenant_share: usize,
    /// Jobs that may wait for a work thread before requests get 503; one tenant's may take at
    /// most half of the room, so another tenant's request still finds some. A bound on memory:
    /// what usually refuses a job first is `queue_wait`.
    pub queue: usize,
    /// The longest a job may be expected to wait for a work thread (from the jobs ahead of it
    /// and how long jobs have taken lately); a request whose job would wait longer is answered
    /// 503 at once, with the seconds until it would not as `Retry-After`.
    pub queue_wait: Duration,
    /// How long a request may take before it is answered 503.
    pub deadline: Duration,
    /// Requests per second allowed per API key (0: no limit). Bursts of twice the rate pass.
    pub rate_limit: u32,
    /// Bytes of rendered documents kept for identical requests (0: no cache).
    pub cache_bytes: usize,
    /// Origins allowed to call the API from a browser (CORS). Empty: CORS stays closed.
    pub allowed_origins: Vec<String>,
    /// The key of the system vitae replaces (`RESUME_API_KEY`): one tenant's key.
    pub env_key: Option<KeySecret>,
    /// How long a checked API key is trusted before the database is asked again (a revoked key
    /// stops working within this time on every instance).
    pub key_cache_ttl: Duration,
    /// Connections served at once; a connection beyond it is closed as soon as it is accepted,
    /// so file descriptors never run out (0: derived from the process's open-file limit).
    pub max_connections: usize,
    /// How long a client may take to send a request's headers. It also closes a kept-alive
    /// connection that sends no new request for this long.
    pub header_timeout: Duration,
    /// How long a client may take to send a whole request body (a body trickled in slowly is
    /// answered 408 when this runs out).
    pub body_timeout: Duration,
    /// Failed authentications allowed per client address and second; bursts of 20 times that
    /// pass. Beyond it the address is answered 429 before its key is even looked up (0: no
    /// limit).
    pub auth_failure_rate: f64,
    /// The language model behind `/v1/tailor` and `/v1/cover-letter` (`provider: None`, the
    /// default: the deterministic path only).
    pub llm: vitae_llm::Config,
    /// The studio web app: sessions, and what it edits.
    pub studio: crate::studio::StudioConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: String::new(),
            body_limit: 1024 * 1024,
            workers: 0,
            tenant_share: 0,
            queue: 1024,
            queue_wait: Duration::from_secs(5),
            deadline: Duration::from_secs(30),
            rate_limit: 50,
            cache_bytes: 16 * 1024 * 1024,
            allowed_origins: Vec::new(),
            env_key: None,
            key_cache_ttl: Duration::from_secs(1),
            max_connections: 0,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            auth_failure_rate: 1.0,
            llm: vitae_llm::Config::default(),
            studio: crate::studio::StudioConfig::default(),
        }
    }
}

impl Config {
    /// Work threads: the configured number, or one per core and one more. Each tenant holds at
    /// most all but one of them (`tenant_share`), so with the extra thread a tenant alone still
    /// keeps every core busy, and a second tenant's request starts at once on the thread left.
    pub fn worker_count(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism().map_or(2, |n| n.get()) + 1
        }
    }

    /// Connections served at once: the configured number, or what the open-file limit leaves
    /// after a reserve for the database, the work threads and the files a process keeps open
    /// (three quarters of the soft limit, at most 4,096). With the common container default of
    /// 1,024 descriptors that is 768, so `accept` never fails with "too many open files".
    pub fn connection_limit(&self) -> usize {
        if self.max_connections > 0 {
            return self.max_connections;
        }
        let soft = open_file_limit().unwrap_or(1024);
        (soft.saturating_mul(3) / 4).clamp(16, 4096)
    }
}

/// The soft limit on open files, where the platform tells it.
fn open_file_limit() -> Option<usize> {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        limit.current.and_then(|n| usize::try_from(n).ok())
    }
    #[cfg(not(unix))]
    {
        None
    }
}
