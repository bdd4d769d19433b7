//! Authentication is an extractor: a handler that takes a [`Tenant`] runs only for a request
//! with a valid key (`X-API-Key: KEY` or `Authorization: Bearer KEY`) under its rate limit.
//!
//! Keys are looked up by their SHA-256 in the store; a found key is trusted for
//! `key_cache_ttl` (a few seconds) so a busy client costs one database read per interval, not
//! per request (one second by default: a revoked key stops working within a second on every
//! instance). The server fails closed: with no key configured every request is refused, and the
//! refusal says how to create one. Failed authentications are counted per client address; an
//! address over its allowance is answered 429 before its key is looked up.

use crate::AppState;
use crate::error::ApiError;
use axum::extract::ConnectInfo;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use vitae_store::{MIN_SECRET_LEN, hash_secret};

/// The tenant a request speaks for.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: String,
    pub key_id: String,
}

impl FromRequestParts<AppState> for Tenant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        // The client's address, as the accept loop saw it (absent when the router is driven
        // without one, e.g. in-process).
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        let secret = presented_key(parts);
        // A browser signed in to the studio: its cookie stands for the key (and its writes
        // carry the session's CSRF token). A key, when sent, wins.
        if secret.is_none()
            && let Some(cookie) = crate::studio::session_cookie(&parts.headers, state)
        {
            let signed =
                crate::studio::SignedIn::check(&parts.method, &parts.headers, state, cookie)
                    .await?;
            if let Err(retry_after) = state.limiter.check(&signed.tenant.key_id) {
                return Err(ApiError::RateLimited { retry_after });
            }
            return Ok(signed.tenant);
        }
        // A key this instance checked a moment ago passes without a database read, and is not
        // held back by failures of others behind the same address.
        let hash = secret.map(hash_secret);
        let cached = hash.as_deref().and_then(|h| state.keys.get(h));
        let tenant = match cached {
            Some(t) => t,
            None => {
                // An address that keeps failing is stopped before its guesses cost a read.
                if let Some(ip) = peer
                    && let Err(retry_after) = state.failures.admit(&ip)
                {
                    state.metrics.auth_throttled.fetch_add(1, Ordering::Relaxed);
                    return Err(ApiError::Throttled { retry_after });
                }
                let failed = |message: String| {
                    if let Some(ip) = peer {
                        state.failures.record(ip);
                    }
                    ApiError::Unauthorized(message)
                };
                let (Some(secret), Some(hash)) = (secret, hash) else {
                    return Err(failed(no_key_message(state).await));
                };
                let invalid = || "the API key is not valid (unknown or revoked)".to_owned();
                // No key this short was ever issued: refuse it without asking the database.
                if secret.chars().count() < MIN_SECRET_LEN {
                    return Err(failed(invalid()));
                }
                match state.store.authenticate(&hash).await? {
                    Some(p) => {
                        let t = Tenant {
                            id: p.tenant_id,
                            key_id: p.key_id,
                        };
                        state.keys.put(hash, t.clone());
                        t
                    }
                    None => return Err(failed(invalid())),
                }
            }
        };
        if let Err(retry_after) = state.limiter.check(&tenant.key_id) {
            return Err(ApiError::RateLimited { retry_after });
        }
        Ok(tenant)
    }
}

/// The key a request presents. Fails closed: an `X-API-Key` header counts when present, even
/// empty (and is then no valid key), and two headers naming different keys name none (`""`), so
/// a valid credential beside an invalid one never opens the request. An `Authorization` header
/// of another scheme (a proxy's Basic) is not a key.
fn presented_key(parts: &Parts) -> Option<&str> {
    let header = |name| {
        parts
            .headers
            .get(name)
            .map(|v| v.to_str().map_or("", str::trim))
    };
    let api_key = header("x-api-key");
    let bearer = header("authorization").and_then(bearer_token);
    match (api_key, bearer) {
        (Some(key), Some(token)) if key != token => Some(""),
        (Some(key), _) => Some(key),
        (None, token) => token,
    }
}

/// The token of an `Authorization: Bearer TOKEN` value. The scheme's name is case-insensitive
/// (RFC 9110 §11.1), and one or more spaces may follow it.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

async fn no_key_message(state: &AppState) -> String {
    match state.store.active_key_count().await {
        Ok(0) => "this server has no API keys yet, so it refuses every request; create one with \
                  `vitae keys create --name NAME` (same --database as the server) and send it \
                  as `X-API-Key: KEY` or `Authorization: Bearer KEY`"
            .into(),
        _ => "an API key is required: send `X-API-Key: KEY` or `Authorization: Bearer KEY`".into(),
    }
}

/// Keys checked recently, by hash.
#[derive(Debug)]
pub struct KeyCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (Tenant, Instant)>>,
}

impl KeyCache {
    pub fn new(ttl: Duration) -> Self {
        KeyCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, hash: &str) -> Option<Tenant> {
        let entries = self.entries.lock().ok()?;
        let (tenant, at) = entries.get(hash)?;
        (at.elapsed() < self.ttl).then(|| tenant.clone())
    }

    fn put(&self, hash: String, tenant: Tenant) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            // Bounded: expired entries go whenever the map grows large.
            if entries.len() >= 10_000 {
                let ttl = self.ttl;
                entries.retain(|_, (_, at)| at.elapsed() < ttl);
            }
            entries.insert(hash, (tenant, Instant::now()));
        }
    }
}

/// The token-bucket arithmetic both limiters share: a bucket `(tokens, last)` refills at `rate`
/// tokens a second up to `burst`.
#[derive(Debug, Clone, Copy)]
struct Refill {
    rate: f64,
    burst: f64,
}

