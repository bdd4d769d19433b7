//! The two wire formats. Each module turns a [`Request`] into a JSON body and a reply body into
//! a [`Reply`]; everything else (sending, retrying, caching) is [`crate::client`]'s.

pub(crate) mod anthropic;
pub(crate) mod openai;

use crate::client::Request;
use crate::config::{ApiKey, Config, ProviderKind};
use hyper::header::{HeaderMap, HeaderValue};

/// A reply's text and its token counts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub text: String,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// The URL requests go to.
pub(crate) fn endpoint(provider: ProviderKind, base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    match provider {
        ProviderKind::OpenAi => format!("{base}/chat/completions"),
        ProviderKind::Anthropic => format!("{base}/v1/messages"),
    }
}

/// The serialized request body.
pub(crate) fn body(config: &Config, provider: ProviderKind, request: &Request) -> Vec<u8> {
    let json = match provider {
        ProviderKind::OpenAi => openai::body(config, request),
        ProviderKind::Anthropic => anthropic::body(config, request),
    };
    serde_json::to_vec(&json).unwrap_or_default()
}

/// The authentication (and version) headers, the key marked sensitive.
pub(crate) fn headers(provider: ProviderKind, key: Option<&ApiKey>) -> HeaderMap {
    match provider {
        ProviderKind::OpenAi => openai::headers(key),
        ProviderKind::Anthropic => anthropic::headers(key),
    }
}

/// Reads a successful reply.
pub(crate) fn reply(provider: ProviderKind, json: &serde_json::Value) -> Result<Reply, String> {
    match provider {
        ProviderKind::OpenAi => openai::reply(json),
        ProviderKind::Anthropic => anthropic::reply(json),
    }
}

/// The message of an error reply: `error.message` (both APIs, and most compatible servers), or
/// the start of the body.
pub(crate) fn error_message(body: &[u8]) -> String {
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let message = json.as_ref().and_then(|j| {
        j.pointer("/error/message")
            .or_else(|| j.get("error"))
            .or_else(|| j.get("message"))
            .and_then(|m| m.as_str())
    });
    match message {
        Some(m) => m.to_owned(),
        None => {
            let text = String::from_utf8_lossy(body);
            let text = text.trim();
            if text.is_empty() {
                "(empty body)".to_owned()
            } else {
                text.chars().take(200).collect()
            }
        }
    }
}

fn tokens(json: &serde_json::Value, pointer: &str) -> u64 {
    json.pointer(pointer)
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0)
}

fn sensitive(value: &str) -> Option<HeaderValue> {
    let mut v = HeaderValue::from_str(value).ok()?;
    v.set_sensitive(true);
    Some(v)
}
