//! `/v1/resumes`: stored resumes, private to the key's tenant.
//!
//! Resumes are stored as the canonical native document whatever format they arrive in, and can
//! be read back as native JSON, native YAML or JSON Resume. Every representation carries the
//! ETag `"r<version>"`; `PUT` and `DELETE` take it in `If-Match`, and a stale one gets 412 — an
//! update can never silently overwrite another.

use super::ApiQuery;
use super::renders::output_format;
use super::versions::{self, IfMatch, Kind, if_match, required_if_match};
use crate::auth::Tenant;
use crate::error::{ApiError, Problem};
use crate::payload::{BodyKind, RawBody, RenderParams, read_submission};
use crate::render::on_pool;
use crate::{AppState, media};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vitae_core::format::{self, Format};
use vitae_core::variant;
use vitae_store::{ResumeDraft, ResumeRecord, ResumeSummary, Write};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/resumes", post(create).get(list))
        .route("/v1/resumes/{id}", get(read).put(replace).delete(delete))
        .route("/v1/resumes/{id}/render/{format}", post(render_stored))
}

/// A stored resume's metadata.
#[derive(Clone, Serialize, ToSchema)]
pub struct ResumeMeta {
    id: String,
    name: String,
    /// The format it was submitted in: `native`, `json-resume` or `rendercv`.
    source_format: String,
    /// The variant keys, the default one first.
    variants: Vec<String>,
    /// The variant used when none is asked for (resume-cli's field; vitae stores no variant
    /// with a resume: name one when rendering).
    variant: String,
    version: i64,
    /// RFC 3339, UTC.
    created_at: String,
    updated_at: String,
    /// Warnings found in the submitted document (it was stored regardless).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<Problem>,
    /// The stored resume as JSON Resume, when it was sent as JSON Resume (resume-cli's answer
    /// to a create or update).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    json_resume: Option<serde_json::Value>,
}

impl ResumeMeta {
    fn of(s: ResumeSummary, warnings: Vec<Problem>) -> Self {
        ResumeMeta {
            id: s.id,
            name: s.name,
            source_format: s.source_format,
            variant: s
                .variants
                .first()
                .cloned()
                .unwrap_or_else(|| variant::BASE.to_owned()),
            variants: s.variants,
            version: s.version,
            created_at: rfc3339(s.created_at),
            updated_at: rfc3339(s.updated_at),
            warnings,
            json_resume: None,
        }
    }
}

/// A submitted resume, ready to store.
struct Draft {
    draft: ResumeDraft,
    warnings: Vec<Problem>,
    /// The resume as JSON Resume, when it came as JSON Resume.
    json_resume: Option<serde_json::Value>,
}

impl Draft {
    /// The answer to storing it.
    fn answer(self, record: &ResumeRecord) -> ResumeMeta {
        ResumeMeta {
            json_resume: self.json_resume,
            ..ResumeMeta::of(summary(record), self.warnings)
        }
    }
}

