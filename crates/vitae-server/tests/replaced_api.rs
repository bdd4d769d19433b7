//! A client written for the replaced API (resume-cli's FastAPI service) works unchanged at its
//! paths: this test replays the requests its API module documents (`api/models.py` examples),
//! its API tests send (`tests/test_api_endpoints.py`) and its desktop client sends
//! (`desktop/src/js/api.js`), and checks the fields those clients read. Where vitae differs on
//! purpose (401 instead of 403, `If-Match` on updates, problem+json errors), the test checks the
//! difference the README's migration section lists, so the list stays true.

#[macro_use]
mod support;

use base64::Engine;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Db, TestApp, spawn_app};

/// `api/models.py`: the example `resume_data` of every request model.
fn example_resume_data() -> Value {
    json!({
        "contact": { "name": "John Doe", "email": "john@example.com" },
        "summary": "Experienced software engineer",
        "skills": { "languages": ["Python", "JavaScript"] },
        "experience": [{ "company": "Tech Corp", "title": "Engineer" }]
    })
}

/// `tests/test_api_endpoints.py`: the resume its endpoint tests send.
fn mock_resume_data() -> Value {
    json!({ "meta": { "version": "1.0" }, "contact": { "name": "Test User" }, "experience": [] })
}

/// `api/models.py`: the example of `JSONResumeRequest` (older schema: `work[].company`).
fn example_json_resume() -> Value {
    json!({
        "basics": {
            "name": "John Doe",
            "label": "Software Engineer",
            "email": "john@example.com",
            "phone": "+1234567890",
            "summary": "Experienced software engineer",
            "location": { "city": "San Francisco", "region": "CA" },
            "profiles": [{ "network": "GitHub", "username": "johndoe", "url": "https://github.com/johndoe" }]
        },
        "work": [{
            "company": "Tech Corp",
            "position": "Software Engineer",
            "startDate": "2020-01",
            "summary": "Worked on backend services",
            "highlights": ["Built API gateway", "Optimized database queries"]
        }],
        "education": [{ "institution": "University of Technology", "area": "Computer Science", "studyType": "Bachelor" }],
        "skills": [{ "name": "Programming Languages", "keywords": ["Python", "JavaScript"] }]
    })
}

/// `api/models.py`: the example job description (with its literal `\n`, as documented).
const JOB: &str = "Senior Backend Engineer\\nRequirements:\\n- Python\\n- FastAPI";

