//! What the job-fit commands (`ats-check`, `tailor`, `cover-letter`, `match`, `package`) share:
//! reading job postings and the skills vocabulary, the language-model options, and placing a use
//! case's errors in the files they came from. The flows themselves live in vitae-app.

use super::print_diagnostics;
use crate::report::ReportFormat;
use anyhow::{Result, anyhow, bail};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use vitae_app::{AppError, Vocabulary};
use vitae_core::Diagnostics;

/// `--skills FILE`: extend the built-in skills vocabulary.
#[derive(clap::Args, Debug, Clone)]
pub struct VocabularyArgs {
    /// A YAML file of extra skills and spellings (the format of vitae's own `data/skills.yaml`:
    /// entries with `name`, `category`, `aliases`), added to the built-in vocabulary.
    #[arg(long, value_name = "FILE")]
    pub skills: Option<PathBuf>,
}

impl VocabularyArgs {
    /// The built-in vocabulary, extended with `--skills` when given.
    pub fn load(&self) -> Result<Cow<'static, Vocabulary>> {
        let Some(path) = &self.skills else {
            return Ok(Cow::Borrowed(Vocabulary::builtin()));
        };
        let bytes = crate::input::read_source(path)?;
        let name = path.display().to_string();
        let text = decode(&bytes, &name)?;
        vitae_app::posting::vocabulary(Some(text)).or_else(|diags| {
            print_diagnostics(&name, Some(text), None, &diags, ReportFormat::Human, false)?;
            bail!("{name}: the skills file has errors; nothing was added")
        })
    }
}

fn decode<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str> {
    vitae_core::format::decode(bytes).map_err(|e| {
        let pos = e.pos();
        anyhow!("{name}:{}:{}: {e}", pos.line, pos.column)
    })
}

/// A posting's text and the name it is reported under (its file, and index in a JSON array).
pub struct Posting {
    pub name: String,
    pub text: String,
}

impl AsRef<str> for Posting {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Posting {
    /// Reads a posting (text, HTML or JSON; `-` is standard input).
    pub fn read(path: &Path) -> Result<Posting> {
        let bytes = crate::input::read_source(path)?;
        let name = path.display().to_string();
        let text = decode(&bytes, &name)?.to_owned();
        Ok(Posting { name, text })
    }
}

/// A use case's error, placed: a posting's problem at `posting:line:column`, an unknown variant
/// with the command that lists them.
pub fn placed(error: AppError, postings: &[&str], source: &str) -> anyhow::Error {
    match &error {
        AppError::Posting { index, error: e } => {
            let name = postings.get(index.unwrap_or(0)).copied().unwrap_or("job");
            let hint = e
                .hint()
                .map(|h| format!(" (hint: {h})"))
                .unwrap_or_default();
            anyhow!("{}: {e}{hint}", at(name, e.pos().line, e.pos().column))
        }
        AppError::UnknownVariant(_) => {
            anyhow!("{error} (hint: `vitae variants {source}` lists them)")
        }
        _ => anyhow::Error::new(error),
    }
}

/// `--strict`: a warning stops a job-fit command, in the resume or in a posting.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct StrictArgs {
    /// Treat warnings as errors (exit 1): a resume with no contact line or a date that is no
    /// date, a posting in which no job is found, a JSON job's field that cannot be read.
    #[arg(long)]
    pub strict: bool,
}

/// Prints the problems found in a posting (the job is still read); `true` when `--strict`
/// makes them stop the command.
#[must_use]
pub fn print_posting_diagnostics(
    name: &str,
    diagnostics: &Diagnostics,
    strict: StrictArgs,
) -> bool {
    for d in diagnostics.iter() {
        eprintln!("{}: {d}", at(name, d.line, d.column));
    }
    let stop = strict.strict && !diagnostics.is_empty();
    if stop {
        eprintln!("{name}: stopped: the posting has warnings and --strict makes them errors");
    }
    stop
}

/// A place in a posting: `file:line:column` for a file of its own; for an item of a JSON array
/// (`jobs.json[2]`), whose text is not the file's, the position inside the item.
fn at(name: &str, line: u32, column: u32) -> String {
    if name.ends_with(']') {
        format!("{name}: line {line}, column {column} of the posting")
    } else {
        format!("{name}:{line}:{column}")
    }
}

/// Reads every posting in `paths`: files, directories (their `.txt`, `.html`, `.htm`, `.json`,
/// `.jsonl` and `.md` files, in name order), and files of several jobs (see
/// [`read_file_postings`]). Each is named by its file (and index among the file's jobs).
pub fn read_postings(paths: &[PathBuf]) -> Result<Vec<Posting>> {
    let mut postings = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| anyhow!("cannot read the directory `{}`: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            matches!(
                                e.to_ascii_lowercase().as_str(),
                                "txt" | "html" | "htm" | "json" | "jsonl" | "md"
                            )
                        })
                })
                .collect();
            files.sort();
            for file in files {
                read_file_postings(&file, &mut postings)?;
            }
        } else {
            read_file_postings(path, &mut postings)?;
        }
    }
    Ok(postings)
}

