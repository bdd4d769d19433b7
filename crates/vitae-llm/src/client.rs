//! The HTTP client: one [`Client`] per configuration, shared by every task (it is cheap to
//! clone). It owns what makes calls robust and accountable — the per-call timeout, retries with
//! backoff, the cap on calls in flight, the reply cache and the token counts — and nothing about
//! what is asked: a [`Request`] is a system prompt, messages and an optional JSON schema.
//!
//! - Retries: a 429, a 5xx or a connection error is retried up to
//!   [`Config::max_retries`] times, waiting `Retry-After` (seconds) when the provider sends it,
//!   else an exponential backoff with jitter; every wait is capped by [`Config::max_backoff`]. A
//!   timeout is not retried, and neither is any other 4xx (a bad key stays bad).
//! - Concurrency: a semaphore of [`Config::max_concurrency`] permits, held per HTTP attempt (not
//!   while waiting to retry).
//! - Cache: successful replies by the SHA-256 of everything that shapes them (provider, base URL,
//!   model, sampling settings, prompts, schema, sample number), in memory, first in first out
//!   beyond [`Config::cache_capacity`].
//! - Secrets: the key goes into a header marked sensitive and is scrubbed from any error text;
//!   prompts and replies (a resume is personal data) are never logged.

use crate::config::{Config, ConfigError, ProviderKind};
use crate::provider;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Bytes;
use hyper::header;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::ops::{Add, AddAssign};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Poll;
use std::time::Duration;
use tokio::sync::Semaphore;

type HttpClient = hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

const USER_AGENT: &str = concat!("vitae-llm/", env!("CARGO_PKG_VERSION"));

/// The largest reply body read (a reply is a few kilobytes of JSON).
const MAX_REPLY_BYTES: usize = 4 * 1024 * 1024;

/// Who says a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn user(content: impl Into<String>) -> Message {
        Message {
            role: Role::User,
            content: content.into(),
        }
    }

    pub fn assistant(content: impl Into<String>) -> Message {
        Message {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// The JSON Schema a reply must follow: sent as OpenAI's `json_schema` response format (when
/// used) or as the Anthropic tool the model is made to call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schema {
    /// `[a-zA-Z0-9_-]`, as both APIs require.
    pub name: String,
    pub description: String,
    pub schema: serde_json::Value,
}

/// One completion request. Instructions go in `system`; anything untrusted (a job posting)
/// belongs in a user message, delimited as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub system: String,
    pub messages: Vec<Message>,
    pub schema: Option<Schema>,
    /// Tells apart requests that are otherwise equal (several candidates of one task), so each
    /// gets its own reply and cache entry. Not sent.
    pub sample: u32,
}

/// Calls and tokens. A task's [`crate::Outcome`] carries what that task spent; [`Client::usage`]
/// the client's total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// HTTP requests sent, retries included.
    pub requests: u64,
    /// Of those, retries.
    pub retries: u64,
    /// Replies served from the cache, with no request.
    pub cache_hits: u64,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

impl Usage {
    pub fn total_tokens(&self) -> u64 {
        self.prompt_tokens + self.completion_tokens
    }
}

impl AddAssign for Usage {
    fn add_assign(&mut self, o: Usage) {
        self.requests += o.requests;
        self.retries += o.retries;
        self.cache_hits += o.cache_hits;
        self.prompt_tokens += o.prompt_tokens;
        self.completion_tokens += o.completion_tokens;
    }
}

impl Add for Usage {
    type Output = Usage;
    fn add(mut self, o: Usage) -> Usage {
        self += o;
        self
    }
}

/// A reply: the model's text (for a schema'd Anthropic request, the tool input as JSON text).
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub text: String,
    /// What this call spent (zero tokens and one cache hit when cached).
    pub usage: Usage,
    pub cached: bool,
}

