//! `POST /v1/preview`: a resume laid out as SVG pages, with the validator's findings, for an
//! editor's live preview (the studio calls it on every pause in typing).

use super::ApiQuery;
use super::catalog::{Variants, variants_of};
use crate::AppState;
use crate::auth::Tenant;
use crate::error::{ApiError, Problem};
use crate::payload::{self, RawBody, RenderParams};
use crate::render::{on_pool, render_failed};
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/preview", post(preview))
}

/// How the pages come: SVG (sharp at any zoom) or PNG at `dpi` (much cheaper for a browser to
/// draw: a page of SVG holds thousands of glyph references, which cost an editor's preview
/// tens of milliseconds to paint on every keystroke).
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PreviewQuery {
    /// `svg` (default) or `png`.
    #[param(value_type = Option<PageImage>)]
    image: Option<PageImage>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PageImage {
    #[default]
    Svg,
    Png,
}

/// A laid-out resume.
#[derive(Serialize, ToSchema)]
pub struct Preview {
    /// `image/svg+xml` (each page an SVG document) or `image/png` (each page base64).
    pub media_type: &'static str,
    /// The variant shown (its full key).
    pub variant: String,
    /// Every variant of the resume, to choose from.
    pub variants: Variants,
    /// One SVG document, or one base64 PNG, per page.
    pub pages: Vec<String>,
    /// What the validator noticed without refusing the resume, located in the body.
    pub warnings: Vec<Problem>,
    /// PNG pages: each page's width and height in points.
    pub page_sizes: Vec<[f64; 2]>,
    /// PNG pages: where each line of text stands, in points from its page's top-left corner
    /// (an editor marks lines on the images with them, e.g. the bullets a job matched).
    pub lines: Vec<PageLine>,
}

/// A line of text on a page.
#[derive(Serialize, ToSchema)]
pub struct PageLine {
    /// From 0.
    pub page: usize,
    pub x: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub text: String,
}

/// Lays out a resume sent in the body (same forms and options as `/v1/render/{format}`) and
/// answers its pages as SVG with the validator's warnings. An invalid resume answers 422 with
/// every error located by line and column, which an editor shows inline.
#[utoipa::path(post, path = "/v1/preview", tag = "render", params(PreviewQuery, RenderParams),
    request_body(content = Object, description = "A resume document (JSON, or YAML with Content-Type: application/yaml), or `{\"resume_data\": {...}, \"theme\": \"modern\"}`",
        content_type = "application/json"),
    responses(
        (status = 200, body = Preview),
        (status = 400, description = "The body is not well-formed", body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 413, body = crate::error::ProblemDetails),
        (status = 422, description = "Invalid resume (every error located), unknown variant, theme or locale", body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn preview(
    State(state): State<AppState>,
    tenant: Tenant,
    ApiQuery(query): ApiQuery<RenderParams>,
    ApiQuery(image): ApiQuery<PreviewQuery>,
    body: RawBody,
) -> Result<Json<Preview>, ApiError> {
    let today = crate::today();
    let preview = on_pool(&state, &tenant, "preview", move || {
        let payload::ToRender {
            loaded,
            warnings,
            styled,
            variant_key,
            shown,
        } = payload::to_render(&body, query, today)?;
        let style = &styled.style;
        let (media_type, pages, page_sizes, lines) = match image.image.unwrap_or_default() {
            PageImage::Svg => (
                "image/svg+xml",
                vitae_render::render_svg(&shown, &style.render, &style.typeset)
                    .map_err(render_failed)?,
                Vec::new(),
                Vec::new(),
            ),
            PageImage::Png => {
                let laid =
                    vitae_render::preview_png(&shown, &style.render, &style.typeset, style.dpi)
                        .map_err(render_failed)?;
                (
                    "image/png",
                    laid.pages
                        .iter()
                        .map(|png| base64::engine::general_purpose::STANDARD.encode(png))
                        .collect(),
                    laid.page_sizes.iter().map(|&(w, h)| [w, h]).collect(),
                    laid.lines
                        .into_iter()
                        .map(|l| PageLine {
                            page: l.page,
                            x: l.x,
                            top: l.top,
                            width: l.width,
                            height: l.height,
                            text: l.text,
                        })
                        .collect(),
                )
            }
        };
        Ok(Preview {
            media_type,
            variant: variant_key,
            variants: variants_of(&loaded.resume),
            pages,
            warnings,
            page_sizes,
            lines,
        })
    })
    .await?;
    state.metrics.record_render("svg");
    Ok(Json(preview))
}
