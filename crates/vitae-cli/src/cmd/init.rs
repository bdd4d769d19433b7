//! `vitae init [PATH]`: writes the complete example resume; `--from FILE`, the resume read from
//! a document instead (see `vitae import`).

use crate::Outcome;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;

/// The example every command works on; the same file as `examples/resume.yaml`.
pub const EXAMPLE: &str = include_str!("../../../../examples/resume.yaml");

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to write the example.
    #[arg(default_value = "resume.yaml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Start from the resume in this PDF, text or Markdown file instead of the example.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome> {
    if args.path.exists() && !args.force {
        bail!(
            "`{}` already exists (hint: pass --force to overwrite it, or choose another path)",
            args.path.display()
        );
    }
    if let Some(from) = &args.from {
        let imported = super::import::read(from, super::import::To::Native)?;
        std::fs::write(&args.path, &imported.source)
            .with_context(|| format!("cannot write `{}`", args.path.display()))?;
        println!(
            "wrote {} from {} — check it with `vitae validate {0}`",
            args.path.display(),
            from.display()
        );
        return Ok(super::import::summary(from, &imported));
    }
    std::fs::write(&args.path, EXAMPLE)
        .with_context(|| format!("cannot write `{}`", args.path.display()))?;
    println!(
        "wrote {} — try `vitae validate {0}` and `vitae generate {0} -v backend -f md -o -`",
        args.path.display()
    );
    Ok(Outcome::Ok)
}
