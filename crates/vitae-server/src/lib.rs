//! vitae-server: the HTTP API as a library.
//!
//! [`Application::build`] opens the store (applying migrations), starts the work pool and binds
//! the listener; [`Application::run_until`] serves until a shutdown signal, then finishes the
//! requests in flight. Tests build it on port 0 with a fresh database.
//!
//! The async threads only route requests, talk to the database and move bytes. Everything
//! CPU-heavy — parsing submitted resumes, Typst, DOCX, PNG — runs on the bounded [`pool`], whose
//! full queue answers 503 with `Retry-After` instead of making anyone wait without bound.
//!
//! - `http/*` — one router per resource; handlers are thin.
//! - `payload` — request bodies that carry a resume; `render` — the render pipeline with its
//!   cache; `auth` — the [`auth::Tenant`] extractor; `error` — the one error type.
//! - Nothing instances must share lives in memory: resumes and keys are in the store; the render
//!   cache, key cache and rate-limit buckets are per instance by design.

pub mod auth;
pub mod cache;
pub mod config;
pub mod error;
mod http;
mod media;
pub mod metrics;
pub mod payload;
pub mod pool;
mod render;
pub mod studio;

pub use config::Config;
pub use http::{ApiDoc, IMPORT_LIMIT, openapi_json};

use axum::Router;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use vitae_core::PartialDate;
use vitae_store::Store;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Arc<dyn Store>,
    pub pool: pool::WorkPool,
    pub cache: Arc<cache::RenderCache>,
    pub metrics: Arc<metrics::Metrics>,
    pub keys: Arc<auth::KeyCache>,
    pub limiter: Arc<auth::RateLimiter>,
    /// Failed authentications per client address.
    pub failures: Arc<auth::FailureLimiter>,
    /// The language model's tasks; disabled unless `Config::llm` names a provider.
    pub assistant: Arc<vitae_llm::Assistant>,
    /// The studio's one-time sign-in link.
    pub desk: Arc<studio::Desk>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] vitae_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the work threads: {0}")]
    Threads(std::io::Error),
    #[error("invalid allowed origin `{0}` (expected e.g. https://app.example.com)")]
    Origin(String),
    #[error("language model: {0}")]
    Llm(#[from] vitae_llm::LlmError),
    #[error("RESUME_API_KEY: {0}")]
    EnvKey(vitae_store::SecretError),
}

/// A built server, bound and ready to serve.
pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
    state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartError> {
        // Checked again here (the CLI parses it too) so a library user cannot start with a
        // guessable key either: fail closed.
        if let Some(secret) = &config.env_key {
            vitae_store::KeySecret::parse(secret.expose()).map_err(StartError::EnvKey)?;
        }
        let store = vitae_store::connect(&config.database_url).await?;
        // The variable is the single key of tenant `default` while it is set; unset, the key
        // it held is revoked, so removing it from the environment really closes that door.
        store.sync_env_key(config.env_key.as_ref()).await?;
        if let Some(secret) = &config.env_key
            && store.authenticate(&secret.hash()).await?.is_none()
        {
            tracing::warn!(
                "RESUME_API_KEY names a key that was revoked; it opens nothing: choose a new value"
            );
        }
        match store.active_key_count().await? {
            0 => tracing::warn!(
                "no API keys: every request will be refused; create one with `vitae keys create --name NAME`"
            ),
            n => tracing::info!(keys = n, "API keys active"),
        }
        let pool = pool::WorkPool::new(
            config.worker_count(),
            config.queue,
            config.tenant_share,
            config.queue_wait,
        )
        .map_err(StartError::Threads)?;
        let assistant = Arc::new(vitae_llm::Assistant::new(&config.llm)?);
        let state = AppState {
            assistant,
            cache: Arc::new(cache::RenderCache::new(config.cache_bytes)),
            metrics: Arc::new(metrics::Metrics::default()),
            keys: Arc::new(auth::KeyCache::new(config.key_cache_ttl)),
            limiter: Arc::new(auth::RateLimiter::new(config.rate_limit)),
            failures: Arc::new(auth::FailureLimiter::new(config.auth_failure_rate)),
            store,
            pool,
            desk: Arc::new(studio::Desk::new(&config.studio)),
            config: Arc::new(config),
        };
        let router = router(state.clone())?;
        let addr = state.config.bind;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?
            .port();
        tracing::info!(
            %addr,
            port,
            database = state.store.backend().name(),
            workers = state.pool.workers(),
            "listening"
        );
        Ok(Application {
            listener,
            router,
            port,
            state,
        })
    }

    /// The port bound (the real one when the configuration asked for port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then stops accepting and finishes the requests in
    /// flight.
    ///
    /// The accept loop is ours rather than `axum::serve`'s so that every connection is bounded:
    /// at most [`Config::connection_limit`] are served at once (one beyond it is closed at once,
    /// so descriptors never run out and `/health` keeps answering), headers must arrive within
    /// [`Config::header_timeout`] (which also ends idle kept-alive connections), and the body
    /// within [`Config::body_timeout`] (enforced by the router's body layer).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let config = Arc::clone(&self.state.config);
        let limit = config.connection_limit();
        let slots = Arc::new(tokio::sync::Semaphore::new(limit));
        let metrics = Arc::clone(&self.state.metrics);
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(config.header_timeout)
            .keep_alive(true);
        tokio::pin!(shutdown);
        loop {
            let (stream, peer) = tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        // EMFILE and friends: the descriptors come back when connections end;
                        // spinning on accept would only burn the CPU they need.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                },
            };
            let Ok(permit) = Arc::clone(&slots).try_acquire_owned() else {
                metrics
                    .connections_refused
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                drop(stream);
                continue;
            };
            let _ = stream.set_nodelay(true);
            let router = self.router.clone();
            let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                tower::ServiceExt::oneshot(router.clone(), req)
            });
            let connection = http.serve_connection(TokioIo::new(stream), service);
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                drop(permit);
            });
        }
        drop(self.listener);
        graceful.shutdown().await;
        Ok(())
    }
}

