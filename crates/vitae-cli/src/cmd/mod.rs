//! One module per subcommand.

pub mod ats_check;
pub mod convert;
pub mod cover_letter;
pub mod diff;
pub mod fit;
pub mod generate;
pub mod import;
pub mod init;
pub mod job;
pub mod keys;
pub mod matching;
pub mod package;
pub mod schema;
pub mod serve;
pub mod shell;
pub mod studio;
pub mod tailor;
pub mod themes;
pub mod track;
pub mod users;
pub mod validate;
pub mod variants;
pub mod watch;

use crate::Outcome;
use crate::report::{self, ReportFormat};
use anyhow::{Result, bail};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use vitae_core::format::Format;
use vitae_core::{Diagnostics, Loaded, ReadError, Severity};

/// Source options shared by every command that reads a resume.
#[derive(clap::Args, Debug)]
pub struct SourceArgs {
    /// The resume source (YAML or JSON); `-` reads standard input.
    pub file: PathBuf,
    /// The source format, when detection from the content is not wanted.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub from: Option<Format>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// A source that was read and validated.
pub struct Source {
    pub path: String,
    pub text: String,
    pub loaded: Loaded,
}

/// Reads and validates a source. Syntax errors are reported like any diagnostic and give
/// `Err(Outcome::Invalid)`; unreadable files (binary, not UTF-8, too large) are errors (exit 2).
pub fn load(
    args: &SourceArgs,
    report_format: ReportFormat,
) -> Result<std::result::Result<Source, Outcome>> {
    let bytes = crate::input::read_source(&args.file)?;
    let path = args.file.display().to_string();
    let options = vitae_core::validate::Options {
        today: Some(crate::input::today()),
    };
    match vitae_core::load(&bytes, args.from, &options) {
        Ok(loaded) => {
            // load() succeeded, so the bytes are UTF-8.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(Ok(Source { path, text, loaded }))
        }
        Err(e @ (ReadError::Binary | ReadError::NotUtf8 { .. })) => {
            let pos = e.pos();
            bail!(
                "{path}:{}:{}: {e} (hint: {})",
                pos.line,
                pos.column,
                e.hint().unwrap_or_default()
            )
        }
        Err(ReadError::Syntax(e)) => {
            let mut diags = Diagnostics::new();
            diags.error("", e.pos, e.message.clone(), e.hint.clone());
            let text = String::from_utf8_lossy(&bytes);
            print_diagnostics(&path, Some(&text), None, &diags, report_format, false)?;
            Ok(Err(Outcome::Invalid))
        }
    }
}

/// Prints diagnostics to stdout (`to_stdout`, for `validate`) or stderr (other commands).
pub fn print_diagnostics(
    path: &str,
    text: Option<&str>,
    format: Option<Format>,
    diags: &Diagnostics,
    report_format: ReportFormat,
    to_stdout: bool,
) -> Result<()> {
    match report_format {
        ReportFormat::Json => {
            let list = diags.clone().into_vec();
            let report = report::JsonReport {
                file: path,
                format: format.map(Format::name),
                valid: !diags.has_errors() && format.is_some(),
                errors: diags.count(Severity::Error),
                warnings: diags.count(Severity::Warning),
                diagnostics: &list,
            };
            let json = serde_json::to_string_pretty(&report)?;
            if to_stdout {
                println!("{json}");
            } else {
                eprintln!("{json}");
            }
        }
        ReportFormat::Human => {
            if to_stdout {
                let stdout = std::io::stdout();
                let tty = stdout.is_terminal();
                report::human(&mut stdout.lock(), tty, path, text, diags)?;
            } else {
                let stderr = std::io::stderr();
                let tty = stderr.is_terminal();
                report::human(&mut stderr.lock(), tty, path, text, diags)?;
            }
        }
    }
    Ok(())
}

/// Reads a source for a command that produces output: problems go to stderr, and a source with
/// errors stops the command (`Err(Outcome::Invalid)`).
pub fn load_valid(args: &SourceArgs) -> Result<std::result::Result<Source, Outcome>> {
    load_valid_strictly(args, false)
}

/// [`load_valid`]; with `strict` (`--strict`), a warning (no contact line, a date that is no
/// date) stops the command like an error.
pub fn load_valid_strictly(
    args: &SourceArgs,
    strict: bool,
) -> Result<std::result::Result<Source, Outcome>> {
    let mut source = match load(args, ReportFormat::Human)? {
        Ok(s) => s,
        Err(outcome) => return Ok(Err(outcome)),
    };
    if strict {
        source.loaded.diagnostics.escalate_warnings();
    }
    Ok(require_valid(&source)?.map(|()| source))
}

/// For commands that produce output: print problems to stderr and refuse to go on with errors.
pub fn require_valid(source: &Source) -> Result<std::result::Result<(), Outcome>> {
    let diags = &source.loaded.diagnostics;
    if !diags.is_empty() {
        print_diagnostics(
            &source.path,
            Some(&source.text),
            Some(source.loaded.format),
            diags,
            ReportFormat::Human,
            false,
        )?;
    }
    if diags.has_errors() {
        eprintln!(
            "{}: not rendered ({}); run `vitae validate {}` for details",
            source.path,
            report::summary(diags),
            source.path
        );
        return Ok(Err(Outcome::Invalid));
    }
    Ok(Ok(()))
}

/// Writes `content` to `path`, or to stdout when `path` is `-`.
pub fn write_output(path: &Path, content: &[u8]) -> Result<()> {
    use std::io::Write;
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(content)?;
        out.flush()?;
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| io_failure(e, format!("cannot create `{}`", parent.display())))?;
    }
    // Whole or not at all: a full disk or a crash leaves the previous file (or none), never a
    // truncated document.
    vitae_store::file::write_whole(path, content)
        .map_err(|e| io_failure(e, format!("cannot write `{}`", path.display())))
}

/// An I/O failure said with what was being done, and a hint when the cause is one a person can
/// act on.
pub fn io_failure(e: std::io::Error, doing: String) -> anyhow::Error {
    let hint = match e.kind() {
        std::io::ErrorKind::StorageFull => {
            " (hint: the disk is full; free some space and run the command again — nothing was left half-written)"
        }
        std::io::ErrorKind::PermissionDenied => " (hint: choose a folder you may write to with -o)",
        std::io::ErrorKind::ReadOnlyFilesystem => {
            " (hint: that disk is mounted read-only; choose another folder with -o)"
        }
        _ => "",
    };
    anyhow::anyhow!("{doing}: {e}{hint}")
}
