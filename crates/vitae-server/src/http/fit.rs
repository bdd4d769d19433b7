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
use super::wire;
use crate::AppState;
use crate::auth::Tenant;
use crate::cache::Entry;
use crate::error::{ApiError, Problem};
use crate::payload::{self, RawBody, RenderParams, Whole};
use crate::pool::JobKind;
use crate::render::{content_etag, on_pool, render_failed, respond};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json_;
use std::borrow::Cow;
use std::sync::Arc;
use utoipa::ToSchema;
use vitae_app::ats::{AtsCheck, AtsOptions};
use vitae_app::letter::{LetterOptions, Lettering};
use vitae_app::matching::{self, MatchOptions, PREFERENCES, Preference, SalaryFloor};
use vitae_app::package::{PackageOptions, Packaging};
use vitae_app::tailor::{TailorOptions, Tailoring};
use vitae_app::{Ai, AppError, Provenance, Style, Vocabulary};
use vitae_core::PartialDate;
use vitae_core::format::Syntax;
use vitae_core::model::Resume;
use vitae_core::node::{Node, Value};
use vitae_render::{OutputFormat, Rendered};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/jobs/parse", post(parse_job))
        .route("/v1/ats/check", post(ats_check))
        .route("/v1/tailor", post(tailor))
        .route("/v1/cover-letter", post(cover_letter))
        .route("/v1/cover-letter/check", post(check_letter))
        .route("/v1/match", post(match_jobs))
        .route("/v1/package", post(package))
}

/// Whether the model may help with this request: not when the request says `"ai": false`, nor
/// when the tenant switched it off (`PUT /v1/settings`).
async fn ai<'s>(state: &'s AppState, tenant: &Tenant, requested: bool) -> Result<Ai<'s>, ApiError> {
    if !requested {
        return Ok(Ai::Off(
            "the request switched the language model off (\"ai\": false)",
        ));
    }
    if !state.store.settings(&tenant.id).await?.ai_enabled {
        return Ok(Ai::Off(
            "this tenant switched the language model off (PUT /v1/settings)",
        ));
    }
    Ok(Ai::Ask(&state.assistant))
}

// The request schemas below document what each handler reads. The handlers read the body with
// the located parser (so an error points at its line and column), not through these structs;
// `vitae-cli/tests/parity.rs` keeps each one equal to its command's options.

/// The resume: one of `resume_data` (native), `json_resume`, `resume` (any format, detected) or
/// `resume_id` (a stored resume of this tenant).
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct ResumeInput {
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
}

/// The posting: `job_description` or `job`, read with the built-in skills vocabulary and the
/// request's `skills`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct PostingInput {
    /// The job posting as text, HTML or JSON (a JSON Resume job or a schema.org JobPosting).
    job_description: Option<String>,
    /// The job as a JSON Resume job object.
    #[schema(value_type = Option<Object>)]
    job: Option<Json_>,
    /// Extra skills and spellings, as the YAML of vitae's `data/skills.yaml` (entries with
    /// `name`, `category`, `aliases`), added to the built-in vocabulary for this request.
    skills: Option<String>,
    /// Treat warnings as errors (422): a resume with no contact line or a date that is no date,
    /// a posting in which no job is found, a JSON job's field that cannot be read.
    strict: Option<bool>,
}

/// What every single-posting job-fit request carries: the resume, the posting, the variant and
/// render options (`variant` is the one to check, tailor from, or draw the letter from; the rest
/// style a rendered answer), and whether the model may help.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct FitInput {
    #[serde(flatten)]
    resume: ResumeInput,
    #[serde(flatten)]
    posting: PostingInput,
    #[serde(flatten)]
    style: RenderParams,
    /// `false` keeps the language model out of this request.
    ai: Option<bool>,
}

/// `POST /v1/jobs/parse`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct ParseJobRequest {
    #[serde(flatten)]
    posting: PostingInput,
}

/// `POST /v1/ats/check`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct AtsCheckRequest {
    #[serde(flatten)]
    input: FitInput,
    /// Category weights, `"keywords=40,format=10"` or `{"keywords": 40}` (format, keywords,
    /// sections, contact, readability); the rest keep their defaults, the total is scaled to 100.
    #[schema(value_type = Option<Object>)]
    weights: Option<Json_>,
    /// Render the theme and read the PDF's text layer back (default true).
    render: Option<bool>,
}

