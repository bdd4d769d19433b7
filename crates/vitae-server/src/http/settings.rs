//! `/v1/settings`: what a tenant decides for all its requests (today: whether a language model
//! may help with tailoring and cover letters).

use crate::AppState;
use crate::auth::Tenant;
use crate::error::ApiError;
use crate::payload::{self, RawBody};
use crate::render::on_pool;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/settings", get(read).put(replace))
}

/// The tenant's settings.
#[derive(Serialize, ToSchema)]
pub struct Settings {
    /// Whether the server's language model (if it has one) may help this tenant's
    /// `/v1/tailor` and `/v1/cover-letter` requests. Default: true.
    ai_enabled: bool,
    /// Whether the server has a language model configured at all.
    ai_available: bool,
}

fn settings(state: &AppState, s: vitae_store::TenantSettings) -> Settings {
    Settings {
        ai_enabled: s.ai_enabled,
        ai_available: state.assistant.is_enabled(),
    }
}

/// The tenant's settings.
#[utoipa::path(get, path = "/v1/settings", tag = "settings",
    responses((status = 200, body = Settings), (status = 401, body = crate::error::ProblemDetails)))]
pub async fn read(
    State(state): State<AppState>,
    tenant: Tenant,
) -> Result<Json<Settings>, ApiError> {
    let s = state.store.settings(&tenant.id).await?;
    Ok(Json(settings(&state, s)))
}

/// Changes the tenant's settings: `{"ai_enabled": false}` keeps the language model out of every
/// request of the tenant (each answer then says so in `fallback_reason`).
#[utoipa::path(put, path = "/v1/settings", tag = "settings",
    request_body(content = Object, description = "`{\"ai_enabled\": false}`", content_type = "application/json"),
    responses(
        (status = 200, body = Settings),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<Settings>, ApiError> {
    let enabled = on_pool(&state, &tenant, "settings", move || {
        let (root, _) = payload::parse_body(&body)?;
        payload::flag(&root, "ai_enabled")?.ok_or_else(|| {
            ApiError::BadOption("send `{\"ai_enabled\": true}` or `{\"ai_enabled\": false}`".into())
        })
    })
    .await?;
    let s = state.store.set_ai_enabled(&tenant.id, enabled).await?;
    Ok(Json(settings(&state, s)))
}
