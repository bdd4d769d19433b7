//! LLM assistance for vitae, behind a truthfulness verifier.
//!
//! A language model can phrase a resume better for a job than selection alone can — and can
//! also invent an employer, a degree or a metric. This crate lets it do the first and never the
//! second: every output is checked by the core's verifier against the resume it claims to come
//! from, and anything the resume does not support sends the caller back to the deterministic
//! result, with the reason and the rejected claims attached.
//!
//! # The flow
//!
//! ```text
//! Config (file, VITAE_LLM_* env, .env) ──▶ Assistant ──▶ Client (provider, timeout, retries,
//!                                             │            semaphore, cache, usage)
//!   task(resume, job, deterministic result)   │
//!     ├─ no provider ─────────────────────────┼──▶ Outcome { deterministic, "no provider configured" }
//!     ├─ request: rules in the system prompt, the posting as delimited data in a user message
//!     ├─ N candidates in parallel ─▶ strict JSON parse, one repair ─▶ candidate document
//!     ├─ verify each against the resume (vitae_fit::tailor::verify_with, letter::verify_letter_with)
//!     └─ none verified / provider error / timeout ─▶ Outcome { deterministic, reason, rejected }
//!        one verified ─▶ Outcome { model's, method Llm }; several ─▶ a judge picks one
//! ```
//!
//! - [`config`] — [`Config`], read from `VITAE_LLM_*` variables and a `.env` file, failing
//!   closed when a provider is selected without a key; [`ApiKey`] never prints.
//! - [`client`] — [`Client`]: the HTTP call with its per-call timeout, retries (429, 5xx,
//!   connection errors; `Retry-After` honoured up to a cap; exponential backoff with jitter), a
//!   cap on calls in flight, a bounded reply cache keyed by SHA-256 and token [`Usage`].
//! - `provider/` — the two wire formats: the OpenAI-compatible Chat Completions API (OpenAI,
//!   OpenRouter, Ollama, llama.cpp, vLLM) and the Anthropic Messages API (structured output
//!   through a forced tool call).
//! - [`structured`] — JSON cut out of the reply, read strictly into typed structs, one repair.
//! - [`assist`] — the tasks on [`Assistant`]: [`Assistant::extract_job_keywords`],
//!   [`Assistant::tailor`], [`Assistant::cover_letter_body`], each returning an [`Outcome`].
//!
//! # Invariants
//!
//! - A model's output reaches the caller only after the verifier accepted it; the deterministic
//!   result is always there to fall back to, so an LLM failure is never the caller's error.
//! - Untrusted text (the job posting) is never part of a system prompt; it travels in a user
//!   message between markers it cannot forge. The prompt asks the model to ignore instructions
//!   in it, but the verifier is the guard.
//! - Nothing blocks: every call is async; CPU work (verification) is milliseconds.
//! - API keys are never logged, and neither are prompts or replies (a resume is personal data).
//!
//! # Example
//!
//! Without a provider every task answers with the deterministic result and says so:
//!
//! ```
//! use vitae_fit::keywords::Vocabulary;
//! use vitae_fit::tailor::{TailorOptions, tailor};
//! use vitae_llm::{Assistant, Config, Method};
//!
//! let text = "contact:\n  name: Ada Lovelace\n\
//!             experience:\n  - company: Acme\n    title: Backend Engineer\n\
//!             \x20   start_date: 2019-03\n    end_date: null\n    bullets:\n\
//!             \x20     - Built the Rust billing service on PostgreSQL\n";
//! let resume = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap().resume;
//! let job = vitae_fit::job::parse("Senior Rust Engineer\n\nWe use Rust and PostgreSQL.\n").unwrap();
//! let deterministic =
//!     tailor(&resume, &job, Vocabulary::builtin(), &TailorOptions::default()).unwrap();
//!
//! let assistant = Assistant::new(&Config::default()).unwrap();
//! let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let outcome = runtime.block_on(assistant.tailor(&resume, &job, &deterministic));
//! assert_eq!(outcome.method, Method::Deterministic);
//! assert_eq!(outcome.fallback_reason.as_deref(), Some("no provider configured"));
//! assert_eq!(outcome.value, deterministic.resume);
//! ```

pub mod assist;
pub mod client;
pub mod config;
mod provider;
pub mod structured;

pub use assist::{Assistant, JobKeywords, Judgement, Method, NO_PROVIDER, Outcome};
pub use client::{Client, Completion, LlmError, Message, Request, Role, Schema, Usage};
pub use config::{
    ApiKey, Config, ConfigError, FILE_KEYS, ProviderKind, ResponseFormat, default_config_path,
    parse_dotenv,
};
pub use provider::anthropic::ANTHROPIC_VERSION;

/// A mock language-model server for the CLI's and the server's end-to-end tests (the crate's own
/// tests use a fuller one, with scripted statuses and delays). Not for production use.
#[cfg(feature = "testing")]
pub mod testing {
    use serde_json::{Value, json};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    /// A Chat Completions server on 127.0.0.1 that answers every request with `content` as the
    /// assistant's message, and records the request bodies. It stops with the test process.
    pub struct MockLlm {
        /// `http://127.0.0.1:PORT`: the `VITAE_LLM_BASE_URL` of a local provider (no key needed).
        pub base_url: String,
        requests: Arc<Mutex<Vec<Value>>>,
    }

    impl MockLlm {
        /// Starts the server; every reply carries `content` (JSON) as the assistant's message.
        pub fn start(content: Value) -> MockLlm {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let base_url = format!("http://{}", listener.local_addr().unwrap());
            let requests = Arc::new(Mutex::new(Vec::new()));
            let seen = Arc::clone(&requests);
            let reply = json!({
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": "mock",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content.to_string()}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
            })
            .to_string();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut length = 0;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).is_ok() {
                        seen.lock()
                            .unwrap()
                            .push(serde_json::from_slice(&body).unwrap_or(Value::Null));
                    }
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
                        reply.len()
                    );
                }
            });
            MockLlm { base_url, requests }
        }

        /// The JSON bodies received so far.
        pub fn requests(&self) -> Vec<Value> {
            self.requests.lock().unwrap().clone()
        }
    }
}