fn summary(r: &ResumeRecord) -> ResumeSummary {
    ResumeSummary {
        id: r.id.clone(),
        name: r.name.clone(),
        source_format: r.source_format.clone(),
        variants: r.variants.clone(),
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// Milliseconds since the epoch as RFC 3339 (UTC, millisecond precision).
fn rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let date = vitae_core::PartialDate::from_unix_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1),
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

fn stale(current: i64) -> ApiError {
    ApiError::PreconditionFailed(format!(
        "the resume changed since you read it (it is now at ETag {}); GET it again, reapply your change and send the new ETag",
        versions::etag(Kind::Resume, current)
    ))
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no resume `{id}`"))
}

/// The prefix of resume ids (`vitae_store::new_id`).
const ID_PREFIX: &str = "r_";

/// `id` when it has the shape of a resume id; anything else names no resume (404, without
/// asking the database, and without repeating what was sent).
fn resume_id(id: &str) -> Result<&str, ApiError> {
    if vitae_store::is_id(ID_PREFIX, id) {
        Ok(id)
    } else {
        Err(ApiError::NotFound(
            "no such resume: resume ids are `r_` and 28 lowercase hex digits, as `POST /v1/resumes` \
             gives them"
                .into(),
        ))
    }
}

/// Parses a submitted resume into what the store keeps (on the work pool).
async fn draft(state: &AppState, tenant: &Tenant, body: RawBody) -> Result<Draft, ApiError> {
    let today = crate::today();
    on_pool(state, tenant, "read-resume", move || {
        let submission = read_submission(&body, today)?;
        let resume = &submission.loaded.resume;
        // The default variant first: the listing reads it there.
        let default = variant::default_name(resume);
        let mut variants = variant::names(resume);
        variants.retain(|v| *v != default);
        variants.insert(0, default);
        let json_resume = (submission.loaded.format == Format::JsonResume)
            .then(|| serde_json::from_str(&format::to_json_resume(resume)))
            .transpose()
            .map_err(|e| ApiError::failed("a resume as JSON Resume", e))?;
        Ok(Draft {
            draft: ResumeDraft {
                name: resume.basics.name.clone(),
                source_format: submission.loaded.format.name().to_owned(),
                body: format::to_native_json(resume),
                variants,
            },
            warnings: submission.warnings,
            json_resume,
        })
    })
    .await
}

/// Stores a resume (any source format; the same body forms as `/v1/render/{format}`).
#[utoipa::path(post, path = "/v1/resumes", tag = "resumes",
    request_body(content = Object, description = "A resume, or `{\"resume_data\": {...}}` / `{\"json_resume\": {...}}` (JSON, or YAML with Content-Type: application/yaml)",
        content_type = "application/json"),
    responses(
        (status = 201, description = "Stored; `Location` names it", body = ResumeMeta),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 413, body = crate::error::ProblemDetails),
        (status = 422, description = "Not a valid resume: every problem with its path", body = crate::error::ProblemDetails),
    ))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Response, ApiError> {
    let draft = draft(&state, &tenant, body).await?;
    let record = state.store.create_resume(&tenant.id, &draft.draft).await?;
    let location = format!("/v1/resumes/{}", record.id);
    let version = record.version;
    let mut response = (StatusCode::CREATED, Json(draft.answer(&record))).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(versions::with_etag(response, Kind::Resume, version))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// The `next` cursor of the previous page.
    #[param(pattern = "^(r_[0-9a-f]{28})?$")]
    after: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ResumePage {
    items: Vec<ResumeMeta>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    /// The same page as `items`, under the name resume-cli's API gave it.
    resumes: Vec<ResumeMeta>,
    /// How many resumes the tenant has, on every page.
    total: i64,
}

/// Lists the tenant's resumes, oldest first, a page at a time.
#[utoipa::path(get, path = "/v1/resumes", tag = "resumes", params(ListQuery),
    responses(
        (status = 200, body = ResumePage),
        (status = 400, description = "`limit` outside 1–100", body = crate::error::ProblemDetails),
        (status = 422, description = "`after` is not a cursor this listing gave", body = crate::error::ProblemDetails),
    ))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::BadParameter(format!(
            "limit {limit} is outside 1–100"
        )));
    }
    // A cursor is the id of the last item of a page (empty: the first page).
    let after = q.after.as_deref().filter(|a| !a.is_empty());
    if let Some(after) = after
        && !vitae_store::is_id(ID_PREFIX, after)
    {
        return Err(ApiError::BadOption(
            "`after` is not a cursor of this listing: pass the `next` value of the previous \
             page (a resume id), or leave `after` out for the first page"
                .into(),
        ));
    }
    // One more than asked tells whether another page exists.
    let mut items = state
        .store
        .list_resumes(&tenant.id, after, limit + 1)
        .await?;
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next = more.then(|| items.last().map(|r| r.id.clone())).flatten();
    let total = state.store.count_resumes(&tenant.id).await?;
    let items: Vec<ResumeMeta> = items
        .into_iter()
        .map(|s| ResumeMeta::of(s, Vec::new()))
        .collect();
    let mut response = Json(ResumePage {
        resumes: items.clone(),
        items,
        next: next.clone(),
        total,
    })
    .into_response();
    if let Some(cursor) = next
        && let Ok(v) = HeaderValue::from_str(&format!(
            "</v1/resumes?limit={limit}&after={cursor}>; rel=\"next\""
        ))
    {
        response.headers_mut().insert(header::LINK, v);
    }
    Ok(response)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GetQuery {
    /// `native` (JSON, default), `yaml` (native YAML) or `json-resume`. Overrides `Accept`.
    #[param(pattern = "^(native|yaml|json-resume)$")]
    format: Option<String>,
}

/// A stored resume as native JSON, native YAML or JSON Resume.
#[utoipa::path(get, path = "/v1/resumes/{id}", tag = "resumes",
    params(("id" = String, Path), GetQuery),
    responses(
        (status = 200, description = "The resume; ETag for If-Match. Native JSON by default; with `format=json-resume` a JSON Resume document, with `format=yaml` native YAML", body = super::wire::NativeResume),
        (status = 304, description = "Unchanged (If-None-Match)"),
        (status = 404, body = crate::error::ProblemDetails),
    ))]
pub async fn read(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<GetQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let record = state
        .store
        .get_resume(&tenant.id, resume_id(&id)?)
        .await?
        .ok_or_else(|| not_found(&id))?;
    let version = record.version;
    if crate::render::none_match(&headers, &versions::etag(Kind::Resume, version)) {
        return Ok(versions::with_etag(
            StatusCode::NOT_MODIFIED.into_response(),
            Kind::Resume,
            version,
        ));
    }
    let wanted = match q.format.as_deref() {
        Some(f) => f.to_ascii_lowercase(),
        None => {
            let accept = headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if media::accepts_yaml(accept) {
                "yaml"
            } else {
                "native"
            }
            .to_owned()
        }
    };
    let (content_type, text) = match wanted.as_str() {
        "native" | "json" => ("application/json", record.body),
        "yaml" | "native-yaml" => {
            let resume = stored_resume(&state, &tenant, record.body).await?;
            ("application/yaml", format::to_native_yaml(&resume))
        }
        "json-resume" | "jsonresume" => {
            let resume = stored_resume(&state, &tenant, record.body).await?;
            ("application/json", format::to_json_resume(&resume))
        }
        other => {
            return Err(ApiError::Unknown {
                detail: format!("unknown resume format `{other}`"),
                known: vec!["native".into(), "yaml".into(), "json-resume".into()],
            });
        }
    };
    let mut response = ([(header::CONTENT_TYPE, content_type)], text).into_response();
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(versions::with_etag(response, Kind::Resume, version))
}

