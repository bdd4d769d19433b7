//! Structured output: ask for JSON, read it strictly into a typed struct, and when that fails,
//! repair once.
//!
//! A reply is read by [`parse_strict`]: the JSON object is cut out of whatever surrounds it
//! (code fences, a sentence before it), then deserialized with serde into a type that denies
//! unknown fields, then checked by the task's own rule (indices in range, no empty text). If any
//! step fails, [`generate`] sends one repair request — the original conversation, the bad output
//! as the assistant's turn, and the error — and reads that reply the same way. A second failure
//! is [`LlmError::InvalidOutput`]: the caller falls back to its deterministic result. A reply that
//! failed is dropped from the cache so it is not served again.

use crate::client::{Client, LlmError, Message, Request, Usage};
use serde::de::DeserializeOwned;

/// The JSON object in `text`: the text itself, or the part inside a code fence, or from the
/// first `{` to the last `}`.
pub fn extract_json(text: &str) -> &str {
    let trimmed = text.trim();
    if trimmed.starts_with('{') && trimmed.ends_with('}') {
        return trimmed;
    }
    let inner = match trimmed.find("```") {
        Some(open) => {
            let after = &trimmed[open + 3..];
            // Skip the fence's language tag (```json).
            let body = after.find('\n').map_or(after, |nl| &after[nl + 1..]);
            body.find("```").map_or(body, |close| &body[..close])
        }
        None => trimmed,
    };
    match (inner.find('{'), inner.rfind('}')) {
        (Some(start), Some(end)) if start < end => &inner[start..=end],
        // Cut short: from the brace, so the error says where it ends.
        (Some(start), _) => inner[start..].trim_end(),
        _ => inner.trim(),
    }
}

/// Reads `text` as a `T` (see the module documentation), then checks it with `check`.
pub fn parse_strict<T: DeserializeOwned>(
    text: &str,
    check: &impl Fn(&T) -> Result<(), String>,
) -> Result<T, String> {
    let json = extract_json(text);
    let value: T =
        serde_json::from_str(json).map_err(|e| format!("invalid JSON for the task: {e}"))?;
    check(&value)?;
    Ok(value)
}

/// The repair turn: what was wrong, and what to send instead.
fn repair_message(error: &str) -> String {
    format!(
        "Your reply could not be used: {error}. Reply again with only the corrected JSON object, \
         following the required shape exactly, with no other text. The same rules apply."
    )
}

/// Sends `request` and reads the reply as a `T`, with one repair attempt. Returns what was
/// spent either way.
pub async fn generate<T: DeserializeOwned>(
    client: &Client,
    request: &Request,
    check: impl Fn(&T) -> Result<(), String>,
) -> (Result<T, LlmError>, Usage) {
    let (first, mut usage) = client.complete_counted(request).await;
    let first = match first {
        Ok(c) => c,
        Err(e) => return (Err(e), usage),
    };
    let first_error = match parse_strict(&first.text, &check) {
        Ok(value) => return (Ok(value), usage),
        Err(e) => e,
    };
    client.forget(request);
    tracing::debug!(provider = %client.provider(), "llm output unusable, asking for a repair: {first_error}");
    let mut repair = request.clone();
    repair.messages.push(Message::assistant(first.text));
    repair
        .messages
        .push(Message::user(repair_message(&first_error)));
    let (second, spent) = client.complete_counted(&repair).await;
    usage += spent;
    let second = match second {
        Ok(c) => c,
        Err(e) => return (Err(e), usage),
    };
    match parse_strict(&second.text, &check) {
        Ok(value) => (Ok(value), usage),
        Err(second_error) => {
            client.forget(&repair);
            (
                Err(LlmError::InvalidOutput {
                    first: first_error,
                    second: second_error,
                }),
                usage,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Answer {
        value: u32,
    }

    fn ok(_: &Answer) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn json_is_cut_out_of_fences_and_prose() {
        let cases = [
            (r#"{"value": 1}"#, r#"{"value": 1}"#),
            ("  {\"value\": 1}\n", r#"{"value": 1}"#),
            ("```json\n{\"value\": 1}\n```", r#"{"value": 1}"#),
            ("```\n{\"value\": 1}\n```\nDone.", r#"{"value": 1}"#),
            (
                "Here it is: {\"value\": 1} hope it helps",
                r#"{"value": 1}"#,
            ),
            ("no json here", "no json here"),
            ("Sure: {\"value\": ", "{\"value\":"),
        ];
        for (text, expected) in cases {
            assert_eq!(extract_json(text), expected, "{text:?}");
        }
    }

    #[test]
    fn parsing_is_strict() {
        assert_eq!(
            parse_strict::<Answer>("```json\n{\"value\": 3}\n```", &ok),
            Ok(Answer { value: 3 })
        );
        let cases = [
            (r#"{"value": 3, "extra": true}"#, "unknown field"),
            (r#"{"value": "3"}"#, "invalid type"),
            (r#"{"value": 3"#, "EOF"),
            ("{}", "missing field"),
        ];
        for (text, message) in cases {
            let e = parse_strict::<Answer>(text, &ok).unwrap_err();
            assert!(e.contains(message), "{text}: {e}");
        }
        let small = |a: &Answer| {
            if a.value < 10 {
                Ok(())
            } else {
                Err("value must be below 10".to_owned())
            }
        };
        assert_eq!(
            parse_strict::<Answer>(r#"{"value": 12}"#, &small).unwrap_err(),
            "value must be below 10"
        );
    }
}
