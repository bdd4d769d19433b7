//! A hostile client on loopback: slow or abandoned connections, huge words, key guessing,
//! probing another tenant's cache. Each test stops by itself and targets only 127.0.0.0/8.

mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use support::{Db, TestApp, native_resume, problem, spawn_with};

fn addr(app: &TestApp) -> SocketAddr {
    app.base
        .trim_start_matches("http://")
        .parse()
        .expect("the test server listens on an IP address")
}

/// A blocking socket that has sent `bytes` and nothing more.
fn half_sent(app: &TestApp, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr(app)).unwrap();
    stream.write_all(bytes).unwrap();
    stream
}

/// Whether the server closed `stream` within `within` (a read returns end of file, an error,
/// or the start of an error response followed by the close).
fn closed_within(stream: &TcpStream, within: Duration) -> bool {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut stream = stream;
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // e.g. a 408 written before the close
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return false;
            }
            Err(_) => return true, // reset
        }
    }
}

/// The status of `GET /health` on a connection of its own. A fresh connection each time: a
/// pooled one may be the kept-alive connection the server is just closing for idleness (with
/// a 1 s header timeout that race is real), and a send on it fails without saying anything
/// about whether the server still answers.
async fn health_status(app: &TestApp) -> StatusCode {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        // Generous: a loaded 2-core machine may be slow; a stalled server never answers.
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    match client.get(app.url("/health")).send().await {
        Ok(response) => response.status(),
        Err(e) => panic!("GET /health got no answer: {e:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_headers_are_cut_off_and_health_keeps_answering() {
    let app = spawn_with(Db::Sqlite, |c| {
        c.header_timeout = Duration::from_secs(1);
        c.max_connections = 256;
    })
    .await;
    // Slowloris: 150 connections that never finish their headers, holding no key.
    let mut slow: Vec<TcpStream> = (0..150)
        .map(|_| half_sent(&app, b"GET /v1/themes HTTP/1.1\r\nHost: x\r\nX-Api-"))
        .collect();
    for _ in 0..3 {
        assert_eq!(health_status(&app).await, StatusCode::OK);
    }
    let started = Instant::now();
    let cut = tokio::task::spawn_blocking(move || {
        slow.iter_mut()
            .filter(|s| closed_within(s, Duration::from_secs(5)))
            .count()
    })
    .await
    .unwrap();
    assert_eq!(cut, 150, "every half-sent request is closed by the server");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(health_status(&app).await, StatusCode::OK);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_limit_are_closed_at_once_and_the_server_recovers() {
    let app = spawn_with(Db::Sqlite, |c| {
        c.header_timeout = Duration::from_secs(1);
        c.max_connections = 20;
    })
    .await;
    let mut held: Vec<TcpStream> = (0..20)
        .map(|_| half_sent(&app, b"GET / HTTP/1.1\r\n"))
        .collect();
    // Give the accept loop time to take all twenty.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let extra = half_sent(&app, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    let refused =
        tokio::task::spawn_blocking(move || closed_within(&extra, Duration::from_millis(500)))
            .await
            .unwrap();
    assert!(
        refused,
        "a connection over the limit is closed, not left waiting"
    );
    // The held ones time out; the slots come back without a restart.
    let freed = tokio::task::spawn_blocking(move || {
        held.iter_mut()
            .filter(|s| closed_within(s, Duration::from_secs(5)))
            .count()
    })
    .await
    .unwrap();
    assert_eq!(freed, 20);
    assert_eq!(health_status(&app).await, StatusCode::OK);
    let metrics = metrics(&app).await;
    assert!(
        metrics.contains("vitae_connections_refused_total 1"),
        "{metrics}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed_after_the_header_timeout() {
    let app = spawn_with(Db::Sqlite, |c| c.header_timeout = Duration::from_secs(1)).await;
    let mut stream = half_sent(&app, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let mut buf = [0u8; 1024];
    let n = stream.read(&mut buf).unwrap();
    assert!(
        buf[..n].starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&buf[..n])
    );
    let closed =
        tokio::task::spawn_blocking(move || closed_within(&stream, Duration::from_secs(4)))
            .await
            .unwrap();
    assert!(closed, "the idle connection is closed by the server");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_trickled_in_is_answered_408_at_the_body_timeout() {
    let app = spawn_with(Db::Sqlite, |c| c.body_timeout = Duration::from_secs(1)).await;
    let body = serde_json::to_vec(&json!({ "resume_data": native_resume("Slow Sender") })).unwrap();
    let head = format!(
        "POST /v1/render/md HTTP/1.1\r\nHost: x\r\nX-API-Key: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        app.key,
        body.len()
    );
    let mut stream = half_sent(&app, head.as_bytes());
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        // One byte every 100 ms: the whole body would take over a minute.
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut buf = [0u8; 4096];
        for b in &body {
            if stream.write_all(std::slice::from_ref(b)).is_err() {
                break;
            }
            match stream.read(&mut buf) {
                Ok(n) if n > 0 => return String::from_utf8_lossy(&buf[..n]).into_owned(),
                Ok(_) => return String::new(),
                Err(_) => {}
            }
        }
        String::new()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_says_nosniff_and_the_docs_call_no_other_host() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    let html = app
        .post("/v1/render/html")
        .json(&json!({ "resume_data": native_resume("Ada") }))
        .send()
        .await
        .unwrap();
    assert_eq!(html.status(), StatusCode::OK);
    for response in [
        html,
        app.client.get(app.url("/health")).send().await.unwrap(),
        app.client
            .get(app.url("/no/such/route"))
            .send()
            .await
            .unwrap(),
        app.client.get(app.url("/v1/themes")).send().await.unwrap(),
        app.client.get(app.url("/docs/")).send().await.unwrap(),
    ] {
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{}",
            response.url()
        );
    }
    // The page and the initializer it loads, as a browser would fetch them.
    let page = app
        .client
        .get(app.url("/docs/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let init = app
        .client
        .get(app.url("/docs/swagger-initializer.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        init.contains("\"validatorUrl\": \"none\"") || init.contains("\"validatorUrl\":\"none\""),
        "{init}"
    );
    for text in [&page, &init] {
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{text}"
        );
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cache_hit_never_reveals_what_another_tenant_rendered() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    let body = json!({ "resume_data": native_resume("Shared Name") });
    let send = |key: &str| {
        app.client
            .post(app.url("/v1/render/md"))
            .header("X-API-Key", key)
            .json(&body)
            .send()
    };
    let first = send(&app.key).await.unwrap();
    assert_eq!(first.headers()["x-vitae-cache"], "miss");
    let other = send(&app.other_key).await.unwrap();
    assert_eq!(
        other.headers()["x-vitae-cache"],
        "miss",
        "tenant B learns nothing of A's render"
    );
    // A's second request is kept (the cache admits what is asked for twice), its third is a hit;
    // B, asking twice, still learns nothing of A's.
    assert_eq!(
        send(&app.key).await.unwrap().headers()["x-vitae-cache"],
        "miss"
    );
    let again = send(&app.key).await.unwrap();
    assert_eq!(again.headers()["x-vitae-cache"], "hit");
    let other_again = send(&app.other_key).await.unwrap();
    assert_eq!(other_again.headers()["x-vitae-cache"], "miss");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_keys_from_one_address_is_throttled_but_a_known_key_still_works() {
    let app = spawn_with(Db::Sqlite, |c| c.auth_failure_rate = 1.0).await;
    // A client of this instance, already using its key.
    assert_eq!(
        app.get("/v1/themes").send().await.unwrap().status(),
        StatusCode::OK
    );
    let mut statuses = Vec::new();
    for i in 0..30 {
        let guess = format!("vitae_{i:064}");
        let r = app
            .client
            .get(app.url("/v1/themes"))
            .header("X-API-Key", guess)
            .send()
            .await
            .unwrap();
        statuses.push(r.status());
    }
    // A burst of twenty failures, then one a second (the loop may take a second or two).
    let first_429 = statuses
        .iter()
        .position(|s| *s == StatusCode::TOO_MANY_REQUESTS)
        .expect("guessing is throttled");
    assert!((20..=25).contains(&first_429), "{statuses:?}");
    assert!(
        statuses[..20]
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED)
    );
    let throttled = app
        .client
        .get(app.url("/v1/themes"))
        .header(
            "X-API-Key",
            "vitae_still-guessing-0000000000000000000000000000",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.headers().contains_key("retry-after"));
    // It says why: the address's failures, not a key's rate.
    let why: serde_json::Value = throttled.json().await.unwrap();
    assert_eq!(why["type"], "https://vitae.dev/problems/throttled");
    assert!(
        why["detail"]
            .as_str()
            .unwrap()
            .contains("failed authentications from this address"),
        "{why}"
    );
    // A key already known to this instance is not held back by its neighbours' guesses.
    assert_eq!(
        app.get("/v1/themes").send().await.unwrap().status(),
        StatusCode::OK
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_stops_working_within_a_second() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    assert_eq!(
        app.get("/v1/themes").send().await.unwrap().status(),
        StatusCode::OK
    );
    let keys = app.store.list_keys().await.unwrap();
    let acme = keys.iter().find(|k| k.tenant_name == "acme").unwrap();
    app.store.revoke_key(&acme.id).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        app.get("/v1/themes").send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_environment_key_is_revoked_when_the_server_restarts_without_it_and_must_be_long() {
    let key = "an-operators-shared-key-0123456789abcdef";
    let dir = tempfile::tempdir().unwrap();
    let url = vitae_store::sqlite_url(&dir.path().join("vitae.db"));
    let store = vitae_store::connect(&url).await.unwrap();
    let mut app = support::start(Db::Sqlite, url.clone(), store.clone(), Some(dir), |c| {
        c.env_key = Some(vitae_store::KeySecret::from_string(key.into()));
    })
    .await;
    let themes = |app: &TestApp| {
        app.client
            .get(app.url("/v1/themes"))
            .header("X-API-Key", key)
            .send()
    };
    assert_eq!(themes(&app).await.unwrap().status(), StatusCode::OK);
    let dir = app.take_dir();
    app.stop().await;

    // Restarted without the variable: the key it held opens nothing.
    let app = support::start(Db::Sqlite, url.clone(), store.clone(), dir, |_| {}).await;
    let refused = themes(&app).await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    problem(refused).await;
    app.stop().await;

    // A short key is refused at start, with the reason.
    let short = vitae_server::Application::build(vitae_server::Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: url,
        env_key: Some(vitae_store::KeySecret::from_string("short-key".into())),
        ..vitae_server::Config::default()
    })
    .await;
    let message = short.err().expect("a short key is refused").to_string();
    assert!(message.contains("at least 32"), "{message}");
}

/// The example resume with `employer` as its first employer.
fn with_employer(employer: &str) -> Value {
    let mut resume = native_resume("Ada Lovelace");
    resume["experience"][0]["company"] = json!(employer);
    json!({ "resume_data": resume })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forty_thousand_character_word_is_refused_at_once_naming_the_limit() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    for path in ["/v1/render/pdf", "/v1/render/png", "/v1/ats/check"] {
        let mut body = with_employer(&"W".repeat(40_000));
        if path == "/v1/ats/check" {
            body["job_description"] = json!("Backend engineer. Requirements: Rust, PostgreSQL.");
        }
        let started = Instant::now();
        let r = app.post(path).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let p = problem(r).await;
        let text = p.to_string();
        assert!(
            text.contains("40000 characters") && text.contains("at most 10000"),
            "{path}: {text}"
        );
        assert!(text.contains("experience[0].company"), "located: {text}");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{path}: {:?}",
            started.elapsed()
        );
    }
    // A shorter word that still cannot be set on a page names the run limit.
    let r = app
        .post("/v1/render/pdf")
        .json(&with_employer(&"W".repeat(600)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = problem(r).await.to_string();
    assert!(
        text.contains("600 characters without a space") && text.contains("at most 500"),
        "{text}"
    );
    // A whole field over its limit, with spaces, is refused the same way.
    let long = vec!["word"; 3_000].join(" ");
    let r = app
        .post("/v1/render/pdf")
        .json(&with_employer(&long))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem(r).await.to_string().contains("at most 10000"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_link_or_token_within_the_limit_renders_and_wraps() {
    let app = spawn_with(Db::Sqlite, |_| {}).await;
    let token = "x".repeat(480);
    let r = app
        .post("/v1/render/pdf")
        .json(&with_employer(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF-"));
    app.stop().await;
}

/// A big but valid resume: many entries, each within every limit (seconds to lay out). Each
/// test names its own, so that no test finds another's layout in Typst's process-wide cache.
fn busy_resume(name: &str) -> Value {
    let mut resume = native_resume(name);
    let entry = resume["experience"][0].clone();
    resume["experience"] = Value::Array(
        (0..150)
            .map(|i| {
                let mut e = entry.clone();
                e["company"] = json!(format!("{name} Company {i}"));
                e["bullets"] = json!((0..6).map(|b| json!({ "text": format!("Delivered outcome {b} of project {i} for {name} with a long sentence of ordinary words to lay out") })).collect::<Vec<_>>());
                e
            })
            .collect(),
    );
    resume
}

/// The server's `/metrics` text.
async fn metrics(app: &TestApp) -> String {
    app.client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// One counter or gauge of `/metrics`.
async fn metric(app: &TestApp, name: &str) -> u64 {
    let text = metrics(app).await;
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} not in {text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_tenants_huge_renders_leave_a_thread_for_another_tenant() {
    // Two work threads: a tenant's requests hold at most one of them.
    let app = spawn_with(Db::Sqlite, |c| {
        c.workers = 2;
        c.cache_bytes = 0;
        // acme's renders run one after another: room for all four on a loaded machine.
        c.deadline = Duration::from_secs(300);
    })
    .await;
    let busy = json!({ "resume_data": busy_resume("Fair Share") });
    // Tenant acme sends four huge renders at once.
    let heavy: Vec<_> = (0..4)
        .map(|_| tokio::spawn(app.post("/v1/render/pdf").json(&busy).send()))
        .collect();
    // One of them runs (acme's share); the others wait for it.
    let started = Instant::now();
    while metric(&app, "vitae_pool_queue_depth").await < 3
        || metric(&app, "vitae_pool_running").await != 1
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "acme's renders never queued"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Tenant globex is served on the thread acme may not take, before acme's queue has moved.
    let small = app
        .client
        .post(app.url("/v1/render/md"))
        .header("X-API-Key", &app.other_key)
        .json(&json!({ "resume_data": native_resume("Other Tenant") }))
        .send()
        .await
        .unwrap();
    assert_eq!(small.status(), StatusCode::OK);
    assert!(small.text().await.unwrap().contains("Other Tenant"));
    assert!(
        heavy.iter().filter(|h| !h.is_finished()).count() >= 3,
        "globex waited behind acme's renders"
    );
    for render in heavy {
        let r = render.await.unwrap().unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.bytes().await.unwrap().starts_with(b"%PDF-"));
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_past_its_deadline_frees_its_thread_and_the_next_request_is_served() {
    let app = spawn_with(Db::Sqlite, |c| {
        c.workers = 1;
        c.cache_bytes = 0;
        c.deadline = Duration::from_millis(150);
    })
    .await;
    let resume = busy_resume("Past Deadline");
    let r = app
        .post("/v1/render/pdf")
        .json(&json!({ "resume_data": resume }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    // The render stops at its next font lookup after the deadline (reported as abandoned while
    // it still holds the thread), and the thread serves the next request.
    let started = Instant::now();
    loop {
        let metrics = metrics(&app).await;
        if metrics.contains("vitae_pool_abandoned_running 0")
            && metrics.contains("vitae_pool_running 0")
        {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{metrics}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let small = app
        .post("/v1/render/md")
        .json(&json!({ "resume_data": native_resume("Next") }))
        .send()
        .await
        .unwrap();
    assert_eq!(small.status(), StatusCode::OK);
    app.stop().await;
}
