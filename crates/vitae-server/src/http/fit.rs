//! Job fit: `POST /v1/jobs/parse`, `/v1/ats/check`, `/v1/tailor`, `/v1/cover-letter`,
//! `/v1/match`.
//!
//! Each takes a JSON object with the seed system's fields: the resume as `resume_data` (native),
//! `json_resume` or `resume` (any format), or a stored one as `resume_id`; the job as
//! `job_description` (the posting's text, HTML or JSON, as a string) or `job` (a JSON Resume job
//! object); and `variant`, `company_name`, `format`, `theme`, `locale`, `ai`... Parsing,
//! scoring, tailoring and rendering run on the work pool; a language model (tailoring and letters,
//! when configured) is awaited between two pool steps, never holding a thread. Every result says
//! which method produced it and what the verifier rejected.

use super::renders::output_format;
use super::resumes::stored_body;
use crate::AppState;
use crate::auth::Tenant;
use crate::cache::Entry;
use crate::error::{ApiError, Problem};
use crate::payload::{self, RawBody, RenderParams, Whole};
use crate::render::{content_etag, on_pool, render_failed, respond};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::Value as Json_;
use std::borrow::Cow;
use std::sync::Arc;
use utoipa::ToSchema;
use vitae_core::PartialDate;
use vitae_core::ats::Weights;
use vitae_core::format::{self, Syntax};
use vitae_core::job::{self, Job, Options};
use vitae_core::keywords::Vocabulary;
use vitae_core::letter::{self, LetterOptions};
use vitae_core::model::Resume;
use vitae_core::node::{Node, Value};
use vitae_core::rank::{self, Profile, RankOptions};
use vitae_core::tailor::Violation;
use vitae_core::tailor::{self, TailorOptions};
use vitae_llm::{Method, Outcome, Usage};
use vitae_render::{AtsRun, OutputFormat, Rendered};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/jobs/parse", post(parse_job))
        .route("/v1/ats/check", post(ats_check))
        .route("/v1/tailor", post(tailor))
        .route("/v1/cover-letter", post(cover_letter))
        .route("/v1/match", post(match_jobs))
}

/// How a result was produced: `method` (`{"kind": "deterministic"}`, or `{"kind": "llm",
/// "provider", "model"}` when a language model's output passed the verifier), why the model's was
/// not used, every claim the verifier rejected, and the tokens spent.
#[derive(Serialize)]
pub struct Provenance {
    method: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    fallback_reason: Option<String>,
    rejected: Vec<Violation>,
    usage: Usage,
}

impl Provenance {
    /// A result no language model was asked about.
    fn deterministic() -> Provenance {
        Provenance {
            method: Method::Deterministic,
            fallback_reason: None,
            rejected: Vec::new(),
            usage: Usage::default(),
        }
    }

    fn of<T>(outcome: &Outcome<T>) -> Provenance {
        Provenance {
            method: outcome.method.clone(),
            fallback_reason: outcome.fallback_reason.clone(),
            rejected: outcome.rejected.clone(),
            usage: outcome.usage,
        }
    }
}

/// Whether the request lets the language model help (`"ai": false` switches it off).
fn ai_allowed(req: &Request) -> Result<bool, ApiError> {
    Ok(payload::flag(&req.root, "ai")?.unwrap_or(true))
}

/// Why the model must stay out of this request, if it must: the request's `"ai": false`, or the
/// tenant's switch (`PUT /v1/settings`).
async fn ai_switch(
    state: &AppState,
    tenant: &Tenant,
    requested: bool,
) -> Result<Option<&'static str>, ApiError> {
    if !requested {
        return Ok(Some(
            "the request switched the language model off (\"ai\": false)",
        ));
    }
    if !state.store.settings(&tenant.id).await?.ai_enabled {
        return Ok(Some(
            "this tenant switched the language model off (PUT /v1/settings)",
        ));
    }
    Ok(None)
}

/// The deterministic result of a request the model stays out of, and why.
fn switched_off<T>(value: T, reason: &str) -> Outcome<T> {
    Outcome {
        value,
        method: Method::Deterministic,
        fallback_reason: Some(reason.to_owned()),
        rejected: Vec::new(),
        usage: Usage::default(),
        judge: None,
    }
}

