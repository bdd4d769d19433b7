//! `vitae tailor RESUME --job JD [-o tailored.yaml] [--explain]`: the resume with a new variant
//! tailored to the job, every string taken from the source.

use super::fit::{
    AiArgs, Posting, StrictArgs, VocabularyArgs, block_on, placed, print_posting_diagnostics,
    report_provenance,
};
use super::{SourceArgs, load_valid_strictly, write_output};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use std::path::PathBuf;
use vitae_app::Ai;
use vitae_app::tailor::{DEFAULT_MAX_PROJECTS, TailorAnswer, TailorOptions, Tailoring};

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
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PROJECTS)]
    pub max_projects: usize,
    /// The key of the new variant (default: `tailored-<title>-<company>`).
    #[arg(long)]
    pub key: Option<String>,
}

impl TailorArgs {
    pub fn options(&self) -> TailorOptions {
        TailorOptions {
            variant: self.variant.clone(),
            max_bullets: self.max_bullets,
            max_projects: self.max_projects,
            key: self.key.clone(),
        }
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
    pub strict: StrictArgs,
    #[command(flatten)]
    pub ai: AiArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid_strictly(&args.source, args.strict.strict)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let posting = Posting::read(&args.job)?;
    let tailoring = Tailoring::prepare(
        source.loaded.resume,
        &posting.text,
        vocabulary,
        &args.tailor.options(),
    )
    .map_err(|e| placed(e, &[&posting.name], &source.path))?;
    if print_posting_diagnostics(&posting.name, &tailoring.posting_diagnostics, args.strict) {
        return Ok(Outcome::Invalid);
    }
    let assistant = args.ai.assistant()?;
    let outcome = {
        let _spinning = crate::progress::Spinner::for_model(&assistant, "the tailored wording");
        block_on(tailoring.consult(Ai::Ask(&assistant)))?
    };
    let answer = tailoring.finish(outcome);
    report_provenance("tailored resume", &assistant, &answer.provenance);
    write_output(&args.output, answer.source_yaml.as_bytes())?;
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout {
        let path = args.output.display();
        if answer.is_standalone() {
            eprintln!("wrote {path} (a standalone tailored resume)");
        } else {
            let key = &answer.variant_key;
            eprintln!(
                "wrote {path}: variant `{key}` (render it with `vitae generate {path} -v {key}`)"
            );
        }
    }
    explain(&args, &answer, to_stdout)
}

/// `--explain`: what deterministic tailoring chose and why (to stderr when the resume goes to
/// stdout).
fn explain(args: &Args, answer: &TailorAnswer, to_stdout: bool) -> Result<Outcome> {
    if args.explain {
        let text = match args.format {
            ReportFormat::Json => serde_json::to_string_pretty(&answer.explanation)? + "\n",
            ReportFormat::Human => answer.explanation.to_string(),
        };
        if to_stdout {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    Ok(Outcome::Ok)
}
