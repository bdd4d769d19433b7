//! `/v1/applications`, `/v1/analytics/{view}` and `/v1/offers`: the job search, private to the
//! key's tenant, through `vitae_app::tracker` (the CLI's `apply`, `track`, `analyze` and
//! `offer` run the same use cases).
//!
//! Every application and offer carries the ETag `"a<version>"` (`"o<version>"`); `PATCH`,
//! `PUT` and status moves take it in `If-Match` and a stale one gets 412, so of several
//! concurrent writers one wins and none overwrites another. Another tenant's ids answer 404.

use super::ApiQuery;
use super::import::Document;
use super::versions::{Kind, etag, if_match, required_if_match, with_etag};
use crate::AppState;
use crate::auth::Tenant;
use crate::error::{ApiError, Problem};
use crate::render::on_pool;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};
use vitae_app::tracker::analytics::{self, Analytics};
use vitae_app::tracker::offers::{Comparison, Offer, Weights};
use vitae_app::tracker::{
    self, Application, Contact, Date, Edit, FollowUp, SentDocument, Status, TrackError, Tracker,
};
use vitae_store::{ApplicationFilter, NewDocument};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/applications", post(create).get(list))
        .route("/v1/applications/export", get(export))
        .route("/v1/applications/import", post(import))
        .route(
            "/v1/applications/{id}",
            get(read).patch(edit).delete(delete),
        )
        .route("/v1/applications/{id}/status", post(move_status))
        .route("/v1/applications/{id}/notes", post(add_note))
        .route("/v1/applications/{id}/documents/{kind}", get(document))
        .route("/v1/analytics/{view}", get(analytics_view))
        .route("/v1/offers", post(create_offer).get(list_offers))
        .route("/v1/offers/compare", get(compare_offers))
        .route("/v1/offers/priorities", get(priorities).put(set_priorities))
        .route(
            "/v1/offers/{id}",
            get(read_offer).put(replace_offer).delete(delete_offer),
        )
}

impl From<TrackError> for ApiError {
    fn from(e: TrackError) -> ApiError {
        let hint = e.hint();
        match e {
            TrackError::NotFound(which) => ApiError::NotFound(format!("no application `{which}`")),
            TrackError::OfferNotFound(which) => ApiError::NotFound(format!("no offer `{which}`")),
            TrackError::Stale { what, current } => ApiError::PreconditionFailed(format!(
                "the {what} changed since you read it (it is now at ETag {}); GET it again, reapply your change and send the new ETag",
                etag(
                    if what == "offer" {
                        Kind::Offer
                    } else {
                        Kind::Application
                    },
                    current
                )
            )),
            e @ TrackError::Transition { .. } => ApiError::Conflict(e.to_string()),
            TrackError::Invalid { at, message, .. } => ApiError::Invalid {
                detail: format!("{at}: {message}"),
                errors: vec![Problem {
                    path: at,
                    line: 0,
                    column: 0,
                    severity: "error".into(),
                    message,
                    hint,
                }],
            },
            TrackError::Store(e) => e.into(),
        }
    }
}

/// `id` when it has the shape of an id of `what` (`prefix` and 28 lowercase hex digits, as the
/// store makes them); anything else names nothing: 404 without asking the database. The API
/// names applications by id; a number (`#12`) is the CLI's way.
fn named<'a>(id: &'a str, prefix: &str, what: &str, created_by: &str) -> Result<&'a str, ApiError> {
    if vitae_store::is_id(prefix, id) {
        Ok(id)
    } else {
        Err(ApiError::NotFound(format!(
            "no such {what}: ids are `{prefix}` and 28 lowercase hex digits, as `POST {created_by}` gives them"
        )))
    }
}

fn application_id(id: &str) -> Result<&str, ApiError> {
    named(id, "a_", "application", "/v1/applications")
}

fn offer_id(id: &str) -> Result<&str, ApiError> {
    named(id, "o_", "offer", "/v1/offers")
}