fn router(state: AppState) -> Result<Router, StartError> {
    let x_request_id = HeaderName::from_static("x-request-id");
    let mut app = http::routes(state.clone())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            record_metrics,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), bound_request));
    if !state.config.allowed_origins.is_empty() {
        app = app.layer(cors(&state.config.allowed_origins)?);
    }
    Ok(app
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    // Method, route and id only: never the body or the query (it may carry
                    // personal data).
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), id)
                })
                .on_response(
                    |res: &Response, latency: std::time::Duration, _span: &tracing::Span| {
                        tracing::info!(status = res.status().as_u16(), ms = latency.as_secs_f64() * 1000.0, "answered");
                    },
                )
                .on_failure(
                    |class: ServerErrorsFailureClass, latency: std::time::Duration, _span: &tracing::Span| {
                        // A 503 is load shed or a database away: said once by the "answered"
                        // line (and, for the database, by its own warning), not an error of
                        // the server. Anything else 5xx is.
                        if !matches!(class, ServerErrorsFailureClass::StatusCode(s) if s == StatusCode::SERVICE_UNAVAILABLE) {
                            tracing::error!(%class, ms = latency.as_secs_f64() * 1000.0, "request failed");
                        }
                    },
                ),
        )
        .layer(SetRequestIdLayer::new(x_request_id, NewRequestId)))
}

fn cors(origins: &[String]) -> Result<CorsLayer, StartError> {
    let origins = origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(|_| StartError::Origin(o.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            HeaderName::from_static("x-api-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::CONTENT_DISPOSITION,
            HeaderName::from_static("x-request-id"),
            HeaderName::from_static("x-page-count"),
        ]))
}

/// Request ids: random, so they can be quoted in a report without revealing traffic volume.
#[derive(Clone, Copy)]
struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _req: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&vitae_store::new_id("req_"))
            .ok()
            .map(RequestId::new)
    }
}

async fn record_metrics(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().as_str().to_owned();
    // The route pattern, not the path, so ids do not make a label per resume.
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(req).await;
    state.metrics.record_request(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// What every exchange gets, whatever the route: a deadline on the request body (a client that
/// trickles it in is answered 408 instead of holding a connection and a buffer), and
/// `X-Content-Type-Options: nosniff` on the response (rendered HTML and user-supplied names are
/// never to be sniffed into something a browser runs), and its own record of whether the work
/// pool has taken a job of it yet (its later jobs go ahead of new requests').
async fn bound_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let timeout = state.config.body_timeout;
    let req = req
        .map(|body| axum::body::Body::new(tower_http::timeout::DeadlineBody::new(timeout, body)));
    let mut response = render::in_request(next.run(req)).await;
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Today's date from the system clock.
pub fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    PartialDate::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Waits for SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
