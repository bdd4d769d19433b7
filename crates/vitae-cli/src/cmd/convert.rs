//! `vitae convert FILE --to native|json-resume`.

use super::{SourceArgs, load_valid, write_output};
use crate::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use vitae_core::format;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Target {
    /// The native YAML format.
    Native,
    /// JSON Resume (JSON).
    JsonResume,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The format to write.
    #[arg(long, value_enum)]
    pub to: Target,
    /// Where to write; `-` (the default) is standard output.
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid(&args.source)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let resume = &source.loaded.resume;
    let text = match args.to {
        Target::Native => format::to_native_yaml(resume),
        Target::JsonResume => format::to_json_resume(resume),
    };
    write_output(&args.output, text.as_bytes())?;
    Ok(Outcome::Ok)
}