/// A JSON answer with its ETag.
fn versioned<T: Serialize>(value: T, kind: Kind, version: i64) -> Response {
    with_etag(Json(value).into_response(), kind, version)
}

fn tracker(state: &AppState, tenant: &Tenant) -> Tracker {
    Tracker::new(Arc::clone(&state.store), tenant.id.clone())
}

fn today() -> Date {
    tracker::date_of(crate::today())
}

/// A JSON body as `T`, every mistake located: its JSON path, line and column.
fn json_body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let problem = Problem {
            path: if path == "." { String::new() } else { path },
            line: u32::try_from(inner.line()).unwrap_or(u32::MAX),
            column: u32::try_from(inner.column()).unwrap_or(u32::MAX),
            severity: "error".into(),
            message: inner.to_string(),
            hint: None,
        };
        if inner.is_syntax() || inner.is_eof() {
            ApiError::Malformed {
                detail: format!("the body is not JSON: {inner}"),
                errors: vec![problem],
            }
        } else {
            ApiError::Invalid {
                detail: format!("the body cannot be read: {inner}"),
                errors: vec![problem],
            }
        }
    })
}

fn status_of(text: &str, at: &str) -> Result<Status, ApiError> {
    Status::parse(text).ok_or_else(|| ApiError::Unknown {
        detail: format!("{at}: `{text}` is not a status"),
        known: Status::ALL.iter().map(|s| s.name().to_owned()).collect(),
    })
}

fn day(text: Option<&str>, at: &str) -> Result<Date, ApiError> {
    match text {
        None => Ok(today()),
        Some(t) => Ok(tracker::parse_iso(t, at)?),
    }
}

// --- applications -----------------------------------------------------------------------------

/// A document sent, in a request: its bytes in base64.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentUpload {
    /// The file name (`resume.pdf`).
    name: String,
    /// Default: told by the name's extension.
    media_type: Option<String>,
    /// The exact bytes sent, base64.
    content: String,
}

/// `POST /v1/applications`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApplication {
    company: String,
    role: Option<String>,
    /// Default `applied`.
    status: Option<String>,
    /// ISO date; default today (none while `saved`).
    applied_on: Option<String>,
    /// ISO date; default a week after applying; `null`: no reminder.
    #[serde(default, deserialize_with = "tracker::explicit_null")]
    #[schema(value_type = Option<String>, nullable)]
    follow_up_on: Option<Option<String>>,
    source: Option<String>,
    url: Option<String>,
    location: Option<String>,
    seniority: Option<String>,
    notes: Option<String>,
    contacts: Option<Vec<Contact>>,
    /// The posting's text (plain, HTML or JSON): kept, and read for the title, seniority and
    /// address when those are not given.
    posting: Option<String>,
    variant: Option<String>,
    theme: Option<String>,
    /// SHA-256 (hex) of the resume source the documents were made from.
    source_hash: Option<String>,
    /// The ATS score at the time, 0–100.
    ats_score: Option<f64>,
    package_path: Option<String>,
    resume: Option<DocumentUpload>,
    letter: Option<DocumentUpload>,
}

fn upload(
    doc: Option<DocumentUpload>,
    at: &str,
) -> Result<Option<(NewDocument, SentDocument)>, ApiError> {
    let Some(doc) = doc else { return Ok(None) };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(doc.content.trim())
        .map_err(|e| ApiError::Invalid {
            detail: format!("{at}.content is not base64: {e}"),
            errors: vec![Problem {
                path: format!("{at}.content"),
                line: 0,
                column: 0,
                severity: "error".into(),
                message: format!("not base64: {e}"),
                hint: Some("send the file's bytes in standard base64".into()),
            }],
        })?;
    Ok(Some(SentDocument::of(
        &doc.name,
        doc.media_type.as_deref(),
        bytes,
    )))
}

