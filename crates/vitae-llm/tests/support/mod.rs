//! A scriptable mock LLM server on loopback, speaking both the Chat Completions and the
//! Anthropic Messages shapes, and the fixtures the tests share.
//!
//! Each test starts its own server on `127.0.0.1:0`, queues the replies it wants (status,
//! headers, body, delay), runs the code under test, then reads back every request the server
//! received. A request that finds the queue empty gets the default reply if one is set, else a
//! 500 and is counted as unscripted, so a test can assert it sent no more than it scripted. The
//! server lives on the test's runtime and stops with it.

#![allow(dead_code)] // Each test binary uses a part.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vitae_core::model::Resume;
use vitae_fit::job::Job;
use vitae_fit::keywords::Vocabulary;
use vitae_fit::letter::{Letter, LetterOptions};
use vitae_fit::tailor::{TailorOptions, Tailored};
use vitae_llm::{ApiKey, Config, ProviderKind};

/// The key the tests configure; no request or error text may show it except in its header.
pub const KEY: &str = "sk-test-0123456789-secret";
pub const MODEL: &str = "test-model";

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Scripted {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Scripted {
    pub fn status(status: u16, body: Value) -> Scripted {
        Scripted {
            status,
            headers: Vec::new(),
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Scripted {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Scripted {
        self.delay = delay;
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    /// Lower-cased names.
    pub headers: HashMap<String, String>,
    pub body: Value,
}

impl Recorded {
    /// The system prompt: Anthropic's `system`, or the OpenAI `system` messages.
    pub fn system(&self) -> String {
        if let Some(s) = self.body.get("system").and_then(Value::as_str) {
            return s.to_owned();
        }
        self.messages("system").join("\n")
    }

    /// The contents of the messages with `role`.
    pub fn messages(&self, role: &str) -> Vec<String> {
        self.body["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["role"] == role)
            .filter_map(|m| m["content"].as_str().map(str::to_owned))
            .collect()
    }

    pub fn user(&self) -> Vec<String> {
        self.messages("user")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

#[derive(Default)]
struct Shared {
    queue: Mutex<VecDeque<Scripted>>,
    default: Mutex<Option<Scripted>>,
    requests: Mutex<Vec<Recorded>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    unscripted: AtomicUsize,
}

pub struct MockLlm {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl MockLlm {
    pub async fn start() -> MockLlm {
        let shared = Arc::new(Shared::default());
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("mock server");
        });
        MockLlm { addr, shared }
    }

    pub fn push(&self, reply: Scripted) -> &MockLlm {
        self.shared.queue.lock().unwrap().push_back(reply);
        self
    }

    /// The reply for requests that find the queue empty.
    pub fn set_default(&self, reply: Scripted) {
        *self.shared.default.lock().unwrap() = Some(reply);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::SeqCst)
    }

    pub fn unscripted(&self) -> usize {
        self.shared.unscripted.load(Ordering::SeqCst)
    }
}

/// Counts a request in flight until dropped (also when the client hangs up mid-delay).
struct InFlight(Arc<Shared>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let _guard = InFlight(shared.clone());
    shared.requests.lock().unwrap().push(Recorded {
        path: uri.path().to_owned(),
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    v.to_str().unwrap_or("").to_owned(),
                )
            })
            .collect(),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
    let scripted = shared.queue.lock().unwrap().pop_front();
    let scripted = match scripted.or_else(|| shared.default.lock().unwrap().clone()) {
        Some(s) => s,
        None => {
            shared.unscripted.fetch_add(1, Ordering::SeqCst);
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "mock: no scripted reply left",
            )
                .into_response();
        }
    };
    tokio::time::sleep(scripted.delay).await;
    let mut response = Response::builder().status(scripted.status);
    response = response.header("content-type", "application/json");
    for (name, value) in &scripted.headers {
        response = response.header(name, value);
    }
    response
        .body(axum::body::Body::from(scripted.body))
        .unwrap()
        .into_response()
}

/// The provider under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    OpenAi,
    Anthropic,
}

impl Flavor {
    pub fn kind(self) -> ProviderKind {
        match self {
            Flavor::OpenAi => ProviderKind::OpenAi,
            Flavor::Anthropic => ProviderKind::Anthropic,
        }
    }

    /// A configuration pointing at `mock`, with a key, short backoffs and a 5 s timeout.
    pub fn config(self, mock: &MockLlm) -> Config {
        let base_url = match self {
            Flavor::OpenAi => format!("http://{}/v1", mock.addr),
            Flavor::Anthropic => format!("http://{}", mock.addr),
        };
        Config {
            base_url,
            api_key: Some(ApiKey::new(KEY)),
            timeout: Duration::from_secs(5),
            backoff: Duration::from_millis(10),
            max_backoff: Duration::from_secs(2),
            ..Config::new(self.kind(), MODEL)
        }
    }

    /// The path the provider posts to.
    pub fn path(self) -> &'static str {
        match self {
            Flavor::OpenAi => "/v1/chat/completions",
            Flavor::Anthropic => "/v1/messages",
        }
    }

    /// A successful reply whose structured output is `output`: OpenAI message content, or an
    /// Anthropic `tool_use` input.
    pub fn reply(self, output: &Value) -> Scripted {
        match self {
            Flavor::OpenAi => self.text_reply(&output.to_string()),
            Flavor::Anthropic => Scripted::status(
                200,
                json!({
                    "id": "msg_1",
                    "type": "message",
                    "role": "assistant",
                    "model": MODEL,
                    "content": [{"type": "tool_use", "id": "toolu_1", "name": "answer", "input": output}],
                    "stop_reason": "tool_use",
                    "usage": {"input_tokens": 120, "output_tokens": 30},
                }),
            ),
        }
    }

    /// A successful reply that is plain text.
    pub fn text_reply(self, text: &str) -> Scripted {
        match self {
            Flavor::OpenAi => Scripted::status(
                200,
                json!({
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "model": MODEL,
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": text}}],
                    "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
                }),
            ),
            Flavor::Anthropic => Scripted::status(
                200,
                json!({
                    "id": "msg_1",
                    "type": "message",
                    "role": "assistant",
                    "model": MODEL,
                    "content": [{"type": "text", "text": text}],
                    "stop_reason": "end_turn",
                    "usage": {"input_tokens": 120, "output_tokens": 30},
                }),
            ),
        }
    }

    /// An error reply in the provider's shape.
    pub fn error(self, status: u16, message: &str) -> Scripted {
        match self {
            Flavor::OpenAi => Scripted::status(
                status,
                json!({"error": {"message": message, "type": "server_error"}}),
            ),
            Flavor::Anthropic => Scripted::status(
                status,
                json!({"type": "error", "error": {"type": "api_error", "message": message}}),
            ),
        }
    }
}

fn fixtures() -> PathBuf {
    std::env::var_os("VITAE_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
        PathBuf::from,
    )
}

/// `examples/resume.yaml`.
pub fn resume() -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .expect("the example reads")
        .resume
}

/// `../shared/fixtures/jobs/backend-eng.txt`.
pub fn backend_text() -> String {
    let path = fixtures().join("jobs/backend-eng.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn job(text: &str) -> Job {
    vitae_fit::job::parse(text).expect("the posting reads")
}

pub fn tailored(resume: &Resume, job: &Job) -> Tailored {
    vitae_fit::tailor::tailor(
        resume,
        job,
        Vocabulary::builtin(),
        &TailorOptions::default(),
    )
    .expect("the base variant exists")
}

/// The backend variant's view: what a letter is written from.
pub fn shown(resume: &Resume) -> Resume {
    vitae_core::variant::apply(resume, "v1.0.0-backend").expect("the variant exists")
}

pub fn letter(resume: &Resume, shown: &Resume, job: &Job) -> Letter {
    vitae_fit::letter::compose(
        resume,
        shown,
        job,
        Vocabulary::builtin(),
        &LetterOptions::default(),
    )
}

/// Every string in a serializable value.
pub fn strings(value: &impl serde::Serialize) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(o) => o.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(value).unwrap(), &mut out);
    out
}
