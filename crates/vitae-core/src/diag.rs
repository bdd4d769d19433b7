//! Diagnostics are data: readers and validation return the result *and* every problem found, each
//! with a severity, a path into the document (`experience[2].start_date`), a source position, a
//! message and a hint. Nothing here prints; the CLI and the server decide how to show them.

use crate::node::Pos;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path into the source document, e.g. `experience[2].start_date`; empty for the whole document.
    pub path: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.severity)?;
        if self.line > 0 {
            write!(f, " at {}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// An ordered, de-duplicated collection of diagnostics.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(
    Vec<Diagnostic>,
    /// What the list holds, so that de-duplicating stays linear in the number of problems (a
    /// hostile document can have a hundred thousand).
    #[serde(skip)]
    HashSet<Diagnostic>,
);

impl PartialEq for Diagnostics {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Diagnostics {}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        // The same problem reached twice (e.g. a date checked by the reader and again by validation)
        // is reported once.
        if self.1.insert(d.clone()) {
            self.0.push(d);
        }
    }

    pub fn error(
        &mut self,
        path: &str,
        pos: Pos,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.add(Severity::Error, path, pos, message, hint);
    }

    pub fn warning(
        &mut self,
        path: &str,
        pos: Pos,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.add(Severity::Warning, path, pos, message, hint);
    }

    fn add(
        &mut self,
        severity: Severity,
        path: &str,
        pos: Pos,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.push(Diagnostic {
            severity,
            path: path.to_owned(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
            hint,
        });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.0 {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorted by position (unknown positions last), then severity, for stable output.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by_key(|d| {
            (
                d.line == 0,
                d.line,
                d.column,
                std::cmp::Reverse(d.severity),
                d.path.clone(),
            )
        });
        self
    }

    /// Turns every warning into an error (`--strict`).
    pub fn escalate_warnings(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
        self.1 = self.0.iter().cloned().collect();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_thousand_problems_each_reported_twice_are_kept_once_in_order() {
        // Before, each push scanned the whole list: 10^10 comparisons for this input.
        let mut diags = Diagnostics::new();
        for round in 0..2 {
            for i in 0..100_000u32 {
                diags.error(
                    &format!("experience[{i}].start_date"),
                    Pos::new(i + 1, 3),
                    "not a date",
                    None,
                );
            }
            assert_eq!(diags.len(), 100_000, "round {round}");
        }
        assert_eq!(diags.iter().next().unwrap().line, 1);
        diags.warning("", Pos::UNKNOWN, "a warning", None);
        diags.escalate_warnings();
        diags.error("", Pos::UNKNOWN, "a warning", None);
        assert_eq!(diags.len(), 100_001);
    }
}
