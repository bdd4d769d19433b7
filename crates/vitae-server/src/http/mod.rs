//! The routes, one module per resource, and the OpenAPI document that describes them.

mod applications;
mod catalog;
mod fit;
mod health;
mod import;
mod preview;
mod renders;
mod resumes;
mod settings;
mod versions;
mod wire;

use crate::AppState;
use crate::error::{ApiError, Problem, ProblemDetails};
use axum::Router;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

pub use import::IMPORT_LIMIT;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .merge(health::routes())
        .merge(catalog::routes())
        .merge(renders::routes())
        .merge(resumes::routes())
        .merge(fit::routes())
        .merge(settings::routes())
        .merge(import::routes())
        .merge(applications::routes())
        .merge(preview::routes())
        .merge(crate::studio::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        // The docs need no key and no network: the UI's files are compiled in, and the spec
        // validator (which Swagger UI otherwise calls on validator.swagger.io with the spec's
        // address whenever the host is not localhost) is switched off.
        .merge(
            SwaggerUi::new("/docs")
                .external_url_unchecked("/openapi.json", openapi_json())
                .config(utoipa_swagger_ui::Config::default().validator_url("none")),
        )
}

/// The OpenAPI document as served: utoipa's, with the native resume's schema put in place (see
/// [`wire::NativeResume`]).
pub fn openapi_json() -> serde_json::Value {
    let mut document =
        serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises");
    let mut native: serde_json::Value = serde_json::from_str(vitae_core::format::native::SCHEMA)
        .expect("the native schema compiled in is JSON");
    if let Some(schema) = native.as_object_mut() {
        // A component is not a schema document of its own: no dialect or identifier of its own.
        schema.remove("$schema");
        schema.remove("$id");
    }
    if let Some(schemas) = walk(&mut document, &["components", "schemas"]) {
        schemas["NativeResume"] = native;
    }
    // `/v1/tailor` also sends the tailored resume's own fields beside its declared ones
    // (`wire::with_resume_fields`): the declared ones are checked in the tests, the rest are
    // the resume's, so the answer admits more than it declares.
    let tailor = walk(&mut document, &["components", "schemas", "TailorBody"]);
    if let Some(tailor) = tailor.and_then(serde_json::Value::as_object_mut) {
        tailor.insert("additionalProperties".into(), serde_json::Value::Bool(true));
    }
    typed_bodies(&mut document);
    stated_rules(&mut document);
    shared_responses(&mut document);
    document
}