/// `POST /v1/tailor`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct TailorRequest {
    #[serde(flatten)]
    input: FitInput,
    /// Bullets per job at most (default: the starting variant's cap, else 4).
    max_bullets: Option<u32>,
    /// Projects at most (default 3); only projects that match the job are chosen.
    max_projects: Option<u32>,
    /// The key of the new variant (default: `tailored-<title>-<company>`).
    key: Option<String>,
    /// `json` (default) or a document format (pdf, docx, md, txt, html...), returned as the
    /// document itself.
    format: Option<String>,
}

/// `POST /v1/cover-letter`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct LetterRequest {
    #[serde(flatten)]
    input: FitInput,
    /// Whom to address ("Ms. Chen"); default: the hiring team.
    recipient_name: Option<String>,
    /// The company, when the posting does not name it (or names it differently).
    company_name: Option<String>,
    /// The candidate's own sentence about why this company, quoted as written after the opening.
    why: Option<String>,
    /// The document format of `content` (md, the default; pdf, docx, txt, html, png, typ,
    /// tex; `json` is md). The answer is JSON with the document in `content` (binary formats in
    /// base64), as resume-cli's API answered; a request whose `Accept` names the format's media
    /// type (`application/pdf`) gets the document itself.
    format: Option<String>,
}

/// `POST /v1/cover-letter/check`: a letter body as the person edited it.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct LetterCheckRequest {
    #[serde(flatten)]
    input: FitInput,
    /// Whom the letter addresses, as for `/v1/cover-letter`.
    recipient_name: Option<String>,
    /// The company, as for `/v1/cover-letter`.
    company_name: Option<String>,
    /// Why this company, as for `/v1/cover-letter`.
    why: Option<String>,
    /// The letter's body paragraphs, in order, as edited.
    paragraphs: Vec<String>,
}

/// `POST /v1/package`: what `vitae package` takes.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct PackageRequest {
    #[serde(flatten)]
    input: FitInput,
    /// Bullets per job at most (default: the starting variant's cap, else 4).
    max_bullets: Option<u64>,
    /// Projects at most (default 3); only projects that match the job are chosen.
    max_projects: Option<u64>,
    /// The key of the tailored variant (default: `tailored-<title>-<company>`).
    key: Option<String>,
    /// Whom the letter addresses ("Ms. Chen"); default: the hiring team.
    recipient_name: Option<String>,
    /// The company, when the posting does not name it (or names it differently).
    company_name: Option<String>,
    /// The candidate's own sentence about why this company, quoted as written.
    why: Option<String>,
}

/// `POST /v1/match`.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct MatchRequest {
    #[serde(flatten)]
    resume: ResumeInput,
    /// The postings, each a string (text, HTML or JSON) or a JSON Resume job object.
    #[schema(value_type = Vec<Object>)]
    jobs: Vec<Json_>,
    /// Extra skills and spellings (YAML), as in the other job-fit requests.
    skills: Option<String>,
    /// The variant to match (key or short name); default: the source's default variant.
    variant: Option<String>,
    /// Keep only the best N.
    top: Option<u32>,
    /// What the candidate wants of a job besides fitting it: `remote`, `hybrid`, `on-site`,
    /// `senior`, `junior`, `manager`, `full-time`, `part-time`, `contract`. They share 15 of the
    /// 100 points (reason `preferences`).
    prefer: Option<Vec<String>>,
    /// Postings that say any of these words or phrases (whole words, any case) are left out,
    /// and listed in `excluded`.
    exclude_keywords: Option<Vec<String>>,
    /// The least pay the candidate will take: a number (a year's pay) or a string
    /// (`"120k"`, `"€60,000"`, `"USD 50/hour"`). Postings whose stated pay is all under it,
    /// as a full-time year in the same currency, are left out and listed in `excluded`;
    /// postings that state no pay, or pay in another currency, are kept.
    #[schema(value_type = Option<String>)]
    min_salary: Option<Json_>,
    /// Treat warnings as errors (422), in the resume and in every posting.
    strict: Option<bool>,
}

/// A request body read as a tree (on the pool), with the stored resume it names fetched.
struct Request {
    root: Node,
    syntax: Syntax,
    stored: Option<RawBody>,
}