/// Reads a stored body back into the model (on the pool: it is a parse).
async fn stored_resume(
    state: &AppState,
    tenant: &Tenant,
    body: String,
) -> Result<vitae_core::model::Resume, ApiError> {
    on_pool(state, tenant, "read-stored-resume", move || {
        format::read(&body, Some(Format::Native))
            .map(|loaded| loaded.resume)
            .map_err(|e| ApiError::failed("a stored resume does not parse", e))
    })
    .await
}

/// The stored document of `id` as a request body would carry it.
pub async fn stored_body(state: &AppState, tenant: &Tenant, id: &str) -> Result<RawBody, ApiError> {
    let record = state
        .store
        .get_resume(&tenant.id, resume_id(id)?)
        .await?
        .ok_or_else(|| not_found(id))?;
    Ok(RawBody {
        bytes: record.body.into_bytes().into(),
        kind: BodyKind::Json,
    })
}

/// Replaces a stored resume. `If-Match` must carry the ETag read last.
#[utoipa::path(put, path = "/v1/resumes/{id}", tag = "resumes",
    params(("id" = String, Path), ("If-Match" = String, Header, description = "The ETag of the version being replaced, or `*` for whatever version is there")),
    request_body(content = Object, content_type = "application/json"),
    responses(
        (status = 200, description = "Replaced; the new ETag", body = ResumeMeta),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 412, description = "Stale ETag: someone else updated it", body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 428, description = "No If-Match", body = crate::error::ProblemDetails),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, ApiError> {
    resume_id(&id)?;
    let asked = required_if_match(&headers, Kind::Resume)?;
    let draft = draft(&state, &tenant, body).await?;
    // `*` replaces whatever version is there: the one read just before the write, read again
    // if another write lands in between (a few times; then the resume is too busy: 412).
    let mut tries = 0;
    let written = loop {
        let expected = match asked {
            IfMatch::Version(v) => v,
            _ => match state.store.get_resume(&tenant.id, &id).await? {
                Some(record) => record.version,
                None => return Err(not_found(&id)),
            },
        };
        let written = state
            .store
            .update_resume(&tenant.id, &id, expected, &draft.draft)
            .await?;
        tries += 1;
        if asked == IfMatch::Any && matches!(written, Write::Stale { .. }) && tries < 3 {
            continue;
        }
        break written;
    };
    match written {
        Write::Done(record) => Ok(versions::with_etag(
            Json(draft.answer(&record)).into_response(),
            Kind::Resume,
            record.version,
        )),
        Write::Stale { current } => Err(stale(current)),
        Write::Missing => Err(not_found(&id)),
    }
}

/// What a delete answers (resume-cli's answer).
#[derive(Serialize, ToSchema)]
pub struct Deleted {
    id: String,
    message: &'static str,
}

/// Deletes a stored resume; with `If-Match`, only if it is unchanged.
#[utoipa::path(delete, path = "/v1/resumes/{id}", tag = "resumes",
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "Deleted", body = Deleted),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 412, body = crate::error::ProblemDetails),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Deleted>, ApiError> {
    resume_id(&id)?;
    let expected = if_match(&headers, Kind::Resume)?.version();
    match state.store.delete_resume(&tenant.id, &id, expected).await? {
        Write::Done(()) => Ok(Json(Deleted {
            id,
            message: "the resume was deleted",
        })),
        Write::Stale { current } => Err(stale(current)),
        Write::Missing => Err(not_found(&id)),
    }
}

/// Renders a stored resume.
#[utoipa::path(post, path = "/v1/resumes/{id}/render/{format}", tag = "resumes",
    params(("id" = String, Path), ("format" = String, Path, description = "pdf, png, docx, md, txt, html, tex, typ or json"), RenderParams),
    responses(
        (status = 200, description = "The document"),
        (status = 304, description = "Unchanged (If-None-Match)"),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn render_stored(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((id, format)): Path<(String, String)>,
    RawQuery(raw_query): RawQuery,
    ApiQuery(query): ApiQuery<RenderParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let format = output_format(&format)?;
    let body = stored_body(&state, &tenant, &id).await?;
    crate::render::render(
        &state,
        &tenant,
        &headers,
        format,
        raw_query.as_deref().unwrap_or_default(),
        query,
        body,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_764_150_123_456), "2025-11-26T09:42:03.456Z");
    }
}
