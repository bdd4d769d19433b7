//! `vitae validate FILE`: every problem at once, exit 0 valid (warnings allowed), 1 invalid.

use super::{SourceArgs, load, print_diagnostics};
use crate::Outcome;
use crate::report::{self, ReportFormat};
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load(&args.source, args.format)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let mut diags = source.loaded.diagnostics.clone();
    if args.strict {
        diags.escalate_warnings();
    }
    print_diagnostics(
        &source.path,
        Some(&source.text),
        Some(source.loaded.format),
        &diags,
        args.format,
        true,
    )?;
    if args.format == ReportFormat::Human {
        let verdict = if diags.has_errors() {
            "invalid"
        } else {
            "valid"
        };
        println!(
            "{}: {verdict} {} resume ({})",
            source.path,
            source.loaded.format,
            report::summary(&diags)
        );
    }
    Ok(if diags.has_errors() {
        Outcome::Invalid
    } else {
        Outcome::Ok
    })
}
