//! `POST /v1/import`: a resume read from a document the caller already has (a PDF, a Word file,
//! LinkedIn's data export as a ZIP, a plain text or Markdown file), sent as the raw body or as the
//! first file of a `multipart/form-data` body; the format is told by the bytes, not the
//! declared type. The reading runs on the work pool; the answer is the resume (native JSON, or
//! JSON Resume with `?to=json-resume`), every value with where it was read and how sure the
//! reader is, and what validating the written source says.

use super::ApiQuery;
use crate::AppState;
use crate::auth::Tenant;
use crate::error::{ApiError, Problem};
use crate::media;
use crate::render::on_pool;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::header;
use axum::routing::post;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vitae_app::import::Target;

/// The largest document accepted: a resume's PDF or Word file is well under a megabyte; the
/// limit keeps a request from holding much memory while it is read.
pub const IMPORT_LIMIT: usize = 5 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    // axum caps a multipart body at 2 MB by default; the import's own limit (and a little for the
    // parts' headers) is the one that counts here.
    Router::new().route(
        "/v1/import",
        post(import).layer(DefaultBodyLimit::max(IMPORT_LIMIT + 64 * 1024)),
    )
}

/// Options of an import.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The format of `resume` in the answer: `native` (default) or `json-resume`.
    #[param(pattern = "^(native|json-resume)$")]
    pub to: Option<String>,
}

/// A value the importer filled in.
#[derive(Debug, Serialize, ToSchema)]
pub struct FoundBody {
    /// Where it went in the resume: `experience[0].company`.
    pub path: String,
    pub value: String,
    /// Where it was read: `page 1, line 7`, `line 12`, `Positions.csv, row 2`.
    pub origin: String,
    /// How sure the reader is, 0–1; below 0.7 it is listed to check by hand.
    pub confidence: f32,
}

/// The answer of `POST /v1/import`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportBody {
    /// What the document was read as: `PDF`, `Word document`, `LinkedIn data export`, `text`.
    pub read_as: String,
    /// `native` or `json-resume`.
    pub format: String,
    /// The resume, in `format`.
    #[schema(value_type = Object)]
    pub resume: serde_json::Value,
    /// Every value filled in, with its origin and confidence.
    pub found: Vec<FoundBody>,
    /// How many of them are under 0.7 confidence.
    pub unsure: usize,
    /// Whether the resume validates (no errors; warnings allowed).
    pub valid: bool,
    /// What validating it says, located in the resume.
    pub problems: Vec<Problem>,
}

/// The document: the raw body, or a multipart body's first file, within [`IMPORT_LIMIT`].
pub struct Document(pub(crate) Bytes);

impl FromRequest<AppState> for Document {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > IMPORT_LIMIT) {
            return Err(ApiError::TooLarge {
                limit: IMPORT_LIMIT,
            });
        }
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| media::essence(v) == "multipart/form-data");
        if multipart {
            let mut form = Multipart::from_request(req, state).await.map_err(|e| {
                ApiError::BadParameter(format!("the multipart body cannot be read: {e}"))
            })?;
            while let Some(mut field) = form.next_field().await.map_err(|e| {
                ApiError::BadParameter(format!("the multipart body cannot be read: {e}"))
            })? {
                if field.file_name().is_none() {
                    continue;
                }
                // Read chunk by chunk, stopping at the limit (a part declares no trusted size).
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| {
                    ApiError::BadParameter(format!("the multipart body cannot be read: {e}"))
                })? {
                    if bytes.len() + chunk.len() > IMPORT_LIMIT {
                        return Err(ApiError::TooLarge {
                            limit: IMPORT_LIMIT,
                        });
                    }
                    bytes.extend_from_slice(&chunk);
                }
                return Ok(Document(Bytes::from(bytes)));
            }
            return Err(ApiError::BadParameter(
                "the multipart body holds no file; send the document as a file part".into(),
            ));
        }
        let body = Limited::new(req.into_body(), IMPORT_LIMIT);
        match body.collect().await {
            Ok(collected) => Ok(Document(collected.to_bytes())),
            Err(e) if e.is::<LengthLimitError>() => Err(ApiError::TooLarge {
                limit: IMPORT_LIMIT,
            }),
            Err(e) => Err(ApiError::BadParameter(format!(
                "could not read the request body: {e}"
            ))),
        }
    }
}

/// Reads a resume from a document.
#[utoipa::path(post, path = "/v1/import", tag = "import",
    params(ImportParams),
    request_body(content = Vec<u8>, description = "The document: a PDF, a Word file (DOCX), LinkedIn's data export (ZIP), or a text or Markdown resume, as the raw body (any Content-Type) or as a file part of multipart/form-data. The format is told by the bytes.",
        content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "The resume read, with the record of what was found where", body = ImportBody),
        (status = 400, description = "The body or the query cannot be read", body = crate::error::ProblemDetails),
        (status = 401, description = "No valid API key", body = crate::error::ProblemDetails),
        (status = 413, description = "Body over 5 MiB", body = crate::error::ProblemDetails),
        (status = 415, description = "Not a format vitae imports", body = crate::error::ProblemDetails),
        (status = 422, description = "A document that cannot be read: damaged, encrypted, scanned, too long", body = crate::error::ProblemDetails),
        (status = 429, description = "Rate limit", body = crate::error::ProblemDetails),
        (status = 503, description = "At capacity or past the deadline; see Retry-After", body = crate::error::ProblemDetails),
    ))]
pub async fn import(
    State(state): State<AppState>,
    tenant: Tenant,
    ApiQuery(params): ApiQuery<ImportParams>,
    Document(bytes): Document,
) -> Result<Json<ImportBody>, ApiError> {
    let (target, format) = match params.to.as_deref().map(str::trim) {
        None | Some("native") => (Target::Native, "native"),
        Some("json-resume") => (Target::JsonResume, "json-resume"),
        Some(other) => {
            return Err(ApiError::BadParameter(format!(
                "`to` is `{other}`; it is `native` or `json-resume`"
            )));
        }
    };
    on_pool(&state, &tenant, "import", move || {
        let imported = vitae_app::import::import(&bytes, target)?;
        let resume = match target {
            Target::Native => vitae_core::format::native::write(&imported.resume),
            Target::JsonResume => vitae_core::format::json_resume::write(&imported.resume),
        };
        Ok(ImportBody {
            read_as: imported.kind.name().to_owned(),
            format: format.to_owned(),
            resume,
            unsure: imported.unsure().count(),
            valid: imported.valid(),
            problems: imported
                .diagnostics
                .iter()
                .map(|d| Problem::from_diagnostic(d, "resume"))
                .collect(),
            found: imported
                .found
                .into_iter()
                .map(|f| FoundBody {
                    path: f.path,
                    value: f.value,
                    origin: f.origin.to_string(),
                    confidence: f.confidence,
                })
                .collect(),
        })
    })
    .await
    .map(Json)
}
