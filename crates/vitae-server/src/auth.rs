//! Authentication is an extractor: a handler that takes a [`Tenant`] runs only for a request
//! with a valid key (`X-API-Key: KEY` or `Authorization: Bearer KEY`) under its rate limit.
//!
//! Keys are looked up by their SHA-256 in the store; a found key is trusted for
//! `key_cache_ttl` (a few seconds) so a busy client costs one database read per interval, not
//! per request. The server fails closed: with no key configured every request is refused, and the
//! refusal says how to create one.

use crate::AppState;
use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use vitae_store::hash_secret;

/// The tenant a request speaks for.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: String,
    pub key_id: String,
}

impl FromRequestParts<AppState> for Tenant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(secret) = presented_key(parts) else {
            return Err(ApiError::Unauthorized(no_key_message(state).await));
        };
        let hash = hash_secret(secret);
        let tenant = match state.keys.get(&hash) {
            Some(t) => t,
            None => match state.store.authenticate(&hash).await? {
                Some(p) => {
                    let t = Tenant {
                        id: p.tenant_id,
                        key_id: p.key_id,
                    };
                    state.keys.put(hash, t.clone());
                    t
                }
                None => {
                    return Err(ApiError::Unauthorized(
                        "the API key is not valid (unknown or revoked)".into(),
                    ));
                }
            },
        };
        if let Err(retry_after) = state.limiter.check(&tenant.key_id) {
            return Err(ApiError::RateLimited { retry_after });
        }
        Ok(tenant)
    }
}

fn presented_key(parts: &Parts) -> Option<&str> {
    let header = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    header("x-api-key").or_else(|| {
        header("authorization").and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
                .map(str::trim)
        })
    })
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

/// A token bucket per key: `rate` requests per second, bursts up to twice that.
#[derive(Debug)]
pub struct RateLimiter {
    rate: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    /// `rate` 0 disables the limit.
    pub fn new(rate: u32) -> Self {
        RateLimiter {
            rate: f64::from(rate),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`, or says in how many seconds one will be there.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let burst = self.rate * 2.0;
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        let (tokens, last) = buckets.entry(key.to_owned()).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * self.rate).min(burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - *tokens) / self.rate;
            // Whole seconds, rounded up, as Retry-After takes them.
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
