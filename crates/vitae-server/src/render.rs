//! The render pipeline: cache lookup, then (on the work pool) parse, validate, select the
//! variant, render; then the response with its ETag, answering 304 to a matching
//! `If-None-Match`.

use crate::auth::Tenant;
use crate::cache::{Entry, Key};
use crate::error::ApiError;
use crate::payload::{self, BodyKind, RawBody, RenderParams};
use crate::pool::{Admission, JobKind, PoolError};
use crate::{AppState, media};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tokio::time::Instant;
use vitae_core::format::Syntax;
use vitae_render::{OutputFormat, Rendered};

/// Bodies up to this size are hashed for the cache on the async thread (microseconds); larger
/// ones are hashed on the work pool with the rest of the work.
const INLINE_HASH_LIMIT: usize = 64 * 1024;

/// Maps a pool failure to its answer.
pub fn pool_error(e: PoolError, state: &AppState) -> ApiError {
    match e {
        PoolError::Busy { retry_after } => ApiError::Unavailable {
            detail: format!(
                "the server is at capacity (its work queue is full); retry in {retry_after} s"
            ),
            retry_after,
        },
        PoolError::Timeout => ApiError::Unavailable {
            detail: format!(
                "the request did not finish within the server's {} s deadline",
                state.config.deadline.as_secs_f64()
            ),
            retry_after: 2,
        },
        PoolError::Panicked => ApiError::bug("a work thread panicked"),
    }
}

/// A render that failed: an option out of range is the client's (422); anything else is ours.
pub fn render_failed(e: impl Into<vitae_render::RenderError>) -> ApiError {
    match e.into() {
        vitae_render::RenderError::Typeset(vitae_render::TypesetError::Option(m)) => {
            ApiError::BadOption(m)
        }
        vitae_render::RenderError::Typeset(e @ vitae_render::TypesetError::Pages { .. }) => {
            ApiError::BadOption(e.to_string())
        }
        other => ApiError::failed("render failed", other),
    }
}

tokio::task_local! {
    /// The lanes (tenants, or work for nobody yet) in which the pool has taken a job of the
    /// request being answered: set for each request by [`in_request`]; a task outside one (none
    /// today) counts every job as a new request's.
    static UNDER_WAY: std::cell::RefCell<Vec<Box<str>>>;
}

/// Answers a request with its own record of where the pool has taken a job of it, so its
/// first job in a lane queues as a new request and its later ones go ahead
/// ([`Admission::Next`]).
pub async fn in_request<F: std::future::Future>(answer: F) -> F::Output {
    UNDER_WAY.scope(std::cell::RefCell::default(), answer).await
}

/// Whether the request being answered had a job in `lane` before this one (and, from now,
/// that it has). A request that signs in and then works for its tenant starts as new in each.
fn under_way(lane: &str) -> bool {
    UNDER_WAY
        .try_with(|lanes| {
            let mut lanes = lanes.borrow_mut();
            let seen = lanes.iter().any(|l| &**l == lane);
            if !seen {
                lanes.push(lane.into());
            }
            seen
        })
        .unwrap_or(false)
}