/// The rules the server checks that the derived schemas do not state — option names, ranges,
/// non-empty names, ISO dates — written onto the fields from the same lists and ranges the
/// checks use, so a client learns them from the document rather than from a 422. What JSON
/// Schema cannot state (an end before its start, a blank name made of spaces, a day that is not
/// in its month) is still answered 422 with the field named.
fn stated_rules(document: &mut serde_json::Value) {
    use serde_json::{Value, json};
    use vitae_app::tracker::Status;
    let named = json!({ "minLength": 1 });
    // `tracker::parse_iso`, which trims first.
    let iso_date = json!({ "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$" });
    let status = json!({ "enum": Status::ALL.map(Status::name) });
    let amount = json!({ "minimum": 0 });
    let range = crate::payload::range;
    let mark = range(&vitae_app::tracker::offers::MARKS);
    let render = crate::payload::option_rules();
    let formats = json!({ "enum": vitae_render::OutputFormat::ALL.map(|f| f.name()) });
    let schemas: [(&str, Vec<(&str, Value)>); 7] = [
        ("TailorRequest", vec![("format", formats.clone())]),
        ("LetterRequest", vec![("format", formats.clone())]),
        ("RenderParams", render.clone()),
        (
            "NewApplication",
            vec![
                ("company", named.clone()),
                ("status", status.clone()),
                ("applied_on", iso_date.clone()),
                ("follow_up_on", iso_date.clone()),
                ("ats_score", range(&vitae_app::tracker::ATS_SCORES)),
            ],
        ),
        (
            "Edit",
            vec![
                ("company", named.clone()),
                ("applied_on", iso_date.clone()),
                ("follow_up_on", iso_date.clone()),
            ],
        ),
        ("StatusMove", vec![("status", status)]),
        (
            "Offer",
            vec![
                ("company", named),
                ("base", amount.clone()),
                ("bonus", amount.clone()),
                ("benefits", amount),
                ("remote", mark.clone()),
                ("growth", mark.clone()),
                ("balance", mark),
                ("deadline", iso_date),
            ],
        ),
    ];
    // A resume, sent or stored, and a posting: one of the fields of each is required, present
    // and not `null` (a `null` field is read as absent), so each choice names its type.
    let one_of = [
        (
            "ResumeInput",
            &[
                ("resume_data", "object"),
                ("json_resume", "object"),
                ("resume", "object"),
                ("resume_id", "string"),
            ][..],
        ),
        (
            "PostingInput",
            &[("job_description", "string"), ("job", "object")][..],
        ),
    ];
    for (schema, fields) in one_of {
        let at = ["components", "schemas", schema];
        if let Some(schema) = walk(document, &at).and_then(Value::as_object_mut) {
            let choices: Vec<Value> = fields
                .iter()
                .map(|(f, t)| json!({ "required": [f], "properties": { *f: { "type": t } } }))
                .collect();
            schema.insert("anyOf".into(), Value::Array(choices));
        }
    }
    for (schema, rules) in &schemas {
        let Some(properties) = walk(document, &["components", "schemas", schema, "properties"])
        else {
            continue;
        };
        for (field, rule) in rules {
            if let Some(property) = properties.get_mut(*field) {
                constrain(property, rule);
            }
        }
    }
    let path_names = [
        ("format", formats),
        ("view", json!({ "enum": applications::VIEWS })),
        (
            "kind",
            json!({ "enum": vitae_app::tracker::DOCUMENT_KINDS }),
        ),
    ];
    // The render options also come as query parameters, on the operations that render; a
    // required `If-Match` is not empty.
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for operation in paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
    {
        let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        let in_query = |p: &Value, name: &str| p["in"] == "query" && p["name"] == name;
        let renders = parameters.iter().any(|p| in_query(p, "theme"));
        for parameter in parameters.iter_mut() {
            // Path segments that name one of a few things: a made-up one is 404.
            if parameter["in"] == "path"
                && let Some(rule) = path_names.iter().find(|(n, _)| parameter["name"] == *n)
                && let Some(schema) = parameter.get_mut("schema")
            {
                constrain(schema, &rule.1);
            }
            // A required `If-Match` names a version (or `*`): an empty one names none, and is
            // answered as if it were not sent (428); where it is optional, an empty one is
            // simply no condition.
            if parameter["in"] == "header"
                && parameter["name"] == "If-Match"
                && parameter["required"] == true
                && let Some(schema) = parameter.get_mut("schema")
            {
                constrain(schema, &json!({ "minLength": 1 }));
            }
            if !renders {
                continue;
            }
            for (field, rule) in &render {
                if in_query(parameter, field)
                    && let Some(schema) = parameter.get_mut("schema")
                {
                    constrain(schema, rule);
                }
            }
        }
    }
}

/// Adds a rule's keywords to a field's schema; a field that may be `null` keeps `null` among
/// the names an `enum` allows.
fn constrain(schema: &mut serde_json::Value, rule: &serde_json::Value) {
    use serde_json::Value;
    let nullable = schema["nullable"] == true
        || schema["type"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "null"));
    let (Some(schema), Some(rule)) = (schema.as_object_mut(), rule.as_object()) else {
        return;
    };
    for (keyword, value) in rule {
        let mut value = value.clone();
        if keyword == "enum"
            && nullable
            && let Some(names) = value.as_array_mut()
        {
            names.push(Value::Null);
        }
        schema.insert(keyword.clone(), value);
    }
}

