//! `vitae ats-check RESUME --job JD`: the ATS score, every point explained.

use super::fit::{AiArgs, Posting, VocabularyArgs, block_on, report_outcome};
use super::generate::{StyleArgs, select_variant};
use super::{SourceArgs, load_valid};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use std::path::PathBuf;
use vitae_core::ats::Weights;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The job posting: plain text, HTML or JSON (JSON Resume job); `-` reads standard input.
    #[arg(short, long)]
    pub job: PathBuf,
    /// The variant to check (its key or short name); default: the source's default variant.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Exit with status 1 when the score is below this.
    #[arg(long, value_name = "N")]
    pub min_score: Option<f64>,
    /// Category weights, e.g. `keywords=40,format=10` (format, keywords, sections, contact,
    /// readability); the rest keep their defaults and the total is scaled to 100.
    #[arg(long, value_parser = parse_weights)]
    pub weights: Option<Weights>,
    /// Score the format from the resume's structure only, without rendering the PDF and reading
    /// its text layer back.
    #[arg(long)]
    pub no_render: bool,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub style: StyleArgs,
    #[command(flatten)]
    pub ai: AiArgs,
}

fn parse_weights(s: &str) -> Result<Weights, String> {
    s.parse()
        .map_err(|e: vitae_core::ats::WeightsError| e.to_string())
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid(&args.source)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let mut vocabulary = args.vocabulary.load()?;
    let posting = Posting::read(&args.job)?;
    let mut job = posting.parse(&vocabulary)?.job;
    let assistant = args.ai.assistant()?;
    if assistant.is_enabled() {
        // The model reads the posting's keywords; those it finds in the posting that the
        // vocabulary lacks join it for this check, and the posting is read again with them.
        let outcome = block_on(assistant.extract_job_keywords(&job.text()))?;
        report_outcome("job keywords", &outcome);
        if outcome.is_llm() {
            let k = &outcome.value;
            let names: Vec<String> = k.required.iter().chain(&k.nice_to_have).cloned().collect();
            vocabulary =
                std::borrow::Cow::Owned(vocabulary.extended_with(&names, "From the posting"));
            job = posting.parse(&vocabulary)?.job;
        }
    }
    let resume = &source.loaded.resume;
    let (key, shown) = select_variant(resume, args.variant.as_deref(), &source.path)?;
    let render = args.style.render_options();
    let typeset = args.style.typeset_options();
    let report = vitae_render::ats_check(&vitae_render::AtsRun {
        source: resume,
        shown: &shown,
        variant: &key,
        job: &job,
        vocabulary: &vocabulary,
        weights: &args.weights.unwrap_or_default(),
        render: (!args.no_render).then_some((&render, &typeset)),
    })
    .map_err(|e| anyhow::anyhow!("cannot render the resume for the text-layer check: {e}"))?;
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        ReportFormat::Human => print!("{report}"),
    }
    if let Some(min) = args.min_score
        && report.score < min
    {
        eprintln!("score {:.1} is below the minimum {min}", report.score);
        return Ok(Outcome::Invalid);
    }
    Ok(Outcome::Ok)
}
