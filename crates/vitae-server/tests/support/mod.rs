//! `spawn_app`: the real server on port 0 with its own fresh database (a SQLite file or a new
//! PostgreSQL database), and keys for two tenants; `both!` runs a test body on each backend.
#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::oneshot;
use vitae_server::{Application, Config};
use vitae_store::{KeySecret, KeySource, Store, testing};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// Tenant `acme`'s key.
    pub key: String,
    /// Tenant `globex`'s key.
    pub other_key: String,
    pub database_url: String,
    pub store: Arc<dyn Store>,
    /// `vitae studio`'s one-time sign-in path, when the configuration names a link tenant.
    pub studio_link: Option<String>,
    db: Db,
    _dir: Option<tempfile::TempDir>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

pub fn fixtures() -> PathBuf {
    std::env::var_os("VITAE_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
        PathBuf::from,
    )
}

/// The project's example resume (native YAML, three variants).
pub fn example_yaml() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml"),
    )
    .unwrap()
}

/// A small valid native resume as JSON.
pub fn native_resume(name: &str) -> serde_json::Value {
    serde_json::json!({
        "contact": { "name": name, "email": "ada@example.com" },
        "professional_summary": { "base": "Engineer.", "variants": { "backend": "Backend engineer." } },
        "skills": { "Languages": ["Rust", "Go"] },
        "experience": [{
            "company": "Analytical Engines",
            "title": "Engineer",
            "start_date": "2020-01",
            "bullets": [
                { "text": "Built the difference engine", "emphasize_for": ["backend"] },
                { "text": "Wrote the first program" }
            ]
        }],
        "variants": { "backend": { "description": "Backend roles", "summary_key": "backend" } }
    })
}

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_with(db, |_| {}).await
}

/// A server whose configuration `adjust` changes first.
pub async fn spawn_with(db: Db, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (dir, database_url) = match db {
        Db::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let url = vitae_store::sqlite_url(&dir.path().join("vitae.db"));
            (Some(dir), url)
        }
        Db::Postgres => (
            None,
            testing::fresh_postgres()
                .await
                .expect("PostgreSQL at 127.0.0.1:5432 (set VITAE_TEST_POSTGRES to use another)"),
        ),
    };
    let store = vitae_store::connect(&database_url).await.unwrap();
    let key = KeySecret::generate();
    let other_key = KeySecret::generate();
    store
        .create_key("acme", "tests", KeySource::Cli, &key)
        .await
        .unwrap();
    store
        .create_key("globex", "tests", KeySource::Cli, &other_key)
        .await
        .unwrap();
    let mut app = start(db, database_url, store, dir, adjust).await;
    app.key = key.expose().to_owned();
    app.other_key = other_key.expose().to_owned();
    app
}

/// A server on an existing database (restart tests), with no keys created.
pub async fn start(
    db: Db,
    database_url: String,
    store: Arc<dyn Store>,
    dir: Option<tempfile::TempDir>,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    let mut config = Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.clone(),
        rate_limit: 0,
        ..Config::default()
    };
    adjust(&mut config);
    let app = Application::build(config).await.unwrap();
    let port = app.port();
    let studio_link = app.state().desk.link();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    TestApp {
        base: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        key: String::new(),
        other_key: String::new(),
        database_url,
        store,
        studio_link,
        db,
        _dir: dir,
        stop: Some(stop),
        server: Some(server),
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(self.url(path))
            .header("X-API-Key", &self.key)
    }

    /// The OpenAPI document the server serves.
    pub async fn openapi(&self) -> serde_json::Value {
        let response = self.client.get(self.url("/openapi.json")).send().await;
        response.unwrap().json().await.unwrap()
    }

    /// Posts `body` as JSON with the key, asserts 201 Created, and gives the answer.
    pub async fn create(&self, path: &str, body: &serde_json::Value) -> serde_json::Value {
        let response = self.post(path).json(body).send().await.unwrap();
        assert_eq!(
            response.status(),
            reqwest::StatusCode::CREATED,
            "POST {path}"
        );
        response.json().await.unwrap()
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header("X-API-Key", &self.key)
    }

    pub fn put(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .put(self.url(path))
            .header("X-API-Key", &self.key)
    }

    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .delete(self.url(path))
            .header("X-API-Key", &self.key)
    }

    /// Stops the server gracefully (requests in flight finish) and waits for it.
    pub async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap().unwrap();
        }
    }

    /// Stops the server and drops its PostgreSQL database.
    pub async fn stop(mut self) {
        self.shutdown().await;
        if self.db == Db::Postgres {
            testing::drop_postgres(&self.database_url).await.unwrap();
        }
    }

    /// Takes the SQLite directory out, so a restarted server can use the same file.
    pub fn take_dir(&mut self) -> Option<tempfile::TempDir> {
        self._dir.take()
    }
}

/// The answer (head and body, as text) to a request whose head declares a body of
/// `length` bytes, sent with the key and `headers` but without the body: a body over the limit
/// is refused from its declared length, before it is read. A client that went on sending the
/// body could meet the connection closed under it and read no answer (a broken pipe instead of
/// the 413), so none is sent.
pub async fn declared_body_answer(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    length: usize,
) -> (reqwest::StatusCode, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nX-API-Key: {}\r\nContent-Length: {length}\r\n",
        app.key
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut chunk = [0u8; 1024];
    // The head, then as much body as it declares.
    let mut wanted = None;
    while wanted.is_none_or(|w| answer.len() < w) {
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut chunk))
            .await
            .expect("an answer within 10 s")
            .unwrap();
        assert!(n > 0, "{method} {path}: closed before the whole answer");
        answer.extend_from_slice(&chunk[..n]);
        if wanted.is_none()
            && let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n")
        {
            let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            wanted = Some(end + 4 + length);
        }
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok());
    let status = code.unwrap_or_else(|| panic!("{method} {path}: {text}"));
    (reqwest::StatusCode::from_u16(status).unwrap(), text)
}

/// A problem document's fields, checking the media type.
pub async fn problem(response: reqwest::Response) -> serde_json::Value {
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json",
        "errors are problem documents"
    );
    response.json().await.unwrap()
}

/// Runs each test body against both backends.
#[allow(unused_macros)] // not every test binary uses it
macro_rules! both {
    ($( async fn $name:ident($app:ident) $body:block )*) => {
        mod sqlite {
            use super::*;
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { let $app = spawn_app(Db::Sqlite).await; run::$name(&$app).await; $app.stop().await; } )*
        }
        mod postgres {
            use super::*;
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { let $app = spawn_app(Db::Postgres).await; run::$name(&$app).await; $app.stop().await; } )*
        }
        mod run {
            use super::*;
            $( pub async fn $name($app: &TestApp) $body )*
        }
    };
}

/// Creates a stored resume; returns its id and ETag, checking the status and `Location`.
pub async fn create_resume(app: &TestApp, body: &serde_json::Value) -> (String, String) {
    let response = app.post("/v1/resumes").json(body).send().await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let meta: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        location,
        format!("/v1/resumes/{}", meta["id"].as_str().unwrap())
    );
    (meta["id"].as_str().unwrap().to_owned(), etag)
}