impl Refill {
    /// The tokens a bucket holding `tokens` at `last` holds at `now`.
    fn tokens(self, (tokens, last): (f64, Instant), now: Instant) -> f64 {
        (tokens + now.duration_since(last).as_secs_f64() * self.rate).min(self.burst)
    }

    /// Seconds until a bucket holding `tokens` holds one: whole, rounded up, as `Retry-After`
    /// takes them.
    fn wait(self, tokens: f64) -> u64 {
        ((1.0 - tokens) / self.rate).ceil().max(1.0) as u64
    }
}

/// A token bucket per key: `rate` requests per second, bursts up to twice that.
#[derive(Debug)]
pub struct RateLimiter {
    refill: Refill,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    /// `rate` 0 disables the limit.
    pub fn new(rate: u32) -> Self {
        let rate = f64::from(rate);
        RateLimiter {
            refill: Refill {
                rate,
                burst: rate * 2.0,
            },
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`, or says in how many seconds one will be there.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        if self.refill.rate <= 0.0 {
            return Ok(());
        }
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        let bucket = buckets
            .entry(key.to_owned())
            .or_insert((self.refill.burst, now));
        let tokens = self.refill.tokens(*bucket, now);
        if tokens >= 1.0 {
            *bucket = (tokens - 1.0, now);
            Ok(())
        } else {
            *bucket = (tokens, now);
            Err(self.refill.wait(tokens))
        }
    }
}

/// Failed authentications per client address: a token bucket that only failures drain, so
/// a client with a valid key is never slowed by it, and one guessing keys gets `rate` guesses a
/// second after a burst of `20 × rate`.
#[derive(Debug)]
pub struct FailureLimiter {
    refill: Refill,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

/// Addresses remembered at most; beyond it, those whose bucket has refilled are forgotten.
const FAILURE_ADDRESSES: usize = 65_536;

impl FailureLimiter {
    /// `rate` failures a second per address (0: no limit).
    pub fn new(rate: f64) -> Self {
        FailureLimiter {
            refill: Refill {
                rate,
                burst: (rate * 20.0).max(1.0),
            },
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `ip` may try to authenticate now, or in how many seconds it may.
    pub fn admit(&self, ip: &IpAddr) -> Result<(), u64> {
        if self.refill.rate <= 0.0 {
            return Ok(());
        }
        let Ok(buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let Some(&bucket) = buckets.get(ip) else {
            return Ok(());
        };
        let tokens = self.refill.tokens(bucket, Instant::now());
        if tokens >= 1.0 {
            Ok(())
        } else {
            Err(self.refill.wait(tokens))
        }
    }

    /// Counts one failed authentication from `ip`.
    pub fn record(&self, ip: IpAddr) {
        if self.refill.rate <= 0.0 {
            return;
        }
        let Ok(mut buckets) = self.buckets.lock() else {
            return;
        };
        let now = Instant::now();
        let refill = self.refill;
        if buckets.len() >= FAILURE_ADDRESSES && !buckets.contains_key(&ip) {
            buckets.retain(|_, b| refill.tokens(*b, now) < refill.burst);
        }
        let bucket = buckets.entry(ip).or_insert((refill.burst, now));
        *bucket = ((refill.tokens(*bucket, now) - 1.0).max(0.0), now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_beside_another_or_an_empty_one_opens_nothing() {
        let parts = |headers: &[(&str, &str)]| {
            let mut request = axum::http::Request::builder();
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request.body(()).unwrap().into_parts().0
        };
        let key = "vitae_0123456789abcdef0123456789abcdef";
        assert_eq!(presented_key(&parts(&[("x-api-key", key)])), Some(key));
        let bearer = format!("Bearer {key}");
        assert_eq!(
            presented_key(&parts(&[("authorization", &bearer)])),
            Some(key)
        );
        assert_eq!(
            presented_key(&parts(&[("x-api-key", key), ("authorization", &bearer)])),
            Some(key)
        );
        // Fail closed: an empty X-API-Key, or two different keys, are no key at all.
        assert_eq!(
            presented_key(&parts(&[("x-api-key", ""), ("authorization", &bearer)])),
            Some("")
        );
        assert_eq!(
            presented_key(&parts(&[
                ("x-api-key", "vitae_other"),
                ("authorization", &bearer)
            ])),
            Some("")
        );
        // A proxy's Basic credentials are not a key (a studio session may stand beside them).
        assert_eq!(
            presented_key(&parts(&[("authorization", "Basic dXNlcjpwdw==")])),
            None
        );
    }

    #[test]
    fn the_bearer_scheme_is_matched_in_any_case() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("BEARER abc"), Some("abc"));
        assert_eq!(bearer_token("bEaReR   abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Bearerabc"), None);
    }

    #[test]
    fn a_key_gets_its_burst_then_is_limited_and_other_keys_are_not() {
        let limiter = RateLimiter::new(5);
        for _ in 0..10 {
            assert!(limiter.check("a").is_ok());
        }
        assert_eq!(limiter.check("a"), Err(1));
        assert!(limiter.check("b").is_ok());
        assert!(RateLimiter::new(0).check("a").is_ok());
    }

    #[test]
    fn an_address_that_keeps_failing_is_held_back_and_others_are_not() {
        let limiter = FailureLimiter::new(1.0);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..20 {
            assert!(limiter.admit(&a).is_ok());
            limiter.record(a);
        }
        assert_eq!(limiter.admit(&a), Err(1));
        assert!(limiter.admit(&b).is_ok());
        assert!(FailureLimiter::new(0.0).admit(&a).is_ok());
    }
}
