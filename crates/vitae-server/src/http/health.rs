//! `/health` (the process answers), `/ready` (and its database does), `/metrics`.
//! None needs a key: load balancers and scrapers call them.

use crate::AppState;
use crate::error::ApiError;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::time::Duration;
use utoipa::ToSchema;

/// The service's name in health answers.
const SERVICE: &str = "vitae";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
}

/// Named apart from the job search's `Status` (an application's), which would otherwise take
/// its place in the OpenAPI document's components.
#[derive(Serialize, ToSchema)]
#[schema(as = Health)]
pub struct Status {
    /// `healthy` (as resume-cli's API answered) or `ready`.
    #[schema(value_type = String, pattern = "^(healthy|ready)$")]
    status: &'static str,
    /// `vitae`.
    service: &'static str,
    /// `sqlite` or `postgres` (in `/ready`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    database: Option<&'static str>,
    version: &'static str,
}

/// Liveness: answers without touching the database or the work pool.
#[utoipa::path(get, path = "/health", tag = "health", security(()),
    responses((status = 200, description = "The server is up", body = Status)))]
pub async fn health() -> Json<Status> {
    Json(Status {
        status: "healthy",
        service: SERVICE,
        database: None,
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// Readiness: the database answers within two seconds.
#[utoipa::path(get, path = "/ready", tag = "health", security(()),
    responses(
        (status = 200, description = "Ready to serve", body = Status),
        (status = 503, description = "The database does not answer", body = crate::error::ProblemDetails),
    ))]
pub async fn ready(State(state): State<AppState>) -> Result<Json<Status>, ApiError> {
    let unavailable = |detail: String| ApiError::Unavailable {
        detail,
        retry_after: 5,
    };
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => Ok(Json(Status {
            status: "ready",
            service: SERVICE,
            database: Some(state.store.backend().name()),
            version: env!("CARGO_PKG_VERSION"),
        })),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            Err(unavailable("the database does not answer".into()))
        }
        Err(_) => Err(unavailable("the database did not answer within 2 s".into())),
    }
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(get, path = "/metrics", tag = "health", security(()),
    responses((status = 200, description = "Metrics", content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(
            state.pool.stats(),
            &state.pool.typical_jobs(),
            state.cache.bytes(),
        ),
    )
}