/// Records an application, with the exact documents sent.
#[utoipa::path(post, path = "/v1/applications", tag = "applications",
    request_body(content = NewApplication, content_type = "application/json"),
    responses(
        (status = 201, description = "Recorded; `Location` names it, `ETag` versions it", body = Application),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 413, body = crate::error::ProblemDetails),
        (status = 422, description = "A field that cannot be used, with its path", body = crate::error::ProblemDetails),
    ))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    let (app, documents, follow_up) = on_pool(&state, &tenant, "application", move || {
        let req: NewApplication = json_body(&body.bytes)?;
        let status = match &req.status {
            Some(s) => status_of(s, "status")?,
            None => Status::Applied,
        };
        let mut app = Application::new(&req.company, req.role.as_deref().unwrap_or(""), status);
        let set = |slot: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut app.source, req.source);
        set(&mut app.url, req.url);
        set(&mut app.location, req.location);
        set(&mut app.seniority, req.seniority);
        set(&mut app.notes, req.notes);
        set(&mut app.sent.variant, req.variant);
        set(&mut app.sent.theme, req.theme);
        set(&mut app.sent.source_hash, req.source_hash);
        set(&mut app.sent.package_path, req.package_path);
        app.sent.ats_score = req.ats_score;
        app.contacts = req.contacts.unwrap_or_default();
        app.applied_on = req.applied_on;
        let follow_up = match &req.follow_up_on {
            Some(None) => FollowUp::None,
            _ => FollowUp::Default,
        };
        app.follow_up_on = req.follow_up_on.flatten();
        if let Some(text) = req.posting {
            tracker::read_posting(&mut app, text)?;
        }
        let mut documents = Vec::new();
        if let Some((doc, sent)) = upload(req.resume, "resume")? {
            documents.push(doc);
            app.sent.resume = Some(sent);
        }
        if let Some((doc, sent)) = upload(req.letter, "letter")? {
            documents.push(doc);
            app.sent.letter = Some(sent);
        }
        Ok((app, documents, follow_up))
    })
    .await?;
    let app = tracker(&state, &tenant)
        .record(app, documents, today(), follow_up)
        .await?;
    let location = format!("/v1/applications/{}", app.id);
    let version = app.version;
    let mut response = (StatusCode::CREATED, Json(app)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(with_etag(response, Kind::Application, version))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListApplications {
    /// Only these statuses, comma-separated.
    #[param(
        pattern = "^((saved|applied|screening|interview|offer|accepted|rejected|withdrawn|no_answer)(,(saved|applied|screening|interview|offer|accepted|rejected|withdrawn|no_answer))*)?$"
    )]
    status: Option<String>,
    /// Only companies whose name contains this (case-insensitive).
    company: Option<String>,
    /// Only applications sent on or after this ISO date.
    #[param(format = Date)]
    since: Option<String>,
    /// Only those with a follow-up due on or before this ISO date.
    #[param(format = Date)]
    due_by: Option<String>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// The `next` cursor of the previous page.
    #[param(pattern = "^(a_[0-9a-f]{28})?$")]
    after: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationPage {
    items: Vec<Application>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

fn filter_of(q: &ListApplications) -> Result<ApplicationFilter, ApiError> {
    let mut statuses = Vec::new();
    for s in q.status.iter().flat_map(|s| s.split(',')).map(str::trim) {
        if !s.is_empty() {
            statuses.push(status_of(s, "status")?.name().to_owned());
        }
    }
    let date = |v: &Option<String>, at: &str| -> Result<Option<String>, ApiError> {
        v.as_deref()
            .map(|d| tracker::parse_iso(d, at).map(tracker::iso))
            .transpose()
            .map_err(ApiError::from)
    };
    Ok(ApplicationFilter {
        statuses,
        company: q.company.clone().filter(|c| !c.is_empty()),
        due_by: date(&q.due_by, "due_by")?,
        applied_since: date(&q.since, "since")?,
        // A page of applications leaves their postings out; `GET /v1/applications/{id}` has it.
        with_posting: false,
    })
}

/// The tenant's applications, oldest first, a page at a time, filtered in the database; without
/// their postings (kilobytes each), which `GET /v1/applications/{id}` gives.
#[utoipa::path(get, path = "/v1/applications", tag = "applications", params(ListApplications),
    responses(
        (status = 200, body = ApplicationPage),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    ApiQuery(q): ApiQuery<ListApplications>,
) -> Result<Json<ApplicationPage>, ApiError> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::BadParameter(format!(
            "limit {limit} is outside 1–100"
        )));
    }
    let after = q.after.as_deref().filter(|a| !a.is_empty());
    if let Some(after) = after
        && !vitae_store::is_id("a_", after)
    {
        return Err(ApiError::BadOption(
            "`after` is not a cursor of this listing: pass the `next` value of the previous page"
                .into(),
        ));
    }
    let filter = filter_of(&q)?;
    let mut items = tracker(&state, &tenant)
        .page(&filter, after, limit + 1)
        .await?;
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next = more.then(|| items.last().map(|a| a.id.clone())).flatten();
    Ok(Json(ApplicationPage { items, next }))
}

