//! Every status the OpenAPI document lists for every operation because operations share it
//! (`http::shared_responses`: 400, 401, 413, 415, 429, 503) is one the operation really
//! answers: each is provoked on each operation that lists it, on a real server. The statuses an
//! operation lists for itself (404, 409, 412, 422, ...) are reached by the conformance run
//! (`scripts/api-conformance`, which reports any it did not reach) and by the tests of each
//! resource.

#[macro_use]
mod support;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::time::Duration;
use support::{Db, TestApp, create_resume, declared_body_answer, native_resume};
use vitae_server::IMPORT_LIMIT;

/// A body larger than the servers below take.
const BODY_LIMIT: usize = 64 * 1024;

/// Each operation of the document: method, path template, the operation.
fn operations(spec: &Value) -> Vec<(Method, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if let Ok(method) = method.to_ascii_uppercase().parse::<Method>() {
                out.push((method, path.clone(), operation.clone()));
            }
        }
    }
    out
}

fn lists(operation: &Value, status: &str) -> bool {
    operation["responses"].get(status).is_some()
}

/// Stored things the paths name, so a request gets past "no such resume" to what is tested.
struct Stored {
    resume: String,
    application: String,
    offer: String,
}

impl Stored {
    async fn create(app: &TestApp) -> Stored {
        let (resume, _) = create_resume(app, &json!({ "resume_data": native_resume("Ada") })).await;
        let application = app
            .create(
                "/v1/applications",
                &json!({ "company": "Acme", "role": "Engineer" }),
            )
            .await;
        let offer = app
            .create("/v1/offers", &json!({ "company": "Acme", "base": 100000 }))
            .await;
        Stored {
            resume,
            application: application["id"].as_str().unwrap().to_owned(),
            offer: offer["id"].as_str().unwrap().to_owned(),
        }
    }

    /// The path with its parameters filled: ids of stored things, and the first name each
    /// other parameter's description or schema gives.
    fn fill(&self, path: &str) -> String {
        let id = if path.starts_with("/v1/resumes") {
            &self.resume
        } else if path.starts_with("/v1/applications") {
            &self.application
        } else {
            &self.offer
        };
        path.replace("{id}", id)
            .replace("{format}", "md")
            .replace("{kind}", "resume")
            .replace("{view}", "dashboard")
    }
}

/// The statuses seen as listed, and the ones that were not.
#[derive(Default)]
struct Tally {
    wrong: Vec<String>,
    reached: usize,
}

impl Tally {
    fn check(&mut self, what: String, got: StatusCode, want: u16) {
        if got.as_u16() == want {
            self.reached += 1;
        } else {
            self.wrong.push(format!("{what}: {got}, not {want}"));
        }
    }
}

