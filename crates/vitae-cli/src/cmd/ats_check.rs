//! `vitae ats-check RESUME --job JD`: the ATS score, every point explained.

use super::fit::{
    AiArgs, Posting, StrictArgs, VocabularyArgs, block_on, placed, print_posting_diagnostics,
    report_provenance,
};
use super::generate::StyleArgs;
use super::{SourceArgs, load_valid_strictly};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use std::path::PathBuf;
use vitae_app::Ai;
use vitae_app::ats::{AtsCheck, AtsOptions};

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
    #[arg(long, value_parser = check_weights)]
    pub weights: Option<String>,
    /// Score the format from the resume's structure only, without rendering the PDF and reading
    /// its text layer back.
    #[arg(long)]
    pub no_render: bool,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub strict: StrictArgs,
    #[command(flatten)]
    pub style: StyleArgs,
    #[command(flatten)]
    pub ai: AiArgs,
}

/// `--weights` is checked as the command line is read, so a typo is a usage error at once.
fn check_weights(text: &str) -> Result<String, String> {
    vitae_app::ats::check_weights(text).map(|()| text.to_owned())
}

pub fn run(args: Args) -> Result<Outcome> {
    let stdin = |p: Option<&std::path::Path>| p.is_some_and(|p| p.as_os_str() == "-");
    if [
        Some(args.source.file.as_path()),
        Some(args.job.as_path()),
        args.ai.config.as_deref(),
    ]
    .into_iter()
    .filter(|p| stdin(*p))
    .count()
        > 1
    {
        anyhow::bail!(
            "standard input (`-`) can be only one of the resume, the job and the config file"
        );
    }
    let settings = crate::settings::Settings::load(args.ai.config.as_deref())?;
    let source = match load_valid_strictly(&args.source, args.strict.strict)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let posting = Posting::read(&args.job)?;
    // `--weights`, else the config's `ats.scoring` (resume-cli's file says it that way too); the
    // variant as `generate` chooses it.
    let weights = args.weights.or(settings.ats_weights);
    let options = AtsOptions {
        variant: args.variant.or(settings.default_variant),
        weights,
        render: !args.no_render,
        style: args.style.with_theme_file()?.style(),
    };
    let place = |e| placed(e, &[&posting.name], &source.path);
    let check = AtsCheck::prepare(
        source.loaded.resume,
        posting.text.clone(),
        vocabulary,
        options,
    )
    .map_err(place)?;
    if print_posting_diagnostics(&posting.name, &check.posting_diagnostics, args.strict) {
        return Ok(Outcome::Invalid);
    }
    let assistant = args.ai.assistant()?;
    let keywords = {
        let _spinning = crate::progress::Spinner::for_model(&assistant, "the posting's keywords");
        block_on(check.consult(Ai::Ask(&assistant)))?
    };
    let answer = check.finish(keywords).map_err(place)?;
    report_provenance("job keywords", &assistant, &answer.provenance);
    let report = &answer.report;
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(report)?),
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
