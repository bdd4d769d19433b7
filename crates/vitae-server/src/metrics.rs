//! Prometheus metrics in the text exposition format: requests and latency by route and status,
//! the work pool's queue, renders by format, and the render cache.

use crate::pool::{JobKind, PoolStats};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Latency bucket bounds, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
pub struct Metrics {
    /// (method, route, status) → count.
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    /// (method, route) → latency.
    latency: Mutex<BTreeMap<(String, String), Histogram>>,
    /// format → count.
    renders: Mutex<BTreeMap<&'static str, u64>>,
    pub cache_hits: AtomicU64,
    pub cache_misses: AtomicU64,
    /// Connections closed on accept because the connection limit was reached.
    pub connections_refused: AtomicU64,
    /// Authentications refused before the key was looked up: the client address had failed
    /// too often.
    pub auth_throttled: AtomicU64,
}

impl Metrics {
    pub fn record_request(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        if let Ok(mut requests) = self.requests.lock() {
            *requests
                .entry((method.to_owned(), route.to_owned(), status))
                .or_default() += 1;
        }
        if let Ok(mut latency) = self.latency.lock() {
            let h = latency
                .entry((method.to_owned(), route.to_owned()))
                .or_default();
            let seconds = elapsed.as_secs_f64();
            for (bound, count) in BUCKETS.iter().zip(h.counts.iter_mut()) {
                if seconds <= *bound {
                    *count += 1;
                }
            }
            h.count += 1;
            h.sum += seconds;
        }
    }

    pub fn record_render(&self, format: &'static str) {
        if let Ok(mut renders) = self.renders.lock() {
            *renders.entry(format).or_default() += 1;
        }
    }

    /// The exposition text. `typical_jobs`: how long each kind of pooled job has taken lately.
    pub fn render(
        &self,
        pool: &PoolStats,
        typical_jobs: &[(JobKind, std::time::Duration)],
        cache_bytes: usize,
    ) -> String {
        let mut out = String::new();
        out.push_str("# HELP vitae_http_requests_total HTTP requests answered.\n# TYPE vitae_http_requests_total counter\n");
        if let Ok(requests) = self.requests.lock() {
            for ((method, route, status), n) in requests.iter() {
                let _ = writeln!(
                    out,
                    "vitae_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    label(route)
                );
            }
        }
        out.push_str("# HELP vitae_http_request_duration_seconds Time to answer HTTP requests.\n# TYPE vitae_http_request_duration_seconds histogram\n");
        if let Ok(latency) = self.latency.lock() {
            for ((method, route), h) in latency.iter() {
                let labels = format!("method=\"{method}\",route=\"{}\"", label(route));
                for (bound, count) in BUCKETS.iter().zip(h.counts.iter()) {
                    let _ = writeln!(
                        out,
                        "vitae_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}"
                    );
                }
                let _ = writeln!(
                    out,
                    "vitae_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\nvitae_http_request_duration_seconds_sum{{{labels}}} {}\nvitae_http_request_duration_seconds_count{{{labels}}} {}",
                    h.count, h.sum, h.count
                );
            }
        }
        out.push_str("# HELP vitae_renders_total Documents rendered (cache misses).\n# TYPE vitae_renders_total counter\n");
        if let Ok(renders) = self.renders.lock() {
            for (format, n) in renders.iter() {
                let _ = writeln!(out, "vitae_renders_total{{format=\"{format}\"}} {n}");
            }
        }
        // Seconds, not a count: written apart from the whole-number gauges below.
        out.push_str("# HELP vitae_pool_typical_job_seconds How long a job of each kind has taken lately (moving average; the queue refuses work that would wait past --queue-wait by it).\n# TYPE vitae_pool_typical_job_seconds gauge\n");
        for (kind, took) in typical_jobs {
            let _ = writeln!(
                out,
                "vitae_pool_typical_job_seconds{{kind=\"{kind}\"}} {}",
                took.as_secs_f64()
            );
        }
        let gauges: [(&str, &str, &str, u64); 9] = [
            (
                "vitae_pool_queue_depth",
                "gauge",
                "Jobs waiting for a work thread.",
                pool.queued.load(Ordering::Relaxed) as u64,
            ),
            (
                "vitae_pool_running",
                "gauge",
                "Jobs running on work threads.",
                pool.running.load(Ordering::Relaxed) as u64,
            ),
            (
                "vitae_pool_rejected_total",
                "counter",
                "Jobs refused (answered 503): they would have waited past --queue-wait, or found the queue full.",
                pool.rejected.load(Ordering::Relaxed),
            ),
            (
                "vitae_pool_timeouts_total",
                "counter",
                "Jobs that missed their request deadline.",
                pool.timed_out.load(Ordering::Relaxed),
            ),
            (
                "vitae_pool_abandoned_running",
                "gauge",
                "Jobs still running whose request already gave up (their thread stays busy).",
                pool.abandoned.load(Ordering::Relaxed) as u64,
            ),
            (
                "vitae_connections_refused_total",
                "counter",
                "Connections closed on accept at the connection limit.",
                self.connections_refused.load(Ordering::Relaxed),
            ),
            (
                "vitae_auth_throttled_total",
                "counter",
                "Requests refused 429 because their address failed authentication too often.",
                self.auth_throttled.load(Ordering::Relaxed),
            ),
            (
                "vitae_render_cache_hits_total",
                "counter",
                "Renders answered from the cache.",
                self.cache_hits.load(Ordering::Relaxed),
            ),
            (
                "vitae_render_cache_misses_total",
                "counter",
                "Renders not in the cache.",
                self.cache_misses.load(Ordering::Relaxed),
            ),
        ];
        for (name, kind, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP vitae_render_cache_bytes Bytes held by the render cache.\n# TYPE vitae_render_cache_bytes gauge\nvitae_render_cache_bytes {cache_bytes}"
        );
        out
    }
}

/// A label value escaped for the exposition format.
fn label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_and_status_with_latency_buckets() {
        let m = Metrics::default();
        m.record_request("GET", "/health", 200, Duration::from_micros(300));
        m.record_request("GET", "/health", 200, Duration::from_millis(30));
        m.record_render("pdf");
        let typical = [("render-pdf".into(), Duration::from_millis(12))];
        let text = m.render(&PoolStats::default(), &typical, 0);
        assert!(text.contains(
            "vitae_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "vitae_http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"0.001\"} 1"
        ));
        assert!(text.contains(
            "vitae_http_request_duration_seconds_count{method=\"GET\",route=\"/health\"} 2"
        ));
        assert!(text.contains("vitae_renders_total{format=\"pdf\"} 1"));
        assert!(text.contains("vitae_pool_queue_depth 0"));
        assert!(text.contains("vitae_pool_typical_job_seconds{kind=\"render-pdf\"} 0.012\n"));
    }
}
