//! The Anthropic Messages API (`POST {base}/v1/messages`, `x-api-key`, `anthropic-version`).
//!
//! Structured output is a tool: the schema becomes the one tool's `input_schema` and
//! `tool_choice` makes the model call it, so the reply's `tool_use` block holds the JSON object.
//! A reply without one (a server that ignores tools) falls back to the text blocks.

use super::{Reply, sensitive, tokens};
use crate::client::{Request, Role};
use crate::config::{ApiKey, Config};
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};

/// The API version vitae is written against.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

pub(crate) fn body(config: &Config, request: &Request) -> Value {
    let messages: Vec<Value> = request
        .messages
        .iter()
        .map(|m| {
            let role = match m.role {
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            json!({"role": role, "content": m.content})
        })
        .collect();
    let mut body = json!({
        "model": config.model,
        "max_tokens": config.max_tokens,
        "system": request.system,
        "messages": messages,
    });
    if let Some(t) = config.temperature {
        // Anthropic's range is 0 to 1.
        body["temperature"] = json!(t.min(1.0));
    }
    if let Some(schema) = &request.schema {
        body["tools"] = json!([{
            "name": schema.name,
            "description": schema.description,
            "input_schema": schema.schema,
        }]);
        body["tool_choice"] = json!({"type": "tool", "name": schema.name});
    }
    body
}

pub(crate) fn headers(key: Option<&ApiKey>) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        HeaderName::from_static("anthropic-version"),
        HeaderValue::from_static(ANTHROPIC_VERSION),
    );
    if let Some(v) = key.and_then(|k| sensitive(k.expose())) {
        h.insert(HeaderName::from_static("x-api-key"), v);
    }
    h
}

/// The first `tool_use` block's input as JSON text, else the text blocks joined.
pub(crate) fn reply(json: &Value) -> Result<Reply, String> {
    let content = json
        .get("content")
        .and_then(Value::as_array)
        .ok_or("no content array")?;
    let tool = content
        .iter()
        .find(|b| b.get("type").and_then(Value::as_str) == Some("tool_use"))
        .and_then(|b| b.get("input"));
    let text = match tool {
        Some(input) => input.to_string(),
        None => {
            let texts: Vec<&str> = content
                .iter()
                .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
                .filter_map(|b| b.get("text").and_then(Value::as_str))
                .collect();
            if texts.is_empty() {
                let stop = json
                    .get("stop_reason")
                    .and_then(Value::as_str)
                    .unwrap_or("none");
                return Err(format!("no tool_use or text block (stop_reason {stop})"));
            }
            texts.join("")
        }
    };
    Ok(Reply {
        text,
        prompt_tokens: tokens(json, "/usage/input_tokens"),
        completion_tokens: tokens(json, "/usage/output_tokens"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Message, Schema};
    use crate::config::ProviderKind;

    #[test]
    fn a_schema_becomes_a_forced_tool_and_the_system_prompt_stays_apart() {
        let config = Config {
            temperature: Some(1.5),
            ..Config::new(ProviderKind::Anthropic, "claude-x")
        };
        let request = Request {
            system: "rules".into(),
            messages: vec![Message::user("data")],
            schema: Some(Schema {
                name: "answer".into(),
                description: "an answer".into(),
                schema: json!({"type": "object"}),
            }),
            sample: 0,
        };
        let body = body(&config, &request);
        assert_eq!(body["system"], "rules");
        assert_eq!(
            body["messages"],
            json!([{"role": "user", "content": "data"}])
        );
        assert_eq!(body["tools"][0]["input_schema"], json!({"type": "object"}));
        assert_eq!(
            body["tool_choice"],
            json!({"type": "tool", "name": "answer"})
        );
        assert_eq!(body["temperature"], 1.0);
    }

    #[test]
    fn replies_prefer_the_tool_input_over_text() {
        let tool = json!({"content": [{"type": "text", "text": "thinking"},
                                      {"type": "tool_use", "name": "answer", "input": {"a": 1}}],
                          "usage": {"input_tokens": 11, "output_tokens": 4}});
        let r = reply(&tool).unwrap();
        assert_eq!(r.text, r#"{"a":1}"#);
        assert_eq!((r.prompt_tokens, r.completion_tokens), (11, 4));
        let text = json!({"content": [{"type": "text", "text": "{\"a\":"}, {"type": "text", "text": "2}"}]});
        assert_eq!(reply(&text).unwrap().text, r#"{"a":2}"#);
        assert!(reply(&json!({"content": []})).is_err());
    }
}
