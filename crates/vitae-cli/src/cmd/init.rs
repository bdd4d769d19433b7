//! `vitae init [PATH]`: writes the complete example resume.

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
}

pub fn run(args: Args) -> Result<Outcome> {
    if args.path.exists() && !args.force {
        bail!(
            "`{}` already exists (hint: pass --force to overwrite it, or choose another path)",
            args.path.display()
        );
    }
    std::fs::write(&args.path, EXAMPLE)
        .with_context(|| format!("cannot write `{}`", args.path.display()))?;
    println!(
        "wrote {} — try `vitae validate {0}` and `vitae generate {0} -v backend -f md -o -`",
        args.path.display()
    );
    Ok(Outcome::Ok)
}
