//! `vitae package RESUME --job JD`: everything one application needs, in one folder
//! `<company>-<date>/`: the resume tailored to the job (PDF, DOCX, and its source), a cover letter
//! (PDF), the ATS report (JSON) and the job as read.

use super::cover_letter::LetterArgs;
use super::fit::{
    Posting, StrictArgs, VocabularyArgs, block_on, placed, print_posting_diagnostics,
    report_provenance,
};
use super::generate::StyleArgs;
use super::tailor::TailorArgs;
use super::{SourceArgs, load_valid_strictly, write_output};
use crate::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use vitae_app::Ai;
use vitae_app::package::{PackageOptions, Packaging};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The job posting: plain text, HTML or JSON (JSON Resume job); `-` reads standard input.
    #[arg(short, long)]
    pub job: PathBuf,
    /// Where the package folder is made.
    #[arg(long, default_value = ".")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub tailor: TailorArgs,
    #[command(flatten)]
    pub letter: LetterArgs,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub strict: StrictArgs,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Record the application in the tracker, with the exact resume and letter just made
    /// (`vitae track show` finds them again).
    #[arg(long)]
    pub track: bool,
    #[command(flatten)]
    pub db: super::serve::DatabaseArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid_strictly(&args.source, args.strict.strict)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let posting = Posting::read(&args.job)?;
    let place = |e| placed(e, &[&posting.name], &source.path);
    let options = PackageOptions {
        tailor: args.tailor.options(),
        letter: args.letter.options(None, &args.style),
        style: args
            .style
            .with_files(
                &source.path,
                &source.loaded.resume,
                vitae_render::OutputFormat::Pdf,
            )?
            .style(),
    };
    // The theme the documents are set in, as the application will remember it.
    let typeset = &options.style.typeset;
    let theme = match &typeset.theme_file {
        Some(file) => file.name().to_owned(),
        None => typeset
            .design_for(&source.loaded.resume)
            .theme
            .unwrap_or_default()
            .name()
            .to_owned(),
    };
    let source_text = source.text.clone();
    let packaging = Packaging::prepare(source.loaded.resume, &posting.text, vocabulary, options)
        .map_err(place)?;
    if print_posting_diagnostics(&posting.name, &packaging.posting_diagnostics, args.strict) {
        return Ok(Outcome::Invalid);
    }
    let assistant = args.letter.ai.assistant()?;
    let letter = block_on(packaging.consult(Ai::Ask(&assistant)))?;
    let package = packaging.finish(letter).map_err(place)?;
    report_provenance("cover letter", &assistant, &package.letter);
    let date = args.style.date.unwrap_or_else(crate::input::today);
    let dir = args.out_dir.join(package.folder(date));
    for (name, bytes) in &package.files {
        write_output(&dir.join(name), bytes)?;
    }
    println!("{}", dir.display());
    for (name, _) in &package.files {
        println!("  {name}");
    }
    println!(
        "ATS score {:.1}/100 for variant `{}`; `vitae ats-check` explains every point",
        package.score, package.variant_key
    );
    if args.track {
        let job_json = package
            .files
            .iter()
            .find(|(name, _)| *name == "job.json")
            .and_then(|(_, bytes)| serde_json::from_slice(bytes).ok());
        let app = super::track::track_package(super::track::PackageRecord {
            company: package.company.as_deref(),
            job_text: &posting.text,
            job_json,
            files: &package.files,
            variant: &package.variant_key,
            theme: &theme,
            score: package.score,
            source_bytes: source_text.as_bytes(),
            folder: &dir,
            db: &args.db,
        })?;
        println!(
            "tracked as application #{} (`vitae track show {}`)",
            app.number, app.number
        );
    }
    Ok(Outcome::Ok)
}
