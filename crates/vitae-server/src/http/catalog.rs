//! What can be asked for: themes, formats, locales, fonts, and a resume's variants.

use super::ApiQuery;
use crate::AppState;
use crate::auth::Tenant;
use crate::error::ApiError;
use crate::payload::{self, RawBody};
use crate::render::on_pool;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use vitae_core::model::Resume;
use vitae_core::variant;
use vitae_render::{OutputFormat, Theme};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/themes", get(themes)).route(
        "/v1/variants",
        get(variants_of_stored).post(variants_of_posted),
    )
}

#[derive(Serialize, ToSchema)]
pub struct ThemeInfo {
    name: &'static str,
    description: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct LocaleInfo {
    code: &'static str,
    name: &'static str,
    native_name: &'static str,
    rtl: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Catalog {
    themes: Vec<ThemeInfo>,
    /// Output formats, as `/v1/render/{format}` takes them.
    formats: Vec<&'static str>,
    locales: Vec<LocaleInfo>,
    fonts: Vec<String>,
    pages: Vec<&'static str>,
}

/// The themes and everything else a render can be asked for.
#[utoipa::path(get, path = "/v1/themes", tag = "catalog",
    responses((status = 200, body = Catalog), (status = 401, body = crate::error::ProblemDetails)))]
pub async fn themes(_tenant: Tenant) -> Json<Catalog> {
    Json(Catalog {
        themes: Theme::ALL
            .iter()
            .map(|t| ThemeInfo {
                name: t.name(),
                description: t.description(),
            })
            .collect(),
        formats: OutputFormat::ALL.iter().map(|f| f.name()).collect(),
        locales: vitae_render::locales()
            .iter()
            .map(|l| LocaleInfo {
                code: l.code,
                name: l.name,
                native_name: l.native_name,
                rtl: l.rtl,
            })
            .collect(),
        fonts: vitae_render::fonts(),
        pages: vec!["a4", "letter"],
    })
}

#[derive(Serialize, ToSchema)]
pub struct VariantInfo {
    key: String,
    short_name: String,
    description: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Variants {
    /// The variant used when none is asked for.
    default: String,
    variants: Vec<VariantInfo>,
}

pub(super) fn variants_of(resume: &Resume) -> Variants {
    Variants {
        default: variant::default_name(resume),
        variants: variant::names(resume)
            .into_iter()
            .map(|key| VariantInfo {
                short_name: variant::short_name(&key).to_owned(),
                description: resume
                    .variants
                    .get(&key)
                    .and_then(|v| v.description.clone()),
                key,
            })
            .collect(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoredQuery {
    /// A stored resume's id. Without it, the variants every resume has.
    resume_id: Option<String>,
}

/// The variants of a stored resume (`resume_id`): `{default, variants}`.
///
/// Without `resume_id`, the variants every resume has, whatever it defines, as resume-cli's API
/// listed its variants: an object of short name → variant key (`{"base": "base"}`). A resume's
/// own variants are those of the resume: ask with its id, or `POST` it.
#[utoipa::path(get, path = "/v1/variants", tag = "catalog", params(StoredQuery),
    responses(
        (status = 200, description = "With `resume_id`: `Variants`. Without: short name → key", body = Variants),
        (status = 404, body = crate::error::ProblemDetails)))]
pub async fn variants_of_stored(
    State(state): State<AppState>,
    tenant: Tenant,
    ApiQuery(q): ApiQuery<StoredQuery>,
) -> Result<Response, ApiError> {
    let Some(id) = q.resume_id else {
        let builtin: BTreeMap<&str, &str> = [(variant::BASE, variant::BASE)].into();
        return Ok(Json(builtin).into_response());
    };
    let body = super::resumes::stored_body(&state, &tenant, &id).await?;
    Ok(variants_in(&state, &tenant, body).await?.into_response())
}

/// The variants of a resume sent in the body (same forms as `/v1/render/{format}`).
#[utoipa::path(post, path = "/v1/variants", tag = "catalog",
    request_body(content = Object, description = "A resume, or `{\"resume_data\": {...}}`"),
    responses((status = 200, body = Variants), (status = 422, body = crate::error::ProblemDetails)))]
pub async fn variants_of_posted(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<Variants>, ApiError> {
    variants_in(&state, &tenant, body).await
}

async fn variants_in(
    state: &AppState,
    tenant: &Tenant,
    body: RawBody,
) -> Result<Json<Variants>, ApiError> {
    let today = crate::today();
    on_pool(state, tenant, "variants", move || {
        let submission = payload::read_submission(&body, today)?;
        Ok(Json(variants_of(&submission.loaded.resume)))
    })
    .await
}