/// One application, whole: status history, contacts, what was sent.
#[utoipa::path(get, path = "/v1/applications/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "The application; ETag for If-Match", body = Application),
        (status = 304, description = "Unchanged (If-None-Match)"),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
    ))]
pub async fn read(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let app = tracker(&state, &tenant).get(application_id(&id)?).await?;
    if crate::render::none_match(&headers, &etag(Kind::Application, app.version)) {
        return Ok(with_etag(
            StatusCode::NOT_MODIFIED.into_response(),
            Kind::Application,
            app.version,
        ));
    }
    Ok(versioned(&app, Kind::Application, app.version))
}

/// Changes an application's details; fields left out stay as they are, `follow_up_on: null`
/// clears the reminder. `If-Match` must carry the ETag read last.
#[utoipa::path(patch, path = "/v1/applications/{id}", tag = "applications",
    params(("id" = String, Path), ("If-Match" = String, Header, description = "The ETag read last, or `*` for whatever version is there")),
    request_body(content = Edit, content_type = "application/json"),
    responses(
        (status = 200, description = "Changed; the new ETag", body = Application),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 412, description = "Someone else changed it since", body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 428, description = "No If-Match", body = crate::error::ProblemDetails),
    ))]
pub async fn edit(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    application_id(&id)?;
    let expected = required_if_match(&headers, Kind::Application)?.version();
    let edit: Edit = json_body(&body.bytes)?;
    let app = tracker(&state, &tenant).edit(&id, &edit, expected).await?;
    Ok(versioned(&app, Kind::Application, app.version))
}

/// `POST /v1/applications/{id}/status`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusMove {
    /// saved, applied, screening, interview (again for each round), offer, accepted,
    /// rejected, withdrawn, no_answer.
    status: String,
    /// ISO date it happened; default today.
    on: Option<String>,
    note: Option<String>,
    /// Allow a move outside the usual ones (a correction); the history marks it.
    force: Option<bool>,
}

/// Moves an application on. Moves go forward (saved → applied → screening → interview →
/// offer → accepted, or rejected / withdrawn / no answer); any other is 409 unless `force`.
/// With `If-Match`, only from the version read.
#[utoipa::path(post, path = "/v1/applications/{id}/status", tag = "applications",
    params(("id" = String, Path), ("If-Match" = Option<String>, Header, description = "The ETag read last (recommended)")),
    request_body(content = StatusMove, content_type = "application/json"),
    responses(
        (status = 200, description = "Moved; the new ETag", body = Application),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 409, description = "Not a move its status allows", body = crate::error::ProblemDetails),
        (status = 412, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn move_status(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    application_id(&id)?;
    let expected = if_match(&headers, Kind::Application)?.version();
    let req: StatusMove = json_body(&body.bytes)?;
    let status = status_of(&req.status, "status")?;
    let on = day(req.on.as_deref(), "on")?;
    let app = tracker(&state, &tenant)
        .set_status(
            &id,
            status,
            on,
            req.note,
            req.force.unwrap_or(false),
            expected,
        )
        .await?;
    Ok(versioned(&app, Kind::Application, app.version))
}

/// `POST /v1/applications/{id}/notes`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    text: String,
    /// ISO date; default today.
    on: Option<String>,
}

