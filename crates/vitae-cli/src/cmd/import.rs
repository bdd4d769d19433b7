//! `vitae import FILE [-o resume.yaml] [--to native|json-resume]`: a resume read from a PDF or a
//! text or Markdown file, written as a vitae source; what the reader is unsure of is listed, with
//! where it was read, to check by hand.

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
    /// The document to read: a PDF, or a plain text or Markdown resume (the format is told by
    /// its content).
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
    let bytes = crate::input::read_document(file)?;
    let target = match to {
        To::Native => Target::Native,
        To::JsonResume => Target::JsonResume,
    };
    vitae_app::import::import(&bytes, target)
        .with_context(|| format!("cannot import `{}`", file.display()))
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
