//! `/v1/applications`, `/v1/analytics/{view}` and `/v1/offers` against the real server on port
//! 0, on SQLite and PostgreSQL: documents kept byte for byte, ETags and 412 for concurrent
//! writers, 409 for a move the status does not allow, located errors, tenants apart, the CSV
//! log both ways, and every route in the OpenAPI document.

#[macro_use]
mod support;

use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Db, TestApp, problem, spawn_app};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

async fn create(app: &TestApp, body: Value) -> (Value, String) {
    let r = app
        .post("/v1/applications")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let app_json: Value = r.json().await.unwrap();
    assert_eq!(
        location,
        format!("/v1/applications/{}", app_json["id"].as_str().unwrap())
    );
    (app_json, etag)
}

both! {
    async fn an_application_keeps_what_was_sent_and_moves_forward(app) {
        let pdf = b"%PDF-1.7 exactly these bytes".to_vec();
        let posting = std::fs::read_to_string(support::fixtures().join("jobs/backend-eng.txt")).unwrap();
        let (a, etag) = create(app, json!({
            "company": "Acme",
            "applied_on": "2026-03-02",
            "source": "LinkedIn",
            "variant": "backend",
            "theme": "classic",
            "ats_score": 81.5,
            "posting": posting,
            "contacts": [{"name": "Jane Roe", "email": "jane@acme.example"}],
            "resume": {"name": "resume.pdf", "content": b64(&pdf)}
        })).await;
        assert_eq!(etag, "\"a1\"");
        assert_eq!(a["number"], 1);
        assert_eq!(a["status"], "applied");
        assert_eq!(a["follow_up_on"].as_str().map(|d| d >= "2026-03-09"), Some(true));
        assert!(!a["role"].as_str().unwrap().is_empty(), "the posting's title: {a}");
        assert_eq!(a["sent"]["resume"]["media_type"], "application/pdf");
        let id = a["id"].as_str().unwrap().to_owned();

        let r = app.get(&format!("/v1/applications/{id}/documents/resume")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
        let r = app.get(&format!("/v1/applications/{id}/documents/letter")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);

        let r = app.post(&format!("/v1/applications/{id}/status"))
            .header("If-Match", &etag)
            .json(&json!({"status": "screening", "on": "2026-03-05", "note": "recruiter call"}))
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["etag"], "\"a2\"");
        let r = app.post(&format!("/v1/applications/{id}/status"))
            .json(&json!({"status": "accepted"}))
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let p = problem(r).await;
        assert!(p["detail"].as_str().unwrap().contains("from screening it can become: interview"), "{p}");
        let r = app.post(&format!("/v1/applications/{id}/status"))
            .json(&json!({"status": "pending"}))
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem(r).await["known"].as_array().unwrap().contains(&json!("no_answer")));

        // A mistake in a body is located by its path and line.
        let r = app.post("/v1/applications")
            .header("Content-Type", "application/json")
            .body("{\n  \"company\": \"X\",\n  \"contacts\": [{\"name\": \"A\", \"fax\": \"1\"}]\n}")
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let p = problem(r).await;
        assert_eq!(p["errors"][0]["path"], "contacts[0].fax", "{p}");
        assert_eq!(p["errors"][0]["line"], 3, "{p}");
        assert!(p["errors"][0]["message"].as_str().unwrap().contains("unknown field `fax`"), "{p}");
        let r = app.post("/v1/applications")
            .json(&json!({"company": "X", "applied_on": "2026-02-30"}))
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem(r).await["errors"][0]["path"], "applied_on");

        // Another tenant's id is no application at all.
        let r = app.client.get(app.url(&format!("/v1/applications/{id}")))
            .header("X-API-Key", &app.other_key).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = app.client.get(app.url(&format!("/v1/applications/{id}/documents/resume")))
            .header("X-API-Key", &app.other_key).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);

        let page: Value = app.get("/v1/applications?status=screening&company=acm").send().await.unwrap().json().await.unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        let page: Value = app.get("/v1/applications?status=rejected").send().await.unwrap().json().await.unwrap();
        assert!(page["items"].as_array().unwrap().is_empty());

        // `follow_up_on: null` asks for no reminder; the same bytes sent under another name
        // download under that application's own name.
        let (b, _) = create(app, json!({
            "company": "Globex",
            "follow_up_on": null,
            "resume": {"name": "globex-cv.pdf", "content": b64(&pdf)}
        })).await;
        assert!(b.get("follow_up_on").is_none(), "{b}");
        let r = app.get(&format!("/v1/applications/{}/documents/resume", b["id"].as_str().unwrap())).send().await.unwrap();
        assert_eq!(r.headers()["content-disposition"], "attachment; filename=\"globex-cv.pdf\"");
        let r = app.delete(&format!("/v1/applications/{}", b["id"].as_str().unwrap())).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let r = app.delete(&format!("/v1/applications/{id}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.store.document_count(&tenant_of(app).await).await.unwrap(), 0, "its only document went with it");
    }

    async fn concurrent_edits_one_wins_the_others_get_412(app) {
        let (a, etag) = create(app, json!({"company": "Race Inc", "applied_on": "2026-03-02"})).await;
        let id = a["id"].as_str().unwrap().to_owned();
        let mut writers = Vec::new();
        for i in 0..8 {
            let request = app.client
                .patch(app.url(&format!("/v1/applications/{id}")))
                .header("X-API-Key", &app.key)
                .header("If-Match", &etag)
                .json(&json!({"notes": format!("writer {i}")}));
            writers.push(tokio::spawn(async move { request.send().await.unwrap() }));
        }
        let mut statuses = Vec::new();
        let mut winner = None;
        for (i, w) in writers.into_iter().enumerate() {
            let r = w.await.unwrap();
            if r.status() == StatusCode::OK {
                winner = Some(i);
            }
            statuses.push(r.status());
        }
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::PRECONDITION_FAILED).count(), 7, "{statuses:?}");
        let now: Value = app.get(&format!("/v1/applications/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(now["version"], 2);
        assert_eq!(now["notes"], format!("writer {}", winner.unwrap()));
        // `If-Match: *` changes whatever version is there.
        let r = app.client.patch(app.url(&format!("/v1/applications/{id}")))
            .header("X-API-Key", &app.key).header("If-Match", "*")
            .json(&json!({"notes": "any version"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["etag"], "\"a3\"");
        // Without If-Match a PATCH is refused: it could overwrite someone's change.
        let r = app.client.patch(app.url(&format!("/v1/applications/{id}")))
            .header("X-API-Key", &app.key).json(&json!({"notes": "x"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::PRECONDITION_REQUIRED);
    }

    async fn analytics_offers_and_the_csv_log(app) {
        let log = "resume_version,company,role,date,status,response,notes,source,url,cover_letter,package_path\r\n\
                   v1,AcmeCorp,Engineer,2026-01-23,applied,0,,manual,,0,\r\n\
                   v2,Google,SRE,2026-01-24,interview,0,\"Screen, then onsite\",LinkedIn,https://x.example/1,1,out/google\r\n\
                   v1,Hooli,SRE,2026-02-03,no_response,0,,Direct,,0,\r\n";
        let r = app.post("/v1/applications/import").header("Content-Type", "text/csv").body(log).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(r.json::<Value>().await.unwrap()["imported"], 3);
        let r = app.get("/v1/applications/export").send().await.unwrap();
        assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(r.text().await.unwrap(), log);
        let bad = app.post("/v1/applications/import").body("company,date\nAcme,23/01/2026\n").send().await.unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem(bad).await["errors"][0]["path"], "body: line 2, column `date`");

        let d: Value = app.get("/v1/analytics/dashboard?on=2026-03-01").send().await.unwrap().json().await.unwrap();
        assert_eq!(d["funnel"]["applied"], 3);
        assert_eq!(d["funnel"]["answered"], 1);
        assert_eq!(d["by_status"]["no_answer"], 1);
        let o: Value = app.get("/v1/analytics/overview?on=2026-03-01").send().await.unwrap().json().await.unwrap();
        assert_eq!(o["funnel"], d["funnel"]);
        assert!(o.get("findings").is_none());
        let v: Value = app.get("/v1/analytics/variants").send().await.unwrap().json().await.unwrap();
        assert_eq!(v["by_variant"].as_array().unwrap().len(), 2);
        let offers: Value = app.get("/v1/offers").send().await.unwrap().json().await.unwrap();
        assert_eq!(offers["items"].as_array().map(Vec::len), Some(0));
        let r = app.get("/v1/analytics/everything").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(problem(r).await["known"].as_array().unwrap().contains(&json!("timeline")));
        let other: Value = app.client.get(app.url("/v1/analytics/dashboard"))
            .header("X-API-Key", &app.other_key).send().await.unwrap().json().await.unwrap();
        assert_eq!(other["total"], 0, "another tenant's applications are not counted");

        for (company, base, growth) in [("Acme", 100_000.0, 8.0), ("Globex", 120_000.0, 4.0)] {
            let r = app.post("/v1/offers").json(&json!({"company": company, "base": base, "growth": growth})).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let w = json!({"base": 50, "bonus": 0, "equity": 0, "benefits": 0, "remote": 0, "growth": 50, "balance": 0});
        assert_eq!(app.put("/v1/offers/priorities").json(&w).send().await.unwrap().status(), StatusCode::OK);
        let c: Value = app.get("/v1/offers/compare").send().await.unwrap().json().await.unwrap();
        assert_eq!(c["offers"][0]["offer"]["company"], "Acme");
        let total = c["offers"][0]["total"].as_f64().unwrap();
        assert!((total - (100.0 / 120.0 * 50.0 + 40.0)).abs() < 1e-9, "{total}");
        let r = app.post("/v1/offers").json(&json!({"company": "Bad", "base": 1, "growth": 11})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem(r).await["errors"][0]["path"], "growth");
        let id = c["offers"][1]["offer"]["id"].as_str().unwrap().to_owned();
        let r = app.put(&format!("/v1/offers/{id}")).header("If-Match", "\"o7\"")
            .json(&json!({"company": "Globex", "base": 130000})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::PRECONDITION_FAILED);
        let r = app.put(&format!("/v1/offers/{id}")).header("If-Match", "\"o1\"")
            .json(&json!({"company": "Globex", "base": 130000})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["etag"], "\"o2\"");
        let r = app.put(&format!("/v1/offers/{id}")).header("If-Match", "*")
            .json(&json!({"company": "Globex", "base": 140000})).send().await.unwrap();
        assert_eq!(r.headers()["etag"], "\"o3\"");
        // A delete sent with a version read before the last change is refused, and the offer
        // stays; with the current version it goes.
        let r = app.delete(&format!("/v1/offers/{id}")).header("If-Match", "\"o2\"").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::PRECONDITION_FAILED);
        let offers: Value = app.get("/v1/offers").send().await.unwrap().json().await.unwrap();
        assert_eq!(offers["items"].as_array().map(Vec::len), Some(2));
        let r = app.delete(&format!("/v1/offers/{id}")).header("If-Match", "\"o3\"").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let offers: Value = app.get("/v1/offers").send().await.unwrap().json().await.unwrap();
        assert_eq!(offers["items"].as_array().map(Vec::len), Some(1));
    }

    async fn an_application_read_again_unchanged_is_304(app) {
        let (a, etag) = create(app, json!({"company": "Acme", "applied_on": "2026-03-02"})).await;
        let path = format!("/v1/applications/{}", a["id"].as_str().unwrap());
        let r = app.get(&path).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(r.headers()["etag"], etag.as_str());
        assert!(r.bytes().await.unwrap().is_empty());
        // Changed since: the whole application again, with its new ETag.
        let r = app.client.patch(app.url(&path)).header("X-API-Key", &app.key).header("If-Match", &etag).json(&json!({"notes": "Called back"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let r = app.get(&path).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_ne!(r.headers()["etag"], etag.as_str());
        assert_eq!(r.json::<Value>().await.unwrap()["notes"], "Called back");
    }
}

async fn tenant_of(app: &TestApp) -> String {
    app.store.tenant("acme").await.unwrap()
}

#[tokio::test]
async fn every_job_search_route_is_in_the_openapi_document() {
    let app = spawn_app(Db::Sqlite).await;
    let doc = app.openapi().await;
    for (path, method) in [
        ("/v1/applications", "post"),
        ("/v1/applications", "get"),
        ("/v1/applications/{id}", "get"),
        ("/v1/applications/{id}", "patch"),
        ("/v1/applications/{id}", "delete"),
        ("/v1/applications/{id}/status", "post"),
        ("/v1/applications/{id}/notes", "post"),
        ("/v1/applications/{id}/documents/{kind}", "get"),
        ("/v1/applications/export", "get"),
        ("/v1/applications/import", "post"),
        ("/v1/analytics/{view}", "get"),
        ("/v1/offers", "post"),
        ("/v1/offers", "get"),
        ("/v1/offers/{id}", "put"),
        ("/v1/offers/compare", "get"),
        ("/v1/offers/priorities", "put"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    for schema in [
        "Application",
        "Analytics",
        "Offer",
        "Comparison",
        "NewApplication",
        "Status",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    app.stop().await;
}