/// Adds a dated note to the history.
#[utoipa::path(post, path = "/v1/applications/{id}/notes", tag = "applications",
    params(("id" = String, Path)),
    request_body(content = NewNote, content_type = "application/json"),
    responses(
        (status = 200, body = Application),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn add_note(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    application_id(&id)?;
    let req: NewNote = json_body(&body.bytes)?;
    let on = day(req.on.as_deref(), "on")?;
    let app = tracker(&state, &tenant).note(&id, &req.text, on).await?;
    Ok(versioned(&app, Kind::Application, app.version))
}

/// Deletes an application, and the documents no other application sent; with `If-Match`,
/// only if unchanged.
#[utoipa::path(delete, path = "/v1/applications/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 412, body = crate::error::ProblemDetails),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    application_id(&id)?;
    let expected = if_match(&headers, Kind::Application)?.version();
    tracker(&state, &tenant).delete(&id, expected).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A document an application sent, byte for byte: `resume` or `letter`.
#[utoipa::path(get, path = "/v1/applications/{id}/documents/{kind}", tag = "applications",
    params(("id" = String, Path), ("kind" = String, Path, description = "`resume` or `letter`")),
    responses(
        (status = 200, description = "The bytes as sent; the ETag is their SHA-256"),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
    ))]
pub async fn document(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    application_id(&id)?;
    if !matches!(kind.as_str(), "resume" | "letter") {
        return Err(ApiError::UnknownPath {
            detail: format!("`{kind}` is not a document of an application"),
            known: vec!["resume".into(), "letter".into()],
        });
    }
    let (sent, doc) = match tracker(&state, &tenant).document(&id, &kind).await {
        Err(TrackError::Invalid { message, .. }) => return Err(ApiError::NotFound(message)),
        other => other?,
    };
    let mut response = doc.bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&sent.media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    let safe: String = sent
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", doc.hash)) {
        headers.insert(header::ETAG, v);
    }
    Ok(response)
}

/// Every application as resume-cli's CSV log (its exact header).
#[utoipa::path(get, path = "/v1/applications/export", tag = "applications",
    responses(
        (status = 200, description = "text/csv: resume_version,company,role,date,status,response,notes,source,url,cover_letter,package_path"),
        (status = 401, body = crate::error::ProblemDetails),
    ))]
pub async fn export(State(state): State<AppState>, tenant: Tenant) -> Result<Response, ApiError> {
    let apps = tracker(&state, &tenant)
        .list(&ApplicationFilter::default())
        .await?;
    let csv = tracker::csv::write(&apps);
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct Imported {
    /// How many applications were recorded.
    imported: usize,
    /// How many were already tracked (the same company, role, date and variant): not again.
    skipped: usize,
    /// Columns of the log that vitae does not read.
    ignored_columns: Vec<String>,
}

/// Records the applications of a CSV log (resume-cli's `tracking.csv` as it is), sent as the
/// raw body or a multipart file, as they are (no date, history or reminder added). A row that
/// cannot be read is 422 naming its line and column, and then nothing is recorded; a row
/// already tracked is skipped, so sending a log twice records it once.
#[utoipa::path(post, path = "/v1/applications/import", tag = "applications",
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 201, body = Imported),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 413, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn import(
    State(state): State<AppState>,
    tenant: Tenant,
    document: Document,
) -> Result<Response, ApiError> {
    let read = on_pool(&state, &tenant, "log-import", move || {
        let text = std::str::from_utf8(&document.0)
            .map_err(|e| ApiError::BadOption(format!("the log is not UTF-8 text: {e}")))?;
        Ok(tracker::csv::read(text, "body")?)
    })
    .await?;
    let (imported, skipped) = tracker(&state, &tenant)
        .import_log(read.applications)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Imported {
            imported,
            skipped,
            ignored_columns: read.ignored_columns,
        }),
    )
        .into_response())
}