fn request(
    app: &TestApp,
    method: &Method,
    path: &str,
    key: Option<&str>,
) -> reqwest::RequestBuilder {
    let mut r = app
        .client
        .request(method.clone(), app.url(path))
        .header("If-Match", "*");
    if let Some(key) = key {
        r = r.header("X-API-Key", key);
    }
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shared_status_an_operation_lists_is_one_it_answers() {
    // Keys trusted for no time, so every keyed request asks the database (503 when it is gone).
    let app = support::spawn_with(Db::Postgres, |c| {
        c.key_cache_ttl = Duration::ZERO;
        c.body_limit = BODY_LIMIT;
        c.rate_limit = 0;
        c.auth_failure_rate = 0.0;
    })
    .await;
    let spec = app.openapi().await;
    let stored = Stored::create(&app).await;
    let mut tally = Tally::default();
    for (method, template, operation) in operations(&spec) {
        let path = stored.fill(&template);
        let takes_body = operation.get("requestBody").is_some();
        // A document to import is told by its bytes, not its media type, under a limit of its own.
        let document = takes_body
            && operation["requestBody"]["content"]
                .get("application/json")
                .is_none();
        let too_large = if document {
            IMPORT_LIMIT + 1
        } else {
            BODY_LIMIT + 1
        };
        if lists(&operation, "401") {
            let r = request(&app, &method, &path, None).send().await.unwrap();
            tally.check(
                format!("{method} {template} without a key"),
                r.status(),
                401,
            );
        }
        if lists(&operation, "413") {
            let headers = [("If-Match", "*"), ("Content-Type", "application/json")];
            let (status, _) =
                declared_body_answer(&app, method.as_str(), &path, &headers, too_large).await;
            tally.check(
                format!("{method} {template} with a body too large"),
                status,
                413,
            );
        }
        if lists(&operation, "415") {
            let (media, body): (&str, &[u8]) = if document {
                // A PNG: no format vitae imports.
                ("application/octet-stream", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
            } else {
                ("application/x-not-a-type", b"{}")
            };
            let r = request(&app, &method, &path, Some(&app.key))
                .header("Content-Type", media)
                .body(body)
                .send()
                .await
                .unwrap();
            tally.check(
                format!("{method} {template} with a body it does not read"),
                r.status(),
                415,
            );
        }
        if lists(&operation, "400") {
            let malformed = if document {
                // A form with no file in it.
                Some(("multipart/form-data; boundary=b", "--b--\r\n"))
            } else if takes_body {
                Some(("application/json", "{"))
            } else {
                None
            };
            let r = if let Some((media, body)) = malformed {
                request(&app, &method, &path, Some(&app.key))
                    .header("Content-Type", media)
                    .body(body)
                    .send()
                    .await
                    .unwrap()
            } else {
                // A query that is not well-formed: a parameter given twice.
                let query = operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|p| p["in"] == "query")
                    .map(|p| p["name"].as_str().unwrap().to_owned());
                let Some(name) = query else {
                    tally.wrong.push(format!(
                        "{method} {template} lists 400 but takes no body or query"
                    ));
                    continue;
                };
                request(
                    &app,
                    &method,
                    &format!("{path}?{name}=1&{name}=2"),
                    Some(&app.key),
                )
                .send()
                .await
                .unwrap()
            };
            tally.check(
                format!("{method} {template} with a malformed request"),
                r.status(),
                400,
            );
        }
    }

    // The database gone: every keyed operation answers 503 (with `Retry-After`), then recovers.
    vitae_store::testing::block_connections(&app.database_url)
        .await
        .unwrap();
    let mut outage = Vec::new();
    for (method, template, operation) in operations(&spec) {
        if lists(&operation, "503") {
            let r = request(&app, &method, &stored.fill(&template), Some(&app.key))
                .timeout(Duration::from_secs(10))
                .send()
                .await;
            outage.push((
                format!("{method} {template} with the database gone"),
                r.as_ref().map(|r| r.status()).ok(),
                r.ok().and_then(|r| r.headers().get("retry-after").cloned()),
            ));
        }
    }
    vitae_store::testing::allow_connections(&app.database_url)
        .await
        .unwrap();
    for (what, status, retry_after) in outage {
        match status {
            Some(status) => tally.check(what.clone(), status, 503),
            None => tally.wrong.push(format!("{what}: no answer")),
        }
        if retry_after.is_none() {
            tally.wrong.push(format!("{what}: no Retry-After"));
        }
    }
    let Tally { wrong, reached } = tally;
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(reached > 100, "{reached} statuses reached");
    app.stop().await;
}

/// 429 on every keyed operation: a key allowed one request a second (bursts of two) sends four
/// to each operation in turn, so every operation meets the key over its rate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_keyed_operation_answers_429_over_the_keys_rate() {
    let app = support::spawn_with(Db::Sqlite, |c| c.rate_limit = 1).await;
    let spec = app.openapi().await;
    let mut missed = Vec::new();
    let mut reached = 0;
    for (method, template, operation) in operations(&spec) {
        if !lists(&operation, "429") {
            continue;
        }
        let path = template
            .replace("{id}", "r_0000000000000000000000000000")
            .replace("{format}", "md")
            .replace("{kind}", "resume")
            .replace("{view}", "dashboard");
        let mut statuses = Vec::new();
        for _ in 0..4 {
            let r = request(&app, &method, &path, Some(&app.key))
                .send()
                .await
                .unwrap();
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                assert!(
                    r.headers().get("retry-after").is_some(),
                    "{method} {template}"
                );
            }
            statuses.push(r.status().as_u16());
        }
        if statuses.contains(&429) {
            reached += 1;
        } else {
            missed.push(format!("{method} {template}: {statuses:?}"));
        }
    }
    assert!(missed.is_empty(), "no 429:\n{}", missed.join("\n"));
    assert!(reached > 30, "{reached}");
    app.stop().await;
}
