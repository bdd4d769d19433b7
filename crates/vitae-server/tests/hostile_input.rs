//! A hostile client cannot stall or break the service: input the database cannot hold is refused
//! alike on both backends, query parameters are checked like their body twins, a database outage
//! answers 503 at once and the server recovers by itself.

#[macro_use]
mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use support::{Db, TestApp, create_resume, native_resume, problem, spawn_app};

/// Ids as a hostile client sends them: percent-encoded NUL, other junk, a near miss.
const BAD_IDS: [&str; 5] = [
    "r_%00",
    "%00",
    "r_0196a3f2c1d0%002f7e1c9b3a5d4e6f",
    "r_'%3B--",
    // The right length and prefix, upper-case hex: never made by the server.
    "r_0196A3F2C1D0A2F7E1C9B3A5D4E6F0",
];

const JOB: &str =
    "Senior Rust engineer. Required: Rust, Go, PostgreSQL. You will build backend services.";

/// A resume whose text holds a NUL character somewhere deep.
fn resume_with_nul() -> Value {
    let mut resume = native_resume("Ada Lovelace");
    resume["experience"][0]["bullets"][1]["text"] = json!("Wrote the first\u{0} program");
    resume
}

both! {
    async fn a_malformed_resume_id_in_the_path_answers_404(app) {
        for id in BAD_IDS {
            let path = format!("/v1/resumes/{id}");
            let read = app.get(&path).send().await.unwrap();
            assert_eq!(read.status(), StatusCode::NOT_FOUND, "GET {path}");
            problem(read).await;
            let replaced = app.put(&path).header("If-Match", "\"r1\"").json(&json!({ "resume_data": native_resume("Ada") })).send().await.unwrap();
            assert_eq!(replaced.status(), StatusCode::NOT_FOUND, "PUT {path}");
            let deleted = app.delete(&path).send().await.unwrap();
            assert_eq!(deleted.status(), StatusCode::NOT_FOUND, "DELETE {path}");
            let rendered = app.post(&format!("{path}/render/md")).send().await.unwrap();
            assert_eq!(rendered.status(), StatusCode::NOT_FOUND, "render {path}");
            let variants = app.get(&format!("/v1/variants?resume_id={id}")).send().await.unwrap();
            assert_eq!(variants.status(), StatusCode::NOT_FOUND, "variants of {id}");
        }
    }

    async fn a_malformed_resume_id_in_a_fit_request_answers_404(app) {
        for id in ["r_\u{0}", "\u{0}", "r_0196a3f2c1d0\u{0}2f7e1c9b3a5d4e6f"] {
            for endpoint in ["/v1/ats/check", "/v1/tailor", "/v1/cover-letter"] {
                let body = json!({ "resume_id": id, "job_description": JOB, "render": false });
                let response = app.post(endpoint).json(&body).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::NOT_FOUND, "{endpoint} with {id:?}");
                problem(response).await;
            }
            let body = json!({ "resume_id": id, "jobs": [JOB] });
            let response = app.post("/v1/match").json(&body).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "/v1/match with {id:?}");
        }
    }

    async fn a_malformed_cursor_answers_422_naming_the_parameter(app) {
        create_resume(app, &json!({ "resume_data": native_resume("Ada") })).await;
        for cursor in ["%00", "r_%00", "nonsense", "r_0196A3F2C1D0A2F7E1C9B3A5D4E6F0"] {
            let response = app.get(&format!("/v1/resumes?after={cursor}")).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "after={cursor}");
            let p = problem(response).await;
            assert!(p["detail"].as_str().unwrap().contains("`after`"), "{p}");
        }
        // An empty cursor is the first page.
        let first: Value = app.get("/v1/resumes?after=").send().await.unwrap().json().await.unwrap();
        assert_eq!(first["items"].as_array().unwrap().len(), 1);
    }

    async fn a_resume_with_a_nul_character_answers_422_with_its_path_line_and_a_hint(app) {
        let response = app.post("/v1/resumes").json(&json!({ "resume_data": resume_with_nul() })).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(response).await;
        let error = &p["errors"][0];
        assert_eq!(error["path"], "resume_data.experience[0].bullets[1].text", "{p}");
        assert!(error["line"].as_u64().unwrap() >= 1, "{p}");
        assert!(error["column"].as_u64().unwrap() >= 1, "{p}");
        assert!(error["message"].as_str().unwrap().contains("NUL"), "{p}");
        assert!(error["hint"].as_str().is_some(), "{p}");

        // In a key, in a bare document, in YAML.
        let mut in_key = native_resume("Ada");
        in_key["skills"] = json!({ "Lang\u{0}uages": ["Rust"] });
        let response = app.post("/v1/resumes").json(&in_key).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(response).await;
        assert!(p["errors"][0]["path"].as_str().unwrap().starts_with("skills"), "{p}");
        let yaml = "contact:\n  name: \"Ada\\0 Lovelace\"\n  email: ada@example.com\n";
        let response = app.post("/v1/resumes").header("Content-Type", "application/yaml").body(yaml).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(response).await;
        assert_eq!(p["errors"][0]["path"], "contact.name", "{p}");
        assert_eq!(p["errors"][0]["line"], 2, "{p}");

        // An update is refused the same way and changes nothing.
        let (id, etag) = create_resume(app, &json!({ "resume_data": native_resume("Ada King") })).await;
        let path = format!("/v1/resumes/{id}");
        let updated = app.put(&path).header("If-Match", &etag).json(&json!({ "resume_data": resume_with_nul() })).send().await.unwrap();
        assert_eq!(updated.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let stored: Value = app.get(&path).send().await.unwrap().json().await.unwrap();
        assert_eq!(stored["contact"]["name"], "Ada King");
        let listed: Value = app.get("/v1/resumes").send().await.unwrap().json().await.unwrap();
        assert_eq!(listed["items"].as_array().unwrap().len(), 1, "nothing else was stored");

        // Every request that carries a resume.
        let fit = json!({ "resume_data": resume_with_nul(), "job_description": JOB, "jobs": [JOB], "render": false });
        for endpoint in ["/v1/render/md", "/v1/variants", "/v1/ats/check", "/v1/tailor", "/v1/cover-letter", "/v1/match"] {
            let response = app.post(endpoint).json(&fit).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
            let p = problem(response).await;
            assert_eq!(p["errors"][0]["path"], "resume_data.experience[0].bullets[1].text", "{endpoint}: {p}");
        }
    }

    async fn tailoring_a_resume_whose_urls_differ_only_in_case_keeps_both(app) {
        let mut resume = native_resume("Ada Lovelace");
        resume["contact"]["urls"] = json!({
            "LinkedIn": "https://www.linkedin.com/in/ada",
            "linkedin": "https://www.linkedin.com/in/ada-lovelace",
        });
        let body = json!({ "resume_data": resume, "job_description": JOB });
        let response = app.post("/v1/tailor").json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let answer: Value = response.json().await.unwrap();
        let urls: Vec<&str> = answer["resume"]["contact"]["profiles"].as_array().unwrap().iter().map(|p| p["url"].as_str().unwrap()).collect();
        assert_eq!(urls, ["https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/ada-lovelace"], "{answer}");
        assert!(answer["verification"]["violations"].as_array().unwrap().is_empty(), "{answer}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_number_in_the_query_is_checked_like_the_one_in_the_body() {
    let app = spawn_app(Db::Sqlite).await;
    let resume = json!({ "resume_data": native_resume("Ada") });
    let (id, _) = create_resume(&app, &resume).await;
    for value in ["0", "-1", "1.5", "NaN", "inf"] {
        let query = format!("page_number={value}&dpi=20");
        let posted = app
            .post(&format!("/v1/render/png?{query}"))
            .json(&resume)
            .send()
            .await
            .unwrap();
        assert_eq!(
            posted.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "posted with {query}"
        );
        let p = problem(posted).await;
        assert!(p["detail"].as_str().unwrap().contains("page_number"), "{p}");
        let stored = app
            .post(&format!("/v1/resumes/{id}/render/png?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            stored.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "stored with {query}"
        );
    }
    let mut in_body = resume.clone();
    in_body["page_number"] = json!(0);
    let body = app
        .post("/v1/render/png?dpi=20")
        .json(&in_body)
        .send()
        .await
        .unwrap();
    assert_eq!(body.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The other numbers of the query are refused, not computed with.
    for query in [
        "dpi=NaN",
        "dpi=0",
        "dpi=inf",
        "font_size=NaN",
        "margin=-inf",
    ] {
        let response = app
            .post(&format!("/v1/render/png?{query}"))
            .json(&resume)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
    }
    // No work thread died: PNG pages still render, one per request.
    for _ in 0..4 {
        let ok = app
            .post("/v1/render/png?page_number=1&dpi=20")
            .json(&resume)
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), StatusCode::OK);
    }
    app.stop().await;
}

/// What the server answered while its database was unreachable.
#[derive(Debug)]
struct Observed {
    /// `None` when the request failed (it must not: observing never panics, so the database is
    /// always restored).
    status: Option<StatusCode>,
    retry_after: Option<String>,
    elapsed: Duration,
}

async fn observe(request: reqwest::RequestBuilder) -> Observed {
    let started = Instant::now();
    let response = request.timeout(Duration::from_secs(20)).send().await;
    let elapsed = started.elapsed();
    match response {
        Ok(response) => Observed {
            status: Some(response.status()),
            retry_after: response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            elapsed,
        },
        Err(_) => Observed {
            status: None,
            retry_after: None,
            elapsed,
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_with_retry_after_and_the_server_recovers() {
    // Keys are trusted for no time, so every request asks the database.
    let app = support::spawn_with(Db::Postgres, |c| c.key_cache_ttl = Duration::ZERO).await;
    let (id, _) = create_resume(&app, &json!({ "resume_data": native_resume("Ada") })).await;
    assert_eq!(
        app.get(&format!("/v1/resumes/{id}"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    vitae_store::testing::block_connections(&app.database_url)
        .await
        .unwrap();
    // Observe everything first and restore the database before asserting, so a failure never
    // leaves a database that cannot be dropped.
    let read = observe(app.get(&format!("/v1/resumes/{id}"))).await;
    let list = observe(app.get("/v1/resumes")).await;
    let create = observe(
        app.post("/v1/resumes")
            .json(&json!({ "resume_data": native_resume("Bo") })),
    )
    .await;
    let ready = observe(app.client.get(app.url("/ready"))).await;
    let health = observe(app.client.get(app.url("/health"))).await;
    vitae_store::testing::allow_connections(&app.database_url)
        .await
        .unwrap();

    for (what, seen) in [
        ("read", &read),
        ("list", &list),
        ("create", &create),
        ("ready", &ready),
    ] {
        assert_eq!(
            seen.status,
            Some(StatusCode::SERVICE_UNAVAILABLE),
            "{what}: {seen:?}"
        );
        assert!(seen.retry_after.is_some(), "{what}: {seen:?}");
        assert!(
            seen.elapsed < Duration::from_secs(5),
            "{what} answered within 5 s: {seen:?}"
        );
    }
    assert_eq!(
        health.status,
        Some(StatusCode::OK),
        "liveness does not need the database"
    );

    // Back without a restart.
    let again = app.get(&format!("/v1/resumes/{id}")).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let ready = app.client.get(app.url("/ready")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    create_resume(&app, &json!({ "resume_data": native_resume("Bo") })).await;
    app.stop().await;
}
