//! `vitae import FILE [-o resume.yaml] [--to native|json-resume]`: a resume read from a PDF, a
//! text or Markdown file, or LinkedIn's data export (the ZIP, or its extracted folder), written
//! as a vitae source; what the reader is unsure of is listed, with where it was read, to check by
//! hand.

use super::write_output;
use crate::Outcome;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use vitae_app::import::{Imported, Target};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum To {
    /// The native YAML format.
    Native,
    /// JSON Resume (JSON).
    JsonResume,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The document to read: a PDF, a plain text or Markdown resume, or LinkedIn's data export
    /// (its ZIP, or the folder it extracts to). The format is told by the content.
    pub file: PathBuf,
    /// Where to write the source; `-` is standard output. Default: standard output, or with
    /// `--into`, the file merged into (its previous text kept beside it as `FILE.orig`).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The format to write. Default: native, or with `--into`, that source's own format.
    #[arg(long, value_enum)]
    pub to: Option<To>,
    /// Merge into this source instead: what is new is added (a job by employer, title and
    /// start; a school by institution and degree; a skill by name), nothing of yours is
    /// changed, and where the two differ yours stays and the difference is listed.
    #[arg(long, value_name = "SOURCE")]
    pub into: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let Some(into) = &args.into else {
        let imported = read(&args.file, args.to.unwrap_or(To::Native))?;
        write_output(
            args.output.as_deref().unwrap_or(Path::new("-")),
            imported.source.as_bytes(),
        )?;
        return Ok(summary(&args.file, &imported));
    };
    let source = match super::load_valid(&super::SourceArgs {
        file: into.clone(),
        from: None,
    })? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let to = args.to.unwrap_or(match source.loaded.format {
        vitae_core::Format::JsonResume => To::JsonResume,
        _ => To::Native,
    });
    let imported = read(&args.file, to)?;
    let merged = vitae_app::import::merge_into(&source.loaded.resume, imported, target(to));
    let output = args.output.clone().unwrap_or_else(|| into.clone());
    if output == *into {
        // The previous text stays beside the file: comments and layout of a hand-written source
        // are not kept by a writer, and nothing of the user's is lost.
        let backup = PathBuf::from(format!("{}.orig", into.display()));
        std::fs::write(&backup, source.text.as_bytes())
            .with_context(|| format!("cannot write `{}`", backup.display()))?;
        eprintln!(
            "kept the previous {} as {}",
            into.display(),
            backup.display()
        );
    }
    write_output(&output, merged.imported.source.as_bytes())?;
    let report = &merged.report;
    eprintln!(
        "merged {} into {}: {} added, {} differences kept as yours",
        args.file.display(),
        into.display(),
        report.added.len(),
        report.conflicts.len()
    );
    for a in &report.added {
        eprintln!("  added {a}");
    }
    for c in &report.conflicts {
        eprintln!(
            "  {}: yours {:?}, the import's {:?} (yours kept)",
            c.path, c.yours, c.imported
        );
    }
    Ok(if merged.imported.valid() {
        Outcome::Ok
    } else {
        Outcome::Invalid
    })
}

fn target(to: To) -> Target {
    match to {
        To::Native => Target::Native,
        To::JsonResume => Target::JsonResume,
    }
}

/// Reads and imports `file`; errors name the file and say what to do.
pub fn read(file: &Path, to: To) -> Result<Imported> {
    let target = target(to);
    let imported = if file.is_dir() {
        vitae_app::import::import_export(&export_files(file)?, target)
    } else {
        vitae_app::import::import(&crate::input::read_document(file)?, target)
    };
    imported.with_context(|| format!("cannot import `{}`", file.display()))
}

/// The files of LinkedIn's export in `folder` (its known CSVs only, each within the size limit;
/// nothing else in the folder is opened).
fn export_files(folder: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(folder)
        .with_context(|| format!("cannot read the folder `{}`", folder.display()))?;
    for entry in entries {
        let path = entry?.path();
        let Some(name) = vitae_app::import::export_file(&path.to_string_lossy()) else {
            continue;
        };
        if path.is_file() {
            files.push((name.to_owned(), crate::input::read_document(&path)?));
        }
    }
    files.sort();
    Ok(files)
}

/// Says on standard error what was read, what to check and whether the source validates.
pub fn summary(file: &Path, imported: &Imported) -> Outcome {
    let file = file.display();
    eprintln!(
        "read {file} as {}: {} values",
        imported.kind.name(),
        imported.found.len()
    );
    let unsure: Vec<_> = imported.unsure().collect();
    if !unsure.is_empty() {
        eprintln!(
            "check these {} values, read with less certainty:",
            unsure.len()
        );
        for f in unsure {
            eprintln!("  {}: {:?} ({file}, {})", f.path, f.value, f.origin);
        }
    }
    for d in imported.diagnostics.iter() {
        eprintln!("{}: {} at {}", d.severity, d.message, d.path);
    }
    if imported.valid() {
        Outcome::Ok
    } else {
        Outcome::Invalid
    }
}