/// Why a call produced no reply.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("no LLM provider is configured")]
    Disabled,
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
    #[error("the {provider} call timed out after {}", seconds(*after))]
    Timeout {
        provider: ProviderKind,
        after: Duration,
    },
    #[error("{provider} answered HTTP {status} after {attempts} attempt(s): {message}")]
    Status {
        provider: ProviderKind,
        status: u16,
        attempts: u32,
        message: String,
    },
    #[error("cannot reach {provider} after {attempts} attempt(s): {message}")]
    Connection {
        provider: ProviderKind,
        attempts: u32,
        message: String,
    },
    #[error("{provider} sent a reply vitae cannot read: {message}")]
    Reply {
        provider: ProviderKind,
        message: String,
    },
    #[error("the model's output is unusable even after one repair: {first}; then: {second}")]
    InvalidOutput { first: String, second: String },
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// A client for one provider and model. Clones share the semaphore, the cache and the counts.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.inner.provider)
            .field("model", &self.inner.config.model)
            .field("endpoint", &self.inner.endpoint)
            .finish_non_exhaustive()
    }
}

struct Inner {
    config: Config,
    provider: ProviderKind,
    endpoint: String,
    http: HttpClient,
    permits: Semaphore,
    cache: Mutex<Cache>,
    usage: Mutex<Usage>,
}

/// What one attempt came to.
enum Attempt {
    Done(provider::Reply),
    /// Worth another try, after `retry_after` when the provider said so.
    Retry {
        error: LlmError,
        retry_after: Option<Duration>,
    },
    Fail(LlmError),
}

