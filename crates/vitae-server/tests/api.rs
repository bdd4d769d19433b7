//! Black-box tests of the HTTP API: the real server on port 0, a real client, a fresh database.
//! Every test in `both!` runs twice: against SQLite and against PostgreSQL.

#[macro_use]
mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{
    Db, TestApp, create_resume, declared_body_answer, example_yaml, fixtures, native_resume,
    problem, spawn_app, spawn_with,
};

both! {
    async fn health_and_readiness_answer_without_a_key(app) {
        let health = app.client.get(app.url("/health")).send().await.unwrap();
        assert_eq!(health.status(), StatusCode::OK);
        assert!(health.headers().contains_key("x-request-id"));
        let body: Value = health.json().await.unwrap();
        assert_eq!(body["status"], "healthy");
        let ready: Value = app.client.get(app.url("/ready")).send().await.unwrap().json().await.unwrap();
        assert_eq!(ready["status"], "ready");
        assert!(ready["database"] == "sqlite" || ready["database"] == "postgres");
    }

    async fn requests_without_a_valid_key_get_401(app) {
        let none = app.client.get(app.url("/v1/themes")).send().await.unwrap();
        assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
        // RFC 9110: a 401 says which scheme it takes.
        assert_eq!(none.headers()["www-authenticate"], "Bearer realm=\"vitae\"");
        let p = problem(none).await;
        assert!(p["detail"].as_str().unwrap().contains("X-API-Key"), "{p}");
        let wrong = app.client.get(app.url("/v1/themes")).header("X-API-Key", "vitae_nope").send().await.unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert!(wrong.headers().contains_key("www-authenticate"));
        // The scheme's name is case-insensitive.
        let shouted = app.client.get(app.url("/v1/themes")).header("Authorization", format!("BEARER {}", app.key)).send().await.unwrap();
        assert_eq!(shouted.status(), StatusCode::OK);
        let bearer = app.client.get(app.url("/v1/themes")).bearer_auth(&app.key).send().await.unwrap();
        assert_eq!(bearer.status(), StatusCode::OK);
        let catalog: Value = bearer.json().await.unwrap();
        assert_eq!(catalog["themes"].as_array().unwrap().len(), 6);
        assert!(catalog["formats"].as_array().unwrap().contains(&json!("docx")));
        assert!(catalog["locales"].as_array().unwrap().len() >= 10);
    }

    async fn render_pdf_from_resume_data_has_type_name_etag_and_answers_304(app) {
        let body = json!({ "resume_data": native_resume("Ada Lovelace"), "variant": "backend", "theme": "modern" });
        let response = app.post("/v1/render/pdf").json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let h = response.headers().clone();
        assert_eq!(h["content-type"], "application/pdf");
        assert_eq!(h["content-disposition"], "attachment; filename=\"resume-backend.pdf\"");
        assert_eq!(h["x-vitae-cache"], "miss");
        let etag = h["etag"].to_str().unwrap().to_owned();
        let pdf = response.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"));

        // Asked for a second time, the document is rendered again and kept (the cache admits
        // what is asked for twice); the third request is served from the cache.
        let second = app.post("/v1/render/pdf").json(&body).send().await.unwrap();
        assert_eq!(second.headers()["x-vitae-cache"], "miss");
        assert_eq!(second.headers()["etag"].to_str().unwrap(), etag);
        let again = app.post("/v1/render/pdf").json(&body).send().await.unwrap();
        assert_eq!(again.headers()["x-vitae-cache"], "hit");
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert_eq!(again.bytes().await.unwrap(), pdf);

        let conditional = app.post("/v1/render/pdf").header("If-None-Match", &etag).json(&body).send().await.unwrap();
        assert_eq!(conditional.status(), StatusCode::NOT_MODIFIED);
        assert!(conditional.bytes().await.unwrap().is_empty());
    }

    async fn every_output_format_renders_with_its_media_type(app) {
        let body = json!({ "resume_data": native_resume("Ada Lovelace"), "dpi": 30 });
        let cases: [(&str, &str, &[u8]); 9] = [
            ("pdf", "application/pdf", b"%PDF-"),
            ("png", "image/png", b"\x89PNG"),
            ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
            ("md", "text/markdown; charset=utf-8", b"# Ada Lovelace"),
            ("txt", "text/plain; charset=utf-8", b"Ada Lovelace\n"),
            ("html", "text/html; charset=utf-8", b"<!doctype html>"),
            ("tex", "application/x-tex; charset=utf-8", b"%"),
            ("typ", "text/vnd.typst; charset=utf-8", b"// vitae theme"),
            ("json", "application/json", b"{"),
        ];
        for (format, media_type, magic) in cases {
            let response = app.post(&format!("/v1/render/{format}")).json(&body).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{format}");
            assert_eq!(response.headers()["content-type"], media_type, "{format}");
            let bytes = response.bytes().await.unwrap();
            assert!(bytes.starts_with(magic), "{format}: {:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(40)]));
        }
    }

    async fn yaml_bodies_and_json_resume_envelopes_render(app) {
        let response = app.post("/v1/render/md?variant=ml&locale=de")
            .header("Content-Type", "application/yaml")
            .body(example_yaml())
            .send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"resume-ml.md\"");
        let md = response.text().await.unwrap();
        assert!(md.starts_with("# Maya Okafor"), "{md}");
        assert!(md.contains("Berufserfahrung"), "German headings: {md}");

        let sample: Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures().join("jsonresume/sample.resume.json")).unwrap(),
        ).unwrap();
        let response = app.post("/v1/render/txt").json(&json!({ "json_resume": sample })).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let name = sample["basics"]["name"].as_str().unwrap();
        assert!(response.text().await.unwrap().contains(name));
    }

    async fn malformed_bodies_get_400_with_the_line_and_column(app) {
        let response = app.post("/v1/render/pdf")
            .header("Content-Type", "application/json")
            .body("{\n  \"resume_data\": {\"contact\": {\"name\": \"Ada\",}\n}")
            .send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let p = problem(response).await;
        assert_eq!(p["status"], 400);
        assert_eq!(p["errors"][0]["line"], 2, "{p}");
        let empty = app.post("/v1/render/pdf").header("Content-Type", "application/json").body("").send().await.unwrap();
        assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
        let binary = app.post("/v1/render/pdf").body(vec![0u8, 159, 146, 150]).send().await.unwrap();
        assert_eq!(binary.status(), StatusCode::BAD_REQUEST);
    }

    async fn invalid_resumes_get_422_with_every_problem_located(app) {
        let mut resume = native_resume("Ada");
        resume["contact"]["email"] = json!("not-an-email");
        resume["experience"][0]["start_date"] = json!("2021-06");
        resume["experience"][0]["end_date"] = json!("2021-02");
        let response = app.post("/v1/render/pdf").json(&json!({ "resume_data": resume })).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(response).await;
        let paths: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
        assert!(paths.contains(&"resume_data.contact.email"), "{p}");
        assert!(paths.contains(&"resume_data.experience[0].end_date"), "{p}");
        assert!(p["errors"].as_array().unwrap().iter().all(|e| e["line"].as_u64().unwrap() > 0), "{p}");
        let wrong_type = app.post("/v1/render/pdf").json(&json!({ "resume_data": native_resume("Ada"), "theme": 7 })).send().await.unwrap();
        assert_eq!(wrong_type.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn unknown_names_get_422_listing_the_known_ones(app) {
        let cases = [
            (json!({ "resume_data": native_resume("Ada"), "variant": "astronaut" }), "backend"),
            (json!({ "resume_data": native_resume("Ada"), "theme": "comic" }), "engineering"),
            (json!({ "resume_data": native_resume("Ada"), "locale": "tlh" }), "de"),
            (json!({ "resume_data": native_resume("Ada"), "section_titles": "wavy" }), "partial"),
            (json!({ "resume_data": native_resume("Ada"), "dates": "iso" }), "numeric"),
            (json!({ "resume_data": native_resume("Ada"), "links": "tiny" }), "full"),
        ];
        for (body, expected) in cases {
            let response = app.post("/v1/render/pdf").json(&body).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            let p = problem(response).await;
            assert!(p["known"].as_array().unwrap().contains(&json!(expected)), "{p}");
        }
        let out_of_range = app.post("/v1/render/pdf").json(&json!({ "resume_data": native_resume("Ada"), "font_size": 40 })).send().await.unwrap();
        assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem(out_of_range).await["detail"].as_str().unwrap().contains("7–14"));
        let pages = app.post("/v1/render/pdf").json(&json!({ "resume_data": native_resume("Ada"), "pages": 0 })).send().await.unwrap();
        assert_eq!(pages.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem(pages).await["detail"].as_str().unwrap().contains("from 1 to 20"));
        // A resume too long for the pages asked for: 422, saying how many it needs.
        let mut long = native_resume("Ada");
        long["experience"] = json!((0..40).map(|i| json!({
            "company": format!("Company {i}"), "title": "Engineer", "start_date": "2020-01",
            "bullets": vec!["Built and ran the service that every team used, and measured it in production."; 6],
        })).collect::<Vec<_>>());
        let too_long = app.post("/v1/render/pdf").json(&json!({ "resume_data": long, "pages": 1 })).send().await.unwrap();
        assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let detail = problem(too_long).await["detail"].as_str().unwrap().to_owned();
        assert!(detail.contains("pages even with the smallest readable type"), "{detail}");
        let fitted = app.post("/v1/render/pdf").json(&json!({ "resume_data": native_resume("Ada"), "pages": 1 })).send().await.unwrap();
        assert_eq!(fitted.status(), StatusCode::OK);
        let format = app.post("/v1/render/odt").json(&json!({ "resume_data": native_resume("Ada") })).send().await.unwrap();
        assert_eq!(format.status(), StatusCode::NOT_FOUND);
        assert!(problem(format).await["known"].as_array().unwrap().contains(&json!("pdf")));
    }

    async fn the_resumes_design_applies_and_a_request_option_goes_over_it(app) {
        let mut resume = native_resume("Ada");
        resume["design"] = json!({ "dates": "long", "theme": "modern" });
        let md = app.post("/v1/render/md").json(&json!({ "resume_data": resume })).send().await.unwrap();
        assert_eq!(md.status(), StatusCode::OK);
        assert!(md.text().await.unwrap().contains("January 2020"));
        let numeric = app.post("/v1/render/md?dates=numeric").json(&json!({ "resume_data": resume })).send().await.unwrap();
        assert!(numeric.text().await.unwrap().contains("01/2020"));
        let flags = app.post("/v1/render/pdf").json(&json!({ "resume_data": resume, "page_numbers": false, "last_updated": true, "photo": false, "section_titles": "bar", "links": "full", "date": "2026-12-05" })).send().await.unwrap();
        assert_eq!(flags.status(), StatusCode::OK);
        // A bad value in the resume's design: 422 at its line, like any invalid resume.
        resume["design"] = json!({ "theme": "fancy" });
        let bad = app.post("/v1/render/pdf").json(&json!({ "resume_data": resume })).send().await.unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(bad).await;
        assert_eq!(p["errors"][0]["path"], "resume_data.design.theme", "{p}");
        // A photo that is no image: 422 at its line, like any invalid resume, never 500.
        let mut resume = native_resume("Ada");
        resume["contact"]["image"] = json!("data:image/png;base64,bm90IGFuIGltYWdl");
        let photo = app.post("/v1/render/pdf").json(&json!({ "resume_data": resume, "theme": "modern" })).send().await.unwrap();
        assert_eq!(photo.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(photo).await;
        assert_eq!(p["errors"][0]["path"], "resume_data.contact.image", "{p}");
        assert!(p["errors"][0]["message"].as_str().unwrap().contains("not a PNG or JPEG"), "{p}");
    }

    async fn other_bad_requests_get_their_own_status_never_500(app) {
        // The server refuses the body unread, from its declared length, and closes the
        // connection.
        let (status, head) = declared_body_answer(app, "POST", "/v1/render/md", &[("Content-Type", "application/yaml")], 1024 * 1024 + 1).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{head}");
        assert!(head.to_ascii_lowercase().contains("content-type: application/problem+json"), "{head}");
        let (_, body) = head.split_once("\r\n\r\n").unwrap();
        let p: Value = serde_json::from_str(body).unwrap();
        assert_eq!(p["status"], 413, "{p}");
        assert!(p["detail"].as_str().is_some_and(|d| !d.is_empty()), "{p}");
        let media = app.post("/v1/render/md").header("Content-Type", "text/csv").body("a,b").send().await.unwrap();
        assert_eq!(media.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let query = app.post("/v1/render/md?font_size=big").json(&json!({ "resume_data": native_resume("Ada") })).send().await.unwrap();
        assert_eq!(query.status(), StatusCode::BAD_REQUEST);
        problem(query).await;
        let page = app.post("/v1/render/png?page_number=9&dpi=20").json(&json!({ "resume_data": native_resume("Ada") })).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let route = app.get("/v1/nothing-here").send().await.unwrap();
        assert_eq!(route.status(), StatusCode::NOT_FOUND);
        problem(route).await;
        let method = app.delete("/v1/themes").send().await.unwrap();
        assert_eq!(method.status(), StatusCode::METHOD_NOT_ALLOWED);
        problem(method).await;
    }

    async fn resumes_are_created_read_in_three_formats_listed_updated_and_deleted(app) {
        let (id, etag) = create_resume(app, &json!({ "resume_data": native_resume("Ada Lovelace") })).await;
        assert_eq!(etag, "\"r1\"");
        let native: Value = app.get(&format!("/v1/resumes/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(native["contact"]["name"], "Ada Lovelace");
        let yaml = app.get(&format!("/v1/resumes/{id}")).header("Accept", "application/yaml").send().await.unwrap();
        assert_eq!(yaml.headers()["content-type"], "application/yaml");
        assert!(yaml.text().await.unwrap().contains("name: Ada Lovelace"));
        let jr: Value = app.get(&format!("/v1/resumes/{id}?format=json-resume")).send().await.unwrap().json().await.unwrap();
        assert_eq!(jr["basics"]["name"], "Ada Lovelace");
        let unchanged = app.get(&format!("/v1/resumes/{id}")).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

        let no_precondition = app.put(&format!("/v1/resumes/{id}")).json(&json!({ "resume_data": native_resume("Ada King") })).send().await.unwrap();
        assert_eq!(no_precondition.status(), StatusCode::PRECONDITION_REQUIRED);
        problem(no_precondition).await;
        let updated = app.put(&format!("/v1/resumes/{id}")).header("If-Match", &etag).json(&json!({ "resume_data": native_resume("Ada King") })).send().await.unwrap();
        assert_eq!(updated.status(), StatusCode::OK);
        assert_eq!(updated.headers()["etag"], "\"r2\"");
        let stale = app.put(&format!("/v1/resumes/{id}")).header("If-Match", &etag).json(&json!({ "resume_data": native_resume("Lost Update") })).send().await.unwrap();
        assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
        assert!(problem(stale).await["detail"].as_str().unwrap().contains("\"r2\""));
        let invalid = app.put(&format!("/v1/resumes/{id}")).header("If-Match", "\"r2\"").json(&json!({ "resume_data": { "contact": { "email": "x" } } })).send().await.unwrap();
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let current: Value = app.get(&format!("/v1/resumes/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(current["contact"]["name"], "Ada King", "a refused update changes nothing");
        // `If-Match: *` replaces whatever version is there (it was 412).
        let any = app.put(&format!("/v1/resumes/{id}")).header("If-Match", "*").json(&json!({ "resume_data": native_resume("Ada Byron King") })).send().await.unwrap();
        assert_eq!(any.status(), StatusCode::OK);
        assert_eq!(any.headers()["etag"], "\"r3\"");
        let other_kind = app.put(&format!("/v1/resumes/{id}")).header("If-Match", "\"a3\"").json(&json!({ "resume_data": native_resume("Nobody") })).send().await.unwrap();
        assert_eq!(other_kind.status(), StatusCode::PRECONDITION_FAILED);

        let pdf = app.post(&format!("/v1/resumes/{id}/render/pdf?variant=backend&theme=sidebar")).send().await.unwrap();
        assert_eq!(pdf.status(), StatusCode::OK);
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
        let variants: Value = app.get(&format!("/v1/variants?resume_id={id}")).send().await.unwrap().json().await.unwrap();
        // No `base` variant is defined, so the first defined one is the default.
        assert_eq!(variants["default"], "backend");
        assert!(variants["variants"].as_array().unwrap().iter().any(|v| v["key"] == "backend"));

        let deleted = app.delete(&format!("/v1/resumes/{id}")).header("If-Match", "\"r3\"").send().await.unwrap();
        assert_eq!(deleted.status(), StatusCode::OK);
        assert_eq!(app.get(&format!("/v1/resumes/{id}")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(app.delete(&format!("/v1/resumes/{id}")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    }

    async fn listings_page_with_a_cursor(app) {
        for i in 0..5 {
            create_resume(app, &json!({ "resume_data": native_resume(&format!("Person {i}")) })).await;
        }
        let first = app.get("/v1/resumes?limit=2").send().await.unwrap();
        assert!(first.headers()["link"].to_str().unwrap().contains("rel=\"next\""));
        let mut page: Value = first.json().await.unwrap();
        let mut names = Vec::new();
        loop {
            for item in page["items"].as_array().unwrap() {
                names.push(item["name"].as_str().unwrap().to_owned());
                assert!(item["created_at"].as_str().unwrap().ends_with('Z'));
                // The default variant first (no `base` is defined: the first defined one).
                assert_eq!(item["variants"], json!(["backend", "base"]));
                assert_eq!(item["variant"], "backend");
            }
            assert_eq!(page["total"], 5);
            assert_eq!(page["resumes"], page["items"]);
            let Some(next) = page["next"].as_str() else { break };
            page = app.get(&format!("/v1/resumes?limit=2&after={next}")).send().await.unwrap().json().await.unwrap();
        }
        assert_eq!(names, (0..5).map(|i| format!("Person {i}")).collect::<Vec<_>>());
        let bad = app.get("/v1/resumes?limit=1000").send().await.unwrap();
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    }

    async fn another_tenants_resume_answers_404(app) {
        let (id, etag) = create_resume(app, &json!({ "resume_data": native_resume("Private Person") })).await;
        let other = |r: reqwest::RequestBuilder| r.header("X-API-Key", &app.other_key);
        let path = format!("/v1/resumes/{id}");
        assert_eq!(other(app.client.get(app.url(&path))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(other(app.client.put(app.url(&path))).header("If-Match", &etag).json(&json!({ "resume_data": native_resume("Mallory") })).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(other(app.client.delete(app.url(&path))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(other(app.client.post(app.url(&format!("{path}/render/pdf")))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(other(app.client.get(app.url(&format!("/v1/variants?resume_id={id}")))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        let list: Value = other(app.client.get(app.url("/v1/resumes"))).send().await.unwrap().json().await.unwrap();
        assert!(list["items"].as_array().unwrap().is_empty());
        assert_eq!(list["total"], 0, "another tenant's resumes are not counted");
        let mine: Value = app.get(&path).send().await.unwrap().json().await.unwrap();
        assert_eq!(mine["contact"]["name"], "Private Person");
    }

    async fn of_fifty_concurrent_conflicting_updates_exactly_one_wins(app) {
        let (id, etag) = create_resume(app, &json!({ "resume_data": native_resume("Start") })).await;
        let path = format!("/v1/resumes/{id}");
        let requests = (0..50).map(|i| {
            app.put(&path).header("If-Match", &etag).json(&json!({ "resume_data": native_resume(&format!("Writer {i}")) })).send()
        });
        let responses = futures_join(requests).await;
        let mut winners = Vec::new();
        for r in responses {
            let r = r.unwrap();
            match r.status() {
                StatusCode::OK => winners.push(r.json::<Value>().await.unwrap()["name"].as_str().unwrap().to_owned()),
                StatusCode::PRECONDITION_FAILED => {}
                other => panic!("unexpected {other}"),
            }
        }
        assert_eq!(winners.len(), 1, "{winners:?}");
        let stored: Value = app.get(&path).send().await.unwrap().json().await.unwrap();
        assert_eq!(stored["contact"]["name"], winners[0].as_str());
    }

    async fn openapi_docs_and_metrics_are_served(app) {
        let spec = app.openapi().await;
        assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in ["/v1/render/{format}", "/v1/resumes", "/v1/resumes/{id}", "/v1/resumes/{id}/render/{format}", "/v1/themes", "/v1/variants", "/health", "/ready"] {
            assert!(spec["paths"].get(path).is_some(), "{path} is documented");
        }
        // The document's conventions (issue 20): query parameters are in the query; every
        // error is problem+json; keyed operations document 401 with its challenge and 429;
        // no request body is a bare object, so generated requests carry resumes.
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let keyed = op.get("security").is_none();
                for p in op["parameters"].as_array().into_iter().flatten() {
                    if p["in"] == "path" {
                        assert!(path.contains(&format!("{{{}}}", p["name"].as_str().unwrap())), "{method} {path}: {p} is not in the path");
                    }
                }
                for (status, response) in op["responses"].as_object().unwrap() {
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(response["content"].get("application/problem+json").is_some(), "{method} {path} {status}: {response}");
                        assert!(response["content"].get("application/json").is_none(), "{method} {path} {status}");
                    }
                }
                if keyed {
                    assert!(op["responses"]["401"]["headers"].get("WWW-Authenticate").is_some(), "{method} {path}");
                    assert!(op["responses"].get("429").is_some(), "{method} {path}");
                }
                if let Some(body) = op.get("requestBody") {
                    for (media, content) in body["content"].as_object().unwrap() {
                        assert_ne!(content["schema"], json!({ "type": "object" }), "{method} {path} {media}");
                    }
                    assert!(op["responses"].get("413").is_some(), "{method} {path}");
                    let typed = body["content"].get("application/json").is_some();
                    assert_eq!(op["responses"].get("415").is_some(), typed || path == "/v1/import", "{method} {path}: 415 where the media type is read");
                }
            }
        }
        assert_eq!(spec["paths"]["/health"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Health");
        let docs = app.client.get(app.url("/docs/")).send().await.unwrap();
        assert_eq!(docs.status(), StatusCode::OK);
        let html = docs.text().await.unwrap();
        assert!(html.contains("swagger"), "{html}");
        assert!(!html.contains("cdn") && !html.contains("unpkg"), "the docs load nothing from the network");

        app.post("/v1/render/md").json(&json!({ "resume_data": native_resume("Ada") })).send().await.unwrap();
        let metrics = app.client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
        assert!(metrics.contains("vitae_http_requests_total{method=\"POST\",route=\"/v1/render/{format}\",status=\"200\"}"), "{metrics}");
        assert!(metrics.contains("vitae_renders_total{format=\"md\"}"));
        assert!(metrics.contains("vitae_pool_queue_depth"));
    }
}

/// The document states the names and ranges the server checks (issue 20), and they are the
/// server's: every name an `enum` lists is taken, a name outside it is refused, each range's ends
/// are taken and a step past them refused; the query parameters carry the same rules as the
/// body's fields; the job search's bodies state their non-empty names, statuses and dates.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_states_the_names_and_ranges_the_server_checks() {
    let app = spawn_app(Db::Sqlite).await;
    let spec = app.openapi().await;
    let options = &spec["components"]["schemas"]["RenderParams"]["properties"];
    let render = |option: &str, value: Value| {
        let mut body = json!({ "resume_data": native_resume("Ada") });
        body[option] = value;
        app.post("/v1/render/typst").json(&body).send()
    };
    let mut listed = 0;
    for option in [
        "theme",
        "page",
        "section_titles",
        "columns",
        "dates",
        "links",
        "font",
    ] {
        let names = options[option]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{option}: {options}"));
        assert!(
            names.contains(&Value::Null),
            "{option} may be null: {names:?}"
        );
        for name in names.iter().filter(|n| !n.is_null()) {
            let response = render(option, name.clone()).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{option} {name}");
            listed += 1;
        }
        let response = render(option, json!("not-one-of-them")).await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{option}"
        );
        let query = spec["paths"]["/v1/render/{format}"]["post"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["in"] == "query" && p["name"] == option)
            .unwrap_or_else(|| panic!("{option} is a query parameter"));
        let in_query: Vec<&Value> = query["schema"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| !n.is_null())
            .collect();
        let in_body: Vec<&Value> = names.iter().filter(|n| !n.is_null()).collect();
        assert_eq!(in_query, in_body, "{option}");
    }
    assert!(listed >= 20, "{listed} names listed");
    for option in ["font_size", "margin"] {
        let (low, high) = (
            options[option]["minimum"].as_f64().unwrap(),
            options[option]["maximum"].as_f64().unwrap(),
        );
        for (value, status) in [
            (low, StatusCode::OK),
            (high, StatusCode::OK),
            (low - 0.5, StatusCode::UNPROCESSABLE_ENTITY),
            (high + 0.5, StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            assert_eq!(
                render(option, json!(value)).await.unwrap().status(),
                status,
                "{option} {value}"
            );
        }
    }
    let most = options["page_number"]["maximum"].as_f64().unwrap();
    assert_eq!(
        render("page_number", json!(most + 1.0))
            .await
            .unwrap()
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let pattern = options["accent"]["pattern"].as_str().unwrap();
    assert!(pattern.contains("rgb"), "{pattern}");
    for (accent, status) in [
        ("#1f4e79", StatusCode::OK),
        ("1f4e79", StatusCode::OK),
        ("#abc", StatusCode::OK),
        ("rgb(31, 78, 121)", StatusCode::OK),
        ("blue", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        assert_eq!(
            render("accent", json!(accent)).await.unwrap().status(),
            status,
            "{accent}"
        );
    }
    assert!(
        options["locale"]["description"]
            .as_str()
            .unwrap()
            .contains("de")
    );

    let new = &spec["components"]["schemas"]["NewApplication"]["properties"];
    assert_eq!(new["company"]["minLength"], 1, "{new}");
    assert!(
        new["applied_on"]["pattern"]
            .as_str()
            .unwrap()
            .contains("[0-9]{4}")
    );
    let statuses = new["status"]["enum"].as_array().unwrap();
    for status in statuses.iter().filter(|s| !s.is_null()) {
        let created = app
            .post("/v1/applications")
            .json(&json!({ "company": "Acme", "status": status, "applied_on": "2026-11-02" }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED, "{status}");
    }
    for body in [
        json!({ "company": "" }),
        json!({ "company": "Acme", "status": "levitating" }),
        json!({ "company": "Acme", "applied_on": "02/11/2026" }),
    ] {
        let refused = app
            .post("/v1/applications")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    // Path segments naming one of a few things list them; a resume and a posting are required.
    let view = &spec["paths"]["/v1/analytics/{view}"]["get"]["parameters"][0];
    assert_eq!(view["name"], "view");
    for name in view["schema"]["enum"].as_array().unwrap() {
        let path = format!("/v1/analytics/{}", name.as_str().unwrap());
        assert_eq!(
            app.get(&path).send().await.unwrap().status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let schemas = &spec["components"]["schemas"];
    let posting: Vec<&Value> = schemas["PostingInput"]["anyOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["required"][0])
        .collect();
    assert_eq!(posting, [&json!("job_description"), &json!("job")]);
    assert_eq!(
        schemas["PostingInput"]["anyOf"][0]["properties"]["job_description"],
        json!({ "type": "string" })
    );
    // A posting sent as `null` is no posting.
    let no_job = app
        .post("/v1/ats/check")
        .json(&json!({ "resume_data": native_resume("Ada"), "job_description": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(no_job.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(schemas["ResumeInput"]["anyOf"].as_array().unwrap().len(), 4);
    assert_eq!(
        schemas["NativeResume"]["properties"]["contact"]["properties"]["name"]["minLength"],
        1
    );
    let offer = &spec["components"]["schemas"]["Offer"]["properties"];
    assert_eq!(
        (
            offer["remote"]["minimum"].as_f64(),
            offer["remote"]["maximum"].as_f64()
        ),
        (Some(0.0), Some(10.0)),
        "{offer}"
    );
    app.stop().await;
}

/// Sends requests concurrently (no extra dependency for `join_all`).
async fn futures_join<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_with_no_keys_refuses_requests_and_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let url = vitae_store::sqlite_url(&dir.path().join("vitae.db"));
    let store = vitae_store::connect(&url).await.unwrap();
    let app = support::start(Db::Sqlite, url, store, Some(dir), |_| {}).await;
    let response = app
        .client
        .get(app.url("/v1/themes"))
        .header("X-API-Key", "anything")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = app.client.get(app.url("/v1/themes")).send().await.unwrap();
    let p = problem(response).await;
    assert!(
        p["detail"].as_str().unwrap().contains("vitae keys create"),
        "{p}"
    );
    app.stop().await;
}

/// A shared key as the replaced system's operators set it (long enough to be accepted).
const LEGACY_KEY: &str = "legacy-shared-key-0123456789abcdef";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_old_single_key_still_works_as_one_tenants_key() {
    let dir = tempfile::tempdir().unwrap();
    let url = vitae_store::sqlite_url(&dir.path().join("vitae.db"));
    let store = vitae_store::connect(&url).await.unwrap();
    let app = support::start(Db::Sqlite, url, store, Some(dir), |c| {
        c.env_key = Some(vitae_store::KeySecret::from_string(LEGACY_KEY.into()));
    })
    .await;
    let response = app
        .client
        .post(app.url("/v1/resumes"))
        .header("X-API-Key", LEGACY_KEY)
        .json(&json!({ "resume_data": native_resume("Legacy") }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let keys = app.store.list_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].tenant_name, "default");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_over_its_rate_gets_429_with_retry_after() {
    let app = spawn_with(Db::Sqlite, |c| c.rate_limit = 2).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let r = app.get("/v1/themes").send().await.unwrap();
        statuses.push(r.status());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(
                r.headers()["retry-after"]
                    .to_str()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
                    >= 1
            );
            problem(r).await;
        }
    }
    assert!(
        statuses[..4].iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // Another tenant's key has its own budget.
    let other = app
        .client
        .get(app.url("/v1/themes"))
        .header("X-API-Key", &app.other_key)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_render_queue_answers_503_with_retry_after_and_health_stays_up() {
    let app = spawn_with(Db::Sqlite, |c| {
        c.workers = 1;
        c.queue = 0;
        c.cache_bytes = 0;
    })
    .await;
    let requests = (0..6).map(|i| {
        app.post("/v1/render/png?dpi=300")
            .json(&json!({ "resume_data": native_resume(&format!("Person {i}")) }))
            .send()
    });
    let handles: Vec<_> = requests.map(tokio::spawn).collect();
    let health = app.client.get(app.url("/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let mut statuses = Vec::new();
    for h in handles {
        let r = h.await.unwrap().unwrap();
        if r.status() == StatusCode::SERVICE_UNAVAILABLE {
            // 1 s when the queue's room ran out; more only if the work ahead would also outlast
            // the bound on waiting (5 s by default), by those whole seconds.
            let seconds: u64 = r.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=5).contains(&seconds), "{seconds}");
            problem(r).await;
            statuses.push(503);
        } else {
            assert_eq!(r.status(), StatusCode::OK);
            statuses.push(200);
        }
    }
    assert!(
        statuses.contains(&200) && statuses.contains(&503),
        "{statuses:?}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_past_the_deadline_answers_503() {
    let app = spawn_with(Db::Sqlite, |c| {
        c.deadline = std::time::Duration::from_millis(1)
    })
    .await;
    let r = app
        .post("/v1/render/pdf")
        .json(&json!({ "resume_data": native_resume("Slow") }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        problem(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("deadline")
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_is_closed_unless_origins_are_listed() {
    let closed = spawn_app(Db::Sqlite).await;
    let r = closed
        .get("/v1/themes")
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    closed.stop().await;

    let open = spawn_with(Db::Sqlite, |c| {
        c.allowed_origins = vec!["https://app.example".into()]
    })
    .await;
    let allowed = open
        .get("/v1/themes")
        .header("Origin", "https://app.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.example"
    );
    let other = open
        .get("/v1/themes")
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    open.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_resumes_survive_a_restart() {
    let mut app = spawn_app(Db::Sqlite).await;
    let (id, _) = create_resume(&app, &json!({ "resume_data": native_resume("Durable") })).await;
    let key = app.key.clone();
    app.shutdown().await;
    let dir = app.take_dir();
    let url = app.database_url.clone();
    let store = vitae_store::connect(&url).await.unwrap();
    let restarted = support::start(Db::Sqlite, url, store, dir, |_| {}).await;
    let got: Value = restarted
        .client
        .get(restarted.url(&format!("/v1/resumes/{id}")))
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["contact"]["name"], "Durable");
    restarted.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight() {
    let mut app = spawn_with(Db::Sqlite, |c| c.cache_bytes = 0).await;
    let slow = tokio::spawn(
        app.post("/v1/render/png?dpi=300")
            .json(&json!({ "resume_data": native_resume("In Flight") }))
            .send(),
    );
    // Let the request reach the server before the shutdown starts.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let base = app.base.clone();
    app.shutdown().await;
    let response = slow.await.unwrap().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.unwrap().starts_with(b"\x89PNG"));
    assert!(
        reqwest::get(format!("{base}/health")).await.is_err(),
        "no new connections after shutdown"
    );
}