// --- analytics --------------------------------------------------------------------------------

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsQuery {
    /// Compute as of this ISO date (default today).
    on: Option<String>,
}

/// The views of the analytics; `dashboard` is all of them.
pub(super) const VIEWS: [&str; 11] = [
    "dashboard",
    "overview",
    "by-status",
    "timeline",
    "variants",
    "themes",
    "sources",
    "seniority",
    "companies",
    "findings",
    "timing",
];

/// What the applications say. `dashboard` answers everything ([`Analytics`]); the other views
/// answer one part of it (the names resume-cli's desktop app asked for): `overview` (funnel
/// and rates), `by-status`, `timeline` (per ISO week), `variants`, `themes`, `sources`,
/// `seniority`, `companies`, `findings` (what answered applications' documents had in common,
/// with Fisher's exact test), `timing` (days to the first answer).
#[utoipa::path(get, path = "/v1/analytics/{view}", tag = "applications",
    params(("view" = String, Path, description = "dashboard, overview, by-status, timeline, variants, themes, sources, seniority, companies, findings or timing"), AnalyticsQuery),
    responses(
        (status = 200, description = "`dashboard`: the whole report; another view: its part of it", body = Analytics),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, description = "No such view; lists them", body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn analytics_view(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(view): Path<String>,
    ApiQuery(q): ApiQuery<AnalyticsQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if !VIEWS.contains(&view.as_str()) {
        return Err(ApiError::UnknownPath {
            detail: format!("no analytics view `{view}`"),
            known: VIEWS.map(str::to_owned).to_vec(),
        });
    }
    let on = day(q.on.as_deref(), "on")?;
    let bodies = tracker(&state, &tenant).bodies().await?;
    let report = on_pool(&state, &tenant, "analytics", move || {
        Ok(analytics::of_bodies(&bodies, on)?)
    })
    .await?;
    let all =
        serde_json::to_value(&report).map_err(|e| ApiError::failed("analytics as JSON", e))?;
    let part = |keys: &[&str]| {
        let mut out = serde_json::Map::new();
        out.insert("as_of".into(), all["as_of"].clone());
        for k in keys {
            out.insert((*k).into(), all[*k].clone());
        }
        serde_json::Value::Object(out)
    };
    Ok(Json(match view.as_str() {
        "dashboard" => all.clone(),
        "overview" => part(&["total", "funnel", "rates", "follow_ups_due"]),
        "by-status" => part(&["by_status"]),
        "timeline" => part(&["by_week"]),
        "variants" => part(&["by_variant"]),
        "themes" => part(&["by_theme"]),
        "sources" => part(&["by_source"]),
        "seniority" => part(&["by_seniority"]),
        "companies" => part(&["top_companies"]),
        "findings" => part(&["findings"]),
        _ => part(&["time_to_first_answer"]),
    }))
}

// --- offers -----------------------------------------------------------------------------------

/// Records an offer.
#[utoipa::path(post, path = "/v1/offers", tag = "applications",
    request_body(content = Offer, content_type = "application/json"),
    responses(
        (status = 201, body = Offer),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn create_offer(
    State(state): State<AppState>,
    tenant: Tenant,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    let offer: Offer = json_body(&body.bytes)?;
    let offer = tracker(&state, &tenant).add_offer(&offer).await?;
    let location = format!("/v1/offers/{}", offer.id);
    let version = offer.version;
    let mut response = (StatusCode::CREATED, Json(offer)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(with_etag(response, Kind::Offer, version))
}

/// Every offer of the tenant.
#[derive(Serialize, ToSchema)]
pub struct OfferList {
    /// By number.
    items: Vec<Offer>,
}

/// The tenant's offers, by number.
#[utoipa::path(get, path = "/v1/offers", tag = "applications",
    responses((status = 200, body = OfferList), (status = 401, body = crate::error::ProblemDetails)))]
pub async fn list_offers(
    State(state): State<AppState>,
    tenant: Tenant,
) -> Result<Json<OfferList>, ApiError> {
    Ok(Json(OfferList {
        items: tracker(&state, &tenant).offers().await?,
    }))
}

/// One offer.
#[utoipa::path(get, path = "/v1/offers/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Offer),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
    ))]