async fn request(state: &AppState, tenant: &Tenant, body: RawBody) -> Result<Request, ApiError> {
    let (root, syntax) = on_pool(state, tenant, "read-fit-request", move || {
        payload::parse_body(&body)
    })
    .await?;
    if root.as_map().is_none() {
        return Err(ApiError::Invalid {
            detail: format!(
                "the body must be an object with the resume and the job, not {}",
                root.kind()
            ),
            errors: Vec::new(),
        });
    }
    // Null is absent, as for every other optional field (`payload::text`).
    let stored = match payload::text(&root, "resume_id")? {
        None => None,
        Some(id) => Some(stored_body(state, tenant, &id).await?),
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
        if self.strict()? && !submission.warnings.is_empty() {
            return Err(ApiError::Invalid {
                detail: "the resume has warnings, and `strict` makes them errors".into(),
                errors: submission
                    .warnings
                    .into_iter()
                    .map(|p| Problem {
                        severity: "error".into(),
                        ..p
                    })
                    .collect(),
            });
        }
        Ok(submission.loaded.resume)
    }

    /// `strict`: warnings are errors.
    fn strict(&self) -> Result<bool, ApiError> {
        Ok(payload::flag(&self.root, "strict")?.unwrap_or(false))
    }

    /// Under `strict`, a posting's warnings refuse the request (422), each placed at the
    /// posting in the body.
    fn refuse_posting_warnings(
        &self,
        posting: &Posting<'_>,
        diagnostics: &vitae_core::Diagnostics,
    ) -> Result<(), ApiError> {
        if !self.strict()? || diagnostics.is_empty() {
            return Ok(());
        }
        Err(ApiError::Invalid {
            detail: format!(
                "the job at `{}` has warnings, and `strict` makes them errors",
                posting.path
            ),
            errors: diagnostics
                .iter()
                .map(|d| {
                    posting.problem(
                        Problem::from_diagnostic(d, &posting.path).path,
                        (d.line, d.column),
                        &d.message,
                        d.hint.clone(),
                    )
                })
                .collect(),
        })
    }

    fn params(&self) -> Result<RenderParams, ApiError> {
        RenderParams::from_node(&self.root)
    }

    /// The render options, as the use cases take them.
    fn style(&self, today: PartialDate) -> Result<Style, ApiError> {
        Ok(self.params()?.options(today)?.style)
    }

    fn text(&self, key: &str) -> Result<Option<String>, ApiError> {
        payload::text(&self.root, key)
    }

    /// A list of strings (an array, or one string for a list of one), empty when absent.
    fn strings(&self, key: &str) -> Result<Vec<String>, ApiError> {
        let Some(node) = self.root.get(key).filter(|n| !n.is_null()) else {
            return Ok(Vec::new());
        };
        let wrong = || payload::type_error(key, node, "a list of strings");
        match &node.value {
            Value::Str(s) => Ok(vec![s.clone()]),
            Value::Seq(items) => items
                .iter()
                .map(|item| match &item.value {
                    Value::Str(s) => Ok(s.clone()),
                    _ => Err(wrong()),
                })
                .collect(),
            _ => Err(wrong()),
        }
    }

    /// A salary floor: a number (a year's pay) or an amount as people write one.
    fn salary_floor(&self, key: &str) -> Result<Option<SalaryFloor>, ApiError> {
        let Some(node) = self.root.get(key).filter(|n| !n.is_null()) else {
            return Ok(None);
        };
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => f.to_string(),
            _ => {
                return Err(payload::type_error(
                    key,
                    node,
                    "an amount (a number, or a string such as \"120k USD\")",
                ));
            }
        };
        text.parse::<SalaryFloor>()
            .map(Some)
            .map_err(|message| ApiError::Invalid {
                detail: format!("`{key}`: {message}"),
                errors: vec![Problem {
                    path: key.to_owned(),
                    line: node.pos.line,
                    column: node.pos.column,
                    severity: "error".into(),
                    message,
                    hint: None,
                }],
            })
    }

    /// A whole number from 0, for counts such as `max_bullets` and `top`.
    fn count(&self, key: &str) -> Result<Option<usize>, ApiError> {
        let Some(node) = self.root.get(key).filter(|n| !n.is_null()) else {
            return Ok(None);
        };
        match node.value {
            Value::Int(n) => usize::try_from(n)
                .map(Some)
                .map_err(|_| payload::type_error(key, node, "a whole number from 0")),
            _ => Err(payload::type_error(key, node, "a whole number from 0")),
        }
    }

    /// The built-in vocabulary, extended with the request's `skills` (YAML) when given.
    fn vocabulary(&self) -> Result<Cow<'static, Vocabulary>, ApiError> {
        let skills = self.text("skills")?;
        vitae_app::posting::vocabulary(skills.as_deref()).map_err(|diags| {
            // The problems' positions are inside the YAML text; the body position is the field's.
            let at = self.root.get("skills").map(|n| n.pos).unwrap_or_default();
            ApiError::Invalid {
                detail: "the skills in `skills` have errors; nothing was added".into(),
                errors: diags
                    .iter()
                    .map(|d| Problem {
                        line: at.line,
                        column: at.column,
                        message: format!(
                            "line {}, column {} of the skills: {}",
                            d.line, d.column, d.message
                        ),
                        ..Problem::from_diagnostic(d, "skills")
                    })
                    .collect(),
            }
        })
    }

    /// The posting: `job_description` (a string) or `job` (an object), with where it sits.
    fn posting(&self) -> Result<Posting<'_>, ApiError> {
        // As documented: `job_description` is a string, `job` an object (a list of postings,
        // `/v1/match`'s `jobs`, takes either).
        for (key, wanted) in [("job_description", "a string"), ("job", "an object")] {
            if let Some(node) = self.root.get(key).filter(|n| !n.is_null()) {
                let fits = match &node.value {
                    Value::Str(_) => key == "job_description",
                    Value::Map(_) => key == "job",
                    _ => false,
                };
                if !fits {
                    return Err(payload::type_error(key, node, wanted));
                }
                return Posting::at(node, key.to_owned());
            }
        }
        Err(missing(
            "job_description",
            "no job in the request: send the posting as `job_description` (text, HTML or JSON) \
             or `job` (a JSON Resume job object)",
        ))
    }

    /// `/v1/tailor`'s and `/v1/package`'s options: the starting variant, the caps, the key.
    /// The letter a request asks for, composed and verified (`/v1/cover-letter` and its check
    /// read the same options, so an edited body is checked against the letter it came from).
    fn lettering(&self, posting: &Posting<'_>, today: PartialDate) -> Result<Lettering, ApiError> {
        let options = LetterOptions {
            variant: self.params()?.variant,
            recipient: self.text("recipient_name")?,
            why: self.text("why")?,
            company: self.text("company_name")?,
            date: self.style(today)?.typeset.date,
            locale: self.text("locale")?,
        };
        Lettering::prepare(
            self.resume(today)?,
            &posting.text,
            self.vocabulary()?,
            &options,
        )
        .map_err(|e| failed(e, std::slice::from_ref(posting)))
    }

    fn tailor_options(&self) -> Result<TailorOptions, ApiError> {
        let defaults = TailorOptions::default();
        Ok(TailorOptions {
            variant: self.params()?.variant,
            max_bullets: self.count("max_bullets")?,
            max_projects: self.count("max_projects")?.unwrap_or(defaults.max_projects),
            key: self.text("key")?,
        })
    }

    /// Whether the request lets the language model help (`"ai": false` switches it off).
    fn ai(&self) -> Result<bool, ApiError> {
        Ok(payload::flag(&self.root, "ai")?.unwrap_or(true))
    }
}

