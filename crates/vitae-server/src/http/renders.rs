//! `POST /v1/render/{format}`: render a resume sent in the request.

use super::ApiQuery;
use crate::AppState;
use crate::auth::Tenant;
use crate::error::ApiError;
use crate::payload::{RawBody, RenderParams};
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use vitae_render::OutputFormat;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/render/{format}", post(render))
}

/// The format named in a path, or 404 listing the known ones.
pub fn output_format(name: &str) -> Result<OutputFormat, ApiError> {
    name.parse().map_err(|detail| ApiError::UnknownPath {
        detail,
        known: OutputFormat::ALL
            .iter()
            .map(|f| f.name().to_owned())
            .collect(),
    })
}

/// Renders a resume sent in the body.
///
/// The body is JSON with the resume under `resume_data` (native), `json_resume` or `resume`
/// (any format) and options beside it (`variant`, `theme`, `locale`, ...); or the resume
/// document itself as JSON or YAML (`Content-Type: application/yaml`), with options in the
/// query. Identical requests are answered from a cache; the ETag is the content's hash and
/// `If-None-Match` gets 304.
#[utoipa::path(post, path = "/v1/render/{format}", tag = "render",
    params(("format" = String, Path, description = "pdf, png, docx, md, txt, html, tex, typ or json"), RenderParams),
    request_body(content = Object, description = "`{\"resume_data\": {...}, \"variant\": \"backend\", \"theme\": \"modern\"}`, or a resume document (JSON, or YAML with Content-Type: application/yaml)",
        content_type = "application/json"),
    responses(
        (status = 200, description = "The document, with Content-Disposition and ETag"),
        (status = 304, description = "Unchanged (If-None-Match)"),
        (status = 400, description = "The body is not well-formed", body = crate::error::ProblemDetails),
        (status = 401, description = "No valid API key", body = crate::error::ProblemDetails),
        (status = 404, description = "Unknown format", body = crate::error::ProblemDetails),
        (status = 413, description = "Body over the limit", body = crate::error::ProblemDetails),
        (status = 422, description = "Invalid resume, unknown variant, theme or locale, or an option out of range", body = crate::error::ProblemDetails),
        (status = 429, description = "Rate limit", body = crate::error::ProblemDetails),
        (status = 503, description = "At capacity or past the deadline; see Retry-After", body = crate::error::ProblemDetails),
    ))]
pub async fn render(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(format): Path<String>,
    RawQuery(raw_query): RawQuery,
    ApiQuery(query): ApiQuery<RenderParams>,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, ApiError> {
    let format = output_format(&format)?;
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