/// The fields job-fit requests take (for the documentation; the server reads the body with the
/// located parser, so errors point at their line and column).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FitRequest {
    /// The resume in the native shape (the seed system's field).
    #[schema(value_type = Option<Object>)]
    resume_data: Option<Json_>,
    /// The resume as JSON Resume.
    #[schema(value_type = Option<Object>)]
    json_resume: Option<Json_>,
    /// The resume in any supported format, detected.
    #[schema(value_type = Option<Object>)]
    resume: Option<Json_>,
    /// A stored resume of this tenant, instead of one in the body.
    resume_id: Option<String>,
    /// The job posting as text, HTML or JSON (a JSON Resume job or a schema.org JobPosting).
    job_description: Option<String>,
    /// The job as a JSON Resume job object.
    #[schema(value_type = Option<Object>)]
    job: Option<Json_>,
    /// The variant to check, tailor from, or draw the letter from.
    variant: Option<String>,
    /// The company, when the posting does not name it.
    company_name: Option<String>,
    /// `/v1/cover-letter`: whom to address ("Ms. Chen").
    recipient_name: Option<String>,
    /// `/v1/tailor` and `/v1/cover-letter`: `json` (default) or a document format (pdf, docx,
    /// md, txt, html...), returned as the document itself.
    format: Option<String>,
    /// `/v1/ats/check`: category weights, `"keywords=40,format=10"` or `{"keywords": 40}`.
    #[schema(value_type = Option<Object>)]
    weights: Option<Json_>,
    /// `/v1/ats/check`: render the theme and read the PDF's text layer back (default true).
    render: Option<bool>,
    /// `/v1/tailor`, `/v1/cover-letter`: `false` keeps the language model out of this request.
    ai: Option<bool>,
    /// `/v1/match`: the jobs, each a posting string or a JSON Resume job object.
    #[schema(value_type = Option<Vec<Object>>)]
    jobs: Option<Vec<Json_>>,
    /// Theme, locale, page and the other render options of `/v1/render/{format}`.
    theme: Option<String>,
    locale: Option<String>,
}

/// A request body read as a tree (on the pool), with the stored resume it names fetched.
struct Request {
    root: Node,
    syntax: Syntax,
    stored: Option<RawBody>,
}

async fn request(state: &AppState, tenant: &Tenant, body: RawBody) -> Result<Request, ApiError> {
    let (root, syntax) = on_pool(state, move || payload::parse_body(&body)).await?;
    if root.as_map().is_none() {
        return Err(ApiError::Invalid {
            detail: format!(
                "the body must be an object with the resume and the job, not {}",
                root.kind()
            ),
            errors: Vec::new(),
        });
    }
    let stored = match root.get("resume_id") {
        None => None,
        Some(node) => match &node.value {
            Value::Str(id) => Some(stored_body(state, tenant, id).await?),
            _ => return Err(payload::type_error("resume_id", node, "a string")),
        },
    };
    Ok(Request {
        root,
        syntax,
        stored,
    })
}

impl Request {
    /// The resume: the stored one named by `resume_id`, else the one in the body.
    fn resume(&self, today: PartialDate) -> Result<Resume, ApiError> {
        let submission = match &self.stored {
            Some(body) => payload::read_submission(body, today)?,
            None => payload::submission_of(&self.root, self.syntax, today, Whole::Refused)?,
        };
        Ok(submission.loaded.resume)
    }

    fn params(&self) -> Result<RenderParams, ApiError> {
        RenderParams::from_node(&self.root)
    }

    fn text(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.root.get(key) {
            None => Ok(None),
            Some(node) if node.is_null() => Ok(None),
            Some(node) => match &node.value {
                Value::Str(s) => Ok(Some(s.clone())),
                _ => Err(payload::type_error(key, node, "a string")),
            },
        }
    }

    /// The job: `job_description` (a string) or `job` (an object).
    fn job(&self, vocabulary: &Vocabulary) -> Result<Job, ApiError> {
        for key in ["job_description", "job"] {
            if let Some(node) = self.root.get(key).filter(|n| !n.is_null()) {
                return job_at(node, key, vocabulary);
            }
        }
        Err(missing(
            "job_description",
            "no job in the request: send the posting as `job_description` (text, HTML or JSON) \
             or `job` (a JSON Resume job object)",
        ))
    }
}

