//! Which method produced an answer, and whether the model may be asked.

use serde::Serialize;
use vitae_fit::tailor::Violation;
use vitae_llm::{Assistant, Method, Outcome, Usage};

/// Whether the model step may run.
#[derive(Debug, Clone, Copy)]
pub enum Ai<'a> {
    /// Ask this assistant (a disabled one answers with the deterministic result, and says so).
    Ask(&'a Assistant),
    /// Keep the model out, for this reason (a request's `"ai": false`, a tenant's switch, the
    /// CLI's `--ai off`).
    Off(&'static str),
}

impl<'a> Ai<'a> {
    /// The assistant, when one may be asked and is configured.
    pub(crate) fn enabled(self) -> Option<&'a Assistant> {
        match self {
            Ai::Ask(assistant) if assistant.is_enabled() => Some(assistant),
            _ => None,
        }
    }
}

/// The deterministic result of a task the model stays out of, and why.
pub(crate) fn switched_off<T>(value: T, reason: &str) -> Outcome<T> {
    Outcome {
        value,
        method: Method::Deterministic,
        fallback_reason: Some(reason.to_owned()),
        rejected: Vec::new(),
        usage: Usage::default(),
        judge: None,
    }
}

/// How a result was produced: `method` (`{"kind": "deterministic"}`, or `{"kind": "llm",
/// "provider", "model"}` when a language model's output passed the verifier), why the model's was
/// not used, every claim the verifier rejected, and the tokens spent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    pub method: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    pub rejected: Vec<Violation>,
    pub usage: Usage,
}

impl Provenance {
    /// A result no language model was asked about.
    pub fn deterministic() -> Provenance {
        Provenance {
            method: Method::Deterministic,
            fallback_reason: None,
            rejected: Vec::new(),
            usage: Usage::default(),
        }
    }

    pub fn of<T>(outcome: &Outcome<T>) -> Provenance {
        Provenance {
            method: outcome.method.clone(),
            fallback_reason: outcome.fallback_reason.clone(),
            rejected: outcome.rejected.clone(),
            usage: outcome.usage,
        }
    }

    pub fn is_llm(&self) -> bool {
        matches!(self.method, Method::Llm { .. })
    }
}
