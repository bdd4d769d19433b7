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
    /// Where to write the source; `-` (the default) is standard output.
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// The format to write.
    #[arg(long, value_enum, default_value = "native")]
    pub to: To,
}

pub fn run(args: Args) -> Result<Outcome> {
    let imported = read(&args.file, args.to)?;
    write_output(&args.output, imported.source.as_bytes())?;
    Ok(summary(&args.file, &imported))
}

/// Reads and imports `file`; errors name the file and say what to do.
pub fn read(file: &Path, to: To) -> Result<Imported> {
    let target = match to {
        To::Native => Target::Native,
        To::JsonResume => Target::JsonResume,
    };
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