async fn post(app: &TestApp, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("X-API-KEY", &app.key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn json_of(response: reqwest::Response) -> Value {
    let status = response.status();
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(kind.starts_with("application/json"), "{kind}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn number(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"))
}

both! {
    async fn health_answers_as_the_replaced_service_did(app) {
        // desktop/src/js/api.js: `response.status === 'healthy'`
        let body = json_of(app.client.get(app.url("/health")).send().await.unwrap()).await;
        assert_eq!(body["status"], "healthy");
        assert!(body["service"].is_string(), "{body}");
    }

    async fn bare_variants_listing_names_base(app) {
        // test_get_variants: a dict holding "base".
        let response = app.client.get(app.url("/v1/variants"))
            .header("X-API-KEY", &app.key).send().await.unwrap();
        let variants = json_of(response).await;
        let map = variants.as_object().expect("a dict of variants");
        assert!(map.contains_key("base"), "{variants}");
        // The replaced API answered short name → variant key; vitae's base is `base`.
        assert_eq!(variants["base"], "base");
    }

    async fn render_pdf_takes_its_documented_bodies(app) {
        // test_render_pdf, test_render_pdf_uses_default_variant_when_not_specified, the model
        // example with `v1.0.0-base` (the desktop client's default variant).
        for body in [
            json!({ "resume_data": mock_resume_data(), "variant": "base" }),
            json!({ "resume_data": mock_resume_data() }),
            json!({ "resume_data": example_resume_data(), "variant": "v1.0.0-base" }),
        ] {
            let response = post(app, "/v1/render/pdf", &body).await;
            assert_eq!(response.status(), StatusCode::OK, "{body}");
            assert_eq!(response.headers()["content-type"], "application/pdf");
            let pdf = response.bytes().await.unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
        }
    }

    async fn tailor_answers_the_tailored_resume_at_the_top_level(app) {
        // test_tailor_resume reads the tailored resume dict itself; the desktop client
        // serialises the whole answer as the new resume.
        let body = json!({ "resume_data": example_resume_data(), "job_description": JOB });
        let answer = json_of(post(app, "/v1/tailor", &body).await).await;
        assert_eq!(answer["contact"]["name"], "John Doe", "{answer}");
        assert_eq!(answer["experience"][0]["company"], "Tech Corp");
        // vitae's own fields are there too.
        assert_eq!(answer["resume"]["contact"], answer["contact"]);
        assert!(answer["explanation"].is_object());
        let answer = json_of(post(app, "/v1/tailor",
            &json!({ "resume_data": mock_resume_data(), "job_description": "Job desc" })).await).await;
        assert_eq!(answer["contact"]["name"], "Test User");
    }

    async fn ats_check_answers_the_replaced_report_fields(app) {
        let body = json!({ "resume_data": example_resume_data(), "job_description": JOB,
                           "variant": "v1.0.0-base" });
        let report = json_of(post(app, "/v1/ats/check", &body).await).await;
        let total = number(&report["total_score"], "total_score");
        let possible = number(&report["total_possible"], "total_possible");
        let percentage = number(&report["overall_percentage"], "overall_percentage");
        assert!(possible > 0.0);
        assert!((percentage - total / possible * 100.0).abs() < 0.11, "{report}");
        assert!(!report["summary"].as_str().unwrap().is_empty());
        assert!(report["recommendations"].is_array());
        let categories = report["categories"].as_object().expect("categories by name");
        let keys: Vec<&str> = categories.keys().map(String::as_str).collect();
        assert_eq!(keys, ["format_parsing", "keywords", "section_structure", "contact_info", "readability"]);
        let mut sum = 0.0;
        for (key, c) in categories {
            let score = number(&c["score"], "score");
            let max = number(&c["max_score"], "max_score");
            assert!(score <= max + 1e-9, "{key}: {c}");
            assert!((number(&c["percentage"], "percentage") - score / max * 100.0).abs() < 0.11);
            assert!(c["name"].is_string() && c["details"].is_array() && c["suggestions"].is_array(), "{key}: {c}");
            // vitae's own explanation of the category stays.
            assert!(c["checks"].is_array());
            sum += score;
        }
        assert!((sum - total).abs() < 0.11, "{sum} vs {total}");
        // vitae's total on 100 is the same score.
        assert!((number(&report["score"], "score") - percentage).abs() < 0.11);
    }

    async fn cover_letters_answer_json_with_their_content(app) {
        // desktop/src/js/views/generate.js reads `coverLetter.content`; the API answered
        // {content, format, company, position} for md and base64 PDF content for pdf.
        let body = json!({ "resume_data": example_resume_data(), "job_description": JOB,
                           "company_name": "Tech Corp", "variant": "v1.0.0-base", "format": "md" });
        let letter = json_of(post(app, "/v1/cover-letter", &body).await).await;
        assert_eq!(letter["format"], "md");
        assert_eq!(letter["company"], "Tech Corp");
        assert_eq!(letter["position"], "Senior Backend Engineer");
        let content = letter["content"].as_str().unwrap();
        assert!(content.contains("John Doe"), "{content}");
        assert!(content.contains("Tech Corp"));

        let mut body = body;
        body["format"] = json!("pdf");
        let letter = json_of(post(app, "/v1/cover-letter", &body).await).await;
        assert_eq!(letter["format"], "pdf");
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(letter["content"].as_str().unwrap())
            .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));

        // Without `format` the replaced API's default was md.
        body.as_object_mut().unwrap().remove("format");
        let letter = json_of(post(app, "/v1/cover-letter", &body).await).await;
        assert_eq!(letter["format"], "md");
        assert!(letter["content"].as_str().unwrap().contains("John Doe"));

        // A client that asks for the document itself gets it.
        body["format"] = json!("pdf");
        let response = app.client.post(app.url("/v1/cover-letter"))
            .header("X-API-KEY", &app.key).header("Accept", "application/pdf")
            .json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/pdf");
    }

    async fn stored_resumes_answer_the_replaced_fields(app) {
        let request = json!({ "json_resume": example_json_resume(), "variant": "base" });
        let response = post(app, "/v1/resumes", &request).await;
        assert!(response.status().is_success(), "{}", response.status());
        let created: Value = response.json().await.unwrap();
        // JSONResumeResponse: json_resume, variant, created_at.
        assert_eq!(created["json_resume"]["basics"]["name"], "John Doe", "{created}");
        assert_eq!(created["json_resume"]["work"][0]["name"], "Tech Corp");
        assert_eq!(created["variant"], "base");
        assert!(created["created_at"].is_string());

        // ResumeListResponse: resumes (id, name, variant, created_at, updated_at) and total.
        let list = json_of(app.get("/v1/resumes").send().await.unwrap()).await;
        assert_eq!(list["total"], 1, "{list}");
        let item = &list["resumes"][0];
        assert_eq!(item["name"], "John Doe");
        for field in ["id", "variant", "created_at", "updated_at"] {
            assert!(item[field].is_string(), "{field}: {item}");
        }
        let id = item["id"].as_str().unwrap().to_owned();

        // Rendering a stored resume, with the query variant the replaced API took.
        let response = post(app, &format!("/v1/resumes/{id}/render/pdf?variant=base"), &json!({})).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/pdf");

        // Deliberate difference: an update needs If-Match (428 says so, in `detail`).
        let response = app.client.put(app.url(&format!("/v1/resumes/{id}")))
            .header("X-API-KEY", &app.key).json(&request).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::PRECONDITION_REQUIRED);
        let problem: Value = response.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("If-Match"));

        // Delete answers {message, id}.
        let response = app.delete(&format!("/v1/resumes/{id}")).send().await.unwrap();
        let deleted = json_of(response).await;
        assert_eq!(deleted["id"], id.as_str());
        assert!(deleted["message"].is_string());
        let list = json_of(app.get("/v1/resumes").send().await.unwrap()).await;
        assert_eq!(list["total"], 0);
    }

    async fn deliberate_differences_are_the_listed_ones(app) {
        // 401, not 403, for a missing or wrong key; the message is in `detail`, a string, as
        // the desktop client reads it.
        for key in [None, Some("wrong")] {
            let mut request = app.client.get(app.url("/v1/variants"));
            if let Some(key) = key {
                request = request.header("X-API-KEY", key);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            let problem: Value = response.json().await.unwrap();
            assert!(problem["detail"].is_string());
        }
        // A missing field is 422 with `detail` a sentence and `errors[].path` naming it
        // (FastAPI's `detail[].loc`).
        let response = post(app, "/v1/tailor", &json!({ "job_description": "Job desc" })).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["path"], "resume_data");
        assert!(problem["detail"].is_string());
        let response = post(app, "/v1/tailor", &json!({ "resume_data": mock_resume_data() })).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["path"], "job_description");
    }
}