/// Reads the postings of one file: a JSON array of jobs, an object holding them as `jobs` (what
/// job boards export), JSON Lines (one job per line), or else one posting.
fn read_file_postings(path: &Path, out: &mut Vec<Posting>) -> Result<()> {
    let posting = Posting::read(path)?;
    let name = &posting.name;
    let text = posting.text.trim_start();
    let items: Vec<serde_json::Value> = if text.starts_with('[') {
        serde_json::from_str(text).map_err(|e| {
            anyhow!(
                "{name}:{}:{}: not a JSON array of jobs: {e}",
                e.line(),
                e.column()
            )
        })?
    } else if let Some(jobs) = listed_jobs(text) {
        jobs
    } else if let Some(lines) = json_lines(name, text)? {
        lines
    } else {
        out.push(posting);
        return Ok(());
    };
    for (i, item) in items.into_iter().enumerate() {
        let text = match item {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        out.push(Posting {
            name: format!("{name}[{i}]"),
            text,
        });
    }
    Ok(())
}

/// The jobs of an object that lists them under `jobs` (`{"jobs": [...], "meta": {...}}`, as job
/// boards export); `None` for anything else, a single JSON job among them.
fn listed_jobs(text: &str) -> Option<Vec<serde_json::Value>> {
    if !text.starts_with('{') {
        return None;
    }
    match serde_json::from_str::<serde_json::Value>(text).ok()? {
        // A job of its own has a title or a description; a listing has neither beside `jobs`.
        serde_json::Value::Object(mut o)
            if !o.contains_key("title") && !o.contains_key("description") =>
        {
            match o.remove("jobs")? {
                serde_json::Value::Array(jobs) => Some(jobs),
                _ => None,
            }
        }
        _ => None,
    }
}

/// JSON Lines: two or more lines, each one JSON object; `None` when the lines do not all start
/// as objects (a pretty-printed job spans lines that are no JSON alone). A line that starts as an
/// object but is not one is an error at that line.
fn json_lines(name: &str, text: &str) -> Result<Option<Vec<serde_json::Value>>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let whole_objects = lines
        .iter()
        .all(|(_, l)| l.trim_start().starts_with('{') && l.trim_end().ends_with('}'));
    if lines.len() < 2 || !whole_objects {
        return Ok(None);
    }
    if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        // One object written over lines that each look whole: a single posting.
        return Ok(None);
    }
    lines
        .into_iter()
        .map(|(i, line)| {
            serde_json::from_str::<serde_json::Value>(line).map_err(|e| {
                anyhow!(
                    "{name}:{}:{}: not a JSON job (the file is read as JSON Lines, one job a line): {e}",
                    i + 1,
                    e.column()
                )
            })
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// Whether a language model may help (`--ai`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AiMode {
    /// Use the provider configured by `VITAE_LLM_PROVIDER` (or `.env`), if any.
    Auto,
    /// The deterministic path only, even when a provider is configured.
    Off,
}

/// `--ai` and `--env-file`: the language-model options of `tailor`, `cover-letter` and `package`.
#[derive(clap::Args, Debug, Clone)]
pub struct AiArgs {
    /// Let the configured language model rephrase the result (`auto`), or never (`off`). Every
    /// model output is checked against the resume; anything it does not support sends vitae back
    /// to the deterministic result, and the report says so.
    #[arg(long, value_enum, default_value_t = AiMode::Auto)]
    pub ai: AiMode,
    /// A `.env` file with `VITAE_LLM_*` settings and API keys (default: `.env` in the current
    /// directory, when there is one). Variables already set win.
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
    /// vitae's config file, whose `llm:` section (provider, model, base_url, temperature,
    /// max_tokens, timeout_secs, ...) sits under `.env` and the environment. Default:
    /// `$XDG_CONFIG_HOME/vitae/config.yaml` or `~/.config/vitae/config.yaml`, when it exists.
    #[arg(long, value_name = "FILE", env = "VITAE_CONFIG")]
    pub config: Option<PathBuf>,
}

impl AiArgs {
    /// The assistant: disabled with `--ai off` or no provider configured; an error (exit 2) when
    /// a provider is configured incompletely (fail closed: no key, no model).
    pub fn assistant(&self) -> Result<vitae_llm::Assistant> {
        vitae_llm::Assistant::new(&self.config()?).map_err(|e| anyhow!("language model: {e}"))
    }

    /// The language-model configuration: none with `--ai off`, else the config file's `llm:`
    /// section, under the `.env` file, under `VITAE_LLM_*` and the provider's key variables.
    pub fn config(&self) -> Result<vitae_llm::Config> {
        if self.ai == AiMode::Off {
            return Ok(vitae_llm::Config::default());
        }
        let default = PathBuf::from(".env");
        let dotenv = match &self.env_file {
            Some(path) => Some(path.as_path()),
            None => default.is_file().then_some(default.as_path()),
        };
        let loaded = match self.config.as_deref() {
            // Read once for every purpose (see `input::read_source`).
            Some(path) if path.as_os_str() == "-" => {
                let bytes = crate::input::read_source(path)?;
                let text = decode(&bytes, "standard input")?;
                vitae_llm::Config::load_text(path, text, dotenv)
            }
            config => vitae_llm::Config::load(config, dotenv),
        };
        loaded.map_err(|e| anyhow!("language model configuration: {e}"))
    }
}

/// Runs a use case's model step to completion on a small runtime of its own (the CLI is
/// synchronous).
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow!("cannot start the async runtime: {e}"))?;
    Ok(runtime.block_on(future))
}

/// Says on stderr which path produced a result and what the verifier rejected; silent when no
/// model is configured, since then there was no choice to report.
pub fn report_provenance(what: &str, assistant: &vitae_app::Assistant, p: &vitae_app::Provenance) {
    if !assistant.is_enabled() {
        return;
    }
    match &p.method {
        vitae_app::Method::Llm { provider, model } => eprintln!(
            "{what}: written by the language model ({}, {model}) and verified against the resume ({} tokens)",
            provider.name(),
            p.usage.total_tokens()
        ),
        vitae_app::Method::Deterministic => eprintln!(
            "{what}: deterministic{}",
            p.fallback_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
    }
    for v in &p.rejected {
        eprintln!("  rejected: {v}");
    }
}
