//! One error type for every handler, one response shape for every error: RFC 9457 problem
//! details (`application/problem+json`). Bad input is always a 4xx with what was wrong and where;
//! a 500 means a bug or a broken database, is logged with the request id, and shows no internals.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use vitae_core::Diagnostic;

/// An error kept as the cause of an internal one.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A problem found in a submitted document, located in the request body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// Where in the request: a path such as `resume_data.experience[2].start_date`.
    pub path: String,
    /// 1-based line in the request body, 0 when unknown.
    pub line: u32,
    /// 1-based column in the request body, 0 when unknown.
    pub column: u32,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Problem {
    /// A diagnostic of a document that sits under `prefix` in the request (`""` for the whole
    /// body).
    pub fn from_diagnostic(d: &Diagnostic, prefix: &str) -> Self {
        let path = match (prefix.is_empty(), d.path.is_empty()) {
            (true, _) => d.path.clone(),
            (false, true) => prefix.to_owned(),
            (false, false) if d.path.starts_with('[') => format!("{prefix}{}", d.path),
            (false, false) => format!("{prefix}.{}", d.path),
        };
        Problem {
            path,
            line: d.line,
            column: d.column,
            severity: d.severity.to_string(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemDetails {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Every problem found in the submitted document (validation errors).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Problem>,
    /// The accepted values, when a name was not known (variants, themes, locales, formats).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub known: Vec<String>,
}

/// Every way a request can fail. Each variant's status is in its doc.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not well-formed (JSON or YAML syntax, wrong encoding).
    #[error("{detail}")]
    Malformed {
        detail: String,
        errors: Vec<Problem>,
    },
    /// 400: a query or path parameter is invalid.
    #[error("{0}")]
    BadParameter(String),
    /// 401: no key, or a key that is unknown or revoked.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: a signed-in browser's write without its CSRF token.
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such resource for this tenant.
    #[error("{0}")]
    NotFound(String),
    /// 404 listing what exists (an unknown output format in the path).
    #[error("{detail}")]
    UnknownPath { detail: String, known: Vec<String> },
    /// 405
    #[error("{0}")]
    MethodNotAllowed(String),
    /// 409: the request contradicts the resource's state (a status move it does not allow).
    #[error("{0}")]
    Conflict(String),
    /// 412: the `If-Match` ETag is not the current one.
    #[error("{0}")]
    PreconditionFailed(String),
    /// 413: the body is larger than the configured limit.
    #[error("the request body is larger than the {limit} byte limit")]
    TooLarge { limit: usize },
    /// 408: the request body did not arrive within the body timeout.
    #[error("{0}")]
    RequestTimeout(String),
    /// 415
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 422: the document was read but is not a valid resume.
    #[error("{detail}")]
    Invalid {
        detail: String,
        errors: Vec<Problem>,
    },
    /// 422: a name (variant, theme, locale) is not known; lists the known ones.
    #[error("{detail}")]
    Unknown { detail: String, known: Vec<String> },
    /// 422: an option is out of range.
    #[error("{0}")]
    BadOption(String),
    /// 428: an update without `If-Match`.
    #[error("{0}")]
    PreconditionRequired(String),
    /// 429: this key's request rate is over its limit.
    #[error("too many requests for this API key; retry after {retry_after} s")]
    RateLimited { retry_after: u64 },
    /// 429: this client address failed to authenticate too often (guessing keys or passwords).
    #[error(
        "too many failed authentications from this address; retry after {retry_after} s with a valid key"
    )]
    Throttled { retry_after: u64 },
    /// 503: the render queue is full, or the work did not finish before the deadline.
    #[error("{detail}")]
    Unavailable { detail: String, retry_after: u64 },
    /// 500: a bug or a broken dependency. Logged with its chain of causes; the client sees only
    /// the request id.
    #[error("internal error: {context}")]
    Internal {
        context: String,
        #[source]
        source: Option<BoxError>,
    },
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Malformed { .. } | ApiError::BadParameter(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) | ApiError::UnknownPath { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid { .. } | ApiError::Unknown { .. } | ApiError::BadOption(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::RateLimited { .. } | ApiError::Throttled { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The last part of the problem type URI.
    fn slug(&self) -> &'static str {
        match self {
            ApiError::Malformed { .. } => "malformed-body",
            ApiError::BadParameter(_) => "bad-parameter",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) | ApiError::UnknownPath { .. } => "not-found",
            ApiError::MethodNotAllowed(_) => "method-not-allowed",
            ApiError::Conflict(_) => "conflict",
            ApiError::PreconditionFailed(_) => "precondition-failed",
            ApiError::TooLarge { .. } => "body-too-large",
            ApiError::RequestTimeout(_) => "request-timeout",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
            ApiError::Invalid { .. } => "invalid-resume",
            ApiError::Unknown { .. } => "unknown-name",
            ApiError::BadOption(_) => "bad-option",
            ApiError::PreconditionRequired(_) => "precondition-required",
            ApiError::RateLimited { .. } => "rate-limited",
            ApiError::Throttled { .. } => "throttled",
            ApiError::Unavailable { .. } => "unavailable",
            ApiError::Internal { .. } => "internal",
        }
    }

    /// A bug: something that cannot happen did.
    pub fn bug(context: impl Into<String>) -> Self {
        ApiError::Internal {
            context: context.into(),
            source: None,
        }
    }

    /// A failure of ours, with the error that caused it (kept for the log).
    pub fn failed(
        context: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        ApiError::Internal {
            context: context.into(),
            source: Some(Box::new(source)),
        }
    }
}

/// Seconds a client is asked to wait when the database is unavailable: long enough for a
/// restart or a failover to finish, short enough that a blip costs little.
pub const DATABASE_RETRY_AFTER: u64 = 5;

/// A use case's error: the known names for an unknown variant, 422 for bad options and for a
/// posting that cannot be read (callers that know where the posting sits place it first); a
/// deterministic result the verifier rejected is vitae's bug, a 500 that is logged.
impl From<vitae_app::AppError> for ApiError {
    fn from(e: vitae_app::AppError) -> ApiError {
        use vitae_app::AppError;
        match e {
            AppError::UnknownVariant(e) => ApiError::Unknown {
                detail: e.to_string(),
                known: e.known,
            },
            AppError::Weights(e) => ApiError::BadOption(format!("weights: {e}")),
            e @ AppError::LetterLanguage { .. } => ApiError::Unknown {
                detail: e.to_string(),
                known: ["en", "de", "fr", "es"].map(str::to_owned).to_vec(),
            },
            AppError::Posting { error, .. } => ApiError::Invalid {
                detail: format!("the job could not be read: {error}"),
                errors: Vec::new(),
            },
            AppError::Render { error, .. } => crate::render::render_failed(error),
            // A document that is not one vitae imports is the wrong media type; one that is but
            // cannot be read (damaged, encrypted, too long) is unprocessable.
            AppError::Import(e @ vitae_app::import::ImportError::Unknown(_)) => {
                ApiError::UnsupportedMediaType(e.to_string())
            }
            AppError::Import(e) => ApiError::Invalid {
                detail: e.to_string(),
                errors: Vec::new(),
            },
            e @ AppError::Archive(_) => ApiError::failed("the package archive", e),
            e @ AppError::Unverified { .. } => {
                ApiError::failed("a deterministic result failed verification", e)
            }
        }
    }
}

impl From<vitae_store::StoreError> for ApiError {
    fn from(e: vitae_store::StoreError) -> Self {
        use vitae_store::StoreError;
        match e {
            // An outage, not a bug: the client may retry; the operator sees it in the log.
            StoreError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "the database is unavailable");
                ApiError::Unavailable {
                    detail: "the database is unavailable; retry shortly".into(),
                    retry_after: DATABASE_RETRY_AFTER,
                }
            }
            // The edges refuse such text first, with its place in the body; this is the store's
            // own guard.
            e @ StoreError::InvalidText { .. } => ApiError::BadOption(e.to_string()),
            e => ApiError::failed("the store failed", e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = if let ApiError::Internal { context, source } = &self {
            // The whole chain of causes goes to the log, never to the client.
            let mut causes = Vec::new();
            let mut next = source
                .as_deref()
                .map(|e| e as &(dyn std::error::Error + 'static));
            while let Some(e) = next {
                causes.push(e.to_string());
                next = e.source();
            }
            tracing::error!(error = %context, causes = %causes.join(": "), "request failed");
            "the server failed to answer this request; it has been logged (quote the x-request-id header when reporting it)".to_owned()
        } else {
            self.to_string()
        };
        let retry_after = match &self {
            ApiError::RateLimited { retry_after }
            | ApiError::Throttled { retry_after }
            | ApiError::Unavailable { retry_after, .. } => Some(*retry_after),
            _ => None,
        };
        let slug = self.slug();
        let unauthorized = matches!(self, ApiError::Unauthorized(_));
        let (errors, known) = match self {
            ApiError::Malformed { errors, .. } | ApiError::Invalid { errors, .. } => {
                (errors, Vec::new())
            }
            ApiError::Unknown { known, .. } | ApiError::UnknownPath { known, .. } => {
                (Vec::new(), known)
            }
            _ => (Vec::new(), Vec::new()),
        };
        let body = ProblemDetails {
            kind: format!("https://vitae.dev/problems/{slug}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            errors,
            known,
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (status, json).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        if unauthorized {
            // RFC 9110 §11.6.1: a 401 names the scheme that would be accepted (RFC 6750's
            // Bearer; `X-API-Key` carries the same key).
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"vitae\""),
            );
        }
        response
    }
}