/// The request bodies utoipa can only call `Object` (their schema is the native resume's, put
/// in at run time), given their shapes, so a client generator or a fuzzer builds resumes and
/// reaches rendering instead of sending `{}`. A resume may come as the document itself or in
/// resume-cli's wrapper, `{"resume_data": {...}}`, beside the render options.
fn typed_bodies(document: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Some(schemas) = walk(document, &["components", "schemas"]) else {
        return;
    };
    schemas["ResumeSubmission"] = json!({
        "description": "A resume: the native document itself, or `{\"resume_data\": {...}}` with render options beside it (a JSON Resume or RenderCV document is read too)",
        "anyOf": [
            { "$ref": "#/components/schemas/NativeResume" },
            { "allOf": [
                { "$ref": "#/components/schemas/RenderParams" },
                { "type": "object", "required": ["resume_data"],
                  "properties": { "resume_data": { "$ref": "#/components/schemas/NativeResume" } } }
            ] }
        ]
    });
    schemas["SettingsChange"] = json!({
        "type": "object",
        "required": ["ai_enabled"],
        "properties": { "ai_enabled": { "type": "boolean", "description": "Whether the language model may help this tenant" } }
    });
    let bodies = [
        ("/v1/render/{format}", "post", "ResumeSubmission"),
        ("/v1/preview", "post", "ResumeSubmission"),
        ("/v1/resumes", "post", "ResumeSubmission"),
        ("/v1/resumes/{id}", "put", "ResumeSubmission"),
        ("/v1/variants", "post", "ResumeSubmission"),
        ("/v1/settings", "put", "SettingsChange"),
    ];
    for (path, method, schema) in bodies {
        let content = walk(document, &["paths", path, method, "requestBody", "content"]);
        for media in content
            .and_then(Value::as_object_mut)
            .into_iter()
            .flat_map(|c| c.values_mut())
        {
            media["schema"] = json!({ "$ref": format!("#/components/schemas/{schema}") });
        }
    }
    // A stored resume is answered in the format asked for: native, or a JSON Resume document.
    let stored = [
        "paths",
        "/v1/resumes/{id}",
        "get",
        "responses",
        "200",
        "content",
    ];
    if let Some(content) = walk(document, &stored).and_then(Value::as_object_mut) {
        content.insert(
            "application/json".into(),
            json!({ "schema": { "anyOf": [
                { "$ref": "#/components/schemas/NativeResume" },
                { "type": "object", "description": "A JSON Resume document (`format=json-resume`)",
                  "properties": { "basics": { "type": "object" } } }
            ] } }),
        );
        content.insert(
            "application/yaml".into(),
            json!({ "schema": { "$ref": "#/components/schemas/NativeResume" } }),
        );
    }
    // `dashboard` answers the whole report; any other view, its part of it.
    if let Some(media) = json_answer(document, "/v1/analytics/{view}") {
        media["schema"] = json!({
            "anyOf": [
                { "$ref": "#/components/schemas/Analytics" },
                { "type": "object", "required": ["as_of"],
                  "description": "One view's part of the report, with the day it is as of",
                  "properties": { "as_of": { "type": "string" } } }
            ]
        });
    }
    // Without `resume_id`, `GET /v1/variants` answers resume-cli's shape: short name → key.
    if let Some(media) = json_answer(document, "/v1/variants") {
        media["schema"] = json!({
            "oneOf": [
                { "$ref": "#/components/schemas/Variants" },
                { "type": "object", "additionalProperties": { "type": "string" } }
            ]
        });
    }
}

/// The JSON answer of `GET path` (its 200's `application/json` media), if documented.
fn json_answer<'a>(
    document: &'a mut serde_json::Value,
    path: &str,
) -> Option<&'a mut serde_json::Value> {
    let at = [
        "paths",
        path,
        "get",
        "responses",
        "200",
        "content",
        "application/json",
    ];
    walk(document, &at)
}

/// The value at `keys` inside `document`, if every key is there: unlike indexing, a walk that
/// misses adds nothing to the document.
fn walk<'a>(
    document: &'a mut serde_json::Value,
    keys: &[&str],
) -> Option<&'a mut serde_json::Value> {
    keys.iter()
        .try_fold(document, |value, key| value.get_mut(*key))
}

/// What every operation shares, written into the document once rather than on each operation
/// (where one would be forgotten): an error is a problem document, served as
/// `application/problem+json` (RFC 9457); an operation that needs a key can answer 401 (with
/// `WWW-Authenticate`), 429 (over the key's rate, with `Retry-After`) and 503 (the database or the
/// work pool is unavailable, with `Retry-After`); one that takes a body or a query can answer
/// 400 (not well-formed) and 422; one that takes a body, 413 (too large); one that reads its
/// body by its media type, 415 (a media type it does not read).
fn shared_responses(document: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let problem = json!({
        "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } }
    });
    let retry_after = json!({
        "Retry-After": { "description": "Seconds to wait before trying again", "schema": { "type": "integer", "minimum": 1 } }
    });
    let keyed_by_default = document["security"]
        .as_array()
        .is_some_and(|s| !s.is_empty());
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            // `security: [{}]` (utoipa's `security(())`) or `[]` opens an operation.
            let keyed = match operation.get("security").and_then(Value::as_array) {
                Some(requirements) => requirements
                    .iter()
                    .any(|r| r.as_object().is_some_and(|r| !r.is_empty())),
                None => keyed_by_default,
            };
            let takes_body = operation.get("requestBody").is_some();
            // Only a body read by its media type (JSON, YAML) can have the wrong one: a document
            // to import is told by its bytes, whatever it is labelled.
            let typed_body = operation["requestBody"]["content"]
                .as_object()
                .is_some_and(|c| {
                    c.contains_key("application/json") || c.contains_key("application/yaml")
                });
            // Only a body or a query can be malformed (400) or name what is not there (422):
            // any path routes (an id of the wrong shape names nothing: 404), and a bad
            // `If-Match` is a failed precondition (412). `tests/statuses.rs` provokes each.
            let takes_input = takes_body
                || operation
                    .get("parameters")
                    .and_then(Value::as_array)
                    .is_some_and(|p| p.iter().any(|p| p["in"] == "query"));
            let Some(responses) = operation["responses"].as_object_mut() else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                let error = status.starts_with('4') || status.starts_with('5');
                let names_problem = response["content"]["application/json"]["schema"]["$ref"]
                    .as_str()
                    .is_some_and(|r| r.ends_with("/ProblemDetails"));
                if names_problem || (error && response.get("content").is_none()) {
                    response["content"] = problem.clone();
                }
            }
            let mut add = |status: &str, description: &str, headers: Option<&Value>| {
                let response = responses
                    .entry(status)
                    .or_insert_with(|| json!({ "description": description }));
                response["content"] = problem.clone();
                if let Some(headers) = headers {
                    response["headers"] = headers.clone();
                }
            };
            if keyed {
                let challenge = json!({
                    "WWW-Authenticate": { "description": "The scheme to authenticate with: `Bearer realm=\"vitae\"`", "schema": { "type": "string" } }
                });
                add("401", "No API key, or not a valid one", Some(&challenge));
                add("429", "Over the key's rate limit", Some(&retry_after));
                add(
                    "503",
                    "The database or the work pool is unavailable; try again",
                    Some(&retry_after),
                );
            }
            if takes_input {
                add(
                    "400",
                    "The body, a parameter or the query is not well-formed",
                    None,
                );
                add(
                    "422",
                    "A value is well-formed but not one this operation takes (an unknown name, an invalid resume), each problem named",
                    None,
                );
            }
            if takes_body {
                add("413", "The body is larger than the server takes", None);
            }
            if typed_body {
                add(
                    "415",
                    "The body's media type is not one this operation reads",
                    None,
                );
            }
        }
    }
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such endpoint; the API is described at /openapi.json and /docs".into())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed("this endpoint does not take that method; see /openapi.json".into())
}

