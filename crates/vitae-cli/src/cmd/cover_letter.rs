//! `vitae cover-letter RESUME --job JD -f pdf`: a letter built from the resume's best-matching
//! achievements and the job's own facts.

use super::fit::{
    AiArgs, Posting, StrictArgs, VocabularyArgs, block_on, placed, print_posting_diagnostics,
    report_provenance,
};
use super::generate::{StyleArgs, write_rendered};
use super::{SourceArgs, load_valid_strictly, write_output};
use crate::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use vitae_app::Ai;
use vitae_app::letter::{LetterOptions, Lettering};
use vitae_app::package::slug;
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
    /// Your own sentence about why this company ("Your work on open payments infrastructure is
    /// why I want to join."); the letter quotes it as written, after its opening.
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    #[command(flatten)]
    pub ai: AiArgs,
}

impl LetterArgs {
    /// The letter's options; it is dated with the render's date (`--date`, else today).
    pub fn options(&self, variant: Option<String>, style: &StyleArgs) -> LetterOptions {
        LetterOptions {
            variant,
            recipient: self.recipient.clone(),
            company: self.company.clone(),
            date: Some(style.date.unwrap_or_else(crate::input::today)),
            why: self.why.clone(),
            locale: Some(style.locale.code.to_owned()),
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
    pub strict: StrictArgs,
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
    let source = match load_valid_strictly(&args.source, args.strict.strict)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let posting = Posting::read(&args.job)?;
    let options = args.letter.options(args.variant.clone(), &args.style);
    let lettering = Lettering::prepare(source.loaded.resume, &posting.text, vocabulary, &options)
        .map_err(|e| placed(e, &[&posting.name], &source.path))?;
    if print_posting_diagnostics(&posting.name, &lettering.posting_diagnostics, args.strict) {
        return Ok(Outcome::Invalid);
    }
    let assistant = args.letter.ai.assistant()?;
    let outcome = {
        let _spinning = crate::progress::Spinner::for_model(&assistant, "the letter");
        block_on(lettering.consult(Ai::Ask(&assistant)))?
    };
    let answer = lettering.finish(outcome);
    report_provenance("cover letter", &assistant, &answer.provenance);
    let extension = format.map_or("json", OutputFormat::extension);
    let output = args.output.unwrap_or_else(|| {
        let name = format!(
            "cover-letter-{}-{}.{extension}",
            slug(answer.company.as_deref().unwrap_or("job")),
            crate::input::today(),
        );
        args.out_dir.join(name)
    });
    let Some(format) = format else {
        let json = serde_json::to_string_pretty(&answer.letter)? + "\n";
        write_output(&output, json.as_bytes())?;
        if output.as_os_str() != "-" {
            eprintln!("wrote {}", output.display());
        }
        return Ok(Outcome::Ok);
    };
    let rendered = answer
        .render(format, &args.style.with_theme_file()?.style())
        .with_context(|| format!("cannot render the cover letter as {format}"))?;
    for path in write_rendered(&output, rendered)? {
        if path.as_os_str() != "-" {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(Outcome::Ok)
}