fn missing(path: &str, detail: &str) -> ApiError {
    ApiError::Invalid {
        detail: detail.to_owned(),
        errors: vec![Problem {
            path: path.to_owned(),
            line: 0,
            column: 0,
            severity: "error".into(),
            message: "missing".into(),
            hint: None,
        }],
    }
}

/// Reads the job at `path` of the body: a string holds a posting, an object a JSON job.
fn job_at(node: &Node, path: &str, vocabulary: &Vocabulary) -> Result<Job, ApiError> {
    let text = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Map(_) => node.to_json().to_string(),
        _ => return Err(payload::type_error(path, node, "a string or an object")),
    };
    job::read(&text, &Options { vocabulary })
        .map(|parsed| parsed.job)
        .map_err(|e| {
            let pos = e.pos();
            ApiError::Invalid {
                detail: format!("the job at `{path}` could not be read: {e}"),
                errors: vec![Problem {
                    path: path.to_owned(),
                    // The position is inside the posting's own text.
                    line: node.pos.line,
                    column: node.pos.column,
                    severity: "error".into(),
                    message: format!(
                        "line {}, column {} of the posting: {e}",
                        pos.line, pos.column
                    ),
                    hint: e.hint().map(str::to_owned),
                }],
            }
        })
}

fn vocabulary() -> &'static Vocabulary {
    Vocabulary::builtin()
}

/// Parses a job posting.
///
/// The body is `{"job_description": "..."}` (text, HTML or JSON as a string) or `{"job": {...}}`;
/// the answer is the job in the JSON Resume job format.
#[utoipa::path(post, path = "/v1/jobs/parse", tag = "jobs",
    request_body(content = FitRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The job, as a JSON Resume job", body = Object),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 422, description = "No job, or one that cannot be read", body = crate::error::ProblemDetails),
    ))]
pub async fn parse_job(
    State(state): State<AppState>,
    _tenant: Tenant,
    body: RawBody,
) -> Result<Json<Json_>, ApiError> {
    let json = on_pool(&state, move || {
        let (root, _) = payload::parse_body(&body)?;
        let req = Request {
            root,
            syntax: Syntax::Json,
            stored: None,
        };
        Ok(job::to_json_resume_job(&req.job(vocabulary())?))
    })
    .await?;
    Ok(Json(json))
}

#[derive(Serialize)]
pub struct AtsAnswer {
    #[serde(flatten)]
    provenance: Provenance,
    #[serde(flatten)]
    report: vitae_core::ats::AtsReport,
}

/// Scores a resume against a job like an applicant tracking system.
///
/// Five categories (format/parsing, keywords, section structure, contact, readability), each
/// with the checks passed and failed, their evidence and suggestions. Format is checked on the
/// real output: the theme is rendered and its PDF text layer read back (`"render": false` skips
/// that). With a language model configured, the model also reads the posting's keywords; those it
/// finds in the posting that the skills vocabulary lacks are scored too (`method` says so).
/// Missing keywords are split into those in the source but not in this variant, and those not
/// in the resume at all.
#[utoipa::path(post, path = "/v1/ats/check", tag = "jobs",
    request_body(content = FitRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The report: `score` (0–100), `categories`, `keywords`, `method`", body = Object),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, description = "No stored resume with that id", body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn ats_check(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<AtsAnswer>, ApiError> {
    let req = request(&state, &tenant, body).await?;
    // 1. On the pool: the posting's text, for the model.
    let (req, job_text, ai) = on_pool(&state, move || {
        let job = req.job(vocabulary())?;
        let ai = ai_allowed(&req)?;
        Ok((req, job.text(), ai))
    })
    .await?;
    // 2. The model reads the posting's keywords (verified against the posting inside).
    let keywords = match ai_switch(&state, &tenant, ai).await? {
        None if state.assistant.is_enabled() => {
            Some(state.assistant.extract_job_keywords(&job_text).await)
        }
        _ => None,
    };
    // 3. On the pool: the check, with the keywords the model found that the vocabulary lacks.
    let (report, provenance) = on_pool(&state, move || {
        let vocabulary: Cow<'static, Vocabulary> = match &keywords {
            Some(outcome) if outcome.is_llm() => {
                let k = &outcome.value;
                let names: Vec<String> =
                    k.required.iter().chain(&k.nice_to_have).cloned().collect();
                Cow::Owned(vocabulary().extended_with(&names, "From the posting"))
            }
            _ => Cow::Borrowed(vocabulary()),
        };
        let today = crate::today();
        let source = req.resume(today)?;
        let job = req.job(&vocabulary)?;
        let params = req.params()?;
        let styled = params.options(today)?;
        let (key, shown) = payload::select_variant(&source, params.variant.as_deref())?;
        let weights = weights(&req.root)?;
        let render = payload::flag(&req.root, "render")?.unwrap_or(true);
        let report = vitae_render::ats_check(&AtsRun {
            source: &source,
            shown: &shown,
            variant: &key,
            job: &job,
            vocabulary: &vocabulary,
            weights: &weights,
            render: render.then_some((&styled.render, &styled.typeset)),
        })
        .map_err(render_failed)?;
        let provenance = keywords
            .as_ref()
            .map_or_else(Provenance::deterministic, Provenance::of);
        Ok((report, provenance))
    })
    .await?;
    Ok(Json(AtsAnswer { provenance, report }))
}