/// Runs `work`, a job of `kind` (what the pool times separately: `"ats-prepare"`,
/// `"render-pdf"`...), on the pool with the request's deadline, in its tenant's share of the
/// pool.
pub async fn on_pool<T, F>(
    state: &AppState,
    tenant: &Tenant,
    kind: impl Into<JobKind>,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
{
    on_lane(state, &tenant.id, kind, work).await
}

/// Runs `work`, a job of `kind`, on the pool with the request's deadline, in the share of
/// `lane`: a tenant's id, or the name of work done for nobody yet (signing in).
pub async fn on_lane<T, F>(
    state: &AppState,
    lane: &str,
    kind: impl Into<JobKind>,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
{
    let deadline = Instant::now() + state.config.deadline;
    // The request's later jobs go ahead of the tenant's new requests.
    let admission = if under_way(lane) {
        Admission::Next
    } else {
        Admission::New
    };
    // A job that fails mostly fails early (a malformed request): its time would make its kind
    // look cheaper than its work.
    let work = move || {
        let answer = work();
        if answer.is_err() {
            crate::pool::uncounted();
        }
        answer
    };
    let answer = state
        .pool
        .submit(lane, kind, deadline, admission, work)
        .await
        .map_err(|e| pool_error(e, state))?;
    match answer {
        // A render stopped at the deadline (`vitae_render::with_deadline`) fails with an error
        // of its own, whatever the use case makes of it; past the deadline, any failure is the
        // deadline's: 503 with Retry-After, as when the caller stops waiting first.
        Err(_) if Instant::now() >= deadline => {
            state
                .pool
                .stats()
                .timed_out
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Err(pool_error(PoolError::Timeout, state))
        }
        answer => answer,
    }
}

/// Everything that decides the bytes of a render, and whose render it is: the tenant is part of
/// the key, so a hit (and its `x-vitae-cache` header, and its speed) only ever tells a tenant
/// about its own earlier requests, never that another tenant rendered the same document.
fn cache_key(tenant: &str, format: OutputFormat, query: &str, today: &str, body: &RawBody) -> Key {
    let mut h = Sha256::new();
    for part in [
        "vitae-render-v2",
        tenant,
        format.name(),
        query,
        today,
        match body.kind {
            payload::BodyKind::Json => "json",
            payload::BodyKind::Yaml => "yaml",
            payload::BodyKind::Unknown => "sniff",
        },
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update(&body.bytes);
    h.finalize().into()
}

/// A strong ETag: the start of the content's SHA-256.
pub fn content_etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether `If-None-Match` names `etag` (or `*`). Weak comparison, as RFC 9110 asks for GET.
pub fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    let Some(value) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    value
        .split(',')
        .any(|t| t.trim() == "*" || bare(t) == bare(etag))
}

/// The pool's kind of a render job. A PDF, a PNG page and a DOCX cost very different times, and
/// a PNG's time grows with its pixels, the square of its resolution: each format is timed
/// apart, and PNGs by resolution, in bands of about twice the pixels ("render-png-150dpi": up
/// to 150 dpi), so a tenant's print-resolution pages do not make thumbnails look slow. `dpi`
/// is the resolution known before the job runs, `None` when it is not: a JSON body may name its
/// own, read only on the pool, and its PNGs without one in the query are timed apart
/// ("render-png").
fn render_kind(format: OutputFormat, dpi: Option<f64>) -> String {
    const BANDS: [u32; 5] = [100, 150, 200, 300, 424];
    match (format, dpi) {
        (OutputFormat::Png, Some(dpi)) => {
            let band = BANDS.iter().find(|&&b| dpi <= f64::from(b));
            format!("render-png-{}dpi", band.copied().unwrap_or(600))
        }
        _ => format!("render-{}", format.name()),
    }
}

/// The resolution of a render known before its body is read: the query's, else the default
/// unless the body is JSON, which may name its own (see [`render_kind`]). A body without a
/// content type is told by how it starts, as the reader on the pool tells it.
fn known_dpi(query: &RenderParams, body: &RawBody) -> Option<f64> {
    let json = match body.kind {
        BodyKind::Json => true,
        BodyKind::Yaml => false,
        BodyKind::Unknown => {
            // The start is enough; the whole body is decoded on the pool.
            let head = &body.bytes[..body.bytes.len().min(4096)];
            vitae_core::format::syntax_of(&String::from_utf8_lossy(head)) == Syntax::Json
        }
    };
    query.dpi.or((!json).then_some(payload::DEFAULT_DPI))
}

/// Renders a resume carried by `body` (a request body, or a stored document) as `format`.
pub async fn render(
    state: &AppState,
    tenant: &Tenant,
    headers: &HeaderMap,
    format: OutputFormat,
    raw_query: &str,
    query: RenderParams,
    body: RawBody,
) -> Result<Response, ApiError> {
    let today = crate::today();
    let key_inline = (body.bytes.len() <= INLINE_HASH_LIMIT)
        .then(|| cache_key(&tenant.id, format, raw_query, &today.to_string(), &body));
    if let Some(entry) = key_inline.and_then(|k| state.cache.get(&k)) {
        state
            .metrics
            .cache_hits
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return Ok(respond(format, entry, headers, true));
    }
    let cache = Arc::clone(&state.cache);
    let raw_query = raw_query.to_owned();
    let tenant_id = tenant.id.clone();
    let kind = render_kind(format, known_dpi(&query, &body));
    let (key, entry, hit) = on_pool(state, tenant, kind, move || {
        let key = key_inline.unwrap_or_else(|| {
            cache_key(&tenant_id, format, &raw_query, &today.to_string(), &body)
        });
        if key_inline.is_none()
            && let Some(entry) = cache.get(&key)
        {
            // Found, not rendered: not a render's time.
            crate::pool::uncounted();
            return Ok((key, entry, true));
        }
        let payload::ToRender {
            styled,
            variant_key,
            shown,
            ..
        } = payload::to_render(&body, query, today)?;
        let style = &styled.style;
        let rendered =
            vitae_render::render(&shown, format, &style.render, &style.typeset, style.dpi)
                .map_err(render_failed)?;
        let (bytes, pages) = match rendered {
            Rendered::One(bytes) => (bytes, 1),
            Rendered::Pages(mut pages) => {
                let count = pages.len();
                if styled.page_number > count {
                    return Err(ApiError::BadOption(format!(
                        "page_number {} is past the last page ({count})",
                        styled.page_number
                    )));
                }
                (pages.swap_remove(styled.page_number - 1), count)
            }
        };
        let filename = format!(
            "resume-{}.{}",
            vitae_core::variant::short_name(&variant_key),
            format.extension()
        );
        Ok((
            key,
            Entry {
                etag: content_etag(&bytes),
                bytes: Arc::new(bytes),
                pages,
                filename,
            },
            false,
        ))
    })
    .await?;
    let counter = if hit {
        &state.metrics.cache_hits
    } else {
        state.metrics.record_render(format.name());
        state.cache.insert(key, entry.clone());
        &state.metrics.cache_misses
    };
    counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(respond(format, entry, headers, hit))
}

/// The response for a rendered document: its bytes (or 304 when `If-None-Match` names its ETag),
/// content type, ETag and download name.
pub fn respond(format: OutputFormat, entry: Entry, headers: &HeaderMap, hit: bool) -> Response {
    let mut response = if none_match(headers, &entry.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, entry.bytes.as_ref().clone()).into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    let mut put = |name: header::HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    put(header::ETAG, &entry.etag);
    put(header::CACHE_CONTROL, "private, no-cache");
    put(
        header::CONTENT_DISPOSITION,
        &media::attachment(&entry.filename),
    );
    put(
        header::HeaderName::from_static("x-vitae-cache"),
        if hit { "hit" } else { "miss" },
    );
    if format == OutputFormat::Png {
        put(
            header::HeaderName::from_static("x-page-count"),
            &entry.pages.to_string(),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_s_first_job_in_a_lane_is_new_and_its_later_ones_under_way() {
        let jobs = in_request(async {
            [
                under_way("t"),
                under_way("t"),
                under_way(" sign-in"),
                under_way("t"),
                under_way(" sign-in"),
            ]
        })
        .await;
        assert_eq!(jobs, [false, true, false, true, true]);
        // Each request has its own record, and outside one every job is a new request's.
        assert!(!in_request(async { under_way("t") }).await);
        assert!(!under_way("t"));
        assert!(!under_way("t"));
    }

    #[test]
    fn png_renders_are_timed_by_resolution_and_other_formats_by_format() {
        assert_eq!(render_kind(OutputFormat::Pdf, Some(600.0)), "render-pdf");
        assert_eq!(render_kind(OutputFormat::Png, None), "render-png");
        assert_eq!(
            render_kind(OutputFormat::Png, Some(72.0)),
            "render-png-100dpi"
        );
        assert_eq!(
            render_kind(OutputFormat::Png, Some(150.0)),
            "render-png-150dpi"
        );
        assert_eq!(
            render_kind(OutputFormat::Png, Some(150.5)),
            "render-png-200dpi"
        );
        assert_eq!(
            render_kind(OutputFormat::Png, Some(300.0)),
            "render-png-300dpi"
        );
        assert_eq!(
            render_kind(OutputFormat::Png, Some(600.0)),
            "render-png-600dpi"
        );
    }

    #[test]
    fn a_resolution_is_known_from_the_query_or_a_body_that_cannot_name_one() {
        let body = |kind, text: &'static str| RawBody {
            bytes: text.into(),
            kind,
        };
        let none = RenderParams::default();
        let at_300 = RenderParams {
            dpi: Some(300.0),
            ..RenderParams::default()
        };
        assert_eq!(known_dpi(&none, &body(BodyKind::Yaml, "a: 1")), Some(150.0));
        assert_eq!(
            known_dpi(&none, &body(BodyKind::Unknown, "a: 1")),
            Some(150.0)
        );
        assert_eq!(known_dpi(&none, &body(BodyKind::Json, "{}")), None);
        assert_eq!(known_dpi(&none, &body(BodyKind::Unknown, "{}")), None);
        // JSON after a byte-order mark and blank lines, as the reader takes it.
        assert_eq!(
            known_dpi(&none, &body(BodyKind::Unknown, "\u{feff}\n  {}")),
            None
        );
        assert_eq!(known_dpi(&at_300, &body(BodyKind::Json, "{}")), Some(300.0));
    }
}
