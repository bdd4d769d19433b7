//! `POST /v1/import` against the real server on port 0: a PDF as the raw body and as a multipart
//! file, a Markdown resume, JSON Resume asked for, and what it refuses (no key, a format it does
//! not read, a damaged PDF, a body over the limit).

mod support;

use reqwest::StatusCode;
use serde_json::Value;
use support::{Db, declared_body_answer, example_yaml, problem, spawn_app};
use vitae_render::{RenderOptions, TypesetOptions, render_pdf};

fn example_pdf() -> Vec<u8> {
    let loaded = vitae_core::format::read(&example_yaml(), None).unwrap();
    let mut options = TypesetOptions::default();
    options.theme = Some(vitae_render::Theme::Sidebar);
    render_pdf(&loaded.resume, &RenderOptions::default(), &options).unwrap()
}

#[tokio::test]
async fn a_pdf_is_read_into_a_resume_with_its_record() {
    let app = spawn_app(Db::Sqlite).await;
    let pdf = example_pdf();
    let r = app
        .post("/v1/import")
        .header("Content-Type", "application/pdf")
        .body(pdf.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["read_as"], "PDF");
    assert_eq!(body["format"], "native");
    assert_eq!(body["valid"], true, "{body}");
    assert_eq!(body["resume"]["contact"]["name"], "Maya Okafor");
    assert_eq!(body["resume"]["experience"][0]["company"], "Lumen Freight");
    let email = body["found"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "basics.email")
        .unwrap();
    assert_eq!(email["value"], "maya.okafor@example.com");
    assert!(
        email["origin"]
            .as_str()
            .unwrap()
            .starts_with("page 1, line")
    );

    // The same PDF as a multipart file, with JSON Resume asked for.
    let boundary = "vitae-boundary-7d1";
    let mut multipart = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    multipart.extend(&pdf);
    multipart.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let r = app
        .post("/v1/import?to=json-resume")
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(multipart)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["format"], "json-resume");
    assert_eq!(body["resume"]["basics"]["name"], "Maya Okafor");
    assert_eq!(body["resume"]["work"][0]["name"], "Lumen Freight");

    // A Markdown resume, whatever its declared type.
    let md = "# Ada Lovelace\nada@example.com\n\n## Experience\n\n### Engineer — Analytical Engines\n\n*2020 – 2022*\n\n- Wrote the first program\n";
    let r = app
        .post("/v1/import")
        .header("Content-Type", "application/octet-stream")
        .body(md)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["read_as"], "text");
    assert_eq!(
        body["resume"]["experience"][0]["company"],
        "Analytical Engines"
    );
}

#[tokio::test]
async fn what_cannot_be_imported_is_refused_with_the_reason() {
    let app = spawn_app(Db::Sqlite).await;
    // No key.
    let r = app
        .client
        .post(app.url("/v1/import"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Binary that is no document: 415, saying what is read.
    let r = app
        .post("/v1/import")
        .body(vec![0u8, 159, 146, 150, 0, 1])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let p = problem(r).await;
    assert!(p["detail"].as_str().unwrap().contains("PDF"), "{p}");
    // A damaged PDF: 422.
    let r = app
        .post("/v1/import")
        .body("%PDF-1.7\n% nothing else")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Over the limit: 413, before the body is read.
    let (status, head) =
        declared_body_answer(&app, "POST", "/v1/import", &[], 6 * 1024 * 1024).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{head}");
    // An unknown target format: 400.
    let r = app
        .post("/v1/import?to=pdf")
        .body("# Ada\n")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // The server is still up and answers.
    let r = app.get("/health").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