/// `Query<T>` whose rejection is a problem document (400) like every other error.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|e| ApiError::BadParameter(format!("invalid query string: {}", e.body_text())))
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vitae",
        description = "One resume source, every document a job search needs: render resumes to \
                       PDF, PNG, DOCX, HTML, Markdown, text, LaTeX, Typst or JSON Resume, and keep \
                       them per tenant. Every error is an RFC 9457 problem document.",
    ),
    paths(
        health::health,
        health::ready,
        health::metrics,
        catalog::themes,
        catalog::variants_of_stored,
        catalog::variants_of_posted,
        renders::render,
        preview::preview,
        resumes::create,
        resumes::list,
        resumes::read,
        resumes::replace,
        resumes::delete,
        resumes::render_stored,
        fit::parse_job,
        fit::ats_check,
        fit::tailor,
        fit::cover_letter,
        fit::check_letter,
        fit::match_jobs,
        fit::package,
        settings::read,
        settings::replace,
        import::import,
        applications::create,
        applications::list,
        applications::read,
        applications::edit,
        applications::move_status,
        applications::add_note,
        applications::delete,
        applications::document,
        applications::export,
        applications::import,
        applications::analytics_view,
        applications::create_offer,
        applications::list_offers,
        applications::read_offer,
        applications::replace_offer,
        applications::delete_offer,
        applications::compare_offers,
        applications::priorities,
        applications::set_priorities,
    ),
    components(schemas(
        ProblemDetails,
        Problem,
        crate::payload::RenderParams,
        fit::ResumeInput,
        fit::PostingInput,
        fit::FitInput,
        fit::ParseJobRequest,
        fit::AtsCheckRequest,
        fit::TailorRequest,
        fit::LetterRequest,
        fit::LetterCheckRequest,
        fit::LetterCheckBody,
        fit::MatchRequest,
        fit::PackageRequest,
        wire::JobBody,
        wire::AtsBody,
        wire::TailorBody,
        wire::LetterBody,
        wire::MatchBody,
        wire::NativeResume,
        preview::Preview,
        preview::PageLine,
        preview::PageImage,
        catalog::Variants,
        catalog::VariantInfo,
        import::ImportBody,
        import::FoundBody,
        applications::NewApplication,
        applications::DocumentUpload,
        applications::ApplicationPage,
        applications::StatusMove,
        applications::NewNote,
        applications::Imported,
        applications::OfferList,
        vitae_app::tracker::Edit,
    )),
    modifiers(&Security),
    security(("api_key" = []), ("bearer" = [])),
    tags(
        (name = "health", description = "Liveness, readiness and metrics (no key needed)"),
        (name = "render", description = "Render a resume sent in the request"),
        (name = "resumes", description = "Stored resumes, private to the key's tenant"),
        (name = "catalog", description = "Themes, formats, locales and variants"),
        (name = "settings", description = "What a tenant decides for all its requests"),
        (name = "jobs", description = "Job fit: parse postings, ATS check, tailoring, cover letters, ranking"),
        (name = "import", description = "Read a resume from a PDF, Word file, LinkedIn export or text"),
        (name = "applications", description = "The job search: applications with the documents sent, analytics, offers"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-API-Key"))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