/// `weights`: a `"keywords=40,format=10"` string or an object of numbers.
fn weights(root: &Node) -> Result<Weights, ApiError> {
    let Some(node) = root.get("weights").filter(|n| !n.is_null()) else {
        return Ok(Weights::default());
    };
    let text = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Map(entries) => entries
            .iter()
            .map(|e| format!("{}={}", e.key, e.value.scalar_text().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(","),
        _ => {
            return Err(payload::type_error(
                "weights",
                node,
                "a string or an object",
            ));
        }
    };
    text.parse::<Weights>()
        .map_err(|e| ApiError::BadOption(format!("weights: {e}")))
}

/// `format`: `None` for JSON (the default), else a document format.
fn document_format(req: &Request) -> Result<Option<OutputFormat>, ApiError> {
    match req.text("format")?.as_deref().map(str::trim) {
        None | Some("json") => Ok(None),
        Some(name) => output_format(name).map(Some).map_err(|e| match e {
            ApiError::UnknownPath { detail, known } => ApiError::Unknown {
                detail: format!("format: {detail}"),
                known,
            },
            other => other,
        }),
    }
}

/// A rendered document as the response, with its ETag and download name.
fn document(headers: &HeaderMap, format: OutputFormat, rendered: Rendered, stem: &str) -> Response {
    let (bytes, pages) = match rendered {
        Rendered::One(bytes) => (bytes, 1),
        Rendered::Pages(mut pages) => {
            let count = pages.len();
            (pages.swap_remove(0), count)
        }
    };
    let entry = Entry {
        etag: content_etag(&bytes),
        bytes: Arc::new(bytes),
        pages,
        filename: format!("{stem}.{}", format.extension()),
    };
    respond(format, entry, headers, false)
}

#[derive(Serialize)]
pub struct TailorAnswer {
    #[serde(flatten)]
    provenance: Provenance,
    variant_key: String,
    /// The tailored resume (native JSON): the variant's view, or the model's verified rephrasing.
    resume: Json_,
    /// Native YAML to keep: the source with the tailored variant added; when the model's
    /// rephrasing was used, the tailored resume itself (its bullets are no longer source strings).
    source_yaml: String,
    /// What deterministic tailoring chose and why (the model only rephrases that choice).
    explanation: tailor::Explanation,
    /// The check of `resume` against the source.
    verification: tailor::Verification,
}

/// Tailors a resume to a job, truthfully: bullets, skills and projects chosen and ordered by
/// relevance, the best summary picked; every string comes from the source, and the result is
/// verified against it. With a language model configured (and `"ai"` not `false`), the model
/// rephrases the summary and bullets; its output is used only when the verifier accepts it, and
/// `method`, `fallback_reason` and `rejected` say what happened.
///
/// `variant` is the variant to start from. With `format` set to a document format (pdf, docx,
/// md...) the answer is the tailored resume rendered.
#[utoipa::path(post, path = "/v1/tailor", tag = "jobs",
    request_body(content = FitRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "`variant_key`, `resume`, `source_yaml`, `explanation`, `verification`, `method`, `fallback_reason`, `rejected`, `usage`; or the document", body = Object),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn tailor(
    State(state): State<AppState>,
    tenant: Tenant,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, ApiError> {
    let req = request(&state, &tenant, body).await?;
    let today = crate::today();
    // 1. On the pool: read, tailor deterministically, verify.
    let (req, source, job, tailored, verification, ai) = on_pool(&state, move || {
        let source = req.resume(today)?;
        let job = req.job(vocabulary())?;
        let params = req.params()?;
        document_format(&req)?;
        let ai = ai_allowed(&req)?;
        let options = TailorOptions {
            starting_variant: params.variant.clone(),
            ..TailorOptions::default()
        };
        let tailored = tailor::tailor(&source, &job, vocabulary(), &options).map_err(|e| {
            ApiError::Unknown {
                detail: e.to_string(),
                known: e.known.clone(),
            }
        })?;
        let verification = tailor::verify_with(&source, &tailored.resume, vocabulary());
        if !verification.is_ok() {
            return Err(ApiError::Internal(format!(
                "tailoring produced {} unverified item(s)",
                verification.violations.len()
            )));
        }
        Ok((req, source, job, tailored, verification, ai))
    })
    .await?;
    // 2. The model, awaited without holding a thread; its output is verified inside.
    let outcome = match ai_switch(&state, &tenant, ai).await? {
        None => state.assistant.tailor(&source, &job, &tailored).await,
        Some(reason) => switched_off(tailored.resume.clone(), reason),
    };
    // 3. On the pool: the answer, rendered when asked.
    on_pool(&state, move || {
        let params = req.params()?;
        let provenance = Provenance::of(&outcome);
        let resume = outcome.value;
        if let Some(format) = document_format(&req)? {
            let styled = params.options(today)?;
            let rendered =
                vitae_render::render(&resume, format, &styled.render, &styled.typeset, styled.dpi)
                    .map_err(render_failed)?;
            let stem = format!("resume-{}", tailored.variant_key);
            return Ok(document(&headers, format, rendered, &stem));
        }
        // The deterministic view was verified in step 1; the model's is checked here for the
        // answer (the assistant already refused it on any violation).
        let verification = match provenance.method {
            Method::Llm { .. } => tailor::verify_with(&source, &resume, vocabulary()),
            Method::Deterministic => verification,
        };
        let source_yaml = match provenance.method {
            Method::Llm { .. } => format::to_native_yaml(&resume),
            Method::Deterministic => format::to_native_yaml(&tailored.to_source(&source)),
        };
        let json = serde_json::from_str(&format::to_native_json(&resume))
            .map_err(|e| ApiError::Internal(format!("native JSON: {e}")))?;
        Ok(Json(TailorAnswer {
            provenance,
            variant_key: tailored.variant_key.clone(),
            resume: json,
            source_yaml,
            explanation: tailored.explanation,
            verification,
        })
        .into_response())
    })
    .await
}

#[derive(Serialize)]
pub struct LetterAnswer {
    #[serde(flatten)]
    provenance: Provenance,
    letter: letter::Letter,
    /// The letter as plain text.
    text: String,
}

/// Writes a cover letter from the resume's best-matching achievements and the job's own facts;
/// every fact of the composed letter carries where it came from (`letter.paragraphs[].sources`).
/// With a language model configured (and `"ai"` not `false`) the model may write the body; it is
/// used only when every number, employer, skill and degree in it checks out against the resume
/// and the job.
///
/// `format`: `json` (default: the structured letter and its plain text) or a document format
/// (pdf, docx, md, txt, html, png, typ, tex), rendered in the chosen `theme`.
#[utoipa::path(post, path = "/v1/cover-letter", tag = "jobs",
    request_body(content = FitRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "`letter`, `text`, `method`, `fallback_reason`, `rejected`, `usage`; or the document", body = Object),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn cover_letter(
    State(state): State<AppState>,
    tenant: Tenant,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, ApiError> {
    let req = request(&state, &tenant, body).await?;
    let today = crate::today();
    // 1. On the pool: read, compose, verify.
    let (req, source, shown, job, composed, ai) = on_pool(&state, move || {
        let source = req.resume(today)?;
        let job = req.job(vocabulary())?;
        let params = req.params()?;
        let format = document_format(&req)?;
        if format == Some(OutputFormat::Json) {
            return Err(ApiError::BadOption(
                "a cover letter is not a JSON Resume; leave `format` out (or `json`) for the \
                 structured letter, or ask for a document format"
                    .into(),
            ));
        }
        let ai = ai_allowed(&req)?;
        let styled = params.options(today)?;
        let (_, shown) = payload::select_variant(&source, params.variant.as_deref())?;
        let options = LetterOptions {
            date: styled.typeset.date,
            recipient_name: req.text("recipient_name")?,
            company_name: req.text("company_name")?,
            ..LetterOptions::default()
        };
        let composed = letter::compose(&source, &shown, &job, vocabulary(), &options);
        let violations = letter::verify_letter_with(&source, &job, &composed, vocabulary());
        if !violations.is_empty() {
            return Err(ApiError::Internal(format!(
                "the composed letter has {} unverified claim(s)",
                violations.len()
            )));
        }
        Ok((req, source, shown, job, composed, ai))
    })
    .await?;
    // 2. The model may write the body; verified inside, the composed letter otherwise.
    let outcome = match ai_switch(&state, &tenant, ai).await? {
        None => {
            state
                .assistant
                .cover_letter_body(&source, &shown, &job, &composed)
                .await
        }
        Some(reason) => switched_off(composed, reason),
    };
    // 3. On the pool: the answer, rendered.
    on_pool(&state, move || {
        let styled = req.params()?.options(today)?;
        let provenance = Provenance::of(&outcome);
        let letter = outcome.value;
        let render = |format| {
            vitae_render::render_letter(
                &shown,
                &letter,
                format,
                &styled.render,
                &styled.typeset,
                styled.dpi,
            )
            .map_err(render_failed)
        };
        if let Some(format) = document_format(&req)? {
            let rendered = render(format)?;
            return Ok(document(&headers, format, rendered, "cover-letter"));
        }
        let text = match render(OutputFormat::Txt)? {
            Rendered::One(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Rendered::Pages(_) => String::new(),
        };
        Ok(Json(LetterAnswer {
            provenance,
            letter,
            text,
        })
        .into_response())
    })
    .await
}

#[derive(Serialize)]
pub struct MatchAnswer {
    #[serde(flatten)]
    provenance: Provenance,
    /// Best first; `index` is the job's position in `jobs`.
    ranked: Vec<rank::Ranked>,
}

/// Ranks jobs for a resume: each with a 0–100 score and the reasons for it.
///
/// `jobs` is an array of postings (strings: text, HTML or JSON) or JSON Resume job objects.
#[utoipa::path(post, path = "/v1/match", tag = "jobs",
    request_body(content = FitRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "`ranked`: best first, each with `index`, `score`, `reasons`", body = Object),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn match_jobs(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<MatchAnswer>, ApiError> {
    let req = request(&state, &tenant, body).await?;
    let ranked = on_pool(&state, move || {
        let today = crate::today();
        let source = req.resume(today)?;
        let params = req.params()?;
        let (_, shown) = payload::select_variant(&source, params.variant.as_deref())?;
        let Some(list) = req.root.get("jobs") else {
            return Err(missing(
                "jobs",
                "no `jobs` in the request: send an array of postings",
            ));
        };
        let Value::Seq(items) = &list.value else {
            return Err(payload::type_error("jobs", list, "an array of postings"));
        };
        let jobs = items
            .iter()
            .enumerate()
            .map(|(i, node)| job_at(node, &format!("jobs[{i}]"), vocabulary()))
            .collect::<Result<Vec<Job>, ApiError>>()?;
        let profile = Profile::new(&source, &shown, vocabulary()).with_today(today);
        Ok(rank::rank(
            &profile,
            &jobs,
            vocabulary(),
            &RankOptions::default(),
        ))
    })
    .await?;
    Ok(Json(MatchAnswer {
        provenance: Provenance::deterministic(),
        ranked,
    }))
}