impl Client {
    /// A client for `config`, which must name a provider and pass [`Config::validate`].
    pub fn new(config: &Config) -> Result<Client, LlmError> {
        config.validate()?;
        let provider = config.provider.ok_or(LlmError::Disabled)?;
        let http = http_client(config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                endpoint: provider::endpoint(provider, &config.base_url),
                config: config.clone(),
                provider,
                http,
                permits: Semaphore::new(config.max_concurrency.max(1)),
                cache: Mutex::new(Cache::new(config.cache_capacity)),
                usage: Mutex::new(Usage::default()),
            }),
        })
    }

    pub fn provider(&self) -> ProviderKind {
        self.inner.provider
    }

    pub fn model(&self) -> &str {
        &self.inner.config.model
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Everything this client (and its clones) spent so far.
    pub fn usage(&self) -> Usage {
        *self
            .inner
            .usage
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends `request` (or answers it from the cache), retrying as the module documentation
    /// says.
    pub async fn complete(&self, request: &Request) -> Result<Completion, LlmError> {
        self.complete_counted(request).await.0
    }

    /// [`Client::complete`], and what it spent even when it failed.
    pub async fn complete_counted(
        &self,
        request: &Request,
    ) -> (Result<Completion, LlmError>, Usage) {
        let inner = &*self.inner;
        let key = self.cache_key(request);
        if let Some(text) = inner.cache().get(&key) {
            let usage = Usage {
                cache_hits: 1,
                ..Usage::default()
            };
            inner.record(usage);
            tracing::debug!(provider = %inner.provider, "llm reply from the cache");
            let completion = Completion {
                text,
                usage,
                cached: true,
            };
            return (Ok(completion), usage);
        }
        let body = Bytes::from(provider::body(&inner.config, inner.provider, request));
        let mut usage = Usage::default();
        let mut attempt: u32 = 0;
        loop {
            let outcome = {
                // Closed only if dropped, which cannot happen while `self` is borrowed.
                let _permit = inner.permits.acquire().await.ok();
                self.attempt(&body, attempt + 1).await
            };
            usage.requests += 1;
            match outcome {
                Attempt::Done(reply) => {
                    usage.prompt_tokens += reply.prompt_tokens;
                    usage.completion_tokens += reply.completion_tokens;
                    inner.record(usage);
                    inner.cache().put(key, reply.text.clone());
                    let completion = Completion {
                        text: reply.text,
                        usage,
                        cached: false,
                    };
                    return (Ok(completion), usage);
                }
                Attempt::Retry { error, retry_after } if attempt < inner.config.max_retries => {
                    let wait = backoff(&inner.config, attempt, retry_after);
                    tracing::warn!(
                        provider = %inner.provider,
                        attempt = attempt + 1,
                        wait_ms = wait.as_millis() as u64,
                        "llm call failed, retrying: {error}"
                    );
                    usage.retries += 1;
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                }
                Attempt::Retry { error, .. } | Attempt::Fail(error) => {
                    inner.record(usage);
                    tracing::warn!(provider = %inner.provider, "llm call failed: {error}");
                    return (Err(error), usage);
                }
            }
        }
    }

    /// Drops the cached reply to `request`, when the caller found it unusable.
    pub fn forget(&self, request: &Request) {
        let key = self.cache_key(request);
        self.inner.cache().remove(&key);
    }

    /// One HTTP round trip, bounded by the configured timeout. `attempt` counts from 1, for
    /// error messages.
    async fn attempt(&self, body: &Bytes, attempt: u32) -> Attempt {
        let inner = &*self.inner;
        let provider = inner.provider;
        let config = &inner.config;
        let mut request = hyper::Request::post(inner.endpoint.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::USER_AGENT, USER_AGENT);
        for (name, value) in &provider::headers(provider, config.api_key.as_ref()) {
            request = request.header(name, value);
        }
        let request = match request.body(Full::new(body.clone())) {
            Ok(r) => r,
            Err(e) => {
                return Attempt::Fail(LlmError::Client(format!("cannot build the request: {e}")));
            }
        };
        let retry = |message: String| Attempt::Retry {
            error: LlmError::Connection {
                provider,
                attempts: attempt,
                message: self.scrub(&message),
            },
            retry_after: None,
        };
        let round_trip = async {
            // Refused, reset, closed early: all worth another try.
            let response = inner
                .http
                .request(request)
                .await
                .map_err(|e| retry(error_chain(&e)))?;
            let (parts, body) = response.into_parts();
            let bytes = Limited::new(body, MAX_REPLY_BYTES)
                .collect()
                .await
                .map_err(|e| {
                    if e.downcast_ref::<LengthLimitError>().is_some() {
                        Attempt::Fail(LlmError::Reply {
                            provider,
                            message: format!("the reply is larger than {MAX_REPLY_BYTES} bytes"),
                        })
                    } else {
                        retry(format!("reading the reply: {}", error_chain(&*e)))
                    }
                })?
                .to_bytes();
            Ok((parts, bytes))
        };
        let (parts, bytes) = match tokio::time::timeout(config.timeout, round_trip).await {
            Err(_) => {
                return Attempt::Fail(LlmError::Timeout {
                    provider,
                    after: config.timeout,
                });
            }
            Ok(Err(attempt)) => return attempt,
            Ok(Ok(done)) => done,
        };
        let status = parts.status;
        if !status.is_success() {
            let retry_after = parts
                .headers
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let error = LlmError::Status {
                provider,
                status: status.as_u16(),
                attempts: attempt,
                message: self.scrub(&provider::error_message(&bytes)),
            };
            return if status.as_u16() == 429 || status.is_server_error() {
                Attempt::Retry { error, retry_after }
            } else {
                Attempt::Fail(error)
            };
        }
        let reply = serde_json::from_slice::<serde_json::Value>(&bytes)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(|json| provider::reply(provider, &json));
        match reply {
            Ok(reply) => Attempt::Done(reply),
            Err(message) => Attempt::Fail(LlmError::Reply {
                provider,
                message: self.scrub(&message),
            }),
        }
    }

    /// `text` with the API key replaced, in case a provider or proxy echoes it.
    fn scrub(&self, text: &str) -> String {
        let mut out: String = text.chars().take(300).collect();
        if let Some(key) = &self.inner.config.api_key {
            let key = key.expose();
            if key.len() >= 4 {
                out = out.replace(key, "<redacted>");
            }
        }
        out
    }

    fn cache_key(&self, request: &Request) -> [u8; 32] {
        let c = &self.inner.config;
        #[derive(Serialize)]
        struct Key<'a> {
            provider: ProviderKind,
            base_url: &'a str,
            model: &'a str,
            temperature: Option<f32>,
            max_tokens: u32,
            response_format: crate::config::ResponseFormat,
            request: &'a Request,
        }
        let key = Key {
            provider: self.inner.provider,
            base_url: &c.base_url,
            model: &c.model,
            temperature: c.temperature,
            max_tokens: c.max_tokens,
            response_format: c.response_format,
            request,
        };
        let bytes = serde_json::to_vec(&key).unwrap_or_default();
        Sha256::digest(&bytes).into()
    }
}

