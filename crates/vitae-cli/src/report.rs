//! Showing diagnostics: rustc-style human output (colored on a terminal, with the source line and
//! a caret), or JSON for tools.

use serde::Serialize;
use std::io::{IsTerminal, Write};
use vitae_core::{Diagnostic, Diagnostics, Severity};

/// `--format` of commands that report diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
}

pub struct Style {
    color: bool,
}

/// Whether output to a stream is coloured: only on a terminal, and never with `NO_COLOR` set to
/// anything non-empty (https://no-color.org). A log redirected to a file carries no escape codes.
pub fn colors(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Style {
    pub fn for_stream(is_terminal: bool) -> Self {
        Style {
            color: colors(is_terminal),
        }
    }
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn severity(&self, s: Severity) -> String {
        match s {
            Severity::Error => self.paint("1;31", "error"),
            Severity::Warning => self.paint("1;33", "warning"),
        }
    }
}

/// Writes diagnostics in human form to `out`. `source` is the file text, for the snippet lines.
pub fn human(
    out: &mut dyn Write,
    is_terminal: bool,
    file: &str,
    source: Option<&str>,
    diags: &Diagnostics,
) -> std::io::Result<()> {
    let style = Style::for_stream(is_terminal);
    let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
    for d in diags {
        writeln!(
            out,
            "{}: {}",
            style.severity(d.severity),
            style.paint("1", &d.message)
        )?;
        let location = if d.line > 0 {
            format!("{file}:{}:{}", d.line, d.column)
        } else {
            file.to_owned()
        };
        let path = if d.path.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.path)
        };
        writeln!(out, "  {} {location}{path}", style.paint("1;34", "-->"))?;
        if let Some(line) = usize::try_from(d.line)
            .ok()
            .and_then(|l| l.checked_sub(1))
            .and_then(|i| lines.get(i))
        {
            let number = d.line.to_string();
            let pad = " ".repeat(number.len());
            // Long lines (minified JSON) are cut around the column so the caret stays readable.
            let col = usize::try_from(d.column.max(1) - 1).unwrap_or(0);
            let chars: Vec<char> = line.chars().collect();
            let start = col.saturating_sub(60);
            let end = (col + 60).min(chars.len());
            let shown: String = chars.get(start..end).unwrap_or_default().iter().collect();
            let caret_at = col - start;
            writeln!(out, "  {pad} {}", style.paint("1;34", "|"))?;
            writeln!(
                out,
                "  {} {} {shown}",
                style.paint("1;34", &number),
                style.paint("1;34", "|")
            )?;
            writeln!(
                out,
                "  {pad} {} {}{}",
                style.paint("1;34", "|"),
                " ".repeat(caret_at),
                style.paint(
                    if d.severity == Severity::Error {
                        "1;31"
                    } else {
                        "1;33"
                    },
                    "^"
                )
            )?;
        }
        if let Some(hint) = &d.hint {
            writeln!(out, "  {} hint: {hint}", style.paint("1;34", "="))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The JSON report of `validate --format json`.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub file: &'a str,
    pub format: Option<&'a str>,
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: &'a [Diagnostic],
}

/// Prints a fatal error (exit code 2) to stderr.
pub fn error(e: &anyhow::Error) {
    let style = Style::for_stream(std::io::stderr().is_terminal());
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        // Many errors already say their cause in their own message: say it once.
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    eprintln!("{}: {message}", style.severity(Severity::Error));
}

/// One-line summary such as "2 errors, 1 warning".
pub fn summary(diags: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(diags.count(Severity::Error), "error"),
        plural(diags.count(Severity::Warning), "warning")
    )
}
