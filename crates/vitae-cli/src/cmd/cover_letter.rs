//! `vitae cover-letter RESUME --job JD -f pdf`: a letter built from the resume's best-matching
//! achievements and the job's own facts.

use super::fit::{AiArgs, VocabularyArgs, block_on, read_job, report_outcome};
use super::generate::{StyleArgs, select_variant, slug, write_rendered};
use super::{SourceArgs, load_valid, write_output};
use crate::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use vitae_core::job::Job;
use vitae_core::keywords::Vocabulary;
use vitae_core::letter::{self, Letter, LetterOptions};
use vitae_core::model::Resume;
use vitae_render::OutputFormat;

/// Who the letter is to: shared by `cover-letter` and `package`.
#[derive(clap::Args, Debug, Clone)]
pub struct LetterArgs {
    /// The person to address ("Dear Ms. Chen,"); default: the hiring team.
    #[arg(long, value_name = "NAME")]
    pub recipient: Option<String>,
    /// The company, when the posting does not name it (or names it differently).
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    #[command(flatten)]
    pub ai: AiArgs,
}

impl LetterArgs {
    /// Composes the letter and checks every fact in it against the resume and the job: the
    /// composer only quotes them, so a violation is a bug, reported as one.
    pub fn compose(
        &self,
        source: &Resume,
        shown: &Resume,
        job: &Job,
        vocabulary: &Vocabulary,
        style: &StyleArgs,
    ) -> Result<Letter> {
        let options = LetterOptions {
            date: Some(style.date.unwrap_or_else(crate::input::today)),
            recipient_name: self.recipient.clone(),
            company_name: self.company.clone(),
            ..LetterOptions::default()
        };
        let letter = letter::compose(source, shown, job, vocabulary, &options);
        let violations = letter::verify_letter_with(source, job, &letter, vocabulary);
        if !violations.is_empty() {
            let list: Vec<String> = violations.iter().map(ToString::to_string).collect();
            anyhow::bail!(
                "the cover letter failed verification against the resume and the job (a bug in vitae; please report it): {}",
                list.join("; ")
            );
        }
        let assistant = self.ai.assistant()?;
        if !assistant.is_enabled() {
            return Ok(letter);
        }
        // The model may write the body; the verifier checks it against the resume and the job,
        // and the composed letter stays when anything is unsupported.
        let outcome = block_on(assistant.cover_letter_body(source, shown, job, &letter))?;
        report_outcome("cover letter", &outcome);
        Ok(outcome.value)
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The job posting: plain text, HTML or JSON (JSON Resume job); `-` reads standard input.
    #[arg(short, long)]
    pub job: PathBuf,
    /// The variant whose achievements the letter draws on (key or short name).
    #[arg(short, long)]
    pub variant: Option<String>,
    /// pdf, png, docx, md, txt, html, tex, typ, or json (the letter's structure, with where each
    /// fact came from).
    #[arg(short, long, default_value = "pdf")]
    pub format: String,
    /// Where to write; `-` is standard output. Default: `<out-dir>/cover-letter-<company>-<date>.<ext>`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Directory for the default output path.
    #[arg(long, default_value = "out")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub letter: LetterArgs,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub style: StyleArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    // `json` is the letter itself; every other name is a document format.
    let format = match args.format.trim().to_ascii_lowercase().as_str() {
        "json" => None,
        other => Some(
            other
                .parse::<OutputFormat>()
                .map_err(|e| anyhow::anyhow!("{e}, or json"))?,
        ),
    };
    let source = match load_valid(&args.source)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let job = read_job(&args.job, &vocabulary)?.job;
    let resume = &source.loaded.resume;
    let (_, shown) = select_variant(resume, args.variant.as_deref(), &source.path)?;
    let letter = args
        .letter
        .compose(resume, &shown, &job, &vocabulary, &args.style)?;
    let extension = format.map_or("json", OutputFormat::extension);
    let output = args.output.unwrap_or_else(|| {
        let company = args.letter.company.as_deref().or(job.company.as_deref());
        let name = format!(
            "cover-letter-{}-{}.{extension}",
            slug(company.unwrap_or("job")),
            crate::input::today(),
        );
        args.out_dir.join(name)
    });
    match format {
        None => {
            let json = serde_json::to_string_pretty(&letter)? + "\n";
            write_output(&output, json.as_bytes())?;
        }
        Some(format) => {
            let rendered = vitae_render::render_letter(
                &shown,
                &letter,
                format,
                &args.style.render_options(),
                &args.style.typeset_options(),
                args.style.dpi,
            )
            .with_context(|| format!("cannot render the cover letter as {format}"))?;
            for path in write_rendered(&output, rendered)? {
                if path.as_os_str() != "-" {
                    eprintln!("wrote {}", path.display());
                }
            }
            return Ok(Outcome::Ok);
        }
    }
    if output.as_os_str() != "-" {
        eprintln!("wrote {}", output.display());
    }
    Ok(Outcome::Ok)
}