pub async fn read_offer(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let offer = tracker(&state, &tenant).get_offer(offer_id(&id)?).await?;
    Ok(versioned(&offer, Kind::Offer, offer.version))
}

/// Replaces an offer's figures. `If-Match` must carry the ETag read last.
#[utoipa::path(put, path = "/v1/offers/{id}", tag = "applications",
    params(("id" = String, Path), ("If-Match" = String, Header, description = "The ETag read last, or `*` for whatever version is there")),
    request_body(content = Offer, content_type = "application/json"),
    responses(
        (status = 200, body = Offer),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 412, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
        (status = 428, body = crate::error::ProblemDetails),
    ))]
pub async fn replace_offer(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: crate::payload::RawBody,
) -> Result<Response, ApiError> {
    offer_id(&id)?;
    let offer: Offer = json_body(&body.bytes)?;
    let t = tracker(&state, &tenant);
    let expected = match required_if_match(&headers, Kind::Offer)?.version() {
        Some(version) => version,
        None => t.get_offer(&id).await?.version,
    };
    let offer = t.update_offer(&id, expected, &offer).await?;
    Ok(versioned(&offer, Kind::Offer, offer.version))
}

/// Deletes an offer; with `If-Match`, only if unchanged.
#[utoipa::path(delete, path = "/v1/offers/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 404, body = crate::error::ProblemDetails),
        (status = 412, body = crate::error::ProblemDetails),
    ))]
pub async fn delete_offer(
    State(state): State<AppState>,
    tenant: Tenant,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    offer_id(&id)?;
    let expected = if_match(&headers, Kind::Offer)?.version();
    tracker(&state, &tenant).delete_offer(&id, expected).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The offers scored against the tenant's weights, best first, with the arithmetic of every
/// criterion.
#[utoipa::path(get, path = "/v1/offers/compare", tag = "applications",
    responses(
        (status = 200, body = Comparison),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 422, description = "Offers in different currencies", body = crate::error::ProblemDetails),
    ))]
pub async fn compare_offers(
    State(state): State<AppState>,
    tenant: Tenant,
) -> Result<Json<Comparison>, ApiError> {
    Ok(Json(tracker(&state, &tenant).compare_offers().await?))
}

/// How much each criterion weighs (the defaults until set).
#[utoipa::path(get, path = "/v1/offers/priorities", tag = "applications",
    responses((status = 200, body = Weights), (status = 401, body = crate::error::ProblemDetails)))]
pub async fn priorities(
    State(state): State<AppState>,
    tenant: Tenant,
) -> Result<Json<Weights>, ApiError> {
    Ok(Json(tracker(&state, &tenant).weights().await?))
}

/// Sets the weights: every criterion, any non-negative numbers (each counts by its share).
#[utoipa::path(put, path = "/v1/offers/priorities", tag = "applications",
    request_body(content = Weights, content_type = "application/json"),
    responses(
        (status = 200, body = Weights),
        (status = 400, body = crate::error::ProblemDetails),
        (status = 401, body = crate::error::ProblemDetails),
        (status = 422, body = crate::error::ProblemDetails),
    ))]
pub async fn set_priorities(
    State(state): State<AppState>,
    tenant: Tenant,
    body: crate::payload::RawBody,
) -> Result<Json<Weights>, ApiError> {
    let weights: Weights = json_body(&body.bytes)?;
    let t = tracker(&state, &tenant);
    t.set_weights(&weights).await?;
    Ok(Json(t.weights().await?))
}
