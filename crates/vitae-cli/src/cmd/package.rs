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
use std::path::{Path, PathBuf};
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
    let letter = {
        let _spinning = crate::progress::Spinner::for_model(&assistant, "the cover letter");
        block_on(packaging.consult(Ai::Ask(&assistant)))?
    };
    let package = {
        let _spinning =
            crate::progress::Spinner::start("rendering the resume, the letter and the report");
        packaging.finish(letter)
    }
    .map_err(place)?;
    report_provenance("cover letter", &assistant, &package.letter);
    let date = args.style.date.unwrap_or_else(crate::input::today);
    let dir = args.out_dir.join(package.folder(date));
    write_package(&dir, &package.files)?;
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

/// Writes the package's files into `dir`, all or none: they are written into a new folder beside
/// it, which then takes its place (a package written before under the same name is replaced
/// only once the new one is whole). A full disk leaves the folder as it was.
fn write_package(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    use super::io_failure;
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| io_failure(e, format!("cannot create `{}`", parent.display())))?;
    let staged = tempfile::Builder::new()
        .prefix(".vitae-package-")
        .tempdir_in(parent)
        .map_err(|e| io_failure(e, format!("cannot write in `{}`", parent.display())))?;
    for (name, bytes) in files {
        write_output(&staged.path().join(name), bytes)?;
    }
    let previous = dir.exists().then(|| {
        parent.join(format!(
            ".vitae-package-old-{}-{}",
            std::process::id(),
            dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ))
    });
    if let Some(previous) = &previous {
        std::fs::rename(dir, previous)
            .map_err(|e| io_failure(e, format!("cannot replace `{}`", dir.display())))?;
    }
    let staged = staged.keep();
    if let Err(e) = std::fs::rename(&staged, dir) {
        // Put the old package back; the new one is removed with its folder.
        if let Some(previous) = &previous {
            let _ = std::fs::rename(previous, dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(io_failure(e, format!("cannot write `{}`", dir.display())));
    }
    if let Some(previous) = previous {
        let _ = std::fs::remove_dir_all(previous);
    }
    Ok(())
}
