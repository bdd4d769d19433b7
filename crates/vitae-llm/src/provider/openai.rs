//! The Chat Completions API (`POST {base}/chat/completions`): OpenAI and the servers that copy
//! it (OpenRouter, Ollama, llama.cpp, vLLM).
//!
//! JSON is asked for with `response_format`: `json_schema` (strict) where it is known to work
//! (api.openai.com, or when configured), `json_object` elsewhere — every compatible server
//! supports that one, and the schema is then spelled out in the system prompt by the caller.
//! api.openai.com gets `max_completion_tokens` (its reasoning models refuse `max_tokens`);
//! other servers get `max_tokens`, which they all read.

use super::{Reply, sensitive, tokens};
use crate::client::{Request, Role};
use crate::config::{ApiKey, Config, ResponseFormat};
use hyper::header::{AUTHORIZATION, HeaderMap};
use serde_json::{Value, json};

fn official(config: &Config) -> bool {
    config
        .base_url
        .parse::<hyper::Uri>()
        .is_ok_and(|u| u.host() == Some("api.openai.com"))
}

pub(crate) fn body(config: &Config, request: &Request) -> Value {
    let mut messages = vec![json!({"role": "system", "content": request.system})];
    for m in &request.messages {
        let role = match m.role {
            Role::User => "user",
            Role::Assistant => "assistant",
        };
        messages.push(json!({"role": role, "content": m.content}));
    }
    let mut body = json!({
        "model": config.model,
        "messages": messages,
    });
    let tokens_field = if official(config) {
        "max_completion_tokens"
    } else {
        "max_tokens"
    };
    body[tokens_field] = json!(config.max_tokens);
    if let Some(t) = config.temperature {
        body["temperature"] = json!(t);
    }
    if let Some(schema) = &request.schema {
        let use_schema = match config.response_format {
            ResponseFormat::JsonSchema => true,
            ResponseFormat::JsonObject => false,
            ResponseFormat::Auto => official(config),
        };
        body["response_format"] = if use_schema {
            json!({
                "type": "json_schema",
                "json_schema": {
                    "name": schema.name,
                    "description": schema.description,
                    "schema": schema.schema,
                    "strict": true,
                }
            })
        } else {
            json!({"type": "json_object"})
        };
    }
    body
}

pub(crate) fn headers(key: Option<&ApiKey>) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Some(v) = key.and_then(|k| sensitive(&format!("Bearer {}", k.expose()))) {
        h.insert(AUTHORIZATION, v);
    }
    h
}

/// `choices[0].message.content`; a refusal or a missing content is an error.
pub(crate) fn reply(json: &Value) -> Result<Reply, String> {
    let message = json
        .pointer("/choices/0/message")
        .ok_or("no choices[0].message")?;
    if let Some(refusal) = message.get("refusal").and_then(Value::as_str) {
        return Err(format!("the model refused: {refusal}"));
    }
    let text = message
        .get("content")
        .and_then(Value::as_str)
        .ok_or("choices[0].message.content is not text")?;
    Ok(Reply {
        text: text.to_owned(),
        prompt_tokens: tokens(json, "/usage/prompt_tokens"),
        completion_tokens: tokens(json, "/usage/completion_tokens"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Message, Schema};
    use crate::config::ProviderKind;

    fn request() -> Request {
        Request {
            system: "rules".into(),
            messages: vec![Message::user("data")],
            schema: Some(Schema {
                name: "answer".into(),
                description: "an answer".into(),
                schema: json!({"type": "object"}),
            }),
            sample: 0,
        }
    }

    #[test]
    fn the_official_api_gets_a_strict_schema_and_max_completion_tokens() {
        let config = Config::new(ProviderKind::OpenAi, "gpt-x");
        let body = body(&config, &request());
        assert_eq!(body["response_format"]["type"], "json_schema");
        assert_eq!(body["response_format"]["json_schema"]["strict"], true);
        assert_eq!(body["max_completion_tokens"], 2048);
        assert!(body.get("temperature").is_none());
        assert_eq!(body["messages"][0]["role"], "system");
        assert_eq!(body["messages"][1]["content"], "data");
    }

    #[test]
    fn compatible_servers_get_json_object_and_max_tokens() {
        let config = Config {
            base_url: "http://127.0.0.1:11434/v1".into(),
            temperature: Some(0.2),
            ..Config::new(ProviderKind::OpenAi, "llama")
        };
        let body = body(&config, &request());
        assert_eq!(body["response_format"], json!({"type": "json_object"}));
        assert_eq!(body["max_tokens"], 2048);
        assert!((body["temperature"].as_f64().unwrap() - 0.2).abs() < 1e-6);
    }

    #[test]
    fn replies_read_content_and_usage_and_refusals_are_errors() {
        let ok = json!({"choices": [{"message": {"content": "{}"}}],
                        "usage": {"prompt_tokens": 7, "completion_tokens": 3}});
        assert_eq!(
            reply(&ok).unwrap(),
            Reply {
                text: "{}".into(),
                prompt_tokens: 7,
                completion_tokens: 3
            }
        );
        let refused = json!({"choices": [{"message": {"content": null, "refusal": "no"}}]});
        assert!(reply(&refused).unwrap_err().contains("refused"));
        assert!(reply(&json!({})).is_err());
    }
}
