//! `vitae tailor RESUME --job JD [-o tailored.yaml] [--explain]`: the resume with a new variant
//! tailored to the job, every string taken from the source.

use super::fit::{AiArgs, VocabularyArgs, block_on, read_job, report_outcome};
use super::{SourceArgs, load_valid, write_output};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::{Result, bail};
use std::path::PathBuf;
use vitae_core::format;
use vitae_core::job::Job;
use vitae_core::keywords::Vocabulary;
use vitae_core::model::Resume;
use vitae_core::tailor::{self, TailorOptions, Tailored};

/// How to tailor: shared by `tailor` and `package`.
#[derive(clap::Args, Debug, Clone)]
pub struct TailorArgs {
    /// The variant to start from (its key or short name); default: everything in the source.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// Bullets per job at most (default: the starting variant's cap, else 4).
    #[arg(long, value_name = "N")]
    pub max_bullets: Option<usize>,
    /// Projects at most; only projects that match the job are chosen.
    #[arg(long, value_name = "N", default_value_t = tailor::DEFAULT_MAX_PROJECTS)]
    pub max_projects: usize,
    /// The key of the new variant (default: `tailored-<title>-<company>`).
    #[arg(long)]
    pub key: Option<String>,
}

impl TailorArgs {
    /// Tailors `resume` to `job`, and checks the result against the source before anyone sees
    /// it: tailoring only selects and orders, so a violation here is a bug, reported as one.
    pub fn tailor(&self, resume: &Resume, job: &Job, vocabulary: &Vocabulary) -> Result<Tailored> {
        let options = TailorOptions {
            starting_variant: self.variant.clone(),
            max_bullets_per_job: self.max_bullets,
            max_projects: self.max_projects,
            variant_key: self.key.clone(),
            ..TailorOptions::default()
        };
        let tailored = match tailor::tailor(resume, job, vocabulary, &options) {
            Ok(t) => t,
            Err(e) => bail!("{e} (hint: `vitae variants` lists them)"),
        };
        let verification = tailor::verify_with(resume, &tailored.resume, vocabulary);
        if !verification.is_ok() {
            let list: Vec<String> = verification
                .violations
                .iter()
                .map(|v| v.to_string())
                .collect();
            bail!(
                "the tailored resume failed verification against its source (a bug in vitae; please report it): {}",
                list.join("; ")
            );
        }
        Ok(tailored)
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The job posting: plain text, HTML or JSON (JSON Resume job); `-` reads standard input.
    #[arg(short, long)]
    pub job: PathBuf,
    #[command(flatten)]
    pub tailor: TailorArgs,
    /// Where to write the resume (native YAML) with the tailored variant added; `-` (the
    /// default) is standard output.
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// Show what was chosen and why: the job's terms, the summary, each skill section, bullet
    /// and project with its score (to stderr when the resume goes to stdout).
    #[arg(long)]
    pub explain: bool,
    /// Format of the explanation.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub ai: AiArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid(&args.source)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let job = read_job(&args.job, &vocabulary)?.job;
    let resume = &source.loaded.resume;
    let tailored = args.tailor.tailor(resume, &job, &vocabulary)?;
    let assistant = args.ai.assistant()?;
    let to_stdout = args.output.as_os_str() == "-";
    if assistant.is_enabled() {
        // The model rephrases the tailored view; what it writes is checked against the source,
        // and anything unsupported falls back to the deterministic view.
        let outcome = block_on(assistant.tailor(resume, &job, &tailored))?;
        report_outcome("tailored resume", &outcome);
        if outcome.is_llm() {
            // Rephrased bullets are not source strings, so this is a standalone resume, not a
            // variant of the source.
            write_output(
                &args.output,
                format::to_native_yaml(&outcome.value).as_bytes(),
            )?;
            if !to_stdout {
                eprintln!(
                    "wrote {} (a standalone tailored resume)",
                    args.output.display()
                );
            }
            return explain(&args, &tailored, to_stdout);
        }
    }
    let yaml = format::to_native_yaml(&tailored.to_source(resume));
    write_output(&args.output, yaml.as_bytes())?;
    if !to_stdout {
        eprintln!(
            "wrote {}: variant `{}` (render it with `vitae generate {} -v {}`)",
            args.output.display(),
            tailored.variant_key,
            args.output.display(),
            tailored.variant_key
        );
    }
    explain(&args, &tailored, to_stdout)
}

/// `--explain`: what deterministic tailoring chose and why (to stderr when the resume goes to
/// stdout).
fn explain(args: &Args, tailored: &Tailored, to_stdout: bool) -> Result<Outcome> {
    if args.explain {
        let text = match args.format {
            ReportFormat::Json => serde_json::to_string_pretty(&tailored.explanation)? + "\n",
            ReportFormat::Human => tailored.explanation.to_string(),
        };
        if to_stdout {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    Ok(Outcome::Ok)
}