/// A posting in the body: its text, and the node and path it came from, to place its errors.
struct Posting<'a> {
    text: String,
    node: &'a Node,
    path: String,
}

impl AsRef<str> for Posting<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl<'a> Posting<'a> {
    /// A string holds a posting, an object a JSON job.
    fn at(node: &'a Node, path: String) -> Result<Posting<'a>, ApiError> {
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Map(_) => node.to_json().to_string(),
            _ => return Err(payload::type_error(&path, node, "a string or an object")),
        };
        Ok(Posting { text, node, path })
    }

    /// A problem at `at` (line, column) inside the posting's own text, named by `path`: it is
    /// placed in the body at the posting's field, and says where in the posting it is.
    fn problem(
        &self,
        path: String,
        at: (u32, u32),
        message: &dyn std::fmt::Display,
        hint: Option<String>,
    ) -> Problem {
        Problem {
            path,
            line: self.node.pos.line,
            column: self.node.pos.column,
            severity: "error".into(),
            message: format!("line {}, column {} of the posting: {message}", at.0, at.1),
            hint,
        }
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

/// A use case's error as the answer, a posting's problem placed in the body (the rest as
/// [`ApiError::from`] maps them).
fn failed(error: AppError, postings: &[Posting<'_>]) -> ApiError {
    match error {
        AppError::Posting { index, error } => {
            let Some(posting) = postings.get(index.unwrap_or(0)) else {
                return ApiError::failed("an error names a posting that was not sent", error);
            };
            let pos = error.pos();
            ApiError::Invalid {
                detail: format!("the job at `{}` could not be read: {error}", posting.path),
                errors: vec![posting.problem(
                    posting.path.clone(),
                    (pos.line, pos.column),
                    &error,
                    error.hint().map(str::to_owned),
                )],
            }
        }
        other => ApiError::from(other),
    }
}

/// Parses a job posting.
///
/// The body is `{"job_description": "..."}` (text, HTML or JSON as a string) or `{"job": {...}}`;
/// the answer is the job in the JSON Resume job format.
#[utoipa::path(post, path = "/v1/jobs/parse", tag = "jobs",
    request_body(content = ParseJobRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The job, as a JSON Resume job", body = wire::JobBody),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 422, description = "No job, or one that cannot be read", body = crate::error::ProblemDetails),
    ))]
pub async fn parse_job(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<wire::JobBody>, ApiError> {
    let json = on_pool(&state, &tenant, "parse-job", move || {
        let (root, _) = payload::parse_body(&body)?;
        let req = Request {
            root,
            syntax: Syntax::Json,
            stored: None,
        };
        let posting = req.posting()?;
        let read = vitae_app::posting::read(&posting.text, &*req.vocabulary()?)
            .map_err(|e| failed(e, std::slice::from_ref(&posting)))?;
        req.refuse_posting_warnings(&posting, &read.diagnostics)?;
        wire::reshape(&read.to_json_resume_job())
    })
    .await?;
    Ok(Json(json))
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
    request_body(content = AtsCheckRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The report: `score` (0–100), `categories`, `keywords`, `method`", body = wire::AtsBody),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, description = "No stored resume with that id", body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn ats_check(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<wire::AtsBody>, ApiError> {
    let req = Arc::new(request(&state, &tenant, body).await?);
    let today = crate::today();
    // 1. On the pool: read everything and parse every option.
    let (check, allowed) = on_pool(&state, &tenant, "ats-prepare", {
        let req = Arc::clone(&req);
        move || {
            let posting = req.posting()?;
            let options = AtsOptions {
                variant: req.params()?.variant,
                weights: weights(&req.root)?,
                render: payload::flag(&req.root, "render")?.unwrap_or(true),
                style: req.style(today)?,
            };
            let check = AtsCheck::prepare(
                req.resume(today)?,
                posting.text.clone(),
                req.vocabulary()?,
                options,
            )
            .map_err(|e| failed(e, std::slice::from_ref(&posting)))?;
            req.refuse_posting_warnings(&posting, &check.posting_diagnostics)?;
            Ok((check, req.ai()?))
        }
    })
    .await?;
    // 2. The model reads the posting's keywords, awaited without holding a thread.
    let keywords = check.consult(ai(&state, &tenant, allowed).await?).await;
    // 3. On the pool: the check.
    let answer = on_pool(&state, &tenant, "ats-finish", move || {
        let posting = req.posting()?;
        let answer = check
            .finish(keywords)
            .map_err(|e| failed(e, std::slice::from_ref(&posting)))?;
        wire::reshape(&answer)
    })
    .await?;
    Ok(Json(answer))
}

/// `weights`: a `"keywords=40,format=10"` string or an object of numbers.
fn weights(root: &Node) -> Result<Option<String>, ApiError> {
    let Some(node) = root.get("weights").filter(|n| !n.is_null()) else {
        return Ok(None);
    };
    match &node.value {
        Value::Str(s) => Ok(Some(s.clone())),
        Value::Map(entries) => Ok(Some(
            entries
                .iter()
                .map(|e| format!("{}={}", e.key, e.value.scalar_text().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(","),
        )),
        _ => Err(payload::type_error(
            "weights",
            node,
            "a string or an object",
        )),
    }
}

/// The pool's kind for a job that answers in the format asked for: a rendered PDF and a JSON
/// answer take very different times, so each format is timed apart.
fn finish_kind(step: &'static str, req: &Request) -> JobKind {
    match document_format(req) {
        Ok(Some(format)) => format!("{step}-{}", format.name()).into(),
        _ => step.into(),
    }
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

/// Tailors a resume to a job, truthfully: bullets, skills and projects chosen and ordered by
/// relevance, the best summary picked; every string comes from the source, and the result is
/// verified against it. With a language model configured (and `"ai"` not `false`), the model
/// rephrases the summary and bullets; its output is used only when the verifier accepts it, and
/// `method`, `fallback_reason` and `rejected` say what happened.
///
/// `variant` is the variant to start from; `max_bullets`, `max_projects` and `key` are the CLI's
/// `--max-bullets`, `--max-projects` and `--key`. With `format` set to a document format (pdf,
/// docx, md...) the answer is the tailored resume rendered.
#[utoipa::path(post, path = "/v1/tailor", tag = "jobs",
    request_body(content = TailorRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The tailored resume, what was chosen and why, and its verification (JSON); or the document in the asked format", body = wire::TailorBody),
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
    let req = Arc::new(request(&state, &tenant, body).await?);
    let today = crate::today();
    // 1. On the pool: read, tailor deterministically, verify.
    let (tailoring, allowed) = on_pool(&state, &tenant, "tailor-prepare", {
        let req = Arc::clone(&req);
        move || {
            let posting = req.posting()?;
            document_format(&req)?;
            let options = req.tailor_options()?;
            let tailoring = Tailoring::prepare(
                req.resume(today)?,
                &posting.text,
                req.vocabulary()?,
                &options,
            )
            .map_err(|e| failed(e, std::slice::from_ref(&posting)))?;
            req.refuse_posting_warnings(&posting, &tailoring.posting_diagnostics)?;
            Ok((tailoring, req.ai()?))
        }
    })
    .await?;
    // 2. The model, awaited without holding a thread; its output is verified inside.
    let outcome = tailoring.consult(ai(&state, &tenant, allowed).await?).await;
    // 3. On the pool: the answer, rendered when asked.
    on_pool(
        &state,
        &tenant,
        finish_kind("tailor-finish", &req),
        move || {
            if let Some(format) = document_format(&req)? {
                let (key, resume) = tailoring.finish_resume(outcome);
                let style = req.style(today)?;
                let rendered =
                    vitae_render::render(&resume, format, &style.render, &style.typeset, style.dpi)
                        .map_err(render_failed)?;
                return Ok(document(
                    &headers,
                    format,
                    rendered,
                    &format!("resume-{key}"),
                ));
            }
            let answer = tailoring.finish(outcome);
            let body = wire::reshape::<wire::TailorBody>(&answer)?;
            Ok(Json(wire::with_resume_fields(body)?).into_response())
        },
    )
    .await
}

/// `/v1/cover-letter`'s answer before it takes its wire shape.
#[derive(Serialize)]
struct LetterJson<'a, L> {
    #[serde(flatten)]
    provenance: &'a Provenance,
    letter: &'a L,
    text: String,
    content: String,
    format: &'static str,
    company: &'a str,
    position: &'a str,
}

/// Writes a cover letter from the resume's best-matching achievements and the job's own facts;
/// every fact of the composed letter carries where it came from (`letter.paragraphs[].sources`).
/// With a language model configured (and `"ai"` not `false`) the model may write the body; it is
/// used only when every number, employer, skill and degree in it checks out against the resume
/// and the job.
///
/// The answer is JSON: the structured letter, its plain text, and the letter as a document in
/// `format` under `content` (md by default; pdf, docx, txt, html, png, typ, tex, rendered in the
/// chosen `theme`; binary formats in base64; PNG its first page), with `company` and `position`,
/// as resume-cli's API answered. A request whose `Accept` names the format's media type
/// (`application/pdf`) gets the document itself.
#[utoipa::path(post, path = "/v1/cover-letter", tag = "jobs",
    request_body(content = LetterRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The structured letter, its plain text, the document in `content` and how it was written (JSON); or, when Accept names the format's media type, the document itself", body = wire::LetterBody),
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
    let req = Arc::new(request(&state, &tenant, body).await?);
    let today = crate::today();
    // 1. On the pool: read, compose, verify.
    let (lettering, allowed) = on_pool(&state, &tenant, "letter-prepare", {
        let req = Arc::clone(&req);
        move || {
            let posting = req.posting()?;
            if document_format(&req)? == Some(OutputFormat::Json) {
                return Err(ApiError::BadOption(
                    "a cover letter is not a JSON Resume; leave `format` out (or `json`) for the \
                     structured letter, or ask for a document format"
                        .into(),
                ));
            }
            let lettering = req.lettering(&posting, today)?;
            req.refuse_posting_warnings(&posting, &lettering.posting_diagnostics)?;
            Ok((lettering, req.ai()?))
        }
    })
    .await?;
    // 2. The model may write the body; verified inside, the composed letter otherwise.
    let outcome = lettering.consult(ai(&state, &tenant, allowed).await?).await;
    // 3. On the pool: the answer, rendered.
    on_pool(
        &state,
        &tenant,
        finish_kind("letter-finish", &req),
        move || {
            let style = req.style(today)?;
            let answer = lettering.finish(outcome);
            let failed = |e| failed(e, &[]);
            // resume-cli's API answered JSON whatever the `format` (md by default), the document
            // inside as `content`; the document itself goes to a client whose Accept names it.
            let format = document_format(&req)?.unwrap_or(OutputFormat::Md);
            let rendered = answer.render(format, &style).map_err(failed)?;
            let accept = headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if crate::media::names_exactly(accept, format.media_type()) {
                return Ok(document(&headers, format, rendered, "cover-letter"));
            }
            let content = match rendered {
                Rendered::One(bytes) if format.is_text() => String::from_utf8(bytes)
                    .map_err(|e| ApiError::failed("a text cover letter that is not UTF-8", e))?,
                Rendered::One(bytes) => base64::engine::general_purpose::STANDARD.encode(bytes),
                Rendered::Pages(pages) => pages
                    .first()
                    .map(|p| base64::engine::general_purpose::STANDARD.encode(p))
                    .unwrap_or_default(),
            };
            let json = LetterJson {
                text: answer.text(&style).map_err(failed)?,
                provenance: &answer.provenance,
                letter: &answer.letter,
                content,
                format: format.name(),
                company: answer.company.as_deref().unwrap_or_default(),
                position: answer.position.as_deref().unwrap_or_default(),
            };
            let mut response = Json(wire::reshape::<wire::LetterBody>(&json)?).into_response();
            // The answer is JSON or the document depending on Accept: caches must key on it.
            response
                .headers_mut()
                .insert(axum::http::header::VARY, HeaderValue::from_static("accept"));
            Ok(response)
        },
    )
    .await
}

/// What an edited letter says that the resume and the job do not support.
#[derive(Serialize, ToSchema)]
pub struct LetterCheckBody {
    /// Each unsupported claim, at `paragraphs[i]` with the words as written (`found`); empty
    /// when every number, employer, skill and degree checks out.
    pub violations: Vec<wire::Violation>,
}

/// Checks a cover letter's body after the person edited it, with the checks a model-written
/// body gets: every number, employer, skill and degree must be the resume's (the job's only
/// where the letter quotes it). Nothing is refused: the findings are for the editor to flag.
#[utoipa::path(post, path = "/v1/cover-letter/check", tag = "jobs",
    request_body(content = LetterCheckRequest, content_type = "application/json"),
    responses(
        (status = 200, body = LetterCheckBody),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn check_letter(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<LetterCheckBody>, ApiError> {
    let req = request(&state, &tenant, body).await?;
    let today = crate::today();
    on_pool(&state, &tenant, "check-letter", move || {
        let posting = req.posting()?;
        let paragraphs = req.strings("paragraphs")?;
        if paragraphs.is_empty() {
            return Err(missing(
                "paragraphs",
                "the letter's body paragraphs to check, in order",
            ));
        }
        let found = req.lettering(&posting, today)?.check_edited(&paragraphs);
        Ok(Json(LetterCheckBody {
            violations: wire::reshape(&found)?,
        }))
    })
    .await
}

/// Ranks jobs for a resume: each with a 0–100 score and the reasons for it.
///
/// `jobs` is an array of postings (strings: text, HTML or JSON) or JSON Resume job objects;
/// `top` keeps only the best N.
#[utoipa::path(post, path = "/v1/match", tag = "jobs",
    request_body(content = MatchRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "`ranked`: best first, each with `index`, `score`, `reasons`", body = wire::MatchBody),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn match_jobs(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Json<wire::MatchBody>, ApiError> {
    let req = request(&state, &tenant, body).await?;
    let answer = on_pool(&state, &tenant, "match", move || {
        let today = crate::today();
        let source = req.resume(today)?;
        let Some(list) = req.root.get("jobs") else {
            return Err(missing(
                "jobs",
                "no `jobs` in the request: send an array of postings",
            ));
        };
        let Value::Seq(items) = &list.value else {
            return Err(payload::type_error("jobs", list, "an array of postings"));
        };
        let postings = items
            .iter()
            .enumerate()
            .map(|(i, node)| Posting::at(node, format!("jobs[{i}]")))
            .collect::<Result<Vec<_>, ApiError>>()?;
        let prefer = req
            .strings("prefer")?
            .iter()
            .flat_map(|s| s.split(','))
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                s.parse::<Preference>().map_err(|detail| ApiError::Unknown {
                    detail: format!("prefer: {detail}"),
                    known: PREFERENCES.split(", ").map(str::to_owned).collect(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let options = MatchOptions {
            variant: req.params()?.variant,
            top: req.count("top")?,
            prefer,
            exclude_keywords: req.strings("exclude_keywords")?,
            min_salary: req.salary_floor("min_salary")?,
        };
        let answer = matching::rank(&source, &postings, &*req.vocabulary()?, &options, today)
            .map_err(|e| failed(e, &postings))?;
        for (posting, diagnostics) in postings.iter().zip(&answer.posting_diagnostics) {
            req.refuse_posting_warnings(posting, diagnostics)?;
        }
        wire::reshape(&answer)
    })
    .await?;
    Ok(Json(answer))
}

/// Everything one application needs, as a zip archive: the resume tailored to the job (PDF, DOCX
/// and its native YAML), a cover letter (PDF), the ATS report of the tailored resume (JSON) and
/// the job as read (JSON Resume job), in a folder `<company>-<date>/`. The options are
/// `/v1/tailor`'s and `/v1/cover-letter`'s; with a language model configured (and `"ai"` not
/// `false`) the model may write the letter's body, verified like `/v1/cover-letter`'s. The
/// `X-Ats-Score`, `X-Variant` and `X-Letter-Method` headers summarise the package.
#[utoipa::path(post, path = "/v1/package", tag = "jobs",
    request_body(content = PackageRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The package as a zip archive, with Content-Disposition", content_type = "application/zip", body = Vec<u8>),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 503, body = crate::error::ProblemDetails),
    ))]
pub async fn package(
    State(state): State<AppState>,
    tenant: Tenant,
    body: RawBody,
) -> Result<Response, ApiError> {
    let req = Arc::new(request(&state, &tenant, body).await?);
    let today = crate::today();
    // 1. On the pool: read, tailor, compose the letter, render the resume.
    let (packaging, allowed, date) = on_pool(&state, &tenant, "package-prepare", {
        let req = Arc::clone(&req);
        move || {
            let posting = req.posting()?;
            let style = req.style(today)?;
            let date = style.typeset.date.unwrap_or(today);
            let tailor = req.tailor_options()?;
            let letter = LetterOptions {
                variant: None,
                recipient: req.text("recipient_name")?,
                why: req.text("why")?,
                company: req.text("company_name")?,
                date: Some(date),
                locale: req.text("locale")?,
            };
            let options = PackageOptions {
                tailor,
                letter,
                style,
            };
            let packaging = Packaging::prepare(
                req.resume(today)?,
                &posting.text,
                req.vocabulary()?,
                options,
            )
            .map_err(|e| failed(e, std::slice::from_ref(&posting)))?;
            req.refuse_posting_warnings(&posting, &packaging.posting_diagnostics)?;
            Ok((packaging, req.ai()?, date))
        }
    })
    .await?;
    // 2. The model may write the letter's body, awaited without holding a thread.
    let letter = packaging.consult(ai(&state, &tenant, allowed).await?).await;
    // 3. On the pool: the letter, the ATS report, the archive.
    on_pool(&state, &tenant, "package-finish", move || {
        let package = packaging.finish(letter).map_err(|e| failed(e, &[]))?;
        let bytes = package.zip(date).map_err(|e| failed(e, &[]))?;
        let mut response = (StatusCode::OK, bytes).into_response();
        let h = response.headers_mut();
        let mut put = |name: &'static str, value: String| {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(HeaderName::from_static(name), v);
            }
        };
        put("content-type", "application/zip".into());
        put(
            "content-disposition",
            crate::media::attachment(&format!("{}.zip", package.folder(date))),
        );
        put("x-ats-score", format!("{:.1}", package.score));
        put("x-variant", package.variant_key.clone());
        let method = if package.letter.is_llm() {
            "llm"
        } else {
            "deterministic"
        };
        put("x-letter-method", method.into());
        Ok(response)
    })
    .await
}