impl Inner {
    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, usage: Usage) {
        *self.usage.lock().unwrap_or_else(PoisonError::into_inner) += usage;
    }
}

fn http_client(config: &Config) -> Result<HttpClient, LlmError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    // rustls with the ring provider, passed in ready-made: no process-wide default provider is
    // installed, so the embedding program keeps its own choice.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| LlmError::Client(format!("TLS: {e}")))?
        .with_no_client_auth();
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(Some(config.timeout.min(Duration::from_secs(10))));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    // hyper follows no redirects, so the key never travels to a host it was not meant for.
    Ok(hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(https))
}

/// An error and its sources, one line (the client's own message says little: "client error
/// (Connect)").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// How long to wait before retry number `attempt + 1`: what `Retry-After` asks, else
/// `backoff · 2^attempt` with "equal jitter" (half fixed, half random, so clients that failed
/// together do not retry together); never more than `max_backoff`.
pub(crate) fn backoff(config: &Config, attempt: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(wait) = retry_after {
        return wait.min(config.max_backoff);
    }
    let exp = config
        .backoff
        .saturating_mul(2u32.saturating_pow(attempt.min(20)))
        .min(config.max_backoff);
    exp / 2 + exp.mul_f64(fastrand::f64() / 2.0)
}

/// Replies by request hash, evicted first in first out.
struct Cache {
    capacity: usize,
    map: HashMap<[u8; 32], String>,
    order: VecDeque<[u8; 32]>,
}

impl Cache {
    fn new(capacity: usize) -> Cache {
        Cache {
            capacity,
            map: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    fn get(&self, key: &[u8; 32]) -> Option<String> {
        self.map.get(key).cloned()
    }

    fn put(&mut self, key: [u8; 32], text: String) {
        if self.capacity == 0 {
            return;
        }
        if self.map.insert(key, text).is_none() {
            self.order.push_back(key);
        }
        while self.map.len() > self.capacity {
            match self.order.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
    }

    fn remove(&mut self, key: &[u8; 32]) {
        if self.map.remove(key).is_some() {
            self.order.retain(|k| k != key);
        }
    }
}

/// Runs `futures` concurrently on the current task and returns their outputs in order (the
/// futures borrow the caller's data, so they cannot be spawned).
pub(crate) async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            ..Config::default()
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let c = config();
        for attempt in 0..8 {
            let full = (Duration::from_millis(100) * 2u32.pow(attempt)).min(c.max_backoff);
            let wait = backoff(&c, attempt, None);
            assert!(
                wait >= full / 2 && wait <= full,
                "attempt {attempt}: {wait:?} not in [{:?}, {full:?}]",
                full / 2
            );
        }
        assert!(backoff(&c, 1000, None) <= c.max_backoff);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let c = config();
        assert_eq!(
            backoff(&c, 0, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            backoff(&c, 0, Some(Duration::from_secs(3600))),
            c.max_backoff
        );
    }

    #[test]
    fn the_cache_is_bounded_and_evicts_the_oldest() {
        let mut cache = Cache::new(2);
        cache.put([1; 32], "a".into());
        cache.put([2; 32], "b".into());
        cache.put([3; 32], "c".into());
        assert_eq!(cache.get(&[1; 32]), None);
        assert_eq!(cache.get(&[2; 32]).as_deref(), Some("b"));
        assert_eq!(cache.get(&[3; 32]).as_deref(), Some("c"));
        cache.remove(&[2; 32]);
        assert_eq!(cache.get(&[2; 32]), None);
        assert_eq!(cache.order.len(), 1);
    }

    #[test]
    fn join_all_keeps_the_order() {
        let out = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(join_all(
                [30u64, 10, 20]
                    .into_iter()
                    .map(|ms| async move {
                        tokio::time::sleep(Duration::from_millis(ms)).await;
                        ms
                    })
                    .collect(),
            ));
        assert_eq!(out, vec![30, 10, 20]);
    }
}
